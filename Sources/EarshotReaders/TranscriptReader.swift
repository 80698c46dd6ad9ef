import EarshotModel
import Foundation

/// An input file handed to a reader.
public struct InputFile: Sendable, Hashable {
  /// The file's location.
  public var url: URL
  /// The path as the user gave it (relative paths stay relative), used in outputs and diagnostics.
  public var path: String

  /// Creates an input file from a path.
  public init(path: String) {
    self.path = path
    self.url = URL(fileURLWithPath: path)
  }

  /// The lowercased file extension, or "" when there is none.
  public var pathExtension: String { url.pathExtension.lowercased() }

  /// Reads the whole file. Readers of formats that can be large stream instead.
  ///
  /// Only a regular file is read: a FIFO, device or socket is refused before any read (see
  /// `RegularFile`).
  /// - Throws: `InputDiagnostic` when the file cannot be opened or read, or is not a regular file.
  public func contents() throws -> Data {
    do {
      let handle = try RegularFile.open(url.path)
      defer { try? handle.close() }
      return try handle.readToEnd() ?? Data()
    } catch {
      throw InputDiagnostic(file: path, RegularFile.message(for: error, doing: "cannot read file"))
    }
  }

  /// The first `limit` bytes, for format sniffing.
  ///
  /// - Throws: `InputDiagnostic` when the file cannot be opened or is not a regular file.
  public func head(_ limit: Int = 8192) throws -> [UInt8] {
    let handle: FileHandle
    do {
      handle = try RegularFile.open(url.path)
    } catch {
      throw InputDiagnostic(file: path, RegularFile.message(for: error, doing: "cannot open file"))
    }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: limit)) ?? Data()
    return [UInt8](data)
  }
}

/// The start of a file, for deciding which reader understands it.
public struct InputSample: Sendable {
  /// The file.
  public var file: InputFile
  /// Its first bytes (up to 8 KiB).
  public var head: [UInt8]

  /// Creates a sample.
  public init(file: InputFile, head: [UInt8]) {
    self.file = file
    self.head = head
  }

  /// The head as text (lossy), skipping a UTF-8 byte-order mark.
  public var text: String {
    let bytes = head.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(head.dropFirst(3)) : head
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The first byte that is not white space (or a byte-order mark).
  public var firstSignificantByte: UInt8? {
    let bytes = head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.dropFirst(3) : head[...]
    return bytes.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
  }
}

/// Reads one transcript format into conversations.
///
/// To add a format, write a type conforming to this protocol in its own file and add an
/// instance to `ReaderRegistry.builtIn`. Readers are tried in order; the first whose `sniff`
/// accepts a sample reads the file.
public protocol TranscriptReader: Sendable {
  /// The format's identifier, the value of `--input-format` (kebab-case, e.g. `earshot-json`).
  var format: String { get }
  /// One line saying what the format is.
  var summary: String { get }
  /// Whether this reader understands a file that starts like `sample`.
  func sniff(_ sample: InputSample) -> Bool
  /// Reads `file`, passing each conversation to `emit` as soon as it is complete.
  ///
  /// A problem confined to one record (a bad JSON line) goes to `diagnose` and reading goes on;
  /// a problem that makes the rest of the file unreadable is thrown.
  /// - Throws: `InputDiagnostic` naming the file, the place and what was expected.
  func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws
}

extension TranscriptReader {
  /// Reads every conversation of `file` into an array (tests and small files).
  public func readAll(_ file: InputFile) throws -> (conversations: [Conversation], diagnostics: [InputDiagnostic]) {
    var conversations: [Conversation] = []
    var diagnostics: [InputDiagnostic] = []
    try read(file, emit: { conversations.append($0) }, diagnose: { diagnostics.append($0) })
    return (conversations, diagnostics)
  }
}

/// A reader whose conversations span several files (a maildir's messages form threads, a Slack
/// export folder's day files form channels).
///
/// The engine groups the files this reader sniffs by `groupKey(for:)` and hands each group to
/// `read(group:emit:diagnose:)` as one unit of work; a group is re-read whole when any of its
/// files changes. `read(_:emit:diagnose:)` on a single file reads a group of one.
public protocol GroupedTranscriptReader: TranscriptReader {
  /// Files with the same key are read together (for example the maildir root folder's path).
  func groupKey(for file: InputFile) -> String
  /// Reads a group of files, passing each conversation to `emit` once it is complete.
  ///
  /// A file that cannot be read goes to `diagnose` and the rest of the group is still read.
  func read(
    group files: [InputFile], emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws
}

extension GroupedTranscriptReader {
  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    try read(group: [file], emit: emit, diagnose: diagnose)
  }
}
