import EarshotDetectors
import EarshotModel
import Foundation
import Testing

/// Every registered detector's documented examples are tests: triggering examples must produce a
/// finding from that detector, non-triggering examples none (minor or major; info does not count
/// for detectors that only report facts).
@Suite struct DetectorExampleTests {
  static let factories = DetectorRegistry.builtIn

  @Test(arguments: factories.map(\.description.identifier))
  func triggeringExamplesTrigger(_ identifier: String) throws {
    let factory = try #require(DetectorRegistry.factory(for: identifier))
    #expect(!factory.description.triggeringExamples.isEmpty)
    for example in factory.description.triggeringExamples {
      let findings = try DetectorHarness.findings(factory, example)
      #expect(!findings.isEmpty, "\(identifier) should trigger on:\n\(example)")
      for finding in findings {
        #expect(finding.detector == identifier)
        #expect(!finding.evidence.isEmpty, "every finding carries evidence")
        for evidence in finding.evidence {
          #expect(!evidence.span.text.isEmpty, "evidence points at words")
        }
      }
    }
  }

  @Test(arguments: factories.map(\.description.identifier))
  func nonTriggeringExamplesStayQuiet(_ identifier: String) throws {
    let factory = try #require(DetectorRegistry.factory(for: identifier))
    #expect(!factory.description.nonTriggeringExamples.isEmpty)
    for example in factory.description.nonTriggeringExamples {
      let findings = try DetectorHarness.findings(factory, example).filter { $0.severity != .info }
      #expect(findings.isEmpty, "\(identifier) should not trigger on:\n\(example)\nbut found \(findings.map(\.reason))")
    }
  }

  @Test func identifiersAreUniqueSnakeCase() {
    let identifiers = Self.factories.map(\.description.identifier)
    #expect(Set(identifiers).count == identifiers.count)
    for identifier in identifiers {
      #expect(identifier.allSatisfy { $0.isLowercase || $0 == "_" }, "\(identifier) is snake_case")
    }
  }

  @Test func disabledDetectorFindsNothing() throws {
    let factory = try #require(DetectorRegistry.factory(for: "no_no"))
    let detector = try factory.make(configurationJSON: Data(#"{"enabled": false}"#.utf8))
    let analyzed = try DetectorHarness.analyze(factory.description.triggeringExamples[0])
    #expect(detector.findings(in: analyzed).isEmpty)
  }
}
