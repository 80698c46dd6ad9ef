import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// Elements with more attributes than the limit are refused before libxml2's quadratic
/// duplicate-attribute check sees them.
@Suite struct XMLAttributeLimitTests {
  /// Counts the attributes of `text` in chunks of `chunk` bytes; returns the first excess.
  func excess(_ text: String, limit: Int, chunk: Int = 7) -> XMLAttributeCounter.Excess? {
    var counter = XMLAttributeCounter(limit: limit)
    let bytes = Array(text.utf8)
    var start = 0
    while start < bytes.count {
      let end = min(start + chunk, bytes.count)
      let found = bytes[start..<end].withUnsafeBufferPointer { counter.scan($0) }
      if let found { return found }
      start = end
    }
    return nil
  }

  @Test func countsOnlyAttributesOfStartTags() {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE root [
        <!ATTLIST root a CDATA "x=y">
        <!-- a comment's "quote" and a=b -->
      ]>
      <root a="1=2" b='3'>
        <!-- x=1 y=2 z=3 -->
        <![CDATA[ p=1 q=2 r=3 ]]>
        <?pi s=1 t=2 u=3?>
        text with = signs = here
        <item c="4"/></root>
      """
    #expect(excess(text, limit: 2) == nil)
    #expect(excess(text, limit: 1) == XMLAttributeCounter.Excess(line: 6, byteOffset: 130, count: 2))
  }

  @Test(arguments: [1, 3, 64, 4096])
  func theResultDoesNotDependOnHowTheBytesArrive(_ chunk: Int) {
    let attributes = (0..<50).map { " a\($0)=\"v>\($0)\"" }.joined()
    let text = "<?xml version=\"1.0\"?>\n<r>\n<e\(attributes)/></r>"
    #expect(excess(text, limit: 50, chunk: chunk) == nil)
    #expect(excess(text, limit: 49, chunk: chunk)?.line == 3)
  }

  @Test func theStreamReaderRefusesTheDocumentWithTheElementsLine() throws {
    func document(_ count: Int) -> [UInt8] {
      let attributes = (0..<count).map { " a\($0)=\"x\"" }.joined()
      return Array("<?xml version=\"1.0\"?>\n<root>\n<item\(attributes)>text</item></root>".utf8)
    }
    let accepted = try XMLStreamReader(bytes: document(1_000), path: "ok.xml")
    var events = 0
    while try accepted.next() != nil { events += 1 }
    #expect(events == 5)
    let refused = try XMLStreamReader(bytes: document(1_001), path: "many.xml")
    let diagnostic = try #require(throws: InputDiagnostic.self) { while try refused.next() != nil {} }
    #expect(diagnostic.location.file == "many.xml")
    #expect(diagnostic.location.line == 3)
    #expect(diagnostic.message.contains("more than 1000 attributes"))
  }
}
