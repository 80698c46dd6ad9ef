import EarshotScoring
import EarshotStore
import EarshotTestSupport
import Foundation
import Testing

/// Results built from JSON, so the store can be tested without running the detectors.
enum StoreFixtures {
  static func result(
    id: String, company: String? = "Acme", agents: [String] = ["bob"], score: Double,
    startedAt: String? = "2024-03-04T10:00:00Z", findings: [(detector: String, severity: String)] = []
  ) throws -> ConversationResult {
    var object: [String: Any] = [
      "schema_version": 1, "tool_version": "0.0.0-test", "conversation_id": id, "channel": "chat",
      "source_file": "\(id).txt", "agents": agents, "roles_guessed": false, "turn_count": 2,
      "score": ["value": score, "breakdown": [] as [Any]],
      "findings": findings.map { finding in
        [
          "detector": finding.detector, "category": "answers", "severity": finding.severity,
          "reason": "The question was not answered.", "attributes": ["verdict": "not_answered"],
          "evidence": [
            [
              "turn": 1, "speaker": agents.first ?? "bob", "role": "agent", "note": "reply",
              "span": ["start": 0, "end": 11, "text": "Please hold"],
            ] as [String: Any]
          ],
        ] as [String: Any]
      },
      "metrics": [
        "customer_turns": 1, "agent_turns": 1, "questions": 1, "non_answers": findings.isEmpty ? 0 : 1,
        "premature_pitches": 0, "promises_made": 0, "promises_kept": 0, "promises_broken": 0,
        "customer_sentiment_start": -0.25, "customer_sentiment_end": 0.5,
      ],
    ]
    if let company { object["company"] = company }
    if let startedAt { object["started_at"] = startedAt }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(ConversationResult.self, from: try JSONSerialization.data(withJSONObject: object))
  }

  static func unit(_ key: String, _ results: [ConversationResult], hash: String = "h") -> ProcessedUnit {
    ProcessedUnit(
      key: key, files: [(key, FileStamp(size: 10, modifiedNanoseconds: 1), hash)], results: results, diagnostics: [],
      failed: false)
  }
}
