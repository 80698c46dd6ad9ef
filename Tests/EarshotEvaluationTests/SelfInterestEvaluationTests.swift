import EarshotDetectors
import EarshotEvaluation
import EarshotModel
import EarshotTestSupport
import Foundation
import Testing

@Suite struct SelfInterestEvaluationTests {
  static func run() throws -> SelfInterestEvaluation.Result {
    let folder = try TemporaryDirectory()
    let data = try folder.write("conversations.jsonl", SelfInterestFixture.conversations)
    let labels = try SelfInterestEvaluation.labels(at: try folder.write("labels.jsonl", SelfInterestFixture.labels))
    return SelfInterestEvaluation.evaluate(
      labels: labels, conversations: try SelfInterestEvaluation.conversations(at: data),
      resources: try AnalysisResources.loadDefault())
  }

  @Test func scoresEachPatternAgainstTheLabels() throws {
    let result = try Self.run()
    #expect(result.labeled == 7)
    #expect(result.matched == 6)
    // fx-1 (instead of answer) and fx-2 (retention wall) are found; fx-6 has no sales wording and is missed.
    #expect(result.prematureAny.truePositives == 2)
    #expect(result.prematureAny.falseNegatives == 1)
    #expect(result.prematureAny.falsePositives == 0)
    #expect(result.perPattern["retention_wall"]?.truePositives == 1)
    #expect(result.perPattern["pitch_instead_of_answer"]?.truePositives == 1)
    #expect(result.perPattern["pitch_after_resolution"]?.truePositives == 1)
    #expect(result.perPattern["survey_before_resolution"]?.truePositives == 1)
    #expect(result.afterResolution == 1)
    #expect(result.afterResolutionFlaggedPremature == 0)
    #expect(result.goldPitchTurns == 4)
    #expect(result.foundPitchTurns == 3)
    #expect(result.bothResolved == 3)
    #expect(result.sameResolvedTurn == 3)
  }

  @Test func reportAndDisagreementsNameWhatDiffers() throws {
    let result = try Self.run()
    let report = SelfInterestEvaluation.report(result, dataPath: "data.jsonl", labelsPath: "labels.jsonl")
    #expect(report.contains("6 of 7 labeled conversations found in the data"))
    #expect(report.contains("any premature pitch (3 patterns)   precision 1.00  recall 0.67  (TP 2, FP 0, FN 1)"))
    #expect(report.contains("pitch after resolution flagged as premature: 0.00 (0 of 1)"))
    #expect(result.disagreements.contains("fx-missing: not in the data"))
    #expect(
      result.disagreements.contains { $0.hasPrefix("fx-6 [premature_pitch, pitch turns [1]]: missed premature_pitch") })
    #expect(!result.disagreements.contains { $0.hasPrefix("fx-4") })
  }

  @Test func aMalformedLabelNamesItsLine() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write("labels.jsonl", SelfInterestFixture.labels + "\n{\"conversation\": \"x\"}\n")
    #expect {
      _ = try SelfInterestEvaluation.labels(at: path)
    } throws: { error in
      (error as? InputDiagnostic)?.location.line == 8
    }
  }
}

@Suite struct STC3DialogueTests {
  @Test func convertsTurnsAndAveragesThePanel() throws {
    let dialogues = try STC3Dialogues.parse(Data(SelfInterestFixture.stc3.utf8), file: "tiny.json")
    #expect(dialogues.count == 2)
    let first = dialogues[0]
    #expect(first.conversation.id == "d-1")
    #expect(first.conversation.turns.map(\.role) == [.customer, .agent, .customer])
    #expect(first.conversation.turns[0].text == "My bill doubled this month. Why?")
    #expect(first.annotators == 3)
    #expect(abs(first.accomplishment - 5.0 / 3) < 1e-9)
    #expect(abs(first.satisfaction - 4.0 / 3) < 1e-9)
    #expect(first.usefulness[0] == nil)
    #expect(first.usefulness[1] == 1)
    #expect(abs(first.solution[1] - 2.0 / 3) < 1e-9)
    #expect(abs(first.solution[2] - 2.0 / 3) < 1e-9)
    #expect(first.solutionTurn() == 1)
    #expect(dialogues[1].solutionTurn() == nil)
    #expect(abs((dialogues[1].usefulness[1] ?? 0) - 1.0 / 3) < 1e-9)
  }

  @Test func resolutionAgreementCountsBothKindsOfDialogue() throws {
    let dialogues = try STC3Dialogues.parse(Data(SelfInterestFixture.stc3.utf8), file: "tiny.json")
    let agreement = QualityEvaluation.resolution(dialogues, resources: try AnalysisResources.loadDefault())
    #expect(agreement.dialogues == 2)
    #expect(agreement.resolved.truePositives == 1)
    #expect(agreement.resolved.trueNegatives == 1)
    #expect(agreement.withinOneTurn == 1)
    let report = QualityEvaluation.report(agreement, path: "tiny.json")
    #expect(report.contains("resolved: precision 1.00  recall 1.00"))
  }

  @Test func aWrongSchemaIsADiagnosticNamingTheFile() throws {
    #expect {
      _ = try STC3Dialogues.parse(Data("[{\"id\": \"x\", \"turns\": []}]".utf8), file: "bad.json")
    } throws: { error in
      let diagnostic = error as? InputDiagnostic
      return diagnostic?.location.file == "bad.json" && diagnostic?.message.contains("annotations") == true
    }
  }

  // Reads the real STC-3 dev file when the shared corpora are present (../shared beside the package).
  @Test(
    .enabled(
      if: SharedCorpora.exists("stc3-dch1/stc3_dev_en.json"), "needs ../shared/corpora/stc3-dch1/stc3_dev_en.json"))
  func loadsTheSharedDevFile() throws {
    let dialogues = try STC3Dialogues.load(SharedCorpora.path("stc3-dch1/stc3_dev_en.json"))
    #expect(dialogues.count == 1319)
    #expect(dialogues.allSatisfy { $0.annotators == 19 })
    #expect(dialogues.allSatisfy { $0.solution.count == $0.conversation.turns.count })
  }
}
