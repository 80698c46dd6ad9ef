import EarshotDetectors
import EarshotModel
import EarshotText
import Testing

/// The customer's mood at the end, read by the shipped model on realistic closing turns.
@Suite struct CustomerMoodTests {
  func end(_ chatLog: String) throws -> Double {
    try #require(try DetectorHarness.analyze(chatLog).customerMood).end
  }

  @Test func thanksAfterAFixIsPositive() throws {
    let mood = try end(
      """
      Customer: My internet has been down since this morning.
      Agent: Sorry about that! I've reset the line from our side, can you restart the router?
      Customer: That fixed it, thank you so much!
      """)
    #expect(mood > 0.3)
  }

  @Test func stillNotWorkingIsNegative() throws {
    let mood = try end(
      """
      Customer: My internet has been down since this morning.
      Agent: Please restart your router and let us know.
      Customer: Did that twice, still not working.
      """)
    #expect(mood < -0.2)
  }

  @Test func sarcasticThanksIsNegative() throws {
    let mood = try end(
      """
      Customer: Where is my refund? It has been three weeks.
      Agent: Please allow 7-10 business days.
      Customer: Thanks for nothing. Worst service ever.
      """)
    #expect(mood < -0.3)
  }

  @Test func aTrailingOkIsNotReadAsAComplaintOrAsPraise() throws {
    let mood = try end(
      """
      Customer: Can I change the delivery address on my order?
      Agent: Yes, you can change it under Orders > Edit until it ships.
      Customer: ok
      """)
    #expect(abs(mood) < 0.35)
    // A polite closing reads above a complaint, whatever came before.
    let complaint = try end(
      """
      Customer: Can I change the delivery address on my order?
      Agent: Yes, you can change it under Orders > Edit until it ships.
      Customer: It won't let me, this is ridiculous.
      """)
    #expect(complaint < mood - 0.3)
  }

  @Test func theEndIsThePrimaryCustomersLastTurn() throws {
    // A second person chiming in at the end does not set the first customer's mood.
    let analyzed = try DetectorHarness.analyze(
      """
      Customer Dana: The app crashes every time I open it.
      Agent Bob: We pushed a fix, please update.
      Customer Dana: Updated and it works now, thanks!
      Customer Sam: Mine still crashes, useless.
      """)
    let mood = try #require(analyzed.customerMood)
    #expect(mood.lastTurn == 2)
    #expect(mood.end > 0.2)
  }

  @Test func aSingleTurnStartsWhereItEnds() throws {
    let mood = try #require(
      try DetectorHarness.analyze("Customer: Where is my package? It was due on Monday.").customerMood)
    #expect(mood.start == mood.end)
    #expect(mood.firstTurn == mood.lastTurn)
    #expect(try DetectorHarness.analyze("Agent: Hello, how can we help?").customerMood == nil)
  }
}

@Suite struct CustomerMoodModelTests {
  func file(skipping skipped: String? = nil, extra: String = "") -> String {
    var lines = ["# test model", "# feature\tstart\tend"]
    for name in CustomerMoodFeatures.names where name != skipped {
      lines.append(name == "compound" ? "compound\t0.5\t2" : "\(name)\t0\t0")
    }
    return (lines + [extra]).joined(separator: "\n")
  }

  @Test func readsTheColumnsAndClampsToTheScale() throws {
    let model = try CustomerMoodModel(entries: try LexiconFile.parse(file(), name: "m.tsv"), file: "m.tsv")
    var values = [Double](repeating: 0, count: CustomerMoodFeatures.names.count)
    values[try #require(CustomerMoodFeatures.index["compound"])] = 0.8
    #expect(abs(model.start(values) - 0.4) < 1e-9)
    #expect(model.end(values) == 1)
  }

  @Test func malformedFilesNameTheFileTheLineAndWhatWasExpected() throws {
    func error(_ text: String) -> LexiconError? {
      do {
        _ = try CustomerMoodModel(entries: try LexiconFile.parse(text, name: "m.tsv"), file: "m.tsv")
        return nil
      } catch let error as LexiconError {
        return error
      } catch {
        return nil
      }
    }
    let unknown = try #require(error(file(extra: "shoe_size\t1\t2")))
    #expect(unknown.line == CustomerMoodFeatures.names.count + 3)
    #expect(unknown.description.hasPrefix("m.tsv:"))
    #expect(unknown.message.contains("unknown feature 'shoe_size'"))
    let short = try #require(error(file(skipping: "caps", extra: "caps\t1")))
    #expect(short.message.contains("expected two numbers"))
    let words = try #require(error(file(skipping: "caps", extra: "caps\t1\tloud")))
    #expect(words.message.contains("expected two numbers"))
    let twice = try #require(error(file(extra: "bias\t0\t0")))
    #expect(twice.message.contains("appears twice"))
    let missing = try #require(error(file(skipping: "thanks")))
    #expect(missing.line == nil)
    #expect(missing.message.contains("thanks"))
  }

  @Test func theShippedModelLoads() throws {
    let model = try CustomerMoodModel.loadDefault()
    let neutral = [1.0] + [Double](repeating: 0, count: CustomerMoodFeatures.names.count - 1)
    #expect(abs(model.end(neutral)) < 0.5)
  }
}
