/// The e-mail readers (RFC 5322 files, mbox, maildir), most specific first: an mbox also starts
/// with header lines after its `From ` line, so it is tried before single messages.
enum EmailFormats {
  static func readers(_ options: EmailReaderOptions) -> [any TranscriptReader] {
    [MboxReader(options: options), EmailMessageReader(options: options)]
  }
}
