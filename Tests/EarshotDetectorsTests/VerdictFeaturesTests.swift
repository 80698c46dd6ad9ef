import EarshotDetectors
import EarshotModel
import Testing

@Suite struct VerdictFeaturesTests {
  /// The features of the conversation's first question against its reply, by name.
  func features(_ conversation: String) throws -> [String: Double] {
    let analyzed = try DetectorHarness.analyze(conversation)
    let record = try #require(analyzed.questionRecords.first)
    let values = try #require(analyzed.verdictFeatures(forQuestionAt: record.turn))
    #expect(values.count == VerdictFeatures.names.count)
    return Dictionary(uniqueKeysWithValues: zip(VerdictFeatures.names, values))
  }

  @Test func aDMHandoffForARefundIsAPrivateChannelForPrivateData() throws {
    let values = try features(
      """
      Customer: I was charged twice for my subscription this month, can you refund one?
      Agent: Sorry about that! Please DM us the email on your account and we'll sort it out.
      """)
    #expect(values["deflect_dm"] == 1)
    #expect(values["private_topic"] == 1)
    #expect(values["dm_private"] == 1)
    #expect(values["apology"] == 1)
    #expect(values["deflect_faq"] == 0)
    #expect(values["type_request"] == 1 || values["type_yesno"] == 1)
  }

  @Test func aConcreteFixRepeatsTheQuestionAndGivesSteps() throws {
    let values = try features(
      """
      Customer: How do I stop my router dropping the wifi every evening since the firmware update?
      Agent: Go to Settings > Firmware, roll back to version 2.1, then restart the router; the evening drops stop.
      Customer: That worked, thanks!
      """)
    #expect(try #require(values["overlap"]) > 0.2)
    #expect(values["steps"] == 1)
    #expect(values["digits"] == 1)
    #expect(values["deflect_dm"] == 0)
    #expect(values["next_thanks"] == 1)
    #expect(values["type_howto"] == 1)
    #expect(values["explicit_question"] == 1)
  }

  @Test func aHelpPageLinkAndAQuestionBackAreSeen() throws {
    let link = try features(
      """
      Customer: Can I pause my gym membership while I travel for two months?
      Agent: Check our help center: https://example.com/help
      """)
    #expect(link["link"] == 1)
    #expect(link["deflect_faq"] == 1)
    #expect(link["link_thin"] == 1)
    let back = try features(
      """
      Customer: The app crashes whenever I open my saved playlists.
      Agent: Which phone and app version are you on?
      """)
    #expect(back["asks_back"] == 1)
    #expect(back["has_question"] == 1)
    #expect(back["explicit_question"] == 0)
  }

  @Test func aSharedNumberAndEmpathyOnlyAreSeen() throws {
    let number = try features(
      """
      Customer: Is flight 1704 to Denver still delayed?
      Agent: Flight 1704 now leaves at 6:40pm from gate B12.
      """)
    #expect(number["shares_number"] == 1)
    #expect(number["time_words"] == 1)
    let empathy = try features(
      """
      Customer: Why was my order cancelled without any notice?
      Agent: We're so sorry for the frustration, we really appreciate your patience.
      """)
    #expect(empathy["empathy_only"] == 1)
    #expect(empathy["type_reason"] == 1)
  }

  @Test func aHelpdeskTurnIsJudgedAgainstTheCustomerTurnsBeforeIt() throws {
    let analyzed = try DetectorHarness.analyze(
      """
      Customer: My mobile data stopped working this morning.
      Customer: Still nothing after a restart.
      Agent: Please DM us your number and we'll check the line.
      """)
    let values = try #require(analyzed.verdictFeatures(forReplyAt: 2))
    let named = Dictionary(uniqueKeysWithValues: zip(VerdictFeatures.names, values))
    #expect(named["deflect_dm"] == 1)
    #expect(named["reply_turns"] == 1.0 / 3)
    #expect(analyzed.verdictFeatures(forReplyAt: 0) == nil)
  }

  @Test func aDMForAProductQuestionIsAHandoffThatCouldBeAnsweredInTheOpen() throws {
    // labeling-guide.md: "please DM us" with nothing else when the question could be answered in
    // the open; a device or app problem needs no account data, even told in the first person.
    let product = try features(
      """
      Customer: Since the iOS update my keyboard lags on every app, anyone else?
      Agent: We'd like to look into that with you. Send us a DM and we'll go from there.
      """)
    #expect(product["handoff_product"] == 1)
    #expect(product["deflect_dm"] == 1)
    #expect(product["private_topic"] == 0)
    let order = try features(
      """
      Customer: My order never arrived and the tracking hasn't moved in a week.
      Agent: Sorry about that! Please DM us your order number and we'll check with the courier.
      """)
    #expect(order["handoff_product"] == 0)
    #expect(order["dm_private"] == 1)
  }

  @Test func aFixToTryAndAnExplanationAreSeenEvenPhrasedAsQuestions() throws {
    let fix = try features(
      """
      Customer: The app keeps crashing when I open my downloads.
      Agent: Have you tried clearing the app's cache, then restarting your phone? Let us know!
      """)
    #expect(fix["fix_try"] == 1)
    #expect(fix["has_question"] == 1)
    let explanation = try features(
      """
      Customer: Why can't I order online tonight?
      Agent: Online ordering is unavailable tonight due to our Halloween promotion; it's back tomorrow.
      """)
    #expect(explanation["explains"] == 1)
    #expect(explanation["fix_try"] == 0)
    let dm = try features(
      """
      Customer: The app keeps crashing when I open my downloads.
      Agent: Please DM us and we'll try to help.
      """)
    #expect(dm["fix_try"] == 0)
  }

  @Test func theSameDeflectionAfterTheCustomerAlreadyDidItIsARepeat() throws {
    let repeated = try features(
      """
      Customer: I already sent you a DM yesterday about the double charge and nobody answered.
      Agent: Please send us a DM with your account details so we can look into this.
      """)
    #expect(repeated["repeat_deflect"] == 1)
    let analyzed = try DetectorHarness.analyze(
      """
      Customer: My refund for the cancelled booking hasn't arrived.
      Agent: Sorry! Please DM us your booking reference.
      Customer: Where is my refund? It's been three weeks.
      Agent: Please DM us your booking reference and we'll check.
      """)
    let second = try #require(analyzed.questionRecords.last)
    let values = try #require(analyzed.verdictFeatures(forQuestionAt: second.turn))
    let named = Dictionary(uniqueKeysWithValues: zip(VerdictFeatures.names, values))
    #expect(second.turn == 2)
    #expect(named["repeat_deflect"] == 1)
    let first = try features(
      """
      Customer: My refund for the cancelled booking hasn't arrived.
      Agent: Sorry! Please DM us your booking reference.
      """)
    #expect(first["repeat_deflect"] == 0)
  }

  @Test func aGeneralInformationQuestionIsSeenFromItsOpening() throws {
    // labeling-guide.md: a bare "DM us" for a question that could be answered in the open.
    let info = try features(
      """
      Customer: @AcmeStores when does the Main Street store open on Sunday?
      Agent: Please send us a DM and we'll look into it.
      """)
    #expect(info["info_question"] == 1)
    #expect(info["dm_general"] == 1)
    let ship = try features(
      """
      Customer: Do you ship to Canada? Thinking of ordering the blue one.
      Agent: We ship to Canada and the US; delivery takes five to seven days.
      """)
    #expect(ship["info_question"] == 1)
    let complaint = try features(
      """
      Customer: Why these two channels? No NBC or ABC here all afternoon!
      Agent: Please DM so we can further assist you.
      """)
    #expect(complaint["info_question"] == 0)
  }
}
