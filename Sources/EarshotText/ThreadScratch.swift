#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A block of scratch memory per thread, kept between calls, for `Tokenizer.withTokens`: a text
/// too long for 1 KiB on the stack would otherwise allocate and free its token scratch on every
/// call (about a third of the sentences scored, and a malloc and free of several KiB cost about
/// as much as tokenizing a short sentence).
///
/// A thread keeps at most `retainedLimit` bytes; a larger request, or one made while the thread's
/// block is in use (a `body` that tokenizes again), gets memory of its own for the call.
enum ThreadScratch {
  /// The most a thread keeps between calls: scratch for a text of about 7 KiB.
  static let retainedLimit = 256 * 1024

  /// The start of a thread's block; the scratch follows it.
  private struct Header {
    var byteCount: Int
    var inUse: Bool
  }

  private static let headerSize = 64  // a cache line, so the scratch after it stays aligned

  /// The key of each thread's block; the block is freed when its thread exits.
  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { block in free(block) }
    precondition(status == 0, "pthread_key_create failed: \(status)")
    return key
  }()

  /// Runs `body` with at least `byteCount` bytes of uninitialized memory aligned to 16 bytes,
  /// which lives for the call.
  static func withBytes<Result>(_ byteCount: Int, _ body: (UnsafeMutableRawPointer) -> Result) -> Result {
    guard byteCount <= retainedLimit else { return withOwnBytes(byteCount, body) }
    var block = pthread_getspecific(key)
    if let current = block, current.load(as: Header.self).inUse { return withOwnBytes(byteCount, body) }
    if block == nil || block.unsafelyUnwrapped.load(as: Header.self).byteCount < byteCount {
      block = grow(block, to: byteCount)
    }
    let header = block.unsafelyUnwrapped.assumingMemoryBound(to: Header.self)
    header.pointee.inUse = true
    defer { header.pointee.inUse = false }
    return body(block.unsafelyUnwrapped + headerSize)
  }

  /// Replaces the thread's block with one for at least `byteCount` bytes (a power of two, 4 KiB
  /// or more, so a thread grows its block a few times at most).
  @inline(never)
  private static func grow(_ old: UnsafeMutableRawPointer?, to byteCount: Int) -> UnsafeMutableRawPointer {
    free(old)
    let size = 1 << (Int.bitWidth - (max(4096, byteCount) - 1).leadingZeroBitCount)
    guard let block = malloc(headerSize + size) else { fatalError("out of memory for \(size) bytes of scratch") }
    block.initializeMemory(as: Header.self, repeating: Header(byteCount: size, inUse: false), count: 1)
    pthread_setspecific(key, block)
    return block
  }

  /// Memory of the call's own, freed after it.
  @inline(never)
  private static func withOwnBytes<Result>(_ byteCount: Int, _ body: (UnsafeMutableRawPointer) -> Result)
    -> Result
  {
    guard let block = malloc(max(1, byteCount)) else { fatalError("out of memory for \(byteCount) bytes of scratch") }
    defer { free(block) }
    return body(block)
  }
}
