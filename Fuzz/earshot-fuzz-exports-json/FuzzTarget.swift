import EarshotFuzzSupport

/// The JSON exports: Zendesk tickets, Intercom conversations, Amazon Connect Contact Lens, Google
/// CCAI Insights, and a Slack day file. The input is written as a Slack export's day file
/// (`export/support/2024-03-01.json`) because the Slack reader finds its users by that layout; the
/// other readers ignore the name.
let readers: FuzzReaders = {
  FuzzScratch.writeOnce(slackUsers, to: "export/users.json")
  FuzzScratch.writeOnce(#"[{"id": "C01", "name": "support"}]"#, to: "export/channels.json")
  return FuzzReaders(
    formats: ["zendesk-json", "intercom-json", "aws-contact-lens", "ccai-insights", "slack-export"],
    fileName: "export/support/2024-03-01.json")
}()

/// Two workspace members (one agent, one bot) and a Slack Connect customer, so role rules run.
let slackUsers = """
  [{"id": "U01AGENT", "team_id": "T0HOME", "name": "maria", "real_name": "Maria Agent"},
   {"id": "U09CUST", "team_id": "T9CUST", "name": "lee", "profile": {"display_name": "Lee"}},
   {"id": "B01BOT", "team_id": "T0HOME", "name": "helpbot", "is_bot": true}]
  """

/// libFuzzer's entry point: one input, read by every reader above.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  readers.read(UnsafeRawBufferPointer(start: data, count: size))
  return 0
}

/// Hands the process to libFuzzer (see `FuzzDriver`).
@main enum FuzzMain {
  static func main() { FuzzDriver.run(fuzzOneInput) }
}
