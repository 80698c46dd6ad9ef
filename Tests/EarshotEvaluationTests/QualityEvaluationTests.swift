import EarshotEvaluation
import EarshotModel
import EarshotScoring
import Foundation
import Testing

/// Three dialogues written for these tests in the STC-3 DCH-1 schema (no STC-3 text), three
/// annotators each.
let stc3Fixture = """
  [
    {"id": "d1", "turns": [
      {"sender": "customer", "utterances": ["My router drops the connection every evening.", " ", "What can I do?"]},
      {"sender": "helpdesk", "utterances": ["Please update the firmware to 2.4 from the settings page; it fixes evening drops."]},
      {"sender": "customer", "utterances": ["That worked, thank you so much!"]}],
     "annotations": [
      {"quality": {"A": 2, "S": 2, "E": 1}, "nugget": ["CNUG0", "HNUG*", "CNUG*"]},
      {"quality": {"A": 1, "S": 2, "E": 2}, "nugget": ["CNUG0", "HNUG*", "CNUG*"]},
      {"quality": {"A": 2, "S": 1, "E": 1}, "nugget": ["CNUG0", "HNUG", "CNaN"]}]},
    {"id": "d2", "turns": [
      {"sender": "customer", "utterances": ["Why was I charged twice for my phone bill this month?"]},
      {"sender": "helpdesk", "utterances": ["We value your feedback."]},
      {"sender": "customer", "utterances": ["That is not an answer. I want the second charge refunded."]}],
     "annotations": [
      {"quality": {"A": -2, "S": -2, "E": -1}, "nugget": ["CNUG0", "HNaN", "CNUG"]},
      {"quality": {"A": -1, "S": -2, "E": -2}, "nugget": ["CNUG0", "HNaN", "CNaN"]},
      {"quality": {"A": -2, "S": -1, "E": -2}, "nugget": ["CNUG0", "HNUG", "CNUG"]}]},
    {"id": "d3", "turns": [
      {"sender": "customer", "utterances": ["When does the new tariff start?"]},
      {"sender": "helpdesk", "utterances": ["Could you tell us which city you are in?"]},
      {"sender": "customer", "utterances": ["Berlin."]},
      {"sender": "helpdesk", "utterances": ["In Berlin it starts on the first of next month."]}],
     "annotations": [
      {"quality": {"A": 1, "S": 0, "E": 0}, "nugget": ["CNUG0", "HNUG", "CNUG", "HNUG*"]},
      {"quality": {"A": 1, "S": 1, "E": 0}, "nugget": ["CNUG0", "HNaN", "CNUG", "HNUG*"]},
      {"quality": {"A": 0, "S": 0, "E": 1}, "nugget": ["CNUG0", "HNUG", "CNUG", "HNUG*"]}]}
  ]
  """

@Suite struct STC3DialoguesTests {
  @Test func readsTurnsRatingsAndNuggetShares() throws {
    let dialogues = try STC3Dialogues.parse(Data(stc3Fixture.utf8), file: "fixture.json")
    #expect(dialogues.map(\.conversation.id) == ["d1", "d2", "d3"])
    let first = dialogues[0]
    #expect(first.conversation.turns.map(\.role) == [.customer, .agent, .customer])
    // Non-empty utterances joined by a space.
    #expect(first.conversation.turns[0].text == "My router drops the connection every evening. What can I do?")
    #expect(first.annotators == 3)
    #expect(abs(first.satisfaction - 5.0 / 3) < 1e-9)
    #expect(abs(first.accomplishment - 5.0 / 3) < 1e-9)
    #expect(abs(first.effectiveness - 4.0 / 3) < 1e-9)
    #expect(first.usefulness[0] == nil)
    #expect(first.usefulness[1] == 1)
    #expect(abs(first.solution[1] - 2.0 / 3) < 1e-9)
    #expect(first.solutionTurn() == 1)
    #expect(abs((dialogues[1].usefulness[1] ?? -1) - 1.0 / 3) < 1e-9)
  }

  @Test func aMissingFieldIsNamedWithItsPlace() {
    let broken = #"[{"id": "x", "turns": [{"sender": "customer"}], "annotations": []}]"#
    #expect {
      _ = try STC3Dialogues.parse(Data(broken.utf8), file: "broken.json")
    } throws: { error in
      let text = String(describing: error)
      return text.contains("broken.json") && text.contains("utterances") && text.contains("[0]")
    }
  }
}

@Suite struct QualityEvaluationTests {
  @Test func scoresEveryDialogueAndComparesWithThePanel() throws {
    let dialogues = try STC3Dialogues.parse(Data(stc3Fixture.utf8), file: "fixture.json")
    let results = try QualityEvaluation.score(dialogues)
    #expect(results.map(\.conversationId) == ["d1", "d2", "d3"])
    let agreement = QualityEvaluation.listening(dialogues, results: results)
    #expect(agreement.dialogues == 3)
    // d1's and d3's helpdesk turns, and d2's: only d2's turn 1 (1 of 3 marks) is useless.
    #expect(agreement.helpdeskTurns == 4)
    #expect(agreement.uselessTurns == 1)
    // The thanked, answered dialogue scores above the ignored complaint, as the panel says.
    #expect(results[0].score.value > results[1].score.value)
    #expect(agreement.score.satisfaction != nil)
    let report = QualityEvaluation.report(agreement, path: "fixture.json", header: [])
    #expect(report.contains("3 dialogues"))
    #expect(report.contains("customer_sentiment_end"))
    #expect(!report.contains("in-sample"))
  }

  @Test func figuresOnTheFittingFileAreLabeledInSample() {
    let header = ["fitted-on: stc3_dev_en.json (1319 dialogues)", "cv by conversation: stc3 S 0.5 ± 0.1"]
    #expect(QualityEvaluation.fitted(on: "../shared/corpora/stc3-dch1/stc3_dev_en.json", header: header))
    #expect(!QualityEvaluation.fitted(on: "stc3_test_en.json", header: header))
    let report = QualityEvaluation.report(
      QualityEvaluation.ListeningAgreement(), path: "data/stc3_dev_en.json", header: header)
    #expect(report.contains("(in-sample)"))
    #expect(report.contains("cv by conversation: stc3 S 0.5 ± 0.1"))
  }

  @Test func featureTableHasOneRowPerDialogueWithTheLapseColumns() throws {
    let dialogues = try STC3Dialogues.parse(Data(stc3Fixture.utf8), file: "fixture.json")
    let results = try QualityEvaluation.score(dialogues)
    let lines = QualityEvaluation.features(dialogues, results: results).tsv.split(separator: "\n")
    #expect(lines.count == 4)
    let header = lines[0].split(separator: "\t").map(String.init)
    #expect(Array(header.prefix(8)) == ["id", "dataset", "S", "A", "E", "listening", "score", "sentiment_end"])
    #expect(header.contains("verdict.not_answered"))
    #expect(header.contains("sentiment.end"))
    let first = lines[1].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    #expect(first[0] == "d1")
    #expect(first[1] == "stc3")
    #expect(first[5] == "")
    #expect(Double(first[6]) == results[0].score.value)
  }
}
