import EarshotDetectors
import EarshotEngine
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
    #expect(configuration.agentDomains == ["acme-support.com"])
    #expect(configuration.companyByDomain["acme-support.com"] == "Acme")
    #expect(configuration.standards["chat"] == ResponseTimeDetector.Standard(firstResponse: 120, reply: 300))
    #expect(configuration.standards["email"]?.firstResponse == 86_400)
    #expect(configuration.weights.categories["answers"] == 40)
    #expect(configuration.weights.majorPenalty == 60)
    #expect(configuration.lexicons.sentiment["meh"] == -0.5)
    #expect(configuration.lexicons.noNos == ["no can do"])
    #expect(configuration.ranking.minimumConversations == 3)
    let detectors = try configuration.detectors()
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
  }

  @Test func invalidYAMLIsReported() {
    let found = errors("version: 1\nweights: [unclosed\n")
    #expect(found.count == 1)
    #expect(found.first?.message.hasPrefix("not valid YAML") == true)
  }

  @Test func emptyFileMeansDefaults() throws {
    let configuration = try ConfigurationLoader.parse("", file: "earshot.yml")
    #expect(configuration.weights == EarshotConfiguration().weights)
  }
}

@Suite struct EffectiveConfigurationTests {
  @Test func effectiveConfigurationLoadsBackToTheSameSettings() throws {
    let original = try ConfigurationLoader.parse(
      """
      version: 1
      agents: {domains: [acme-support.com], header: X-Agent}
      standards: {chat: {first_response: 90s}}
      weights: {answers: 40}
      lexicons: {sentiment: {"life saver": 2.5}, sales: ["turbo plan"]}
      no_nos: ["no can do"]
      detectors: {promise: {enabled: false}, non_answer: {answered_threshold: 0.5}}
      """, file: "earshot.yml")
    let text = try EffectiveConfiguration.yaml(original)
    let reloaded = try ConfigurationLoader.parse(text, file: "effective.yml")
    #expect(reloaded.agentDomains == original.agentDomains)
    #expect(reloaded.agentHeader == "X-Agent")
    #expect(reloaded.standards == original.standards)
    #expect(reloaded.weights == original.weights)
    #expect(reloaded.lexicons == original.lexicons)
    let reloadedDetectors = try reloaded.detectors().map(\.configurationJSON)
    let originalDetectors = try original.detectors().map(\.configurationJSON)
    #expect(reloadedDetectors == originalDetectors)
    #expect(text.contains("\"answered_threshold\": 0.5"))
  }

  @Test func defaultsAreSpelledOut() throws {
    let text = try EffectiveConfiguration.yaml(EarshotConfiguration())
    #expect(text.contains("\"chat\": {first_response: 120s, reply: 300s}"))
    #expect(text.contains("premature_pitch: {\"enabled\": true, \"negative_mood\": -0.05}"))
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
