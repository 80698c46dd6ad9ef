/// Settings that readers need from configuration (who is an agent, which columns hold what).
public struct ReaderOptions: Sendable, Hashable {
  /// E-mail settings: support domains and addresses, the agent header, company mapping.
  public var email: EmailReaderOptions
  /// Settings for XML and vendor chat exports (CSV column mapping and the like).
  public var exports: ExportReaderOptions
  /// Turns per conversation, bytes per turn and time bounds, checked on every conversation read.
  public var limits: ConversationLimits

  /// Creates options; the defaults need no configuration.
  public init(
    email: EmailReaderOptions = EmailReaderOptions(), exports: ExportReaderOptions = ExportReaderOptions(),
    limits: ConversationLimits = ConversationLimits()
  ) {
    self.email = email
    self.exports = exports
    self.limits = limits
  }
}
