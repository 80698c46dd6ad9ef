/// The vendor chat and helpdesk export readers (JSON, CSV, text exports), most specific first.
enum ExportFormats {
  static func readers(_ options: ExportReaderOptions) -> [any TranscriptReader] {
    []
  }
}
