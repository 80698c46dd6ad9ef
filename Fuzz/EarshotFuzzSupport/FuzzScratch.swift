import EarshotReaders
import Foundation

/// Where fuzz inputs become files. Readers take a path, not bytes, so each input is written to a
/// file in memory-backed storage (`/dev/shm`) before it is read; one folder per process, so
/// libFuzzer's parallel modes never share a file.
public enum FuzzScratch {
  /// `$EARSHOT_FUZZ_SCRATCH` (set by Scripts/fuzz.sh, which removes it afterwards), else `/dev/shm`,
  /// else the temporary folder; plus the process id.
  public static let folder: String = {
    let environment = ProcessInfo.processInfo.environment
    let base =
      environment["EARSHOT_FUZZ_SCRATCH"]
      ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
    let folder = base + "/earshot-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }()

  /// Writes `bytes` to `name` (a path relative to `folder`, folders created as needed) and returns it
  /// as an input file. Failing to write is fatal: fuzzing an empty or stale file would find nothing.
  public static func write(_ bytes: UnsafeRawBufferPointer, to name: String) -> InputFile {
    let path = folder + "/" + name
    let parent = (path as NSString).deletingLastPathComponent
    if !FileManager.default.fileExists(atPath: parent) {
      try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    }
    guard let stream = fopen(path, "wb") else { fatalError("earshot-fuzz: cannot write \(path)") }
    let written = bytes.isEmpty ? 0 : fwrite(bytes.baseAddress, 1, bytes.count, stream)
    fclose(stream)
    guard written == bytes.count else { fatalError("earshot-fuzz: short write to \(path)") }
    return InputFile(path: path)
  }

  /// Writes a fixed side file (a Slack export's `users.json`) once, beside the inputs.
  public static func writeOnce(_ text: String, to name: String) {
    let path = folder + "/" + name
    guard !FileManager.default.fileExists(atPath: path) else { return }
    Array(text.utf8).withUnsafeBytes { _ = write($0, to: name) }
  }
}
