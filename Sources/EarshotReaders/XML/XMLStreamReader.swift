internal import CLibXML2
import EarshotModel
import Foundation

/// What a streaming XML reader reports, in document order.
enum XMLEvent: Equatable {
  /// An element starts; an empty element (`<a/>`) is followed at once by its `end`.
  case start(XMLStartTag)
  /// An element ends.
  case end(name: String)
  /// Character data (text or CDATA); white space between elements is not reported.
  case text(String)
}

/// An element's start tag: its local name, attributes and where it is.
struct XMLStartTag: Equatable {
  /// The element's name without namespace prefix.
  var name: String
  /// Attribute values by qualified name (`type`, `xsi:noNamespaceSchemaLocation`).
  var attributes: [String: String]
  /// 1-based line of the tag.
  var line: Int
  /// 1-based column; libxml2 keeps no column per element, so only errors carry one.
  var column: Int?
  /// Depth of the element, the root being 0.
  var depth: Int

  subscript(attribute: String) -> String? { attributes[attribute] }
}

/// Limits that keep a hostile or broken document from exhausting memory.
struct XMLStreamLimits: Sendable, Hashable {
  /// Deepest element nesting accepted (the root is depth 0).
  var maxDepth: Int = 128
  /// The most bytes of DOCTYPE internal subset inspected before the document is refused.
  var maxPrologBytes: Int = 1 << 20
  /// The most attributes on one element; a document with more is refused (see `XMLAttributeCounter`).
  var maxAttributes: Int = XMLStreamLimits.defaultMaxAttributes

  /// The default `maxAttributes`: real exports carry a handful per element, and libxml2's cost per
  /// element grows with the square of its attribute count.
  static let defaultMaxAttributes = 1_000
}

/// A pull parser over libxml2's `xmlTextReader`: one node at a time, never the whole document.
///
/// Security: entity substitution and external DTD loading are off (no `XML_PARSE_NOENT`, no
/// `XML_PARSE_DTDLOAD`), the network is off (`XML_PARSE_NONET`), and before libxml2 sees a byte the
/// prolog is checked by `XMLPrologGuard`, which refuses any DOCTYPE that declares an entity or
/// names an external DTD. Element depth is bounded. Errors come through a structured handler bound
/// to this reader only, so concurrent readers on other threads do not see each other's errors.
final class XMLStreamReader {
  private let reader: xmlTextReaderPtr
  private let sink: XMLErrorSink
  /// The bytes' way into libxml2; it also refuses elements with too many attributes.
  private let feed: XMLInputFeed
  /// The open file, which libxml2 does not close.
  private let descriptor: Int32?
  private var pendingEnd: String?
  private let limits: XMLStreamLimits
  /// The path used in diagnostics.
  let path: String

  private static let options: Int32 = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)

  /// libxml2 must be initialized once before it is used from several threads.
  private static let libraryReady: Bool = {
    xmlInitParser()
    return true
  }()

  /// Opens `file` for streaming, after checking its prolog.
  ///
  /// - Throws: `InputDiagnostic` when the prolog declares entities or an external DTD, or the file
  ///   cannot be opened.
  convenience init(file: InputFile, limits: XMLStreamLimits = XMLStreamLimits()) throws {
    try XMLPrologGuard.check(file: file, limit: limits.maxPrologBytes)
    _ = XMLStreamReader.libraryReady
    // A file descriptor rather than a file name: libxml2 would transparently gunzip a named file,
    // and then parse bytes the prolog guard never saw.
    let descriptor = open(file.url.path, O_RDONLY)
    guard descriptor >= 0 else { throw InputDiagnostic(file: file.path, "cannot open the file for XML reading") }
    let feed = XMLInputFeed(descriptor: descriptor, path: file.path, maxAttributes: limits.maxAttributes)
    let io = feed.callbacks
    guard let reader = xmlReaderForIO(io.read, io.close, io.context, file.path, nil, XMLStreamReader.options) else {
      close(descriptor)
      throw InputDiagnostic(file: file.path, "cannot start the XML parser")
    }
    self.init(reader: reader, path: file.path, feed: feed, descriptor: descriptor, limits: limits)
  }

  /// Parses `bytes` held in memory (tests, embedded documents); `path` names it in diagnostics.
  convenience init(bytes: [UInt8], path: String, limits: XMLStreamLimits = XMLStreamLimits()) throws {
    if let refusal = XMLPrologGuard.inspect(bytes[...], complete: true).refusal {
      throw refusal.diagnostic(path: path, bytes: bytes[...])
    }
    _ = XMLStreamReader.libraryReady
    let feed = XMLInputFeed(bytes: bytes, path: path, maxAttributes: limits.maxAttributes)
    let io = feed.callbacks
    guard let reader = xmlReaderForIO(io.read, io.close, io.context, path, nil, XMLStreamReader.options) else {
      throw InputDiagnostic(file: path, "cannot start the XML parser")
    }
    self.init(reader: reader, path: path, feed: feed, descriptor: nil, limits: limits)
  }

  private init(
    reader: xmlTextReaderPtr, path: String, feed: XMLInputFeed, descriptor: Int32?, limits: XMLStreamLimits
  ) {
    self.reader = reader
    self.descriptor = descriptor
    self.path = path
    self.feed = feed
    self.limits = limits
    self.sink = XMLErrorSink()
    let context = Unmanaged.passUnretained(sink).toOpaque()
    xmlTextReaderSetStructuredErrorHandler(reader, xmlStreamReaderErrorHandler, context)
  }

  deinit {
    xmlFreeTextReader(reader)
    if let descriptor { close(descriptor) }
  }

  /// The parser's current line (1-based).
  var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
  /// The parser's current column (1-based).
  var column: Int { Int(xmlTextReaderGetParserColumnNumber(reader)) }

  /// A diagnostic at the parser's current position.
  func diagnostic(_ message: String) -> InputDiagnostic {
    InputDiagnostic(file: path, line: line, column: column, message)
  }

  /// A diagnostic at `tag`.
  func diagnostic(at tag: XMLStartTag, _ message: String) -> InputDiagnostic {
    InputDiagnostic(file: path, line: tag.line, column: tag.column, "<\(tag.name)>: \(message)")
  }

  /// The next event, or nil at the end of the document.
  ///
  /// - Throws: `InputDiagnostic` with line and column for malformed XML, entity references and
  ///   elements nested deeper than the limit.
  func next() throws -> XMLEvent? {
    if let name = pendingEnd {
      pendingEnd = nil
      return .end(name: name)
    }
    while true {
      let status = xmlTextReaderRead(reader)
      // A refused input shows to libxml2 as a read error; the feed knows the real reason.
      if status <= 0, let refusal = feed.refusal { throw refusal }
      if status == 0 {
        if let error = sink.first, error.fatal { throw error.diagnostic(path: path) }
        return nil
      }
      if status < 0 {
        if let error = sink.first { throw error.diagnostic(path: path) }
        throw diagnostic("malformed XML")
      }
      switch xmlTextReaderNodeType(reader) {
      case Int32(XML_READER_TYPE_ELEMENT.rawValue):
        let depth = Int(xmlTextReaderDepth(reader))
        let name = string(xmlTextReaderConstLocalName(reader))
        // The parser reads ahead, so its position is past the node; the node keeps its own line.
        let nodeLine = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? line
        if depth > limits.maxDepth {
          throw InputDiagnostic(
            file: path, line: nodeLine,
            "elements are nested deeper than \(limits.maxDepth) levels (at <\(name)>); refusing the document")
        }
        let tag = XMLStartTag(name: name, attributes: attributes(), line: nodeLine, column: nil, depth: depth)
        if xmlTextReaderIsEmptyElement(reader) == 1 { pendingEnd = name }
        return .start(tag)
      case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
        return .end(name: string(xmlTextReaderConstLocalName(reader)))
      case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
        return .text(string(xmlTextReaderConstValue(reader)))
      case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
        // Only reachable when a DTD declared the entity, which the prolog guard already refuses.
        throw diagnostic("entity reference '&\(string(xmlTextReaderConstName(reader)));' is not allowed")
      case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
        continue
      default:
        continue
      }
    }
  }

  /// The text inside the element just started (at `depth`), up to and including its end tag.
  ///
  /// With `descendants` false only the element's own text children count (NPS posts put their words
  /// before a `<terminals>` child that repeats them).
  func text(ofElementAt depth: Int, descendants: Bool = true) throws -> String {
    if pendingEnd != nil {
      pendingEnd = nil
      return ""
    }
    var result = ""
    var level = depth
    while let event = try next() {
      switch event {
      case .start:
        level += 1
      case .end:
        if level == depth { return result }
        level -= 1
      case .text(let text):
        if descendants || level == depth { result += text }
      }
    }
    throw diagnostic("the document ends inside an element")
  }

  /// Skips the rest of the element started at `depth`, including its end tag.
  func skip(elementAt depth: Int) throws {
    _ = try text(ofElementAt: depth, descendants: false)
  }

  private func attributes() -> [String: String] {
    guard xmlTextReaderHasAttributes(reader) == 1 else { return [:] }
    var result: [String: String] = [:]
    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
      result[string(xmlTextReaderConstName(reader))] = string(xmlTextReaderConstValue(reader))
    }
    xmlTextReaderMoveToElement(reader)
    return result
  }

  private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
    guard let pointer else { return "" }
    return pointer.withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0) }
  }
}

/// The first error libxml2 reported for one reader.
struct XMLParserError {
  var message: String
  var line: Int
  var column: Int
  var fatal: Bool

  func diagnostic(path: String) -> InputDiagnostic {
    InputDiagnostic(
      file: path, line: line > 0 ? line : nil, column: column > 0 ? column : nil, "malformed XML: \(message)")
  }
}

/// Per-reader error context handed to libxml2 as `userData`: no global state is shared.
final class XMLErrorSink {
  var first: XMLParserError?
}

/// libxml2's structured error callback: records the first error or fatal error in the reader's sink.
private func xmlStreamReaderErrorHandler(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let context, let error else { return }
  let sink = Unmanaged<XMLErrorSink>.fromOpaque(context).takeUnretainedValue()
  let level = error.pointee.level
  guard level == XML_ERR_ERROR || level == XML_ERR_FATAL, sink.first == nil || sink.first?.fatal == false else {
    return
  }
  let message = error.pointee.message.map { String(cString: $0) } ?? "error \(error.pointee.code)"
  sink.first = XMLParserError(
    message: message.trimmingCharacters(in: .whitespacesAndNewlines), line: Int(error.pointee.line),
    column: Int(error.pointee.int2), fatal: level == XML_ERR_FATAL)
}
