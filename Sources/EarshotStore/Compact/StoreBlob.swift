import CZlib
import Foundation

/// The compact encoding of the store's large values (blocks of results, unit and group totals):
/// one format byte, the uncompressed length as an unsigned LEB128 varint, then a zlib stream
/// (RFC 1950: deflate with an Adler-32 checksum) primed with ``StoreDictionary``.
///
/// Format byte 1 is "zlib, dictionary 1". The length lets the reader allocate once and tell a
/// truncated or padded value from a good one, and the checksum catches changed bytes; any mismatch
/// is a ``StoreError/corrupt(_:)`` naming the value and what was wrong, never a crash or a silently
/// altered result.
enum StoreBlob {
  /// "zlib with ``StoreDictionary``".
  static let deflateWithDictionary1: UInt8 = 1
  /// No stored value is this large: a header that claims more is damaged.
  static let maximumLength = 1 << 31

  /// Why a blob could not be read, as the end of a ``StoreError/corrupt(_:)`` message.
  enum Damage: Error, Equatable, CustomStringConvertible {
    case empty
    case unknownFormat(UInt8)
    case badLength
    case endsEarly(length: Int)
    case longer(than: Int)
    case invalidDeflate(String)
    case trailing(Int)

    var description: String {
      switch self {
      case .empty: return "the compressed value is empty"
      case .unknownFormat(let byte):
        return "unknown compression format \(byte) (expected \(StoreBlob.deflateWithDictionary1))"
      case .badLength: return "its length header is damaged"
      case .endsEarly(let length): return "the compressed data ends before the \(length) bytes its header gives"
      case .longer(let length): return "the compressed data holds more than the \(length) bytes its header gives"
      case .invalidDeflate(let reason): return "the compressed data is damaged (zlib: \(reason))"
      case .trailing(let count): return "\(count) stray bytes follow the compressed data"
      }
    }
  }
}

/// Deflates values into ``StoreBlob``s. One per writing batch (its zlib state is reused from value
/// to value: resetting costs far less than setting up); not thread-safe.
final class StoreBlobPacker {
  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)

  /// A packer at zlib level 3: on result JSON about as fast as level 1 and a fifth smaller, while
  /// level 6 halves the speed for a few percent.
  init(level: Int32 = 3) {
    stream.initialize(to: z_stream())
    let status = deflateInit2_(
      stream, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK, "zlib deflateInit2 failed (\(status)): out of memory")
  }

  deinit {
    deflateEnd(stream)
    stream.deallocate()
  }

  /// The blob of `bytes`.
  func pack(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    deflateReset(stream)
    StoreDictionary.bytes.withUnsafeBufferPointer { dictionary in
      _ = deflateSetDictionary(stream, dictionary.baseAddress, uInt(dictionary.count))
    }
    let bound = Int(deflateBound(stream, uLong(bytes.count)))
    return [UInt8](unsafeUninitializedCapacity: 1 + 10 + bound) { buffer, initialized in
      buffer[0] = StoreBlob.deflateWithDictionary1
      var header = 1
      var length = UInt(bytes.count)
      repeat {
        buffer[header] = UInt8(length & 0x7F) | (length > 0x7F ? 0x80 : 0)
        length >>= 7
        header += 1
      } while length > 0
      stream.pointee.next_in = UnsafeMutablePointer(
        mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
      stream.pointee.avail_in = uInt(bytes.count)
      stream.pointee.next_out = buffer.baseAddress.map { $0 + header }
      stream.pointee.avail_out = uInt(buffer.count - header)
      // deflateBound leaves room for the whole stream, so one call finishes it.
      let status = deflate(stream, Z_FINISH)
      precondition(status == Z_STREAM_END, "zlib deflate did not finish within deflateBound (\(status))")
      initialized = header + Int(stream.pointee.total_out)
    }
  }

  /// The blob of a string's UTF-8 bytes.
  func pack(_ text: String) -> [UInt8] {
    var text = text
    return text.withUTF8 { pack(UnsafeRawBufferPointer($0)) }
  }
}

/// Inflates ``StoreBlob``s, checking every length; not thread-safe.
final class StoreBlobUnpacker {
  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)

  init() {
    stream.initialize(to: z_stream())
    let status = inflateInit2_(stream, MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK, "zlib inflateInit2 failed (\(status)): out of memory")
  }

  deinit {
    inflateEnd(stream)
    stream.deallocate()
  }

  /// The bytes of `blob`.
  ///
  /// - Throws: ``StoreBlob/Damage`` when it is not a complete blob of a known format.
  func unpack(_ blob: UnsafeRawBufferPointer) throws(StoreBlob.Damage) -> [UInt8] {
    guard let first = blob.first else { throw .empty }
    guard first == StoreBlob.deflateWithDictionary1 else { throw .unknownFormat(first) }
    var length = 0
    var header = 1
    var shift = 0
    while true {
      guard header < blob.count, shift <= 28 else { throw .badLength }
      let byte = blob[header]
      length |= Int(byte & 0x7F) << shift
      header += 1
      shift += 7
      if byte & 0x80 == 0 { break }
    }
    guard length <= StoreBlob.maximumLength else { throw .badLength }
    inflateReset(stream)
    var outcome: Int32 = Z_OK
    var otherDictionary = false
    var left = 0
    // One spare byte: a stream that would write past `length` shows itself instead of being cut.
    let bytes = [UInt8](unsafeUninitializedCapacity: length + 1) { buffer, initialized in
      stream.pointee.next_in = UnsafeMutablePointer(
        mutating: blob.baseAddress.map { ($0 + header).assumingMemoryBound(to: Bytef.self) })
      stream.pointee.avail_in = uInt(blob.count - header)
      stream.pointee.next_out = buffer.baseAddress
      stream.pointee.avail_out = uInt(length + 1)
      outcome = inflate(stream, Z_FINISH)
      if outcome == Z_NEED_DICT {
        // The stream names its dictionary by checksum; a wrong one fails here as Z_DATA_ERROR.
        outcome = StoreDictionary.bytes.withUnsafeBufferPointer { dictionary in
          inflateSetDictionary(stream, dictionary.baseAddress, uInt(dictionary.count))
        }
        if outcome == Z_OK { outcome = inflate(stream, Z_FINISH) } else { otherDictionary = true }
      }
      initialized = Int(stream.pointee.total_out)
      // What is left of the input (zlib's total_in skips the dictionary id it read before Z_NEED_DICT).
      left = Int(stream.pointee.avail_in)
    }
    if otherDictionary { throw .invalidDeflate("it was compressed with another dictionary") }
    switch outcome {
    case Z_STREAM_END:
      guard bytes.count <= length else { throw .longer(than: length) }
      guard bytes.count == length else { throw .endsEarly(length: length) }
      guard left == 0 else { throw .trailing(left) }
      return bytes
    case Z_BUF_ERROR where bytes.count > length:
      throw .longer(than: length)
    case Z_BUF_ERROR:
      throw .endsEarly(length: length)
    default:
      let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(outcome)"
      throw .invalidDeflate(message)
    }
  }

  /// The bytes of `blob`, or a ``StoreError/corrupt(_:)`` naming `what` it held.
  func unpack(_ blob: some ContiguousBytes, what: @autoclosure () -> String) throws -> [UInt8] {
    do {
      return try blob.withUnsafeBytes { (bytes) throws(StoreBlob.Damage) -> [UInt8] in try unpack(bytes) }
    } catch {
      throw StoreError.corrupt("\(what()): \(error)")
    }
  }
}
