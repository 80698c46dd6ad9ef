import EarshotDetectors
import EarshotModel
import Testing

@Suite struct QuestionTests {
  func types(_ customerText: String) throws -> [QuestionType] {
    try DetectorHarness.analyze("Customer: \(customerText)\nAgent: ok").questions.map(\.type)
  }

  @Test func interrogativesAndTheirTypes() throws {
    #expect(try types("When will it arrive?") == [.time])
    #expect(try types("How much is the fee?") == [.amount])
    #expect(try types("Why was I charged twice?") == [.reason])
    #expect(try types("How do I reset my password?") == [.howto])
    #expect(try types("Is the store open on Sunday?") == [.yesno])
    #expect(try types("Where is the nearest shop?") == [.place])
  }

  @Test func questionsWithoutQuestionMarks() throws {
    #expect(try types("I was wondering if you ship to Canada") == [.yesno])
    #expect(try types("Please cancel my subscription") == [.request])
    #expect(try types("I want a refund for order 8812") == [.request])
    #expect(try types("how do i export my data") == [.howto])
  }

  @Test func questionShapedSentencesWithoutQuestionMarks() throws {
    #expect(try types("why won't my apps download or update") == [.reason])
    #expect(try types("do you have any apps for epilepsy so I can detect my seizures") == [.yesno])
    #expect(try types("Sort this now!") == [.request])
    #expect(try types("Help") == [.request])
    #expect(try types("I just need someone to do something about the battery") == [.request])
  }

  @Test func typographicAndLessCommonContractionsOpenQuestions() throws {
    #expect(try types("Why wasn’t my refund processed last week") == [.reason])
    #expect(try types("Why couldn't the engineer come last week") == [.reason])
  }

  @Test func nounsAndFillersFirstAreNotOrders() throws {
    #expect(try types("Sort of disappointed with how long the delivery took.") == [])
    #expect(try types("Help desk never called me back about the outage.") == [])
    #expect(try types("Reset didn't work either.") == [])
  }

  @Test func subordinateClausesAreNotQuestions() throws {
    #expect(try types("When I try to log in it fails.") == [])
    #expect(try types("What a mess.") == [])
    #expect(try types("Sorted it myself in the end.") == [])
  }

  @Test func statementsAndSmallTalkAreNotQuestions() throws {
    #expect(try types("What a day. My order arrived.") == [])
    #expect(try types("Hi, how are you?") == [])
    #expect(try types("Hello?") == [])
  }

  @Test func onlyCustomerTurnsAreSearched() throws {
    let analyzed = try DetectorHarness.analyze("Customer: It broke.\nAgent: When did it break?")
    #expect(analyzed.questions.isEmpty)
  }
}

@Suite struct NonAnswerTests {
  /// The verdict the analysis gives the conversation's first question.
  func verdict(_ conversation: String) throws -> AnswerVerdict? {
    try DetectorHarness.analyze(conversation).questionRecords.first?.verdict
  }

  @Test func aBareDMRequestForAPublicQuestionIsNotAnAnswerAndPointsAtThePhrase() throws {
    let findings = try DetectorHarness.findings(
      NonAnswerDetector(),
      "Customer: Do you deliver on Sundays?\nAgent: Sorry for the trouble. Please DM us the details.")
    let finding = try #require(findings.first)
    #expect(finding.verdict == .notAnswered)
    #expect(finding.evidence[0].span.text == "Do you deliver on Sundays?")
    #expect(finding.evidence[1].span.text == "Please DM us")
    #expect(finding.evidence[1].turn == 1)
    #expect(finding.reason.contains("direct message"))
  }

  @Test func aPrivateChannelForAccountSpecificDataIsPartial() throws {
    let conversation =
      "Customer: When will my refund for order 5521 arrive?\nAgent: Sorry for the trouble. Please DM us the details."
    #expect(try verdict(conversation) == .partial)
    #expect(try DetectorHarness.findings(NonAnswerDetector(), conversation).isEmpty)
    #expect(
      try verdict(
        "Customer: I changed my email address and now my account is gone, can you restore it?\n"
          + "Agent: Please DM us the details.") == .partial)
  }

  @Test func helpPagesAreNotAnswersAndRoutingIsPartial() throws {
    #expect(
      try verdict(
        "Customer: When will my pre-order ship?\nAgent: Please check out our Echo Help pages here: https://example.com/help"
      )
        == .notAnswered)
    #expect(
      try verdict(
        "Customer: When will my pre-order ship?\n"
          + "Agent: We'd recommend reaching out to the chat team here: https://example.com/chat") == .partial)
    // "where can it be" is not "where can i…"; the delivery partner is the right place to ask.
    #expect(
      try verdict(
        "Customer: Where can it be, my parcel tracking shows nothing since Monday?\n"
          + "Agent: Please contact our delivery partner.") == .partial)
  }

  @Test func aContactIsTheAnswerWhenTheCustomerAskedForOne() throws {
    let asked = try DetectorHarness.findings(
      NonAnswerDetector(),
      "Customer: Who can I complain to about poor quality food packs?\n"
        + "Agent: You can contact our customer service team at complaints@example.com.")
    #expect(asked.isEmpty)
    // The fitted model calls giving the asked-for contact `partial` (52%), not `answered`: it engages
    // the question and is never a non-answer.
    #expect(
      try verdict(
        "Customer: Who can I complain to about poor quality food packs?\n"
          + "Agent: You can contact our customer service team at complaints@example.com.") != .notAnswered)
  }

  @Test func aClarifyingQuestionIsPartialEvenWhenALaterReplyAnswers() throws {
    let conversation = """
      Customer: Can you reset my licence key?
      Agent: Sure, what is the key?
      Customer: INI-4471
      Agent: I have reset the activation for INI-4471; sign in again on the new laptop.
      """
    #expect(try verdict(conversation) == .partial)
    #expect(try DetectorHarness.findings(NonAnswerDetector(), conversation).isEmpty)
  }

  @Test func everyQuestionGetsARecordWithItsSource() throws {
    let records = try DetectorHarness.analyze(
      """
      Customer: Why was I charged twice this month?
      Customer: Hello??
      Agent: The second charge was a temporary hold; it drops off within 3 days.
      Customer: And how do I update my card?
      """
    ).questionRecords
    #expect(records.map(\.verdict) == [.answered, .unanswered])
    #expect(records.map(\.turn) == [0, 3])
    #expect(records[0].replyTurn == 2)
    #expect(records[0].sourceId == "line 1")
  }

  @Test func customerWithNoReplyIsLeftToTheUnansweredDetector() throws {
    #expect(try DetectorHarness.findings(NonAnswerDetector(), "Customer: Where is my parcel?").isEmpty)
    let unanswered = try DetectorHarness.findings(UnansweredCustomerDetector(), "Customer: Where is my parcel?")
    #expect(unanswered.count == 1)
  }
}

@Suite struct PromiseTests {
  @Test func keptPromiseIsRecordedNotPenalized() throws {
    let findings = try DetectorHarness.findings(
      PromiseDetector(),
      """
      [2024-03-01 09:00] Customer: Where is my phone?
      [2024-03-01 09:05] Agent: I'll get back to you within 2 hours with the tracking number.
      [2024-03-01 10:00] Agent: Tracking number 1Z999, it arrives tomorrow.
      """)
    #expect(findings.map { $0.attributes["status"] } == ["kept"])
    #expect(findings.first?.severity == .info)
  }

  @Test func brokenPromiseByWeekday() throws {
    // 2024-03-01 is a Friday; "by Monday" is due at the end of 2024-03-04.
    let findings = try DetectorHarness.findings(
      PromiseDetector(),
      """
      [2024-03-01 09:00] Customer: My modem is dead.
      [2024-03-01 09:05] Agent: You will hear from us by Monday.
      [2024-03-06 08:00] Customer: Still nothing from you.
      """)
    #expect(findings.map { $0.attributes["status"] } == ["broken"])
    #expect(findings.first?.attributes["deadline"] == "by monday")
  }

  @Test func commitmentsWithoutADeadlineAreVaguePromises() throws {
    for (reply, kind) in [
      ("We'll pass your feedback on to our Ads team.", "feedback"),
      ("Can you DM us your email address? We'll take a look.", "followup"),
      ("Online ordering is off tonight, but it'll be back on tomorrow.", "restore"),
    ] {
      let findings = try DetectorHarness.findings(PromiseDetector(), "Customer: This is broken.\nAgent: \(reply)")
      #expect(findings.first?.attributes["promise_kind"] == kind, "\(reply)")
    }
  }

  @Test func aHandoffToDirectMessagesIsNotAPromise() throws {
    let findings = try DetectorHarness.findings(
      PromiseDetector(), "Customer: My icons look wrong.\nAgent: DM us, and we'll look into this together.")
    #expect(findings.isEmpty)
  }

  @Test func promiseWithoutTimestampsIsOpen() throws {
    let findings = try DetectorHarness.findings(
      PromiseDetector(), "Customer: Call me?\nAgent: I will call you tomorrow.")
    #expect(findings.map { $0.attributes["status"] } == ["open"])
  }
}

@Suite struct ResponseTimeTests {
  @Test func configuredStandardIsUsed() throws {
    var configuration = ResponseTimeDetector.Configuration()
    configuration.standards["chat"] = .init(firstResponse: 3600, reply: 3600)
    let log = """
      # channel: chat
      [2024-03-01 10:00] Customer: Hello, my payment failed.
      [2024-03-01 10:25] Agent: Let me check.
      """
    #expect(try DetectorHarness.findings(ResponseTimeDetector(configuration: configuration), log).isEmpty)
    let findings = try DetectorHarness.findings(ResponseTimeDetector(), log)
    #expect(findings.first?.attributes["wait_seconds"] == "1500")
    #expect(findings.first?.reason == "First response took 25 min; the chat standard is 2 min.")
  }

  @Test func eachCustomerWaitIsMeasuredFromTheFirstUnansweredMessage() throws {
    let analyzed = try DetectorHarness.analyze(
      """
      [2024-03-01 10:00] Customer: hi
      [2024-03-01 10:01] Agent: hello
      [2024-03-01 10:02] Customer: it broke
      [2024-03-01 10:05] Customer: anyone?
      [2024-03-01 10:12] Agent: back
      """)
    let waits = ResponseWaits.waits(in: analyzed.conversation)
    #expect(waits.map(\.seconds) == [60, 600])
    #expect(waits.map(\.isFirst) == [true, false])
  }
}

@Suite struct SentimentDetectorTests {
  @Test func trajectoryReadsTheFirstAndLastCustomerTurns() throws {
    let analyzed = try DetectorHarness.analyze(
      "Customer: This is great.\nAgent: ok\nCustomer: fine\nAgent: ok\nCustomer: This is terrible and useless.")
    let trajectory = CustomerTrajectory(analyzed)
    #expect((trajectory.start ?? 0) > 0.15)
    #expect((trajectory.end ?? 0) < -0.3)
    #expect(trajectory.lastTurn?.index == 4)
  }
}

@Suite struct KnowingTheCustomerTests {
  @Test func repeatedAskPointsAtBothTurns() throws {
    let findings = try DetectorHarness.findings(
      RepeatedAskDetector(),
      "Customer: My email is dana@example.com and I cannot log in.\nAgent: Could you send me your email address?")
    let finding = try #require(findings.first)
    #expect(finding.attributes["kind"] == "email")
    #expect(finding.evidence[1].span.text == "dana@example.com")
    #expect(finding.evidence[1].turn == 0)
  }

  @Test func verificationIsNotARepeatedAsk() throws {
    let findings = try DetectorHarness.findings(
      RepeatedAskDetector(),
      "Customer: Order 558123 is late.\nAgent: Can you confirm the order number on the receipt is 558123?")
    #expect(findings.isEmpty)
  }

  @Test func phoneNumbersAreFacts() throws {
    let findings = try DetectorHarness.findings(
      RepeatedAskDetector(),
      "Customer: Call me on +44 20 7946 0958 please, the line is dead.\nAgent: What is your phone number?")
    #expect(findings.first?.evidence[1].span.text == "+44 20 7946 0958")
  }

  @Test func participantNameCountsWhenItLooksLikeAName() throws {
    let log = "Customer Dana Reyes: my bill is wrong\nAgent: Let me check.\nAgent: Fixed, the new bill is ready."
    #expect(try DetectorHarness.findings(CustomerNameDetector(), log).first?.attributes["name"] == "Dana")
    let numbered = "Customer 115712: my bill is wrong\nAgent: Let me check.\nAgent: Fixed, the new bill is ready."
    #expect(try DetectorHarness.findings(CustomerNameDetector(), numbered).isEmpty)
  }

  @Test func talkBalanceCountsWords() throws {
    let analyzed = try DetectorHarness.analyze("Customer: hi there\nAgent: one two three four\nAgent: five six")
    let balance = TalkBalance(analyzed)
    #expect(balance.customerWords == 2)
    #expect(balance.agentWords == 6)
    #expect(balance.longestMonologueWords == 6)
    #expect(balance.longestMonologueStart == 1)
  }
}
