/// A tiny constructed self-interest set (written for these tests; no corpus text), in the format of
/// `evaluation/self-interest/dev/`: Earshot JSON Lines conversations and one label per conversation.
enum SelfInterestFixture {
  static let conversations = """
    {"id": "fx-1", "channel": "chat", "participants": [{"id": "c", "role": "customer"}, {"id": "a", "role": "agent"}], "turns": [{"speaker": "c", "text": "How do I reset the PIN on my debit card?"}, {"speaker": "a", "text": "Hi! Our Platinum card gives you airport lounge access for just £12 a month. Would you like to apply?"}, {"speaker": "c", "text": "I asked about my PIN."}]}
    {"id": "fx-2", "channel": "chat", "participants": [{"id": "c", "role": "customer"}, {"id": "a", "role": "agent"}], "turns": [{"speaker": "c", "text": "Please cancel my gym membership, I'm moving to Leeds."}, {"speaker": "a", "text": "Before you go, how about three months at half price?"}, {"speaker": "c", "text": "No. Cancel it."}, {"speaker": "a", "text": "Done, your membership is cancelled and you won't be charged again."}, {"speaker": "c", "text": "Thanks."}]}
    {"id": "fx-3", "channel": "chat", "participants": [{"id": "c", "role": "customer"}, {"id": "a", "role": "agent"}], "turns": [{"speaker": "c", "text": "My smart plug stopped connecting to the app."}, {"speaker": "a", "text": "Please hold the button for ten seconds to reset it, then add it again in the app."}, {"speaker": "c", "text": "That worked, thank you!"}, {"speaker": "a", "text": "Great! By the way, our new motion sensor is 30% off this week if you'd like one."}]}
    {"id": "fx-4", "channel": "chat", "participants": [{"id": "c", "role": "customer"}, {"id": "a", "role": "agent"}], "turns": [{"speaker": "c", "text": "We had no internet for three days."}, {"speaker": "a", "text": "I'm sorry. As an apology I've added a £15 credit to your account."}, {"speaker": "c", "text": "Thank you, that's fair."}]}
    {"id": "fx-5", "channel": "chat", "participants": [{"id": "c", "role": "customer"}, {"id": "a", "role": "agent"}], "turns": [{"speaker": "c", "text": "My order 7781 never arrived."}, {"speaker": "a", "text": "I've asked the courier to trace it. Meanwhile, could you rate your experience with us today?"}, {"speaker": "c", "text": "Not until I have my order."}]}
    {"id": "fx-6", "channel": "chat", "participants": [{"id": "c", "role": "customer"}, {"id": "a", "role": "agent"}], "turns": [{"speaker": "c", "text": "My kettle leaks from the bottom."}, {"speaker": "a", "text": "Honestly you should get the Gold tier, everyone loves it."}, {"speaker": "c", "text": "Can you just fix the kettle?"}]}
    """

  static let labels = """
    {"conversation": "fx-1", "category": "pitch_instead_of_answer", "pitch_turns": [1], "survey_turns": [], "resolved_turn": null}
    {"conversation": "fx-2", "category": "retention_wall", "pitch_turns": [1], "survey_turns": [], "resolved_turn": 4}
    {"conversation": "fx-3", "category": "pitch_after_resolution", "pitch_turns": [3], "survey_turns": [], "resolved_turn": 2}
    {"conversation": "fx-4", "category": "hard_negative", "pitch_turns": [], "survey_turns": [], "resolved_turn": 2}
    {"conversation": "fx-5", "category": "survey_before_resolution", "pitch_turns": [], "survey_turns": [1], "resolved_turn": null}
    {"conversation": "fx-6", "category": "premature_pitch", "pitch_turns": [1], "survey_turns": [], "resolved_turn": null}
    {"conversation": "fx-missing", "category": "none", "pitch_turns": [], "survey_turns": [], "resolved_turn": null}
    """

  /// Two dialogues in the STC-3 DCH-1 schema with three annotators (constructed; no STC-3 text).
  static let stc3 = """
    [
      {"id": "d-1", "turns": [
        {"sender": "customer", "utterances": ["My bill doubled this month.", "", "Why?"]},
        {"sender": "helpdesk", "utterances": ["A roaming charge was added by mistake. I have removed it; your bill is corrected."]},
        {"sender": "customer", "utterances": ["Great, it shows the right amount now. Thanks!"]}],
       "annotations": [
        {"quality": {"A": 2, "S": 1, "E": 2}, "nugget": ["CNUG0", "HNUG*", "CNUG*"]},
        {"quality": {"A": 1, "S": 1, "E": 1}, "nugget": ["CNUG0", "HNUG*", "CNaN"]},
        {"quality": {"A": 2, "S": 2, "E": 2}, "nugget": ["CNUG0", "HNUG", "CNUG*"]}]},
      {"id": "d-2", "turns": [
        {"sender": "customer", "utterances": ["The signal at my flat is weak."]},
        {"sender": "helpdesk", "utterances": ["Please send us your address by private message."]}],
       "annotations": [
        {"quality": {"A": -1, "S": -1, "E": 0}, "nugget": ["CNUG0", "HNUG"]},
        {"quality": {"A": -2, "S": -1, "E": -1}, "nugget": ["CNUG0", "HNaN"]},
        {"quality": {"A": 0, "S": 0, "E": 0}, "nugget": ["CNUG0", "HNaN"]}]}
    ]
    """
}
