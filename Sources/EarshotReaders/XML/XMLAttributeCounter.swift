/// Counts the attributes of each start tag in an XML byte stream, chunk by chunk, before libxml2
/// parses them.
///
/// libxml2 2.9 checks each new attribute of an element against all earlier ones, so one element
/// with 200,000 attributes costs minutes. The counter sees the bytes first (it sits in the input
/// callback that feeds the parser) and stops the document when a start tag passes the limit, so
/// the parser never sees more than `limit` attributes on one element.
///
/// It is a small state machine over bytes, not a parser: in a start tag, every `=` outside a quoted
/// value separates an attribute's name from its value. Comments, CDATA sections, processing
/// instructions, end tags and declarations (including a DOCTYPE's internal subset) are skipped.
struct XMLAttributeCounter {
  /// Where a start tag went past the limit.
  struct Excess: Equatable {
    /// 1-based line of the tag's `<`.
    var line: Int
    /// 0-based byte offset of the tag's `<`.
    var byteOffset: Int
    /// The attribute count that went past the limit (the limit plus one).
    var count: Int
  }

  private enum State: UInt8 {
    case text, open, startTag, doubleQuoted, singleQuoted, endTag, bang, comment, cdata, instruction
    case declaration, declarationDoubleQuoted, declarationSingleQuoted
  }

  /// The most attributes accepted on one element.
  let limit: Int
  private var state = State.text
  private var line = 1
  private var offset = 0
  private var tagLine = 1
  private var tagOffset = 0
  private var count = 0
  /// The bytes after `<!` so far, to tell a comment (`--`) and CDATA (`[CDATA[`) from a declaration.
  private var bangLength = 0
  private var bangIsComment = true
  private var bangIsCDATA = true
  /// The last two bytes, for the `-->`, `]]>` and `?>` terminators.
  private var previous: UInt8 = 0
  private var beforePrevious: UInt8 = 0
  /// `[` nesting inside a declaration (a DOCTYPE's internal subset).
  private var subsetDepth = 0
  /// Whether the current comment sits inside a declaration's internal subset.
  private var commentInDeclaration = false

  private static let cdataOpening = Array("[CDATA[".utf8)

  /// Creates a counter that reports the first start tag with more than `limit` attributes.
  init(limit: Int) {
    self.limit = limit
  }

  /// Scans the next chunk; returns the first excess found, after which the document must stop.
  mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Excess? {
    for byte in bytes {
      defer {
        beforePrevious = previous
        previous = byte
        offset += 1
      }
      if byte == 0x0A { line += 1 }
      switch state {
      case .text:
        if byte == 0x3C {  // <
          state = .open
          tagLine = line
          tagOffset = offset
          count = 0
        }
      case .open:
        switch byte {
        case 0x21:  // !
          state = .bang
          bangLength = 0
          bangIsComment = true
          bangIsCDATA = true
        case 0x3F: state = .instruction  // ?
        case 0x2F: state = .endTag  // /
        case 0x3E: state = .text  // > (malformed; libxml2 reports it)
        default: state = .startTag
        }
      case .startTag:
        switch byte {
        case 0x22: state = .doubleQuoted
        case 0x27: state = .singleQuoted
        case 0x3E: state = .text
        case 0x3D:  // =
          count += 1
          if count > limit { return Excess(line: tagLine, byteOffset: tagOffset, count: count) }
        default: break
        }
      case .doubleQuoted:
        if byte == 0x22 { state = .startTag }
      case .singleQuoted:
        if byte == 0x27 { state = .startTag }
      case .endTag:
        if byte == 0x3E { state = .text }
      case .bang:
        bang(byte)
      case .comment:
        if byte == 0x3E && previous == 0x2D && beforePrevious == 0x2D {
          state = commentInDeclaration ? .declaration : .text
        }
      case .cdata:
        if byte == 0x3E && previous == 0x5D && beforePrevious == 0x5D { state = .text }
      case .instruction:
        if byte == 0x3E && previous == 0x3F { state = .text }
      case .declaration:
        declaration(byte)
      case .declarationDoubleQuoted:
        if byte == 0x22 { state = .declaration }
      case .declarationSingleQuoted:
        if byte == 0x27 { state = .declaration }
      }
    }
    return nil
  }

  /// After `<!`: `--` opens a comment, `[CDATA[` a CDATA section, anything else a declaration.
  private mutating func bang(_ byte: UInt8) {
    bangIsComment = bangIsComment && bangLength < 2 && byte == 0x2D
    bangIsCDATA = bangIsCDATA && bangLength < 7 && byte == Self.cdataOpening[bangLength]
    bangLength += 1
    if bangIsComment && bangLength == 2 {
      state = .comment
      commentInDeclaration = false
      // The comment's own `--` must not count toward its `-->`.
      previous = 0
    } else if bangIsCDATA && bangLength == 7 {
      state = .cdata
    } else if !bangIsComment && !bangIsCDATA {
      state = .declaration
      subsetDepth = 0
      declaration(byte)
    }
  }

  /// Inside `<!DOCTYPE …>` and the like: quoted literals, an internal subset in `[ ]` whose own
  /// declarations and comments may hold `>`, and the final `>`.
  private mutating func declaration(_ byte: UInt8) {
    switch byte {
    case 0x22: state = .declarationDoubleQuoted
    case 0x27: state = .declarationSingleQuoted
    case 0x5B: subsetDepth += 1
    case 0x5D: subsetDepth = max(0, subsetDepth - 1)
    case 0x2D:
      // `<!--` inside the internal subset opens a comment that may hold quotes.
      if subsetDepth > 0, previous == 0x2D, beforePrevious == 0x21 {
        state = .comment
        commentInDeclaration = true
        previous = 0
      }
    case 0x3E:
      if subsetDepth == 0 { state = .text }
    default: break
    }
  }
}
