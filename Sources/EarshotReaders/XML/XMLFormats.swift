/// The XML readers (Earshot XML, Zendesk, Genesys, NPS Chat, SemEval), most specific first.
///
/// Each sniffs the root element's name (and a distinctive child), so they never claim each other's
/// files; all of them stream through `XMLStreamReader`.
enum XMLFormats {
  static func readers(_ options: ExportReaderOptions) -> [any TranscriptReader] {
    [
      EarshotXMLReader(options: options),
      ZendeskXMLReader(options: options),
      GenesysXMLReader(options: options),
      SemEvalXMLReader(options: options),
      NPSChatXMLReader(options: options),
    ]
  }
}
