import Foundation
import Testing

@testable import EarshotEvaluation

/// The gold-file and CSV readers on small fixtures written for these tests (not copied from the corpora;
/// see Tests/EarshotEvaluationTests/SOURCE.md).
@Suite struct SentimentCorporaTests {
  @Test func goldFileWithCRLFAndNoFinalNewline() throws {
    let text = "1\t2.5\tWhat a lovely day.\r\n2\t-1.25\tThe bus was late\tagain.\r\n3_1\t0\tIt is Tuesday."
    let items = try SentimentCorpora.parseGold(text, name: "fixture")
    try #require(items.count == 3)
    #expect(items[0] == SentimentGoldItem(id: "1", mean: 2.5, text: "What a lovely day."))
    #expect(items[1].text == "The bus was late\tagain.")  // a tab inside the text stays
    #expect(items.map(\.polarity) == [.positive, .negative, .neutral])
  }

  @Test func goldFileErrorsNameTheLine() {
    #expect(throws: CorpusError.self) { try SentimentCorpora.parseGold("1\t2\tok\n2\tabc\tbad", name: "f") }
    do {
      _ = try SentimentCorpora.parseGold("1\t2\tok\n2 only two\tcolumns", name: "f")
      Issue.record("expected an error")
    } catch let error as CorpusError {
      #expect(error.line == 2)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func csvQuotingRules() throws {
    let rows = try SentimentCorpora.parseCSV("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"line\nbreak\",\n", name: "f")
    #expect(rows == [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "line\nbreak", ""]])
    #expect(throws: CorpusError.self) { try SentimentCorpora.parseCSV("a,\"open", name: "f") }
  }

  @Test func airlineStyleCSV() throws {
    let csv = """
      tweet_id,airline_sentiment,airline_sentiment_confidence,negativereason,text,tweet_created
      1001,negative,1.0,Late Flight,"@airline my flight is delayed, again!",2015-02-16 10:00:00 -0800
      1002,positive,0.9,,@airline thanks for the upgrade :),2015-02-16 11:00:00 -0800
      1003,neutral,0.7,,"@airline what time does the ""red eye"" leave?",2015-02-16 12:00:00 -0800

      """
    let items = try SentimentCorpora.parseLabeledCSV(csv, name: "fixture.csv")
    #expect(items.map(\.label) == [.negative, .positive, .neutral])
    #expect(items[0].text == "@airline my flight is delayed, again!")
    #expect(items[2].text == "@airline what time does the \"red eye\" leave?")
    #expect(items[1].id == "1002")
  }

  @Test func labeledCSVNeedsItsColumns() {
    #expect(throws: CorpusError.self) { try SentimentCorpora.parseLabeledCSV("id,sentiment\n1,positive\n", name: "f") }
    #expect(throws: CorpusError.self) {
      try SentimentCorpora.parseLabeledCSV("airline_sentiment,text\nhappy,hello\n", name: "f")
    }
  }

  @Test func evaluationOnAFixture() throws {
    let items = [
      SentimentGoldItem(id: "1", mean: 2.5, text: "What a wonderful, lovely day!"),
      SentimentGoldItem(id: "2", mean: -2, text: "This is awful and I hate it."),
      SentimentGoldItem(id: "3", mean: 1, text: "Pretty good overall."),
      SentimentGoldItem(id: "4", mean: -0.5, text: "Not great."),
    ]
    // The test target depends on EarshotEvaluation only, so it lets the library own the analyzer.
    let result = try SentimentEvaluation.evaluate(gold: items, name: "tweets_GroundTruth.txt", without: [])
    #expect(result.count == 4)
    #expect(result.confusion.accuracy == 1)
    #expect((result.pearson ?? 0) > 0.8)
    #expect(result.references.first?.pearson == 0.872)  // VADER's published full-file figure
    let report = SentimentEvaluation.report([result], title: "t")
    #expect(report.contains("VADER 3.3.2, full file"))
    #expect(result.itemLines.count == 4)
  }

  @Test func expandFindsGoldFilesInAFolder() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-eval-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in ["b_GroundTruth.txt", "a.csv", "notes.md"] {
      try "x".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let urls = try SentimentCorpora.expand([folder.path])
    #expect(urls.map(\.lastPathComponent) == ["a.csv", "b_GroundTruth.txt"])
    #expect(throws: CorpusError.self) { try SentimentCorpora.expand([folder.appendingPathComponent("none").path]) }
  }
}
