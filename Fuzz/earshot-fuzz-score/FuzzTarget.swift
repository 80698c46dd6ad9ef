import EarshotEngine
import EarshotFuzzSupport
import EarshotReaders
import EarshotReporters

/// Scoring one conversation the way `earshot score FILE --format json` does: sniff the format, sample
/// corpus statistics, read, analyze, run every default detector, score, encode the result. Seeds are
/// Earshot JSON and chat logs, but a mutated input may reach any reader, as a real file would.
let pipeline: Pipeline = {
  do {
    return try Pipeline(configuration: EarshotConfiguration())
  } catch {
    fatalError("earshot-fuzz-score: the default configuration does not load: \(error)")
  }
}()
let registry = ReaderRegistry.builtIn()

/// libFuzzer's entry point: one input file, scored end to end.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  // No extension: the format is decided by content alone.
  let file = FuzzScratch.write(UnsafeRawBufferPointer(start: data, count: size), to: "input")
  guard let plan = try? WorkPlan(files: [file], registry: registry) else { return 0 }
  let sampled = pipeline.collectingCorpusStatistics(from: plan.units, limit: 2000)
  for unit in plan.units {
    for (result, _) in sampled.process(unit).results {
      _ = try? JSONResultEncoder.pretty(result)
    }
  }
  return 0
}

/// Hands the process to libFuzzer (see `FuzzDriver`).
@main enum FuzzMain {
  static func main() { FuzzDriver.run(fuzzOneInput) }
}
