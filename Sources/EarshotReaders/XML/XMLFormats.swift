/// The XML readers (Earshot XML, Zendesk, Genesys, NPS Chat, SemEval), most specific first.
enum XMLFormats {
  static func readers(_ options: ExportReaderOptions) -> [any TranscriptReader] {
    []
  }
}
