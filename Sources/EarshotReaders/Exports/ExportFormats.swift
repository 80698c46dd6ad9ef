/// The vendor chat and helpdesk export readers (JSON, CSV, text exports), most specific first.
///
/// Each reader's `sniff` looks for its vendor's distinctive keys, header columns or file layout, so
/// none claims another's files, Earshot JSON (`"turns"`) or plain chat logs.
enum ExportFormats {
  static func readers(_ options: ExportReaderOptions) -> [any TranscriptReader] {
    [
      SlackExportReader(options: options),
      TwitterCSVReader(options: options),
      ZendeskJSONReader(options: options),
      IntercomJSONReader(options: options),
      ContactLensReader(options: options),
      CCAIInsightsReader(options: options),
      WhatsAppReader(options: options),
      GenericCSVReader(options: options),
    ]
  }
}
