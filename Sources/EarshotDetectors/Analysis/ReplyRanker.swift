import EarshotModel
import EarshotText
import Foundation

/// Scores how well each reply in a thread answers the thread's opening question, from signals
/// that need no training data at run time: rarity-weighted similarity to the question, where the
/// reply stands among the thread's replies, who wrote it (the asker's own follow-ups are not
/// answers), its length, whether it asks back, thanks or banters, whether it carries advice,
/// links, numbers or amounts, how the thread's dialogue runs around it (the asker thanking after
/// it, two people chatting), how far it agrees with the other replies, and the words it uses
/// (the answer-terms lexicon, `Lexicons/data/answer-terms.tsv`).
///
/// The weights and the lexicon were fitted once by logistic regression on the SemEval-2016
/// community-QA training slice, and a small gradient-boosted tree ensemble
/// (`Lexicons/data/reply-trees.tsv`) rescores the features together with that linear score
/// (`Scripts/fit-reply-ranker.py`, see `docs/evaluation.md`). All are fixed;
/// `earshot evaluate answers` measures them.
public struct ReplyRanker: Sendable {
  /// Names of the features, in order (for `--dump-features` and documentation).
  public static let featureNames = [
    "bias", "position", "by_asker", "log_words", "question_cosine", "ends_with_question", "thanks", "banter", "link",
    "digit", "short", "author_reply_share", "mentions_other_author", "advice", "amount", "first_person_share",
    "exclamation_share", "cosine_rank", "relative_log_words", "yes_no_opening", "after_asker_reply",
    "has_question_mark", "question_mark_share", "first_by_author", "log_hours_after_question", "between_two_voices",
    "capitals_share", "asker_thanks_next", "asker_thanks_later", "consensus", "emoticon", "answer_terms",
  ]

  /// What the tree ensemble reads: the features, then the linear score.
  public static let treeInputs = featureNames + ["linear_score"]

  /// Logistic-regression weights, one per feature.
  public var weights: [Double]
  /// Whether the tree ensemble gives the final score (otherwise the linear score does).
  public var usesTrees: Bool

  /// Creates a ranker with the fitted weights; the trees were fitted on top of those weights.
  public init(weights: [Double] = ReplyRanker.fittedWeights, usesTrees: Bool = true) {
    self.weights = weights
    self.usesTrees = usesTrees
  }

  /// Fitted on the SemEval-2016 Task 3 train-part2 file by `Scripts/fit-reply-ranker.py`
  /// (L2-regularized logistic regression of Good against the rest, jointly with the answer-terms
  /// lexicon, whose summed weights enter with weight 1).
  public static let fittedWeights: [Double] = [
    -1.664, -0.861, -1.199, 0.341, 1.223, -0.278, -1.109, -0.462, 0.118, 0.301, 1.002, -0.756, -0.584, 0.156, 0.403,
    -2.579, -0.643, 0.001, 0.345, 0.424, -0.036, -0.841, -2.826, 0.783, -0.108, -0.333, 1.398, 0.598, -0.190, 3.462,
    -0.321, 1.000,
  ]

  /// The answer score of every turn after `questionTurn`, by turn index (higher is a better answer).
  public func scores(in conversation: AnalyzedConversation, questionTurn: Int = 0) -> [Int: Double] {
    let trees = conversation.resources.lexicons.replyTrees
    return features(in: conversation, questionTurn: questionTurn).mapValues { values in
      let linear = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
      return usesTrees && !trees.isEmpty ? trees.score(values + [linear]) : linear
    }
  }

  /// The feature vector of every turn after `questionTurn`, by turn index.
  public func features(in conversation: AnalyzedConversation, questionTurn: Int = 0) -> [Int: [Double]] {
    ReplyFeatures(
      conversation: conversation, questionTurn: questionTurn,
      answerTerms: conversation.resources.lexicons.answerTerms
    ).all()
  }

  /// The terms of `text` the answer-terms lexicon is looked up with (distinct stems of its words
  /// and numbers), for `--dump-features` and refitting the lexicon.
  public static func lexiconTerms(_ text: TokenizedText) -> Set<String> {
    ReplyCues.lexiconTerms(text)
  }
}
