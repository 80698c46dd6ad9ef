/// The e-mail readers (RFC 5322 files, mbox, maildir), most specific first.
enum EmailFormats {
  static func readers(_ options: EmailReaderOptions) -> [any TranscriptReader] {
    []
  }
}
