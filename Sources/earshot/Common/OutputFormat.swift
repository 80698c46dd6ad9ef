import ArgumentParser

/// How `earshot score` prints its result.
enum ScoreOutputFormat: String, ExpressibleByArgument, CaseIterable {
  /// The readable terminal view.
  case text
  /// The versioned JSON result (`docs/output-schema.md`).
  case json
}
