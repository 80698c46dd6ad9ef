import EarshotPrivacy

/// A redactor with the default settings (every built-in kind, no patterns).
let defaultRedactor: Redactor = {
  do { return try Redactor() } catch { fatalError("default privacy settings must be valid: \(error)") }
}()

/// `text` redacted with the default settings.
func redacted(_ text: String) -> String { defaultRedactor.redact(text) }
