import EarshotReaders
import Foundation
import Yams

/// The `input:` section: settings for exports that do not say everything themselves.
extension ConfigurationLoader {
  static let inputKeys = ["company", "time_zone", "twitter_sign_offs", "max_xml_depth", "csv"]
  static let csvKeys = ["delimiter", "columns", "agent_values", "bot_values", "system_values"]
  static let csvColumnKeys = ["conversation_id", "speaker", "role", "timestamp", "text", "company", "channel"]

  mutating func readInput(_ node: Node?, into configuration: inout EarshotConfiguration) {
    guard let input = section(node, "input", allowed: Self.inputKeys) else { return }
    var options = configuration.exportOptions
    options.company = string(input["company"], "input.company") ?? options.company
    if let zoneNode = input["time_zone"], let name = string(zoneNode, "input.time_zone") {
      if let zone = TimeZone(identifier: name) {
        options.timeZone = zone
      } else {
        errors.append(
          error(zoneNode, "input.time_zone", "expected a time zone such as UTC or Europe/Paris, found '\(name)'"))
      }
    }
    if let flag = input["twitter_sign_offs"] {
      if let value = flag.bool {
        options.twitterSignOffs = value
      } else {
        errors.append(error(flag, "input.twitter_sign_offs", "expected true or false"))
      }
    }
    if let depth = input["max_xml_depth"] {
      if let value = depth.int, value >= 8 {
        options.maxXMLDepth = value
      } else {
        errors.append(error(depth, "input.max_xml_depth", "expected a whole number of at least 8"))
      }
    }
    if let csv = section(input["csv"], "input.csv", allowed: Self.csvKeys) {
      if let delimiterNode = csv["delimiter"], let delimiter = string(delimiterNode, "input.csv.delimiter") {
        let bytes = Array((delimiter == "\\t" ? "\t" : delimiter).utf8)
        if bytes.count == 1 {
          options.csvDelimiter = bytes[0]
        } else {
          errors.append(error(delimiterNode, "input.csv.delimiter", "expected one character such as , or ; or \\t"))
        }
      }
      if let columnsNode = csv["columns"],
        let columns = section(columnsNode, "input.csv.columns", allowed: Self.csvColumnKeys)
      {
        func column(_ key: String) -> String? { string(columns[key], "input.csv.columns.\(key)") }
        if let speaker = column("speaker"), let text = column("text") {
          options.csvColumns = CSVColumnMapping(
            conversationID: column("conversation_id"), speaker: speaker, role: column("role"),
            timestamp: column("timestamp"), text: text, company: column("company"), channel: column("channel"))
        } else {
          errors.append(error(columnsNode, "input.csv.columns", "expected at least 'speaker' and 'text' column names"))
        }
      }
      if csv["agent_values"] != nil {
        options.agentRoleValues = Set(strings(csv["agent_values"], "input.csv.agent_values"))
      }
      if csv["bot_values"] != nil { options.botRoleValues = Set(strings(csv["bot_values"], "input.csv.bot_values")) }
      if csv["system_values"] != nil {
        options.systemRoleValues = Set(strings(csv["system_values"], "input.csv.system_values"))
      }
    }
    configuration.exportOptions = options
  }
}
