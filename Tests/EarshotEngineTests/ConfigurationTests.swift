import EarshotDetectors
import EarshotEngine
import EarshotScoring
import Testing

@Suite struct ConfigurationTests {
  func errors(_ yaml: String) -> [ConfigurationError] {
    do {
      _ = try ConfigurationLoader.parse(yaml, file: "earshot.yml")
      return []
    } catch let errors as ConfigurationErrors {
      return errors.errors
    } catch {
      return [ConfigurationError(file: "?", keyPath: "?", message: "\(error)")]
    }
  }

  @Test func fullConfigurationIsRead() throws {
    let configuration = try ConfigurationLoader.parse(
      """
      version: 1
      agents:
        domains: [acme-support.com]
        addresses: [bob@acme.com]
      companies:
        by_domain: {acme-support.com: Acme}
      standards:
        chat: {first_response: 2m, reply: 5 min}
        email: {first_response: 24h}
      weights: {answers: 40}
      penalties: {major: 60}
      lexicons:
        sentiment: {meh: -0.5}
        sales: [turbo plan]
      no_nos: [no can do]
      detectors:
        premature_pitch: {negative_mood: -0.2}
        promise: {enabled: false}
      aggregation: {minimum_conversations: 3}
      """, file: "earshot.yml")
    #expect(configuration.agents.domains == ["acme-support.com"])
    #expect(configuration.companies.byDomain["acme-support.com"] == "Acme")
    #expect(configuration.standards["chat"] == ResponseTimeDetector.Standard(firstResponse: 120, reply: 300))
    #expect(configuration.standards["email"]?.firstResponse == 86_400)
    #expect(configuration.weights[.answers] == 40)
    #expect(configuration.penalties.major == 60)
    #expect(configuration.lexicons.sentiment["meh"] == -0.5)
    #expect(configuration.noNos == ["no can do"])
    #expect(configuration.aggregation.minimumConversations == 3)
    let detectors = try configuration.detectorsInForce()
    #expect(detectors.first { $0.description.identifier == "promise" }?.enabled == false)
    #expect(detectors.first { $0.description.identifier == "non_answer" }?.enabled == true)
  }

  @Test func unknownKeysGetSuggestionsWithLines() {
    let found = errors("version: 1\nweigths:\n  answers: 3\nstandards:\n  chat: {first_respons: 2m}\n")
    #expect(found.count == 2)
    #expect(found[0].keyPath == "weigths")
    #expect(found[0].line == 2)
    #expect(found[0].message.contains("did you mean 'weights'?"))
    #expect(found[1].keyPath == "standards.chat.first_respons")
    #expect(found[1].message.contains("did you mean 'first_response'?"))
  }

  @Test func wrongTypesNameTheKeyPath() {
    let found = errors(
      """
      version: 1
      weights: {answers: lots}
      standards: {chat: {first_response: soon}}
      no_nos: calm down
      detectors: {premature_pitch: {negative_mood: grumpy}}
      """)
    let paths = found.map(\.keyPath)
    #expect(paths == ["weights.answers", "standards.chat.first_response", "no_nos", "detectors.premature_pitch"])
    #expect(found[1].message.contains("expected a duration such as 90s, 2m, 3h or 1d, found 'soon'"))
    #expect(found[0].description == "earshot.yml:2: error: at 'weights.answers': expected a number, found 'lots'")
  }

  @Test func versionIsRequiredAndChecked() {
    #expect(errors("weights: {answers: 3}").map(\.keyPath) == ["version"])
    #expect(errors("version: 2").first?.message.contains("version 1") == true)
    #expect(errors("version: 2").first?.line == 1)
  }

  @Test func invalidYAMLIsReported() {
    let found = errors("version: 1\nweights: [unclosed\n")
    #expect(found.count == 1)
    #expect(found.first?.message.hasPrefix("not valid YAML") == true)
  }

  @Test func emptyFileIsRefusedBecauseVersionIsRequired() {
    let found = errors("")
    #expect(found.count == 1)
    #expect(found.first?.message.contains("version: 1") == true)
    #expect(errors("# only a comment\n").count == 1)
  }

  @Test func outOfRangeValuesAreAllReported() {
    let found = errors(
      """
      version: 1
      penalties: {major: -1}
      aggregation: {minimum_conversations: 0}
      analysis: {corpus_sample: -5}
      lexicons: {sentiment: {meh: 9}}
      input: {max_xml_depth: 2}
      """)
    #expect(
      found.map(\.keyPath) == [
        "penalties.major", "aggregation.minimum_conversations", "analysis.corpus_sample", "lexicons.sentiment",
        "input.max_xml_depth",
      ])
    #expect(
      found[0].description == "earshot.yml:2: error: at 'penalties.major': expected a number of at least 0, found '-1'")
  }

  @Test func aSectionThatIsNotAMappingIsReportedOnce() {
    let found = errors("version: 1\nagents: [bob]\n")
    #expect(found.map(\.keyPath) == ["agents"])
    #expect(found.first?.message.hasPrefix("expected a mapping with keys domains, addresses, header") == true)
  }

  @Test func duplicatedKeysAreReported() {
    let found = errors("version: 1\nno_nos: [a]\nno_nos: [b]\n")
    #expect(found.count == 1)
    #expect(found.first?.keyPath == "no_nos")
    #expect(found.first?.message.contains("duplicated key") == true)
    #expect(found.first?.line != nil)
  }
}

@Suite struct EffectiveConfigurationTests {
  /// A file that sets every key of every section, so the round trip covers them all.
  static let everyKey = """
    version: 1
    agents: {domains: [acme-support.com], addresses: [bob@acme.com, sam], header: X-Agent}
    companies: {by_domain: {acme-support.com: Acme}}
    standards:
      chat: {first_response: 90s, reply: 4m}
      voice: {first_response: 30s}
    weights: {answers: 40, timing: 10, responsiveness: 20, promises: 10, knowing: 5, sentiment: 10, conduct: 5}
    penalties: {major: 60, minor: 15}
    lexicons: {sentiment: {"life saver": 2.5, meh: -0.5}, sales: ["turbo plan"], deflections: ["see the portal"]}
    no_nos: ["no can do"]
    detectors:
      promise: {enabled: false}
      non_answer: {answered_threshold: 0.5, partly_threshold: 0.2}
      talk_balance: {maximum_ratio: 3, monologue_words: 150}
    aggregation: {minimum_conversations: 3, prior_strength: 2.5}
    analysis: {corpus_sample: 500}
    input:
      company: Acme
      time_zone: Europe/Paris
      twitter_sign_offs: false
      max_xml_depth: 64
      csv:
        delimiter: ";"
        columns: {conversation_id: ticket, speaker: author, role: kind, timestamp: at, text: body, company: brand, channel: medium}
        agent_values: [staff]
        bot_values: [robot]
        system_values: [note]
    store: {path: /var/lib/earshot/earshot.sqlite}
    privacy:
      email: true
      phone: false
      card: true
      iban: false
      patterns: {customer id: 'CUST-[0-9]{6}'}
      store: true
      report: false
      evidence: true
      terminal: false
    centers:
      rules:
        - {center: Lisbon, agent_domain: lisbon.acme-support.com}
        - {center: Tier 2, metadata: {group_id: "42"}, company: Acme}
        - {center: Partners, customer_domain: partner.example, path: "exports/partners/**"}
      default: Unassigned
    customers:
      identities: [email, handle, metadata.requester_id, attribute.customer_id]
      repeat_window_days: 3.5
      min_shared_terms: 3
      problem_turns: 1
      max_problem_terms: 32
      key_file: /etc/earshot/customer.key
    """

  @Test func everyKeyLoadsBackToTheSameConfiguration() throws {
    var original = try ConfigurationLoader.parse(Self.everyKey, file: "earshot.yml")
    let text = try original.effectiveYAML()
    var reloaded = try ConfigurationLoader.parse(text, file: "effective.yml")
    // Only where the text came from differs.
    original.source = ""
    original.rawText = ""
    reloaded.source = ""
    reloaded.rawText = ""
    #expect(reloaded == original)
    #expect(original.input.timeZone == "Europe/Paris")
    #expect(original.privacy.phone == false)
    #expect(original.privacy.patterns["customer id"] == "CUST-[0-9]{6}")
    #expect(original.input.csv.columns?.channel == "medium")
    #expect(original.standards["voice"]?.firstResponse == 30)
    #expect(original.detectors.values["talk_balance"]?["monologue_words"] == .number(150))
    #expect(try original.detectorsInForce().first { $0.description.identifier == "promise" }?.enabled == false)
    #expect(original.centers.rules.map(\.center) == ["Lisbon", "Tier 2", "Partners"])
    #expect(original.centers.rules[1].metadata == ["group_id": "42"])
    #expect(original.centers.defaultCenter == "Unassigned")
    #expect(original.customers.repeatContacts == RepeatContactSettings(windowDays: 3.5, minSharedTerms: 3))
    #expect(original.customers.identities.count == 4)
  }

  @Test func defaultsAreSpelledOutIncludingInput() throws {
    let text = try EarshotConfiguration().effectiveYAML()
    #expect(text.contains("first_response: 120s"))
    #expect(text.contains("negative_mood: -0.05"))
    #expect(text.contains("input:"))
    #expect(text.contains("max_xml_depth: 128"))
    var reloaded = try ConfigurationLoader.parse(text, file: "effective.yml")
    reloaded.source = "defaults"
    reloaded.rawText = ""
    #expect(reloaded == EarshotConfiguration())
  }

  @Test func effectiveTextIsTheSameOnEveryRun() throws {
    let configuration = try ConfigurationLoader.parse(Self.everyKey, file: "earshot.yml")
    #expect(try configuration.effectiveYAML() == configuration.effectiveYAML())
    let lines = try configuration.effectiveYAML().split(separator: "\n")
    #expect(lines.dropFirst().first == "version: 1")
  }
}

@Suite struct InputConfigurationTests {
  @Test func csvMappingAndExportSettingsReachTheReaders() throws {
    let configuration = try ConfigurationLoader.parse(
      """
      version: 1
      agents: {addresses: [Sam]}
      input:
        company: Acme
        time_zone: Europe/Paris
        twitter_sign_offs: false
        csv:
          delimiter: ";"
          columns: {conversation_id: ticket, speaker: author, role: kind, text: body}
          agent_values: [staff]
      """, file: "earshot.yml")
    let options = configuration.readers.exports
    #expect(options.company == "Acme")
    #expect(options.timeZone?.identifier == "Europe/Paris")
    #expect(options.twitterSignOffs == false)
    #expect(options.csvDelimiter == UInt8(ascii: ";"))
    #expect(options.csvColumns?.conversationID == "ticket")
    #expect(options.csvColumns?.text == "body")
    #expect(options.agentRoleValues == ["staff"])
    #expect(options.agentNames.contains("Sam"))
  }

  @Test func csvMappingNeedsSpeakerAndText() throws {
    do {
      _ = try ConfigurationLoader.parse(
        "version: 1\ninput: {csv: {columns: {speaker: author}}, time_zone: Mars/Olympus}", file: "earshot.yml")
      Issue.record("expected errors")
    } catch let errors as ConfigurationErrors {
      let paths = errors.errors.map(\.keyPath)
      #expect(paths.contains("input.csv.columns"))
      #expect(paths.contains("input.time_zone"))
    }
  }
}
