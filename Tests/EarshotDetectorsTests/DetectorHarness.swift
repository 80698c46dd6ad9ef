import EarshotDetectors
import EarshotModel
import EarshotReaders

/// Parses chat-log examples and runs detectors on them.
enum DetectorHarness {
  static let resources: AnalysisResources = {
    do {
      return try AnalysisResources.loadDefault()
    } catch {
      fatalError("default lexicons must load: \(error)")
    }
  }()

  static func analyze(_ chatLog: String) throws -> AnalyzedConversation {
    let conversations = try ChatLogReader().parse(text: chatLog)
    guard let conversation = conversations.first else { throw HarnessError.noConversation }
    return ConversationAnalyzer(resources: resources).analyze(conversation)
  }

  static func findings(_ factory: DetectorFactory, _ chatLog: String) throws -> [Finding] {
    factory.makeDefault().findings(in: try analyze(chatLog))
  }

  static func findings<D: Detector>(_ detector: D, _ chatLog: String) throws -> [Finding] {
    detector.findings(in: try analyze(chatLog))
  }

  enum HarnessError: Error { case noConversation }
}
