internal import CLibXML2
import EarshotModel
import Foundation

/// Hands libxml2 a document's bytes through its input callbacks, from an open file or from memory,
/// and runs `XMLAttributeCounter` over them on the way.
///
/// When a start tag has more attributes than the limit, the feed stops (the callback reports an
/// input error) and keeps the diagnostic for `XMLStreamReader` to throw.
final class XMLInputFeed {
  private enum Source {
    case descriptor(Int32)
    case memory(UnsafeMutableRawBufferPointer, position: Int)
  }

  private var source: Source
  private var counter: XMLAttributeCounter
  private let path: String
  /// Why the feed stopped early, when it did.
  private(set) var refusal: InputDiagnostic?

  /// A feed reading the open file `descriptor` (which the caller closes).
  init(descriptor: Int32, path: String, maxAttributes: Int) {
    source = .descriptor(descriptor)
    counter = XMLAttributeCounter(limit: maxAttributes)
    self.path = path
  }

  /// A feed over a copy of `bytes`.
  init(bytes: [UInt8], path: String, maxAttributes: Int) {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
    buffer.copyBytes(from: bytes)
    source = .memory(UnsafeMutableRawBufferPointer(rebasing: buffer[..<bytes.count]), position: 0)
    counter = XMLAttributeCounter(limit: maxAttributes)
    self.path = path
  }

  deinit {
    if case .memory(let buffer, _) = source { buffer.deallocate() }
  }

  /// Fills `buffer` with up to `capacity` bytes; 0 at the end, -1 on an error or a refusal.
  func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int32 {
    guard refusal == nil, capacity > 0 else { return -1 }
    let count: Int
    switch source {
    case .descriptor(let descriptor):
      var result: Int
      repeat { result = Foundation.read(descriptor, buffer, capacity) } while result < 0 && errno == EINTR
      guard result >= 0 else { return -1 }
      count = result
    case .memory(let bytes, let position):
      count = min(capacity, bytes.count - position)
      if count > 0, let base = bytes.baseAddress {
        UnsafeMutableRawPointer(buffer).copyMemory(from: base + position, byteCount: count)
      }
      source = .memory(bytes, position: position + count)
    }
    let scanned = UnsafeRawPointer(buffer).withMemoryRebound(to: UInt8.self, capacity: max(count, 1)) {
      counter.scan(UnsafeBufferPointer(start: $0, count: count))
    }
    if let excess = scanned {
      refusal = InputDiagnostic(
        file: path, line: excess.line, byteOffset: excess.byteOffset,
        "an element has more than \(counter.limit) attributes; refusing the document (expected at most "
          + "\(counter.limit) per element)")
      return -1
    }
    return Int32(count)
  }

  /// The callbacks and context for `xmlReaderForIO`.
  var callbacks: (read: xmlInputReadCallback, close: xmlInputCloseCallback, context: UnsafeMutableRawPointer) {
    (xmlInputFeedRead, xmlInputFeedClose, Unmanaged.passUnretained(self).toOpaque())
  }
}

/// libxml2's read callback: forwards to the feed in `context`.
private func xmlInputFeedRead(
  _ context: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<CChar>?, _ length: Int32
) -> Int32 {
  guard let context, let buffer else { return -1 }
  return Unmanaged<XMLInputFeed>.fromOpaque(context).takeUnretainedValue().read(
    into: buffer, capacity: Int(length))
}

/// libxml2's close callback: the feed's owner closes the file, so there is nothing to do.
private func xmlInputFeedClose(_ context: UnsafeMutableRawPointer?) -> Int32 { 0 }
