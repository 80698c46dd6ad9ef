import EarshotDetectors
import EarshotModel
import EarshotText
import Foundation
import Testing

/// The fitted implicit-request model: which customer runs without a question it takes for requests
/// (the guide's complaint about a concrete problem the customer wants acted on), and its file's
/// errors.
@Suite struct RequestModelTests {
  func requests(_ chatLog: String) throws -> [QuestionRecord] {
    let analyzed = try DetectorHarness.analyze(chatLog)
    return analyzed.questionRecords
  }

  @Test func aConcreteComplaintWithoutAQuestionIsARequest() throws {
    let records = try requests(
      """
      [09:00] Customer Ana Lima: my driver took me to the bus station instead of the airport and I missed my flight
      [09:05] Agent Sam: I'm sorry to hear that. Please send us your trip details in a DM.
      """)
    #expect(records.count == 1)
    #expect(records.first?.type == "request")
    #expect(records.first?.turn == 0)
  }

  @Test func featuresSitWhereTheirNamesSay() throws {
    let analyzed = try DetectorHarness.analyze(
      """
      [09:00] Customer Ana Lima: my package arrived damaged and two items are missing
      [09:05] Agent Sam: I'm sorry to hear that. Please send us your order number in a DM.
      """)
    let candidate = try #require(analyzed.implicitRequestCandidates().first)
    let values = candidate.features
    func value(_ name: String) -> Double? { RequestFeatures.index[name].map { values[$0] } }
    #expect(values.count == RequestFeatures.names.count)
    #expect(value("bias") == 1)
    #expect(value("rule") == 1)
    #expect(value("problem") == 1)
    #expect(value("first_block") == 1)
    #expect(value("turns") == 1)
    #expect(value("answering") == 0)
    #expect(value("has_question_mark") == 0)
    #expect(value("mentions_only") == 0)
    #expect(value("closes") == 0)
    #expect(abs((value("log_words") ?? 0) - log(1 + 9)) < 1e-9)  // nine words
    #expect((value("min_compound") ?? 0) < 0)
    #expect(candidate.terms.contains("items are"))
  }

  @Test func thanksThatCloseTheMatterAreNotRequests() throws {
    let records = try requests(
      """
      [09:00] Customer Ana Lima: thanks so much, that worked perfectly!
      [09:05] Agent Sam: Glad to hear it, have a great day.
      """)
    #expect(records.isEmpty)
  }

  @Test func malformedFilesNameTheLine() throws {
    func error(_ text: String) -> LexiconError? {
      do {
        _ = try RequestModel(entries: try LexiconFile.parse(text, name: "r.tsv"), file: "r.tsv")
        return nil
      } catch let error as LexiconError {
        return error
      } catch {
        return nil
      }
    }
    let complete = RequestFeatures.names.map { "\($0)\t0.5" }
    let unknown = try #require(error((complete + ["shoe_size\t1"]).joined(separator: "\n")))
    #expect(unknown.line == complete.count + 1)
    #expect(unknown.message.contains("unknown feature 'shoe_size'"))
    let missing = try #require(error(complete.dropLast().joined(separator: "\n")))
    #expect(missing.line == nil)
    #expect(missing.message.contains(RequestFeatures.names.last ?? ""))
    let twice = try #require(error((complete + [complete[1]]).joined(separator: "\n")))
    #expect(twice.message.contains("appears twice"))
    let words = try #require(
      error((Array(complete.dropFirst()) + ["bias\t1\t2"]).joined(separator: "\n")))
    #expect(words.message.contains("expected one number"))
  }

  @Test func theShippedModelWeighsTheRuleAndTheMood() throws {
    let model = try RequestModel.loadDefault()
    var calm = [Double](repeating: 0, count: RequestFeatures.names.count)
    calm[0] = 1
    var complaint = calm
    complaint[RequestFeatures.index["rule"] ?? 0] = 1
    complaint[RequestFeatures.index["problem"] ?? 0] = 1
    complaint[RequestFeatures.index["min_compound"] ?? 0] = -0.6
    complaint[RequestFeatures.index["log_words"] ?? 0] = 2.5
    #expect(model.score(complaint) > model.score(calm))
  }
}
