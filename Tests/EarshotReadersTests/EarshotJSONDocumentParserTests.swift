import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotReaders

/// The hand-written Earshot JSON parser must give exactly `JSONDecoder`'s document whenever it
/// gives one, and leave every input it is not sure of (errors above all) to `JSONDecoder`, whose
/// errors the readers turn into diagnostics.
@Suite struct EarshotJSONDocumentParserTests {
  private func parsed(_ text: String) -> EarshotJSONDocument? {
    parsed(Array(text.utf8))
  }

  private func parsed(_ bytes: [UInt8]) -> EarshotJSONDocument? {
    bytes.withUnsafeBufferPointer { buffer in
      var parser = EarshotJSONDocumentParser(bytes: buffer)
      return parser.document()
    }
  }

  private func decoded(_ bytes: [UInt8]) -> EarshotJSONDocument? {
    try? JSONDecoder().decode(EarshotJSONDocument.self, from: Data(bytes))
  }

  /// The documents' fields, strings as their UTF-8 bytes (stricter than `String`'s `==`, which
  /// equates canonically equivalent texts) and metadata sorted.
  private func fields(_ document: EarshotJSONDocument) -> [String] {
    func text(_ value: String?) -> String { value.map { Array($0.utf8).description } ?? "nil" }
    var fields = [text(document.id), text(document.channel), text(document.company)]
    for participant in document.participants ?? [] {
      fields += ["participant", text(participant.id), text(participant.role), text(participant.name)]
    }
    fields.append(document.participants == nil ? "no participants" : "participants")
    for turn in document.turns {
      fields += ["turn", text(turn.speaker), text(turn.role), text(turn.name), text(turn.text)]
      switch turn.at {
      case .text(let value)?: fields.append("at text " + text(value))
      case .number(let value)?: fields.append("at number \(value.bitPattern)")
      case nil: fields.append("no at")
      }
    }
    if let metadata = document.metadata {
      fields += metadata.map { text($0.key) + "=" + text($0.value) }.sorted()
    } else {
      fields.append("no metadata")
    }
    return fields
  }

  static let accepted: [String] = [
    #"{"id":"c1","channel":"chat","company":"Acme","participants":[{"id":"a","role":"agent","name":"Bob"},{"id":"u","role":"customer"}],"turns":[{"speaker":"u","at":"2024-03-01T10:00:00Z","text":"my order never arrived"},{"speaker":"a","at":1709287260,"text":"Sorry! Your order number?"}]}"#,
    #"{"id":"esc\"1\\\/\b\f\n\r\t","turns":[{"role":"customer","text":"caf\u00e9 \ud83d\ude00 \u0000 nul \u2028 \uFFFF x"}]}"#,
    #"{"id":"Grüße 日本語 😀","turns":[{"role":"customer","text":"e\u0301 and é are different bytes"}]}"#,
    #"{"id":null,"channel":null,"company":null,"participants":null,"metadata":null,"turns":[{"role":"customer","speaker":null,"name":null,"at":null,"text":"x"}]}"#,
    #"  {"turns" : [ { "role" : "customer" , "text" : "spaced" } ] , "metadata" : { "queue" : "b\u00e9", "caf\u00e9" : "1" } }  "#
      + "\r",
    #"{"extra":{"a":[1,-2.5e-3,{"b":null}],"c":true,"d":false,"e":"s\n"},"turns":[{"role":"customer","text":"x","meta":[[[]]]}],"participants":[{"id":"q","role":"agent","avatar":"u"}]}"#,
    #"{"turns":[{"role":"customer","at":-0,"text":"a"},{"role":"agent","at":0.5,"text":"b"},{"role":"agent","at":1E5,"text":"c"},{"role":"agent","at":1e+9,"text":"d"},{"role":"agent","at":-1e19,"text":"e"},{"role":"agent","at":1709287200123.25,"text":"f"}]}"#,
    #"{"turns":[],"participants":[]}"#,
    #"{"turns":[{"role":"boss","text":"roles are checked later, not by the decoder"}],"metadata":{}}"#,
  ]

  @Test(arguments: accepted)
  func acceptsWhatJSONDecoderReadsAndGivesTheSameDocument(_ text: String) throws {
    let document = try #require(parsed(text))
    let reference = try #require(decoded(Array(text.utf8)))
    #expect(fields(document) == fields(reference))
  }

  /// Inputs the parser leaves to `JSONDecoder`: errors, and valid inputs whose reading it does not
  /// reproduce (duplicate keys, escaped keys, long numbers, deep nesting).
  static let deferred: [String] = [
    #"{"turns":[{"role":"customer","text":"lone \ud83d end"}]}"#,
    #"{"turns":[{"role":"customer","text":"lone \ude00 end"}]}"#,
    #"{"turns":[{"role":"customer","text":"bad \x escape"}]}"#,
    #"{"turns":[{"role":"customer","text":"bad \u12G4 escape"}]}"#,
    "{\"turns\":[{\"role\":\"customer\",\"text\":\"raw\ttab\"}]}",
    #"{"id":"a","id":"b","turns":[{"role":"customer","text":"x"}]}"#,
    #"{"turns":[{"role":"customer","text":"a","text":"b"}]}"#,
    #"{"metadata":{"k":"1","k":"2"},"turns":[{"role":"customer","text":"x"}]}"#,
    #"{"metadata":{"caf\u00e9":"1","cafe\u0301":"2"},"turns":[{"role":"customer","text":"x"}]}"#,
    #"{"x":1,"x":2,"turns":[{"role":"customer","text":"x"}]}"#,
    #"{"\u0069d":"escaped key","turns":[{"role":"customer","text":"x"}]}"#,
    #"{"ïd":"non-ASCII key","turns":[{"role":"customer","text":"x"}]}"#,
    #"{"turns":[{"role":"customer","at":1e400,"text":"x"}]}"#,
    #"{"turns":[{"role":"customer","at":12345678901234567890123456789012345,"text":"x"}]}"#,
    #"{"turns":[{"role":"customer","at":01,"text":"x"}]}"#,
    #"{"turns":[{"role":"customer","at":1.,"text":"x"}]}"#,
    #"{"turns":[{"role":"customer","at":.5,"text":"x"}]}"#,
    #"{"turns":[{"role":"customer","at":true,"text":"x"}]}"#,
    #"{"turns":[{"role":"customer","at":{},"text":"x"}]}"#,
    #"{"turns":null}"#,
    #"{"id":"no turns"}"#,
    #"{"turns":[{"role":"customer","text":null}]}"#,
    #"{"turns":[{"role":"customer"}]}"#,
    #"{"id":5,"turns":[{"role":"customer","text":"x"}]}"#,
    #"{"metadata":{"a":1},"turns":[{"role":"customer","text":"x"}]}"#,
    #"{"metadata":{"a":null},"turns":[{"role":"customer","text":"x"}]}"#,
    #"{"participants":[{"id":null,"role":"agent"}],"turns":[{"role":"customer","text":"x"}]}"#,
    #"{"participants":[{"role":"agent"}],"turns":[{"role":"customer","text":"x"}]}"#,
    #"{"turns":[{"role":"customer","text":"x"},]}"#,
    #"{"turns":[{"role":"customer","text":"x"}]} x"#,
    #"{"turns":[{"role":"customer","text":"x"}]}{}"#,
    #"{"turns":[{"role":"customer","text":"x"#,
    #"{"x":tru,"turns":[{"role":"customer","text":"x"}]}"#,
    #"{"turns"}"#,
    "[1,2]", "\"text\"", "{}", "",
    "\u{FEFF}{\"turns\":[{\"role\":\"customer\",\"text\":\"x\"}]}",
    #"{"x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
      + #","turns":[{"role":"customer","text":"x"}]}"#,
  ]

  @Test(arguments: deferred)
  func leavesUncertainInputsToJSONDecoder(_ text: String) {
    #expect(parsed(text) == nil)
  }

  @Test func invalidUTF8IsLeftToJSONDecoder() {
    let bytes =
      Array(#"{"turns":[{"role":"customer","text":"bad "#.utf8) + [0xFF, 0xFE, 0x20, 0xC3]
      + Array(#""}]}"#.utf8)
    #expect(parsed(bytes) == nil)
    #expect(decoded(bytes) == nil)
  }

  /// The decode entry point gives `JSONDecoder`'s own error for what the parser leaves to it, so
  /// readers' diagnostics are unchanged.
  @Test func fallbackThrowsJSONDecodersError() {
    let bytes = Array(#"{"turns":[{"role":"customer","text":5}]}"#.utf8)
    var fast: String?
    var reference: String?
    do { _ = try EarshotJSONDocument.decode(bytes, fallback: JSONDecoder()) } catch { fast = "\(error)" }
    do { _ = try JSONDecoder().decode(EarshotJSONDocument.self, from: Data(bytes)) } catch { reference = "\(error)" }
    #expect(fast != nil)
    #expect(fast == reference)
  }

  /// Every byte-level mutation of real lines that the parser accepts, `JSONDecoder` accepts too,
  /// with the same document; and most unmutated lines take the fast path.
  @Test func mutatedLinesGiveJSONDecodersDocumentOrNone() throws {
    var generator = SplitMix(seed: 14)
    let alphabet = Array(#"{}[]",:\/u0123456789abcdefnulltrueE.-+ "#.utf8) + [0x00, 0x09, 0x0A, 0xC3, 0xA9, 0xFF, 0xED]
    var fastPaths = 0
    var checked = 0
    for line in Self.accepted {
      let original = Array(line.utf8)
      for _ in 0..<400 {
        var bytes = original
        for _ in 0..<Int(generator.next() % 3 + 1) {
          let index = Int(generator.next() % UInt64(bytes.count))
          let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
          switch generator.next() % 3 {
          case 0: bytes[index] = byte
          case 1: bytes.insert(byte, at: index)
          default: bytes.remove(at: index)
          }
          if bytes.isEmpty { bytes = original }
        }
        checked += 1
        guard let document = parsed(bytes) else { continue }
        fastPaths += 1
        let reference = try #require(decoded(bytes), "JSONDecoder rejects \(String(decoding: bytes, as: UTF8.self))")
        #expect(fields(document) == fields(reference), "\(String(decoding: bytes, as: UTF8.self))")
      }
    }
    // Some mutations leave a valid document (a changed letter in a text): the fast path was used.
    #expect(fastPaths > checked / 20)
  }
}
