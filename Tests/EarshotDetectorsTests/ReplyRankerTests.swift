import EarshotDetectors
import EarshotModel
import EarshotText
import Testing

@Suite struct ReplyRankerTests {
  /// The named feature of every reply, by turn index.
  func feature(_ name: String, in log: String) throws -> [Int: Double] {
    let column = try #require(ReplyRanker.featureNames.firstIndex(of: name))
    return ReplyRanker().features(in: try DetectorHarness.analyze(log)).mapValues { $0[column] }
  }

  @Test func answerRanksAboveBanterAndTheAskersThanks() throws {
    let log = """
      Customer Asker: Where can I renew my driving licence in Doha, and how much does it cost?
      Agent Joker: lol good luck with that
      Customer Asker: thanks anyway
      Agent Helper: You can renew it at the traffic department in Madinat Khalifa; it costs QR 250 for five years.
      """
    let analyzed = try DetectorHarness.analyze(log)
    let scores = ReplyRanker().scores(in: analyzed)
    let answer = try #require(scores[3])
    #expect(answer > (scores[1] ?? 0))
    #expect(answer > (scores[2] ?? 0))
    #expect(ReplyRanker.featureNames.count == ReplyRanker.fittedWeights.count)
  }

  @Test func theAskersThanksMarksTheReplyJustBeforeIt() throws {
    let log = """
      Customer Asker: Which clinic in Doha does dental implants at a fair price?
      Agent Bob: Try the dental clinic near Al Sadd; my wife had implants there for about QR 4000.
      Customer Asker: Thank you Bob, I will call them tomorrow.
      Agent Carl: Ask your company's insurance first.
      """
    let next = try feature("asker_thanks_next", in: log)
    #expect(next[1] == 1)
    #expect(next[3] == 0)
    let later = try feature("asker_thanks_later", in: log)
    #expect(later[1] == 1)
    #expect(later[3] == 0)
  }

  @Test func twoOthersChattingAndRepeatVoicesAreMarked() throws {
    let log = """
      Customer Asker: Is there a good place to buy a used car in Doha?
      Agent Ann: Try the Friday market on Salwa Road.
      Agent Ben: Ann are you still selling your old Corolla?
      Agent Ann: yes lol, make me an offer
      Agent Ben: haha ok
      """
    let between = try feature("between_two_voices", in: log)
    #expect(between[3] == 1)
    #expect(between[1] == 0)
    let first = try feature("first_by_author", in: log)
    #expect(first[1] == 1)
    #expect(first[2] == 1)
    #expect(first[3] == 0)
  }

  @Test func scoresCompareAcrossThreads() throws {
    // ROC-AUC pools every thread's replies, so an answer in one thread must outscore chat in another.
    let answer = try DetectorHarness.analyze(
      """
      Customer Asker: How do I get a driving licence in Qatar with an Indian licence?
      Agent Helper: You need a driving test at the traffic department; bring your residence permit, eye test and NOC.
      """)
    let chat = try DetectorHarness.analyze(
      """
      Customer Asker: Any good Indian restaurants near the Corniche?
      Agent Joker: lol why do you ask?? :)
      """)
    let ranker = ReplyRanker()
    #expect(try #require(ranker.scores(in: answer)[1]) > (try #require(ranker.scores(in: chat)[1])))
  }

  @Test func theAnswerTermsLexiconLoads() {
    let terms = DetectorHarness.resources.lexicons.answerTerms
    #expect(terms.count > 1000)
    #expect((terms["lol"] ?? 0) < 0)
    #expect((terms["contact"] ?? 0) > 0)
    #expect((terms["you can"] ?? 0) > 0)
  }

  @Test func lexiconTermsAreStemsPairsAndTheOpening() {
    let terms = ReplyRanker.lexiconTerms(TokenizedText("Yes, you can renew it at the traffic department."))
    #expect(terms.isSuperset(of: ["yes", "you can", "renew", "depart", "^yes", "^you"]))
    #expect(!terms.contains("^can"))
  }
}
