import EarshotDetectors
import EarshotModel
import Foundation
import Testing

/// The guide's verdict cases (`labeling-guide.md`) on conversations written for these tests, judged
/// by the shipped reply-verdict model.
@Suite struct QuestionVerdictTests {
  func record(_ conversation: String) throws -> QuestionRecord {
    try #require(try DetectorHarness.analyze(conversation).questionRecords.first)
  }

  @Test func aPrivateChannelForAccountDataIsPartial() throws {
    let judged = try record(
      """
      Customer: I was charged twice for my broadband bill this month, can you refund the second charge?
      Agent: Sorry about that. Please DM us your account number and we'll look into the charge.
      """)
    #expect(judged.verdict == .partial)
  }

  @Test func aClarifyingQuestionIsPartial() throws {
    let judged = try record(
      """
      Customer: My laptop will not connect to the printer since the update.
      Agent: Sorry to hear that! Which printer model and which version of the update do you have?
      """)
    #expect(judged.verdict == .partial)
  }

  @Test func aBareDMForAPublicQuestionIsNotAnswered() throws {
    let judged = try record(
      """
      Customer: Does the new phone support wireless charging?
      Agent: We're here to help. Meet us in DM and we'll go from there.
      """)
    #expect(judged.verdict == .notAnswered)
    #expect(judged.reason.hasPrefix("Not answered"))
  }

  @Test func aBareDMForADeviceProblemToldInTheFirstPersonIsNotAnswered() throws {
    // The customer says "my", but a software bug needs no private data: a DM in place of an open
    // answer talks past it (labeling-guide.md).
    let judged = try record(
      """
      Customer: Since updating to iOS 11 my battery drains in a few hours. Any tips?
      Agent: We want to help you get your battery life back on track. Please DM us and we'll look at it together.
      """)
    #expect(judged.verdict == .notAnswered)
  }

  @Test func aHelpPageOrFeedbackFormIsNotAnswered() throws {
    let page = try record(
      """
      Customer: Why does the app log me out every time I close it?
      Agent: Thanks for reaching out! Please check our help center here: https://example.com/help
      """)
    #expect(page.verdict == .notAnswered)
    let form = try record(
      """
      Customer: Can you bring back the old layout? The new one hides my downloads.
      Agent: Thanks for the feedback! Please share your feedback through our feedback form: https://example.com/f
      """)
    #expect(form.verdict == .notAnswered)
  }

  @Test func stepsForADifferentProblemAreNotAnswered() throws {
    let judged = try record(
      """
      Customer: Why was I billed for a movie rental I never made?
      Agent: Thanks for reaching out! Please tell us more here so we can help: https://example.com/contact
      """)
    #expect(judged.verdict == .notAnswered)
  }

  @Test func aConcreteFixIsAnswered() throws {
    let judged = try record(
      """
      Customer: How do I turn off autoplay on the TV app?
      Agent: Open the TV app, go to Settings > Playback and switch Autoplay off; it stays off on every profile.
      """)
    #expect(judged.verdict == .answered)
    #expect(try #require(judged.usefulness) > 0.5)
    #expect(judged.reason.hasPrefix("Answered"))
    // The reason prints the usefulness with two decimals.
    let printed = String(format: "usefulness %.2f", try #require(judged.usefulness))
    #expect(judged.reason.contains(printed))
  }

  @Test func noReplyIsUnansweredWithoutAUsefulness() throws {
    let judged = try record("Customer: When does the Oxford Street store open on Sunday?")
    #expect(judged.verdict == .unanswered)
    #expect(judged.usefulness == nil)
  }
}

/// The guide's implicit requests: concrete problems count, praise and answers to an agent's
/// question do not.
@Suite struct ImplicitRequestTests {
  @Test func aConcreteProblemWithoutAQuestionIsARequest() throws {
    let records = try DetectorHarness.analyze(
      """
      Customer: My parcel arrived opened and two items are missing.
      Agent: Sorry about that, please DM us your order number.
      """
    ).questionRecords
    #expect(records.map(\.type) == ["request"])
  }

  @Test func praiseAndAnAnswerToTheAgentsQuestionAreNotRequests() throws {
    #expect(
      try DetectorHarness.analyze(
        "Customer: Loved the new seats on my flight today, great crew!\nAgent: Thanks for flying with us!"
      ).questionRecords.isEmpty)
    let records = try DetectorHarness.analyze(
      """
      Customer: How do I restore my purchases?
      Agent: Which device are you using?
      Customer: An old tablet, the screen is not great but it works.
      Agent: Go to Settings > Purchases and tap Restore.
      """
    ).questionRecords
    #expect(records.map(\.turn) == [0])
  }
}
