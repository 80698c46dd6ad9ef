import EarshotDetectors
import EarshotModel
import EarshotText
import Testing

/// The wording terms the reply-verdict and customer-mood models weigh: what a text's terms are, that
/// the hashes read at run time are the hashes of the spelled-out terms the fit saw, and that model
/// files with terms load, add their weights and reject malformed lines.
@Suite struct TermBagTests {
  func verdictFile() -> String {
    var lines = ["# feature\tanswered\tpartial\tnot_answered\tusefulness"]
    for name in VerdictFeatures.names {
      lines.append(name == "bias" ? "bias\t0\t0.5\t0\t0" : "\(name)\t0\t0\t0\t0")
    }
    return lines.joined(separator: "\n")
  }

  func vector() -> [Double] {
    var vector = [Double](repeating: 0, count: VerdictFeatures.names.count)
    vector[0] = 1
    return vector
  }

  func model(terms: String) throws -> VerdictModel {
    try VerdictModel(
      entries: try LexiconFile.parse(verdictFile(), name: "m.tsv"), file: "m.tsv",
      terms: try LexiconFile.parse(terms, name: "t.tsv"), termsFile: "t.tsv")
  }

  /// The terms of `text` said by an agent, as the analysis reads them.
  func terms(_ text: String) throws -> (strings: [String], hashes: [Int]) {
    let analyzed = try DetectorHarness.analyze("[09:00] Agent Sam: \(text)\n")
    return (analyzed.wordingTerms(ofTurnAt: 0), analyzed.verdictTermHashes(forReplyAt: 0))
  }

  @Test func aTextsTermsAreItsWordsEmojiAndNeighbouringPairs() throws {
    let (strings, hashes) = try terms("We’ll look into it, DM us 🙂 https://t.co/x @someone 42")
    // Lowercased, the curly apostrophe read as straight; the link, the mention, the number and the
    // punctuation are not wording.
    #expect(strings.contains("we'll"))
    #expect(strings.contains("we'll look"))
    #expect(strings.contains("dm us"))
    #expect(strings.contains("us 🙂"))
    #expect(!strings.contains { $0.contains("https") || $0.contains("someone") || $0.contains("42") })
    // The hashes read at run time are the hashes of the spelled-out terms, sorted and distinct.
    #expect(hashes == strings.map { TermBag.hash(of: $0) }.sorted())
    #expect(Set(hashes).count == hashes.count)
  }

  @Test func pairsKeepTheirOrder() {
    #expect(TermBag.hash(of: "dm us") != TermBag.hash(of: "us dm"))
    #expect(TermBag.hash(of: "DM Us") == TermBag.hash(of: "dm us"))
  }

  @Test func termWeightsMoveTheVerdict() throws {
    let plain = try model(terms: "")
    #expect(plain.predict(vector()).verdict == .partial)
    let worded = try model(terms: "dm us\t-1\t0\t2\nhere's how\t3\t0\t-1")
    let deflect = try terms("Please DM us.").hashes
    #expect(worded.predict(vector(), terms: deflect).verdict == .notAnswered)
    #expect(worded.drivers(vector(), terms: deflect, toward: .notAnswered).map(\.name) == ["wording"])
    #expect(worded.wordingTerms(vector(), terms: deflect, toward: .notAnswered) == ["dm us"])
    #expect(worded.predict(vector(), terms: try terms("Here's how: open Settings.").hashes).verdict == .answered)
    // Terms the file does not list change nothing.
    #expect(worded.predict(vector(), terms: try terms("Thanks for waiting").hashes).verdict == .partial)
  }

  @Test func malformedTermLinesNameTheLine() throws {
    func error(_ terms: String) -> LexiconError? {
      do {
        _ = try model(terms: terms)
        return nil
      } catch let error as LexiconError {
        return error
      } catch {
        return nil
      }
    }
    let short = try #require(error("dm us\t1\t2"))
    #expect(short.line == 1)
    #expect(short.description.hasPrefix("t.tsv:1"))
    #expect(short.message.contains("expected 3 numbers"))
    let long = try #require(error("ok\t0\t0\t0\nplease dm us\t1\t2\t3"))
    #expect(long.line == 2)
    #expect(long.message.contains("a word or two words"))
    let repeated = try #require(error("DM us\t0\t0\t0\ndm us\t1\t1\t1"))
    #expect(repeated.message.contains("repeats"))
  }

  @Test func theShippedTermFilesLoadAndMoveScores() throws {
    let verdicts = try VerdictModel.loadDefault()
    let mood = try CustomerMoodModel.loadDefault()
    let features = [Double](repeating: 0, count: CustomerMoodFeatures.names.count)
    let happy = try terms("thank you so much, you're the best").hashes
    let fedUp = try terms("this is ridiculous, still waiting and nobody cares").hashes
    // The fitted wording alone (no features) ranks a delighted customer above a fed-up one.
    #expect(mood.end(features, terms: happy) > mood.end(features, terms: fedUp))
    let deflection = try terms("Please send us a DM and we'll take a look").hashes
    let probabilities = verdicts.predict(vector(), terms: deflection).probabilities
    #expect(probabilities.count == 3)
    #expect(verdicts.predict(vector(), terms: deflection).probabilities != verdicts.predict(vector()).probabilities)
  }
}
