import EarshotModel
import Foundation

/// One conversation labeled by `labeling-guide.md` (a line of `evaluation/twcs/labels.jsonl`).
public struct GuideLabel: Decodable, Sendable {
  /// One customer question or request and its verdict.
  public struct Question: Decodable, Sendable {
    /// The tweet (or turn) that asks.
    public var tweetId: String
    /// `when`, `where`, `how_much`, `why`, `how_to`, `yes_no`, `request`, `other`.
    public var type: String
    /// The verdict, as the guide defines it.
    public var verdict: AnswerVerdict
  }

  /// One company promise.
  public struct Promise: Decodable, Sendable {
    /// The tweet (or turn) that makes it.
    public var turnId: String
    /// `kept`, `broken` or `open`.
    public var status: PromiseStatus
  }

  /// The conversation's id as the reader gives it (twcs: its smallest tweet id).
  public var conversation: String
  /// The company account.
  public var company: String
  /// Every question or request that expects a reply.
  public var questions: [Question]
  /// Whether an agent pitched before the problem was solved.
  public var prematurePitch: Bool
  /// The agent turns that pitched.
  public var pitchTurnIds: [String]
  /// The company's promises.
  public var promises: [Promise]
  /// The primary customer's first and last turn, −2…+2.
  public var customerSentimentStart: Int?
  public var customerSentimentEnd: Int?
  /// 1–5: how well the agents listened.
  public var listening: Int?

  enum CodingKeys: String, CodingKey {
    case conversation, company, questions, listening, promises
    case prematurePitch = "premature_pitch"
    case pitchTurnIds = "pitch_turn_ids"
    case customerSentimentStart = "customer_sentiment_start"
    case customerSentimentEnd = "customer_sentiment_end"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    conversation = try container.decode(FlexibleID.self, forKey: .conversation).text
    company = try container.decode(String.self, forKey: .company)
    questions = try container.decode([Question].self, forKey: .questions)
    prematurePitch = try container.decode(Bool.self, forKey: .prematurePitch)
    pitchTurnIds = try container.decode([FlexibleID].self, forKey: .pitchTurnIds).map(\.text)
    promises = try container.decode([Promise].self, forKey: .promises)
    customerSentimentStart = try container.decodeIfPresent(Int.self, forKey: .customerSentimentStart)
    customerSentimentEnd = try container.decodeIfPresent(Int.self, forKey: .customerSentimentEnd)
    listening = try container.decodeIfPresent(Int.self, forKey: .listening)
  }

  /// Reads a JSON Lines file of labels.
  ///
  /// - Throws: `InputDiagnostic` naming the line of a malformed label.
  public static func load(_ path: String) throws -> [GuideLabel] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var labels: [GuideLabel] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      do {
        labels.append(try JSONCoding.decoder(snakeCase: false).decode(GuideLabel.self, from: Data(line.utf8)))
      } catch {
        throw InputDiagnostic(file: path, line: number + 1, "expected a label in the guide's schema: \(error)")
      }
    }
    return labels
  }
}

extension GuideLabel.Question {
  enum CodingKeys: String, CodingKey {
    case tweetId = "tweet_id"
    case turnId = "turn_id"
    case type, verdict
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let id =
      try container.decodeIfPresent(FlexibleID.self, forKey: .tweetId)
      ?? container.decode(FlexibleID.self, forKey: .turnId)
    tweetId = id.text
    type = try container.decode(String.self, forKey: .type)
    verdict = try container.decode(AnswerVerdict.self, forKey: .verdict)
  }
}

extension GuideLabel.Promise {
  enum CodingKeys: String, CodingKey {
    case turnId = "turn_id"
    case status
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    turnId = try container.decode(FlexibleID.self, forKey: .turnId).text
    status = try container.decode(PromiseStatus.self, forKey: .status)
  }
}

/// An id written as a number or a string.
struct FlexibleID: Decodable {
  var text: String

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let number = try? container.decode(Int64.self) {
      text = String(number)
    } else {
      text = try container.decode(String.self)
    }
  }
}
