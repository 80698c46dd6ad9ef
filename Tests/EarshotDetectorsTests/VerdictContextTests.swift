import EarshotDetectors
import EarshotModel
import Testing

/// The thread signals of `VerdictContext`: what came before a question changes what its reply means.
@Suite struct VerdictContextTests {
  /// The features of the question record at `position` (the last one by default), by name.
  func features(_ conversation: String, record position: Int? = nil) throws -> [String: Double] {
    let analyzed = try DetectorHarness.analyze(conversation)
    let records = analyzed.questionRecords
    let record = try #require(position.map { records[$0] } ?? records.last)
    let values = try #require(analyzed.verdictFeatures(forQuestionAt: record.turn))
    return Dictionary(uniqueKeysWithValues: zip(VerdictFeatures.names, values))
  }

  @Test func aSecondDMRequestAfterTheCustomerSaidTheirDMsWentUnansweredIsSeen() throws {
    let values = try features(
      """
      Customer: My order 5521 never arrived, where is it?
      Agent: Sorry to hear that! Please DM us your order details and we'll look into it.
      Customer: I already DMed you twice yesterday and nobody answered. Where is my order?
      Agent: Sorry to hear that! Please DM us your order number and we'll look into it.
      """)
    #expect(values["earlier_reply"] == 1)
    #expect(values["earlier_deflection"] == 1)
    #expect(values["customer_unheard"] == 1)
    #expect(values["deflect_again"] == 1)
    // Ten of the reply's eleven distinct words were in the earlier reply, which had twelve.
    #expect(try #require(values["reply_repeats"]) > 0.7)
  }

  /// Two questions, each answered in the open.
  static let twoQuestions = """
    Customer: Can I change the delivery address of an order that has shipped?
    Agent: Once it has shipped the address is fixed, but you can redirect it from the tracking page.
    Customer: Thanks. And can I add a gift note?
    Agent: Yes, up until it ships.
    """

  @Test func theFirstQuestionOfAThreadHasNoContext() throws {
    let values = try features(Self.twoQuestions, record: 0)
    for name in ["earlier_reply", "earlier_deflection", "customer_unheard", "deflect_again", "reply_repeats"] {
      #expect(values[name] == 0, "\(name)")
    }
  }

  @Test func aFreshAnswerAfterAnEarlierReplyIsNotARepeat() throws {
    let values = try features(Self.twoQuestions)
    #expect(values["earlier_reply"] == 1)
    #expect(values["earlier_deflection"] == 0)
    #expect(values["deflect_again"] == 0)
    #expect(try #require(values["reply_repeats"]) < 0.2)
  }

  @Test func stillWaitingCountsAsUnheardButWaitingAloneDoesNot() throws {
    let still = try features(
      """
      Customer: It's been a week and I'm still waiting for my refund. When will it come?
      Agent: Please send us a DM with your order number.
      """)
    #expect(still["customer_unheard"] == 1)
    let waiting = try features(
      """
      Customer: I'm waiting at gate B4, will the 6pm flight to Boston board on time?
      Agent: It is on time and boards at 5:30pm.
      """)
    #expect(waiting["customer_unheard"] == 0)
  }

  @Test func aReplyAddressedToSomeoneElseIsSeen() throws {
    let other = try features(
      """
      Customer: Is the store on Main Street open on Sunday?
      Agent: @jordan yes, the Elm Street store opens at 10am on Sundays.
      """)
    #expect(other["other_addressee"] == 1)
    let asker = try features(
      """
      Customer: Is the store on Main Street open on Sunday?
      Agent: @customer yes, it opens at 10am on Sundays.
      """)
    #expect(asker["other_addressee"] == 0)
    let plain = try features(
      """
      Customer: Is the store on Main Street open on Sunday?
      Agent: Yes, it opens at 10am on Sundays.
      """)
    #expect(plain["other_addressee"] == 0)
  }

  @Test func onlyTheLastThreeCompanyTurnsAreComparedForARepeat() throws {
    // The canned reply of the first exchange comes back after four other replies: outside the
    // window, so it is not counted as a repeat (a bound that keeps long threads linear).
    var log = """
      Customer: My card was declined at checkout, why?
      Agent: We're sorry for the trouble! Please reach out to our billing team at billing.example.com for help.

      """
    for number in 1...4 {
      log += """
        Customer: Question \(number): does the store ship parcel type \(number) overseas?
        Agent: Parcel type \(number) ships overseas within \(number + 2) days.

        """
    }
    log += """
      Customer: And why was my card declined again today?
      Agent: We're sorry for the trouble! Please reach out to our billing team at billing.example.com for help.
      """
    let values = try features(log)
    #expect(values["earlier_deflection"] == 1)
    #expect(try #require(values["reply_repeats"]) < 0.3)
  }
}
