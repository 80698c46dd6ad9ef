import EarshotDetectors
import EarshotEvaluation
import Foundation
import Testing

/// Helpdesk turns judged one by one, on a dialogue written for this test in the STC-3 schema.
@Suite struct STC3TurnFeaturesTests {
  let json = """
    [{"id": "d1", "turns": [
      {"sender": "customer", "utterances": ["My broadband has been down since this morning.", "Any news?"]},
      {"sender": "helpdesk", "utterances": ["We are sorry for the trouble."]},
      {"sender": "customer", "utterances": ["It is still not working."]},
      {"sender": "helpdesk", "utterances": ["An engineer fixed the fault at your exchange at 3pm; restart the router."]}
    ], "annotations": [
      {"quality": {"A": 1, "S": 0, "E": 1}, "nugget": ["CNUG0", "HNaN", "CNUG", "HNUG*"]},
      {"quality": {"A": 2, "S": 1, "E": 1}, "nugget": ["CNUG0", "HNUG", "CNUG", "HNUG*"]}
    ]}]
    """

  @Test func everyHelpdeskTurnGetsTheFeaturesAndThePanelShare() throws {
    let dialogues = try STC3Dialogues.parse(Data(json.utf8), file: "test.json")
    let rows = STC3TurnFeatures.rows(dialogues, resources: try AnalysisResources.loadDefault())
    #expect(rows.map(\.turn) == [1, 3])
    #expect(rows.map(\.panelUsefulness) == [0.5, 1])
    #expect(rows.allSatisfy { $0.features.count == VerdictFeatures.names.count })
    // The fix is more useful than the apology, as the panel says.
    #expect(rows[1].usefulness > rows[0].usefulness)
    let csv = STC3TurnFeatures.csv(rows).split(separator: "\n")
    #expect(csv.count == 3)
    #expect(csv[0].hasPrefix("conversation,turn,panel_usefulness,bias,overlap"))
    #expect(csv[1].hasPrefix("d1,1,0.5,1,"))
  }
}
