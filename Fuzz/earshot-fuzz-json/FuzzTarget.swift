import EarshotFuzzSupport

/// Earshot JSON (one conversation or an array of them).
let readers = FuzzReaders(formats: ["earshot-json"], fileName: "conversation.json")

/// libFuzzer's entry point: one input, read by every reader above.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  readers.read(UnsafeRawBufferPointer(start: data, count: size))
  return 0
}

/// Hands the process to libFuzzer (see `FuzzDriver`).
@main enum FuzzMain {
  static func main() { FuzzDriver.run(fuzzOneInput) }
}
