import EarshotDetectors
import EarshotModel
import EarshotText
import Foundation
import Testing

@Suite struct VerdictModelTests {
  /// A model file where one feature decides: a DM handoff makes `not_answered` likely, overlap
  /// makes `answered` likely; every other feature weighs 0.
  func file(skipping skipped: String? = nil, extra: String = "") -> String {
    var lines = ["# test model", "# feature\tanswered\tpartial\tnot_answered\tusefulness"]
    for name in VerdictFeatures.names where name != skipped {
      switch name {
      case "bias": lines.append("bias\t0\t0.5\t0\t0")
      case "deflect_dm": lines.append("deflect_dm\t-2\t0\t3\t-4")
      case "overlap": lines.append("overlap\t4\t0\t-1\t5")
      default: lines.append("\(name)\t0\t0\t0\t0")
      }
    }
    return (lines + [extra]).joined(separator: "\n")
  }

  func vector(_ values: [String: Double]) -> [Double] {
    var vector = [Double](repeating: 0, count: VerdictFeatures.names.count)
    vector[0] = 1
    for (name, value) in values { vector[VerdictFeatures.index[name] ?? 0] = value }
    return vector
  }

  @Test func softmaxPicksTheClassAndUsefulnessIsLogistic() throws {
    let model = try VerdictModel(entries: try LexiconFile.parse(file(), name: "m.tsv"), file: "m.tsv")
    let dm = model.predict(vector(["deflect_dm": 1]))
    #expect(dm.verdict == .notAnswered)
    #expect(abs(dm.probabilities.reduce(0, +) - 1) < 1e-9)
    #expect(dm.usefulness < 0.05)
    let answer = model.predict(vector(["overlap": 0.9]))
    #expect(answer.verdict == .answered)
    #expect(answer.usefulness > 0.95)
    // Nothing at all: the bias favours partial.
    #expect(model.predict(vector([:])).verdict == .partial)
    #expect(model.drivers(vector(["deflect_dm": 1]), toward: .notAnswered).map(\.name) == ["deflect_dm"])
  }

  @Test func malformedFilesNameTheLineAndWhatWasExpected() throws {
    func error(_ text: String) -> LexiconError? {
      do {
        _ = try VerdictModel(entries: try LexiconFile.parse(text, name: "m.tsv"), file: "m.tsv")
        return nil
      } catch let error as LexiconError {
        return error
      } catch {
        return nil
      }
    }
    let unknown = try #require(error(file(extra: "shoe_size\t1\t2\t3\t4")))
    #expect(unknown.line == VerdictFeatures.names.count + 3)
    #expect(unknown.message.contains("unknown feature 'shoe_size'"))
    let short = try #require(error(file(skipping: "link", extra: "link\t1\t2")))
    #expect(short.message.contains("expected four numbers"))
    #expect(short.description.hasPrefix("m.tsv:"))
    let words = try #require(error(file(skipping: "link", extra: "link\t1\tlots\t3\t4")))
    #expect(words.message.contains("expected four numbers"))
    let twice = try #require(error(file(extra: "digits\t0\t0\t0\t0")))
    #expect(twice.message.contains("appears twice"))
    let missing = try #require(error(file(skipping: "template")))
    #expect(missing.line == nil)
    #expect(missing.message.contains("template"))
  }

  @Test func aFoldModelLoadsFromItsDirectoryAndAMissingFileIsNamed() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-fold-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try file().write(to: directory.appendingPathComponent("reply-verdicts.tsv"), atomically: true, encoding: .utf8)
    // Without its terms file the model is incomplete: the error names the file it looked for.
    #expect {
      _ = try VerdictModel.load(directory: directory)
    } throws: { error in
      String(describing: error).contains("verdict-terms.tsv")
    }
    let terms = "# term\tanswered\tpartial\tnot_answered\ndm us\t-1\t0\t2\n"
    try terms.write(to: directory.appendingPathComponent("verdict-terms.tsv"), atomically: true, encoding: .utf8)
    let model = try VerdictModel.load(directory: directory)
    #expect(model.predict(vector(["deflect_dm": 1])).verdict == .notAnswered)
    #expect(model.predict(vector(["overlap": 0.9])).verdict == .answered)
    // The file's term weighs in: "dm us" pushes an otherwise neutral reply to not_answered.
    #expect(model.predict(vector([:]), terms: [TermBag.hash(of: "dm us")]).verdict == .notAnswered)
  }

  @Test func theShippedModelLoads() throws {
    let model = try VerdictModel.loadDefault()
    #expect(model.predict(vector([:])).probabilities.count == 3)
  }
}
