import CLibFuzzer
import Foundation

/// Starts libFuzzer. SwiftPM gives each executable its own entry point and makes `main` an alias of
/// it, which replaces libFuzzer's `main`; so each target's `@main` hands its arguments to libFuzzer's
/// driver with the target's `LLVMFuzzerTestOneInput`.
public enum FuzzDriver {
  /// Runs libFuzzer with the process's arguments and exits with its status.
  public static func run(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
  }
}
