import EarshotModel
import Foundation

/// Reads Earshot's JSON conversation format: one conversation object per file, or an array of them.
public struct EarshotJSONReader: TranscriptReader {
  public var format: String { "earshot-json" }
  public var summary: String { "Earshot JSON: one conversation object (or an array of them) per file" }

  /// Turns per conversation, applied while reading: turns past `limits.maxTurns` are scanned and
  /// counted, not decoded or kept.
  public var limits: ConversationLimits

  /// Creates the reader.
  public init(limits: ConversationLimits = ConversationLimits()) {
    self.limits = limits
  }

  public func sniff(_ sample: InputSample) -> Bool {
    guard let first = sample.firstSignificantByte, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
      return false
    }
    return sample.text.contains("\"turns\"")
  }

  /// Reads the file in chunks: an array is decoded one element at a time, so memory holds one
  /// conversation, not the file.
  ///
  /// An element that is valid JSON but not a valid conversation (a wrong type, an unknown role, a
  /// timestamp out of range) goes to `diagnose` with its line and column, and the other elements
  /// are still read; a syntax error or invalid UTF-8 ends the file (element boundaries after it
  /// cannot be trusted) and is thrown with its line, column and byte offset.
  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    var stream = try JSONElementStream(file: file)
    stream.turnLimit = limits.maxTurns
    let converter = EarshotJSONConverter(file: file)
    let decoder = JSONDecoder()
    try stream.forEachElement(of: file) { element in
      let document = try EarshotJSONDocument.decode(element.bytes, fallback: decoder)
      let conversation = try converter.locatedConversation(from: document, line: nil, ordinal: element.index)
      guard let firstLeftOut = element.firstLeftOut else { return conversation }
      // The turns past the limit were counted, not kept: report them as `ConversationLimits` would.
      diagnose(
        limits.truncation(of: conversation.id, turns: element.turnCount, firstLeftOut: firstLeftOut.location(file.path))
      )
      return conversation
    } recover: { diagnostic, isArray in
      // A document that is one conversation has nothing else to read: its problem ends the file.
      guard isArray else { throw diagnostic }
      diagnose(diagnostic)
    } use: {
      try emit($0)
    }
  }
}
