import EarshotEngine
import EarshotFuzzSupport

/// The YAML configuration (`earshot.yml`), parsed in memory as `ConfigurationLoader.load` does after
/// reading the file; a configuration that loads is then turned into detectors and printed back as
/// `config --effective` does. Building a whole `Pipeline` (default lexicons plus the additions) takes
/// about half a second under the sanitizer, too slow to fuzz; the score target builds the default one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard let configuration = try? ConfigurationLoader.parse(text, file: "earshot.yml") else { return 0 }
  _ = try? configuration.detectorsInForce()
  _ = try? configuration.effectiveYAML()
  return 0
}

/// Hands the process to libFuzzer (see `FuzzDriver`).
@main enum FuzzMain {
  static func main() { FuzzDriver.run(fuzzOneInput) }
}
