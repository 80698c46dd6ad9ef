import Crypto
import Foundation

/// Keyed hashes (HMAC-SHA256) of customer identities and problem terms, so that conversations
/// can be linked by customer and problem without keeping either: the raw address, handle, id or
/// word never leaves the process that read the transcript. Without the key, a hash cannot be
/// checked against a list of guessed addresses or words.
public struct CustomerKeyHasher: Sendable {
  /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made per hash).
  private let keyBytes: Data

  /// The key used when the configuration gives none. Results are still linkable and hold no raw
  /// identity, but anyone with Earshot's source could test guessed addresses against them:
  /// production use sets `customers.key_file` or `EARSHOT_CUSTOMER_KEY` (`docs/privacy.md`).
  public static let builtInKey = "earshot-customer-history-v1"

  /// A hasher with the secret `key` (any text; its UTF-8 bytes are the HMAC key).
  public init(key: String) {
    keyBytes = Data(key.utf8)
  }

  /// The key of an identity (`kind:value`, value already normalized): 32 hex digits (128 bits).
  public func customerKey(_ identity: String) -> String {
    let digest = HMAC<SHA256>.authenticationCode(
      for: Data(("customer\u{0}" + identity).utf8), using: SymmetricKey(data: keyBytes))
    return digest.prefix(16).map { byte in
      let hex = Array("0123456789abcdef".utf8)
      return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]], as: UTF8.self)
    }.joined()
  }

  /// The 32-bit hash of one content term.
  public func termHash(_ term: String) -> UInt32 {
    let digest = HMAC<SHA256>.authenticationCode(
      for: Data(("term\u{0}" + term).utf8), using: SymmetricKey(data: keyBytes))
    return digest.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
  }
}
