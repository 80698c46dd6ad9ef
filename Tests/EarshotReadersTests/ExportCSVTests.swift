import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

@Suite struct ExportCSVTests {
  func records(_ text: String) throws -> [[String]] {
    var reader = CSVStreamReader(bytes: Array(text.utf8), path: "mem.csv")
    var rows: [[String]] = []
    while let record = try reader.next() {
      rows.append(record.fields.map { String(decoding: $0, as: UTF8.self) })
    }
    return rows
  }

  @Test func quotedFieldsHoldDelimitersNewlinesAndQuotes() throws {
    let rows = try records("a,b,c\n1,\"x, \"\"y\"\"\nz\",3\r\n\"\",,\"end\"")
    #expect(rows == [["a", "b", "c"], ["1", "x, \"y\"\nz", "3"], ["", "", "end"]])
  }

  @Test func recordLinesCountEmbeddedNewlines() throws {
    var reader = CSVStreamReader(bytes: Array("h\n\"a\nb\"\nc\n".utf8), path: "mem.csv")
    #expect(try reader.next()?.line == 1)
    #expect(try reader.next()?.line == 2)
    #expect(try reader.next()?.line == 4)
    #expect(try reader.next() == nil)
  }

  @Test func entitiesAreDecoded() {
    #expect(ExportText.decodeEntities("a &amp; b &gt; c &#39;d&#x41; &bogus; &") == "a & b > c 'dA &bogus; &")
  }
}
