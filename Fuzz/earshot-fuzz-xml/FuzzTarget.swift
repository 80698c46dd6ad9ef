import EarshotFuzzSupport

/// Every XML reader: Earshot XML, Zendesk XML, Genesys chat, SemEval CQA, NPS Chat.
let readers = FuzzReaders(
  formats: ["earshot-xml", "zendesk-xml", "genesys-chat-xml", "semeval-cqa-xml", "nps-chat-xml"],
  fileName: "transcript.xml")

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
