import EarshotDetectors
import EarshotTestSupport
import Foundation
import Testing

@Suite struct DetectorDocumentationTests {
  @Test func docsDetectorsIsCurrent() throws {
    let file = PackagePaths.root.appendingPathComponent("docs/detectors.md")
    let mismatch = try GoldenFile.mismatch(DetectorDocumentation.markdown(), golden: file)
    #expect(
      mismatch == nil,
      "docs/detectors.md is stale: run `swift run earshot detectors --markdown > docs/detectors.md`. \(mismatch ?? "")")
  }

  @Test func everyDetectorIsDocumentedWithExamples() {
    let markdown = DetectorDocumentation.markdown()
    for factory in DetectorRegistry.builtIn {
      #expect(markdown.contains("(`\(factory.description.identifier)`)"))
    }
  }
}
