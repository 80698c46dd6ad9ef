/// How e-mail readers tell agents from customers and which company a thread belongs to.
public struct EmailReaderOptions: Sendable, Hashable {
  /// Creates options.
  public init() {}
}
