import EarshotModel
import EarshotReaders

/// Properties every reader promises whatever the input; a broken one stops the fuzzer like a crash.
public enum FuzzChecks {
  /// A diagnostic must name the file it is about, so a batch's stderr can be acted on.
  public static func check(_ diagnostic: InputDiagnostic, file: InputFile) {
    guard diagnostic.location.file.hasPrefix(FuzzScratch.folder) else {
      fatalError("earshot-fuzz: diagnostic names another file: \(diagnostic)")
    }
  }
}
