/// Settings that readers need from configuration (who is an agent, which columns hold what).
public struct ReaderOptions: Sendable, Hashable {
  /// E-mail settings: support domains and addresses, the agent header, company mapping.
  public var email: EmailReaderOptions
  /// Settings for XML and vendor chat exports (CSV column mapping and the like).
  public var exports: ExportReaderOptions

  /// Creates options; the defaults need no configuration.
  public init(email: EmailReaderOptions = EmailReaderOptions(), exports: ExportReaderOptions = ExportReaderOptions()) {
    self.email = email
    self.exports = exports
  }
}
