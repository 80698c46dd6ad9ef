import EarshotModel
import Foundation

/// Turns parsed messages into conversations: one per thread, with roles and company.
///
/// Roles: with configuration, a message is an agent's when its sender's address is in
/// `agentAddresses`, its domain (or a parent domain) is in `agentDomains` or `companyByDomain`, or it
/// carries `agentHeader`; everyone else is a customer. Without configuration the thread's first
/// sender is the customer, people writing from the customer's own (non-webmail) domain are too, and
/// the side that answers is the agent; `metadata["roles"]` is then `guessed`. Automatic messages
/// (auto-replies, bulk mail) are `system` turns.
struct EmailConversationBuilder {
  let options: EmailReaderOptions

  /// Domains of public mail providers: two customers there are not colleagues.
  private static let publicDomains: Set<String> = [
    "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "msn.com", "aol.com",
    "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net", "web.de", "yandex.ru", "mail.ru", "proton.me",
    "protonmail.com", "zoho.com", "fastmail.com", "qq.com", "163.com",
  ]

  /// One conversation per thread of `messages`, in the order of each thread's first message.
  func conversations(_ messages: [EmailMessage]) -> [Conversation] {
    var seen = Set<String>()
    var unique: [EmailMessage] = []
    var duplicates: [String: Int] = [:]
    for message in messages {
      if !message.idIsDerived && seen.contains(message.id) {
        duplicates[message.id, default: 0] += 1
        continue
      }
      seen.insert(message.id)
      unique.append(message)
    }
    return Threader.threads(unique).map { thread in
      let dropped = thread.members.reduce(0) { $0 + (duplicates[unique[$1].id] ?? 0) }
      return conversation(thread, unique, duplicates: dropped)
    }
  }

  private var isConfigured: Bool {
    !options.agentDomains.isEmpty || !options.agentAddresses.isEmpty || options.agentHeader != nil
      || !options.companyByDomain.isEmpty
  }

  private func conversation(_ thread: Threader.Thread, _ messages: [EmailMessage], duplicates: Int) -> Conversation {
    let members = thread.members.map { messages[$0] }
    let root = messages[thread.root]
    var roles: [String: ParticipantRole] = [:]
    var turnRoles: [ParticipantRole] = []
    let guessed = !isConfigured
    // A message without a sender (only MIME headers, or none) is "unknown", and still the customer's when first.
    let customerAddress = members.first?.from?.address ?? "unknown"
    let customerDomain = members.first?.from?.domain ?? ""
    for message in members {
      let address = message.from?.address ?? "unknown"
      let role: ParticipantRole
      if message.isAutomatic {
        role = .system
      } else if isConfigured {
        role = isAgent(message) ? .agent : .customer
      } else if address == customerAddress
        || (!customerDomain.isEmpty && message.from?.domain == customerDomain
          && !EmailConversationBuilder.publicDomains.contains(customerDomain))
      {
        role = .customer
      } else {
        role = .agent
      }
      turnRoles.append(role)
      // A participant's role is that of their human messages; automatic ones only count when alone.
      if roles[address] == nil || roles[address] == .system { roles[address] = role }
    }
    var participants: [Participant] = []
    var listed = Set<String>()
    for message in members {
      let address = message.from?.address ?? "unknown"
      guard !listed.contains(address) else { continue }
      listed.insert(address)
      participants.append(Participant(id: address, role: roles[address] ?? .unknown, name: message.from?.name))
    }
    var turns: [Turn] = []
    for (position, message) in members.enumerated() {
      var attributes: [String: String] = ["message_id": message.id]
      if let parent = thread.parents[thread.members[position]] { attributes["in_reply_to"] = messages[parent].id }
      if !message.subject.isEmpty { attributes["subject"] = message.subject }
      if let quote = message.strippedQuote { attributes["stripped_quote"] = quote }
      if let signature = message.strippedSignature { attributes["stripped_signature"] = signature }
      if !message.attachments.isEmpty { attributes["attachments"] = message.attachments.joined(separator: "; ") }
      if message.forwarded { attributes["forwarded"] = "true" }
      if message.signed { attributes["signed"] = "true" }
      if message.textSource != "plain" { attributes["text_source"] = message.textSource }
      if message.isAutomatic { attributes["automatic"] = "true" }
      if let raw = message.unparsedDate { attributes["unparsed_date"] = raw }
      let recipients = (message.to + message.cc).map(\.address)
      if !recipients.isEmpty { attributes["to"] = recipients.joined(separator: ", ") }
      turns.append(
        Turn(
          index: position, speaker: message.from?.address ?? "unknown", role: turnRoles[position],
          timestamp: message.date, text: message.text, location: message.location, attributes: attributes))
    }
    var metadata: [String: String] = ["messages": String(members.count)]
    if !root.subject.isEmpty { metadata["subject"] = root.subject }
    if guessed { metadata["roles"] = "guessed" }
    if duplicates > 0 { metadata["duplicate_messages"] = String(duplicates) }
    if root.idIsDerived { metadata["id_derived"] = "true" }
    return Conversation(
      id: root.id, channel: .email, company: company(members, turnRoles), sourceFile: root.location.file,
      participants: participants, turns: turns, metadata: metadata)
  }

  /// Whether the configuration marks `message` as written by an agent.
  func isAgent(_ message: EmailMessage) -> Bool {
    if message.hasAgentHeader { return true }
    guard let from = message.from else { return false }
    if options.agentAddresses.contains(where: { $0.lowercased() == from.address }) { return true }
    return matchingDomain(from.domain, in: options.agentDomains + Array(options.companyByDomain.keys)) != nil
  }

  /// The configured domain that `domain` equals or is a subdomain of.
  private func matchingDomain(_ domain: String, in configured: [String]) -> String? {
    guard !domain.isEmpty else { return nil }
    return configured.first { entry in
      let wanted = entry.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "@. "))
      return domain == wanted || domain.hasSuffix("." + wanted)
    }
  }

  /// The company: mapped from an agent's domain, else from the address the customer wrote to; else the
  /// configured agent domain that matched (sender or first recipient); else the first agent's domain, or,
  /// with guessed roles, the domain the first message was sent to.
  private func company(_ members: [EmailMessage], _ roles: [ParticipantRole]) -> String? {
    let agentDomains = zip(members, roles).compactMap { $1 == .agent ? $0.from?.domain : nil }
    let firstRecipients = (members.first.map { $0.to + $0.cc } ?? []).map(\.domain)
    for domain in agentDomains + firstRecipients {
      if let key = matchingDomain(domain, in: Array(options.companyByDomain.keys)) {
        return options.companyByDomain[key]
      }
    }
    // A thread nobody answered yet still belongs to the support domain it was sent to.
    for domain in agentDomains + firstRecipients {
      if let matched = matchingDomain(domain, in: options.agentDomains) { return matched.lowercased() }
    }
    if isConfigured {
      return agentDomains.first
    }
    return firstRecipients.first { !$0.isEmpty }
  }
}
