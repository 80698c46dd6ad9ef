import EarshotModel

/// The readers Earshot knows, in the order they are tried when sniffing a file.
public struct ReaderRegistry: Sendable {
  /// The readers, most specific first.
  public var readers: [any TranscriptReader]

  /// Creates a registry over `readers`.
  public init(readers: [any TranscriptReader]) {
    self.readers = readers
  }

  /// Every built-in reader, configured by `options`. Add a new format's reader to its family's list.
  public static func builtIn(options: ReaderOptions = ReaderOptions()) -> ReaderRegistry {
    ReaderRegistry(
      readers: EmailFormats.readers(options.email) + XMLFormats.readers(options.exports)
        + ExportFormats.readers(options.exports) + [
          EarshotJSONLinesReader(limits: options.limits),
          EarshotJSONReader(limits: options.limits),
          ChatLogReader(limits: options.limits),
        ])
  }

  /// The identifiers of all formats, for help text and validation.
  public var formats: [String] { readers.map(\.format) }

  /// The reader for the format named `identifier`.
  public func reader(forFormat identifier: String) -> (any TranscriptReader)? {
    readers.first { $0.format == identifier }
  }

  /// The first reader that accepts the sample.
  public func detect(_ sample: InputSample) -> (any TranscriptReader)? {
    readers.first { $0.sniff(sample) }
  }

  /// Sniffs `file` and returns its reader.
  ///
  /// - Throws: `InputDiagnostic` when no reader recognizes the file, naming what was seen.
  public func detect(_ file: InputFile) throws -> any TranscriptReader {
    let sample = InputSample(file: file, head: try file.head())
    if let reader = detect(sample) { return reader }
    throw InputDiagnostic(
      file: file.path, line: 1,
      "unknown transcript format (starts with \(describeStart(sample))); expected one of: \(formats.joined(separator: ", "))"
    )
  }

  private func describeStart(_ sample: InputSample) -> String {
    if sample.head.isEmpty { return "nothing: the file is empty" }
    let line = sample.text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
    let shown = line.count > 40 ? String(line.prefix(40)) + "…" : line
    return "'\(shown)'"
  }
}
