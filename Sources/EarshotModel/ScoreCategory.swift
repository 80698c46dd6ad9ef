/// The parts of the listening score; each finding counts against one.
public enum ScoreCategory: String, Codable, Sendable, CaseIterable, Hashable {
  /// Customer questions and requests get real answers.
  case answers
  /// Sales offers wait until the problem is solved.
  case timing
  /// Replies come within the standards; no customer is left waiting.
  case responsiveness
  /// Promises are specific and kept.
  case promises
  /// The agent uses what the customer already said; talk is balanced.
  case knowing
  /// The customer ends no worse than they started.
  case sentiment
  /// Nothing on the no-no list is said.
  case conduct
}
