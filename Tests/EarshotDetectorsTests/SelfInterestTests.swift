import EarshotDetectors
import EarshotModel
import EarshotText
import Testing

/// Runs the premature-pitch detector and returns (pattern, turn, severity) of each finding.
private func pitches(_ chatLog: String) throws -> [(pattern: String, turn: Int, severity: Severity)] {
  try DetectorHarness.findings(PrematurePitchDetector(), chatLog).map {
    ($0.attributes["pattern"] ?? "", $0.evidence[0].turn, $0.severity)
  }
}

@Suite struct PitchTimingTests {
  @Test func pitchInPlaceOfAnAnswerIsMajorAndPointsAtTheQuestion() throws {
    let findings = try DetectorHarness.findings(
      PrematurePitchDetector(),
      """
      Customer: My phone screen is cracked, how do I get it repaired?
      Agent: Our protection plan covers screens for $9 a month, want to add it?
      """)
    let finding = try #require(findings.first)
    #expect(finding.severity == .major)
    #expect(finding.attributes["pattern"] == "pitch_instead_of_answer")
    #expect(finding.evidence[0].span.text.contains("protection plan"))
    #expect(finding.evidence[1].turn == 0)
    #expect(finding.evidence[1].span.text == "My phone screen is cracked, how do I get it repaired?")
    #expect(finding.attributes["resolved_before"] == "false")
  }

  @Test func pitchBesideRealWorkIsAMinorPrematurePitch() throws {
    let found = try pitches(
      """
      Customer: My parcel is a week late, order 55120.
      Agent: Let me check the order for you. While I have you, our Plus membership gives free next-day delivery for £7.99 a month.
      """)
    #expect(found.map(\.pattern) == ["premature_pitch"])
    #expect(found.first?.severity == .minor)
  }

  @Test func pitchAfterContradictedFixIsPremature() throws {
    let found = try pitches(
      """
      Customer: My data stopped working this morning.
      Agent: I have reset your line, it should be working now.
      Customer: Still not working.
      Agent: Would you be interested in our premium plan? It's only $5 more a month.
      """)
    #expect(found.count == 1)
    #expect(found.first?.pattern != "pitch_after_resolution")
  }

  @Test func pitchAfterConfirmedFixToHappyCustomerIsInfoOnly() throws {
    let found = try pitches(
      """
      Customer: My data stopped working.
      Agent: I reset your APN settings, it should work now.
      Customer: It works now, thank you so much!
      Agent: Glad to help. Did you know we also offer a 20 GB add-on at half price?
      """)
    #expect(found.map(\.pattern) == ["pitch_after_resolution"])
    #expect(found.first?.severity == .info)
  }

  @Test func retentionWallIsStillAFindingWhenTheCancellationComesAfterTheSecondPush() throws {
    let found = try pitches(
      """
      Customer: Please cancel my streaming subscription from next month.
      Agent: Before you go, how about three months at half price?
      Customer: No, cancel it please.
      Agent: Would you consider our Basic plan instead? Only £4.99 a month.
      Customer: I said cancel.
      Agent: Done, your subscription is cancelled and you won't be charged again.
      Customer: Thanks.
      """)
    #expect(found.map(\.pattern) == ["retention_wall", "retention_wall"])
    #expect(found.map(\.turn) == [1, 3])
    #expect(found.allSatisfy { $0.severity == .major })
  }

  @Test func cancellingAtOnceIsNotAWall() throws {
    #expect(
      try pitches(
        """
        Customer: Please cancel my broadband, I'm moving abroad.
        Agent: Of course. Your broadband is cancelled from the 30th; you're welcome to rejoin any time.
        Customer: Thanks.
        """
      ).isEmpty)
  }

  @Test func everyPitchOfALongChatIsFound() throws {
    // 2,000 turns of a long chat (a quadratic scan took minutes on such input; speed is measured by the
    // benchmarks, never by a timed test): each agent turn's upgrade offer is one finding.
    var lines: [String] = []
    for index in 0..<1000 {
      lines.append("Customer: The line dropped again at \(index) minutes past, can you check the router?")
      lines.append("Agent: Let me check the line. Would you like our Fibre 900 upgrade for £10 more a month?")
    }
    #expect(try pitches(lines.joined(separator: "\n")).count == 1000)
  }
}

/// Offer-act recognition and each exclusion, one sentence at a time.
@Suite struct PitchRecognitionTests {
  static func pitchTerms(_ agent: String, customer: String = "Customer: I have a question about my account.")
    throws -> [String]
  {
    let findings = try DetectorHarness.findings(PrematurePitchDetector(), customer + "\nAgent: " + agent)
    return findings.map { $0.attributes["offer_terms"] ?? "" }
  }

  @Test(arguments: [
    "While I have you, our Traveller plan covers 70 countries for $18 more a month.",
    "Have you considered a home battery? It can be financed from £39 a month.",
    "Many customers in your situation choose our Fibre 500 bundle.",
    "Good timing, the new Orbis X5 just launched and you can trade in your old one for up to $220 off.",
    "As a valued customer you qualify for 20% off accessories today.",
    "You could switch to annual billing and save 17%.",
    "I can add our Glass Guard add-on for just $3 a month.",
    "Check out our new Spring sale: 25% off planters this weekend only!",
    "I suggest you upgrade your broadband speed.",
  ])
  func offerActWithAnUnraisedProductOrPriceIsAPitch(_ sentence: String) throws {
    #expect(try Self.pitchTerms(sentence).count == 1, "\(sentence)")
  }

  @Test(arguments: [
    // Compensation.
    "As an apology, I've added a £15 credit and 50% off next month's bill.",
    "I can move you to premium economy on the same flight, free of charge, for the inconvenience.",
    // A software update or upgrade as the fix.
    "This crash is fixed in the new 5.4 release, please upgrade the app from the store.",
    "Would you like to install the firmware upgrade? It fixes the Wi-Fi drops.",
    // Payment and action plans.
    "We can set up a payment plan of £40 a month over six months, would you like that?",
    "Here is the action plan: would you like me to freeze the card first?",
    // Policy statements.
    "We offer free returns within 30 days on every order.",
    // Plain troubleshooting phrased like an offer.
    "Have you considered battery optimisation? Many customers fix this by setting the app to Unrestricted.",
    // The customer's own product.
    "Your plan includes 10 GB a month and resets on the 3rd.",
  ])
  func exclusionsAreNotPitches(_ sentence: String) throws {
    #expect(try Self.pitchTerms(sentence).isEmpty, "\(sentence)")
  }

  @Test func informationTheCustomerAskedForIsNotAPitch() throws {
    let terms = try Self.pitchTerms(
      "Yes, HiFi is €3 more a month and you could try it free for 14 days.",
      customer: "Customer: How much more is the HiFi plan, and is there a trial?")
    #expect(terms.isEmpty)
  }

  @Test func aRefusalWithAQuoteIsPolicyAndCampaignsNeedAnUnaskedTopic() throws {
    #expect(
      try Self.pitchTerms(
        "We're unable to offer a free room upgrade, however we can quote one if you would like us to?",
        customer: "Customer: Could we be moved to a suite for the trouble?"
      ).isEmpty)
    #expect(
      try Self.pitchTerms(
        "DM us and we'll give you the full #GreenLine welcome!",
        customer: "Customer: My carrier is awful, will you buy out my contract if I switch to you?"
      ).isEmpty)
    #expect(try Self.pitchTerms("DM us and we'll give you the full #GreenLine welcome!").count == 1)
  }

  @Test func aPriceComplaintIsNotAShoppingQuestion() throws {
    let terms = try Self.pitchTerms(
      "Did you know you can save up to 20% by switching to annual billing? Just £8.25 a month.",
      customer:
        "Customer: My plan went from £9 to £11 this month without notice. Can you explain why the price went up?")
    #expect(terms.count == 1)
  }

  @Test func pricingWhatTheCustomerAskedToBuyIsNotAPitch() throws {
    let terms = try Self.pitchTerms(
      "Certainly, late checkout is €25 per room. Shall I add it?",
      customer: "Customer: Can I add a late checkout to my booking for Friday?")
    #expect(terms.isEmpty)
  }

  @Test func aVoucherOfferedAsCompensationIsNotAPitch() throws {
    let customer = "Customer: My train was three hours late and I'd like to claim compensation."
    #expect(
      try Self.pitchTerms("We can pay £40 by bank transfer, or offer it as a £50 travel voucher.", customer: customer)
        .isEmpty)
    // Without a compensation claim the same voucher is sold.
    #expect(try Self.pitchTerms("Would you like a £50 travel voucher for just £40?").count == 1)
  }

  @Test func aPlanTheCustomerMentionedIsTheirTopicNotAnOffer() throws {
    let terms = try Self.pitchTerms(
      "Would you like me to add the breakfast package to your booking?",
      customer: "Customer: Can I still add the breakfast package to my stay next week")
    #expect(terms.isEmpty)
  }
}

@Suite struct ResolutionTrackingTests {
  static func analyzed(_ chatLog: String) throws -> AnalyzedConversation { try DetectorHarness.analyze(chatLog) }

  @Test func customerConfirmationAfterSteps() throws {
    let analyzed = try Self.analyzed(
      """
      Customer: Websites won't load but streaming works. I've restarted everything twice.
      Agent: That points at DNS. In the hub settings, is DNS set to Automatic?
      Customer: It says Manual. I never changed that!
      Agent: Please switch it to Automatic and save.
      Customer: Done, and it works now! Websites are loading. Thank you.
      """)
    #expect(analyzed.resolution?.turn == 4)
    #expect(analyzed.resolution?.kind == .customerConfirmed)
  }

  @Test func thanksThatCloseAfterAnAnswer() throws {
    let analyzed = try Self.analyzed(
      """
      Customer: Can I bring my violin in the cabin on a European flight?
      Agent: Yes, as your hand luggage if the case fits in the overhead bin.
      Customer: Great, thanks for your help.
      """)
    #expect(analyzed.resolution?.turn == 2)
    #expect(analyzed.resolution?.kind == .customerThanked)
  }

  @Test func thanksInsideARequestDoNotClose() throws {
    let analyzed = try Self.analyzed(
      """
      Customer: Why does the bonus data always arrive at the end of the month?
      Agent: Please send us your number by private message and we will check.
      Customer: Please explain it to all your long-time users, not just me. Thank you!
      """)
    #expect(analyzed.resolution == nil)
  }

  @Test func thanksForAHandOffResolveNothing() throws {
    let handedOff = try Self.analyzed(
      """
      Customer: The signal in my flat has been weak for a week.
      Agent: Sorry to hear that. Please send us your address and number by private message.
      Customer: OK, thank you.
      """)
    #expect(handedOff.resolution == nil)
    let done = try Self.analyzed(
      """
      Customer: Please cancel my boiler cover, the new boiler has a warranty.
      Agent: We've cancelled your boiler cover from today; the confirmation is in your email.
      Customer: Thank you.
      """)
    #expect(done.resolution?.turn == 2)
    #expect(done.resolution?.kind == .customerThanked)
  }

  @Test func agentStatementStandsUntilContradicted() throws {
    let stands = try Self.analyzed(
      """
      Customer: My refund for order 4410 hasn't arrived.
      Agent: I've refunded the £89 today; it reaches your card in 3 to 5 days.
      """)
    #expect(stands.resolution?.kind == .agentStated)
    #expect(stands.resolution?.turn == 1)
    let contradicted = try Self.analyzed(
      """
      Customer: My internet drops every 20 minutes.
      Agent: I have reset your line, it should be working now.
      Customer: It dropped again after 10 minutes.
      """)
    #expect(contradicted.resolution == nil)
    #expect(contradicted.resolutionTimeline.map { $0?.turn } == [nil, 1, nil])
  }

  @Test func nothingIsResolvedBeforeTheCompanySpeaks() throws {
    let analyzed = try Self.analyzed(
      """
      Customer: Please close my membership, thank you.
      Agent: Before you go, how about a free upgrade voucher?
      """)
    #expect(analyzed.resolution == nil)
  }
}

@Suite struct SurveyBeforeResolutionTests {
  @Test func surveyWhileTheProblemIsOpenPointsAtIt() throws {
    let findings = try DetectorHarness.findings(
      SurveyBeforeResolutionDetector(),
      """
      Customer: My flight was cancelled 6 weeks ago and still no refund.
      Agent: Refunds are taking up to 8 weeks, your case is in the queue.
      Agent: How would you rate your experience with us today? Tap a star below.
      Customer: 1 star. Give me my money.
      """)
    let finding = try #require(findings.first)
    #expect(finding.severity == .minor)
    #expect(finding.evidence[0].turn == 2)
    #expect(finding.evidence[1].turn == 0)
  }

  @Test func surveyNamedInsideAPitchIsNotARatingRequest() throws {
    let findings = try DetectorHarness.findings(
      SurveyBeforeResolutionDetector(),
      """
      Customer: When is my smart meter installation?
      Agent: Have you considered solar panels? We're offering a free home survey this month for £0.
      """)
    #expect(findings.isEmpty)
  }
}
