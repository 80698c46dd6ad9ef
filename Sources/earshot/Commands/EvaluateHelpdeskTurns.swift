import ArgumentParser
import EarshotDetectors
import EarshotEvaluation
import Foundation

extension Earshot.Evaluate {
  /// `earshot evaluate helpdesk-turns`: the reply-verdict model on STC-3 helpdesk turns, one by one.
  struct EvaluateHelpdeskTurns: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "helpdesk-turns",
      abstract: "Reply verdicts and usefulness of STC-3 helpdesk turns against the panel's nugget labels.",
      discussion: """
        Judges every helpdesk turn of an STC-3 DCH-1 JSON file against the customer turns before it \
        and prints the AUC of not_answered verdicts, and of 1 − usefulness, for the turns fewer than \
        half of the graders marked useful (HNUG/HNUG*). The shipped model was fitted on \
        ../shared/corpora/stc3-dch1/stc3_dev_en.json, so on that file the figures are in-sample.
        """)

    @Argument(help: "The STC-3 JSON, e.g. ../shared/corpora/stc3-dch1/stc3_dev_en.json")
    var data: String

    @Option(
      help: ArgumentHelp(
        "Write one CSV row per helpdesk turn (panel usefulness and the model's features) to this file, "
          + "for Scripts/fit-reply-verdicts.py.", valueName: "file"))
    var dumpTurnFeatures: String?

    func run() throws {
      let dialogues = try STC3Dialogues.load(data)
      let rows = STC3TurnFeatures.rows(dialogues, resources: try AnalysisResources.loadDefault())
      if let dumpTurnFeatures {
        try STC3TurnFeatures.csv(rows).write(toFile: dumpTurnFeatures, atomically: true, encoding: .utf8)
      }
      let (verdict, usefulness) = STC3TurnFeatures.auc(rows)
      func format(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }
      let useless = rows.filter { $0.panelUsefulness < STC3TurnFeatures.uselessBelow }.count
      let fitted = (data as NSString).lastPathComponent == "stc3_dev_en.json"
      var text = "Helpdesk turns: \(data)\n"
      text += "  \(rows.count) helpdesk turns, \(useless) panel-useless (share of HNUG/HNUG* < 0.5)\n"
      if fitted {
        text += "  IN-SAMPLE: the shipped model was fitted on this file (cross-validated: docs/evaluation.md)\n"
      }
      text +=
        "  AUC for panel-useless turns: not_answered verdict \(format(verdict)), 1 − usefulness \(format(usefulness))\n"
      Console.output(text)
    }
  }
}
