import EarshotModel
import Foundation

/// The reason sentence of a question's verdict: the verdict, how sure the model is, and the
/// signals that drove it, in words a team lead reads without knowing the model.
enum VerdictReasons {
  static func sentence(
    _ prediction: VerdictModel.Prediction, drivers: [(name: String, value: Double)], wording: [String] = [],
    judgement: AnswerJudgement
  ) -> String {
    let lead: String
    switch prediction.verdict {
    case .answered: lead = "Answered"
    case .partial: lead = "Partly answered"
    case .notAnswered: lead = "Not answered"
    case .unanswered: lead = "Unanswered"
    }
    let index = VerdictModel.classes.firstIndex(of: prediction.verdict) ?? 0
    let confidence = Int((prediction.probabilities[index] * 100).rounded())
    let signals = drivers.compactMap { driver in
      driver.name == "wording"
        ? describeWording(wording, toward: prediction.verdict) : describe(driver.name, driver.value, judgement)
    }
    let head = "\(lead) (\(confidence)% sure, usefulness \(twoDecimals(prediction.usefulness)))"
    return signals.isEmpty ? head + "." : head + ": " + signals.joined(separator: "; ") + "."
  }

  /// `value` (0–1) with two decimals, without Foundation's formatter (this runs for every question).
  static func twoDecimals(_ value: Double) -> String {
    let hundredths = Int((max(0, min(1, value)) * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
  }

  /// The reason of the guide's bare-DM rule.
  static func bareDM(_ prediction: VerdictModel.Prediction, judgement: AnswerJudgement) -> String {
    let canned = judgement.templateUses.map { "; it is a canned reply used in \($0) conversations" } ?? ""
    return "Not answered (usefulness \(twoDecimals(prediction.usefulness))): the reply only moves a "
      + "general question, answerable in the open, to a direct message\(canned)."
  }

  /// The reason of the guide's private-channel rule.
  static func privateChannel(_ prediction: VerdictModel.Prediction) -> String {
    "Partly answered (usefulness \(twoDecimals(prediction.usefulness))): the reply moves to a private "
      + "channel, which a question about the customer's own account, order or billing data needs."
  }

  /// The clause for the reply's wording: the terms that pushed hardest, quoted.
  static func describeWording(_ terms: [String], toward verdict: AnswerVerdict) -> String? {
    guard !terms.isEmpty else { return nil }
    let kind: String
    switch verdict {
    case .answered: kind = "answers"
    case .partial: kind = "engage without resolving"
    default: kind = "talk past the question"
    }
    let quoted = terms.map { "\"\($0)\"" }.joined(separator: ", ")
    return "its wording (\(quoted)) is typical of replies that \(kind)"
  }

  /// A clause for one signal, or nil for signals that read badly on their own.
  static func describe(_ name: String, _ value: Double, _ judgement: AnswerJudgement) -> String? {
    let percent = Int((value * 100).rounded())
    switch name {
    case "overlap": return "the reply repeats \(percent)% of the question's key words (weighted by rarity)"
    case "block_overlap": return "it repeats \(percent)% of the key words of the customer's turns"
    case "type_match": return "it gives the kind of content the question calls for"
    case "deflect_dm": return "it moves the conversation to a direct message"
    case "deflect_faq": return "it points to a help page or website"
    case "deflect_elsewhere":
      return judgement.deflection.map { "it sends the customer elsewhere (\"\($0)\")" }
        ?? "it sends the customer elsewhere"
    case "deflect_cannot": return "it says the company cannot help"
    case "deflect_feedback": return "it only takes the message as feedback"
    case "deflect_nonews": return "it has no information to give"
    case "deflect_tellmore": return "it asks the customer to tell more elsewhere"
    case "link_thin": return "it gives a link with little else"
    case "clarify_overlap": return "it asks back about what the customer raised"
    case "shares_number": return "it repeats a number the customer gave"
    case "open_overlap": return "it takes up the question's words in the open (\(percent)%)"
    case "dm_general": return "it moves a general question, answerable in the open, to a direct message"
    case "dm_private": return "the question needs the customer's own account, order or billing data"
    case "dm_only": return "it holds little besides the request to message privately"
    case "asks_back": return "it only asks a question back"
    case "has_question": return "it asks the customer something"
    case "asks_info": return "it asks for an identifier, email or phone number"
    case "empathy_only": return "it offers sympathy but no content"
    case "apology": return "it apologizes"
    case "template":
      return judgement.templateUses.map { "it is a canned reply used in \($0) conversations" } ?? "it is a canned reply"
    case "link": return "it gives a link"
    case "digits": return "it gives numbers"
    case "amount": return "it states an amount"
    case "time_words": return "it gives a time"
    case "steps": return "it gives steps to try"
    case "promise": return "it commits to a follow-up"
    case "agent_resolved": return "it says the problem is solved"
    case "log_reply_words": return "it is \(Int(exp(value) - 1)) words long"
    case "log_content_words": return "it has \(Int(exp(value) - 1)) words of content"
    case "reply_turns": return "it takes several turns"
    case "private_topic": return "the question is about the customer's own account, order, billing or service"
    case "contact_question": return "the customer asked whom or where to contact"
    case "explicit_question": return "the customer asked explicitly"
    case "mood": return value < 0 ? "the customer is upset" : "the customer is calm"
    case "log_question_words": return "the question is \(Int(exp(value) - 1)) words long"
    case "next_thanks": return "the customer thanks the agent next"
    case "next_negative": return "the customer's next turn is negative"
    case "next_still_broken": return "the customer says next that it still does not work"
    case "earlier_reply": return "the agent had already replied earlier in the thread"
    case "earlier_deflection": return "the agent had already deflected or asked for a direct message earlier"
    case "customer_unheard": return "the customer said a private message was already sent or went unanswered"
    case "deflect_again": return "it deflects or asks for a direct message again"
    case "reply_repeats": return "it repeats \(percent)% of the words of an earlier reply"
    case "other_addressee": return "it is addressed to someone other than the customer who asked"
    default: return nil
    }
  }
}
