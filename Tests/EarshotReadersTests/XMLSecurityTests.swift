import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

@Suite struct XMLSecurityTests {
  @Test func billionLaughsIsRefusedBeforeParsing() throws {
    let file = try ReaderFixtures.file("xml/security/billion-laughs.xml")
    let diagnostic = try #require(ReaderFixtures.expectRefusal(EarshotXMLReader(), file))
    #expect(diagnostic.message.contains("<!ENTITY"))
    #expect(diagnostic.location.line == 4)
    #expect(diagnostic.location.column == 3)
  }

  @Test func externalEntitiesAreRefusedAndNothingIsFetched() throws {
    let file = try ReaderFixtures.file("xml/security/external-entity.xml")
    let diagnostic = try #require(ReaderFixtures.expectRefusal(ZendeskXMLReader(), file))
    #expect(diagnostic.message.contains("entity"))
    #expect(!diagnostic.message.contains("root:"))
    #expect(diagnostic.location.line == 4)
  }

  @Test func externalDTDIsRefused() throws {
    let file = try ReaderFixtures.file("xml/security/external-dtd.xml")
    let diagnostic = try #require(ReaderFixtures.expectRefusal(GenesysXMLReader(), file))
    #expect(diagnostic.message.contains("external DTD"))
    #expect(diagnostic.location.line == 2)
  }

  @Test func parameterEntityReferenceIsRefused() throws {
    let file = try ReaderFixtures.file("xml/security/parameter-entity.xml")
    let diagnostic = try #require(ReaderFixtures.expectRefusal(NPSChatXMLReader(), file))
    #expect(diagnostic.message.contains("parameter entity"))
  }

  @Test func deepNestingIsRefused() throws {
    let file = try ReaderFixtures.file("xml/security/deep-nesting.xml")
    let diagnostic = try #require(ReaderFixtures.expectRefusal(EarshotXMLReader(), file))
    #expect(diagnostic.message.contains("nested deeper than 128"))
    #expect(diagnostic.location.line == 2)
  }

  @Test func entityDeclarationsInMemoryAreRefused() {
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE a [<!ENTITY x "y">]>
      <a>&x;</a>
      """
    #expect(throws: InputDiagnostic.self) { try XMLStreamReader(bytes: Array(text.utf8), path: "mem.xml") }
  }

  @Test func encodingsThatCouldHideDeclarationsAreRefused() {
    let utf7 = "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<!DOCTYPE a [+ADw-!ENTITY x \"y\">]><a/>"
    #expect(throws: InputDiagnostic.self) { try XMLStreamReader(bytes: Array(utf7.utf8), path: "utf7.xml") }
    let utf16: [UInt8] = [0xFF, 0xFE] + Array("<a/>".utf8).flatMap { [$0, 0] }
    #expect(throws: InputDiagnostic.self) { try XMLStreamReader(bytes: utf16, path: "utf16.xml") }
    let latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\u{E9}</a>"
    #expect(throws: Never.self) { try XMLStreamReader(bytes: Array(latin1.utf8), path: "latin1.xml") }
  }

  @Test func elementOnlyInternalDTDIsAccepted() throws {
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE a [
        <!-- an ENTITY word inside a comment is harmless: <!ENTITY -->
        <!ELEMENT a (#PCDATA)>
        <!ATTLIST a note CDATA "x > y">
      ]>
      <a note="n">text &amp; more</a>
      """
    let xml = try XMLStreamReader(bytes: Array(text.utf8), path: "mem.xml")
    var texts: [String] = []
    while let event = try xml.next() { if case .text(let value) = event { texts.append(value) } }
    #expect(texts == ["text & more"])
  }

  @Test func undeclaredEntityIsAMalformedDocumentWithPosition() throws {
    let text = "<a>\n  <b>&nope;</b>\n</a>\n"
    let xml = try XMLStreamReader(bytes: Array(text.utf8), path: "mem.xml")
    let error = #expect(throws: InputDiagnostic.self) {
      while try xml.next() != nil {}
    }
    #expect(error?.location.line == 2)
    #expect(error?.message.contains("nope") == true)
  }

  @Test func prologGuardWaitsForTheWholeDoctype() {
    let text = Array("<?xml version=\"1.0\"?>\n<!DOCTYPE a [\n<!ELEMENT a ANY>\n<!ENTITY x \"y\">]><a/>".utf8)
    for cut in 0..<text.count {
      let outcome = XMLPrologGuard.inspect(text[..<cut], complete: false)
      #expect((outcome.refusal != nil) == (cut >= 61), "cut \(cut)")
    }
    #expect(XMLPrologGuard.inspect(text[...], complete: true).refusal != nil)
  }

  @Test func concurrentReadersKeepTheirOwnErrors() async throws {
    let good = try ReaderFixtures.file("xml/genesys/chat-transcript.xml")
    let bad = try ReaderFixtures.file("xml/genesys/truncated.xml")
    let results = await withTaskGroup(of: (Bool, Int?).self) { group in
      for index in 0..<16 {
        let file = index.isMultiple(of: 2) ? good : bad
        group.addTask {
          do {
            _ = try GenesysXMLReader().readAll(file)
            return (index.isMultiple(of: 2), nil)
          } catch let diagnostic as InputDiagnostic {
            return (index.isMultiple(of: 2), diagnostic.location.line)
          } catch {
            return (index.isMultiple(of: 2), -1)
          }
        }
      }
      var collected: [(Bool, Int?)] = []
      for await result in group { collected.append(result) }
      return collected
    }
    #expect(results.count == 16)
    for (isGood, line) in results {
      #expect(isGood ? line == nil : line == 4)
    }
  }
}
