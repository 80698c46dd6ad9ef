import ArgumentParser
import Foundation

/// Builds a large, varied corpus for the batch and nightly benchmark (`Scripts/bench-batch.sh`).
///
/// The bundled samples are replicated with different conversation ids, agents and companies:
/// chat logs as one file per conversation, the Earshot JSON and JSON Lines samples packed into
/// JSON Lines files of a few thousand conversations. Real corpora that the readers handle (the
/// Twitter customer-support CSV, SemEval XML) are copied with their company handles varied.
struct BatchBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch-corpus",
    abstract: "Generate a corpus of at least --megabytes MB for the batch and nightly benchmark.")

  @Argument(help: "The folder to fill (created; keep it out of the repository, e.g. under /tmp).")
  var output: String

  @Option(help: "Target size in MB (MiB).")
  var megabytes: Int = 1024

  @Option(help: "The bundled sample corpora (chat/ and json/ inside).")
  var samples: String = "corpora"

  @Option(help: "A folder of real corpora (twcs/, semeval2016-cqa/); skipped when missing.")
  var real: String = "../shared/corpora"

  @Option(help: "Share of the bytes taken from real corpora, 0…1.")
  var realShare: Double = 0.3

  func run() throws {
    let target = Int64(megabytes) * 1_048_576
    let root = URL(fileURLWithPath: output)
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    var written: Int64 = 0
    var conversations = 0

    let chats = try templates(in: samples + "/chat", suffix: ".txt")
    let jsonObjects = try jsonTemplates(in: samples + "/json")
    guard !chats.isEmpty || !jsonObjects.isEmpty else { throw ValidationError("no samples under \(samples)") }
    let realFiles = realTemplates()
    let realTarget = realFiles.isEmpty ? 0 : Int64(Double(target) * min(max(realShare, 0), 1))

    // Real data first, so its share holds whatever the target.
    var copy = 0
    while written < realTarget {
      for (name, text) in realFiles where written < realTarget {
        let varied = text.replacingOccurrences(of: "Support", with: "Support\(copy % 29)")
          .replacingOccurrences(of: "care,", with: "care\(copy % 29),")
        let url = root.appendingPathComponent("real/\(copy / 100)/\(copy)-\(name)")
        written += try write(varied, to: url)
      }
      copy += 1
    }

    // One in five sample bytes as chat-log files, the rest as JSON Lines packs.
    var serial = 0
    var pack = 0
    while written < target {
      for _ in 0..<200 where !chats.isEmpty {
        let template = chats[serial % chats.count]
        let text = varyChat(template, serial: serial)
        written += try write(text, to: root.appendingPathComponent("chat/\(serial / 1000)/c\(serial).txt"))
        conversations += 1
        serial += 1
      }
      var lines: [String] = []
      lines.reserveCapacity(4_000)
      for _ in 0..<4_000 where !jsonObjects.isEmpty {
        lines.append(try varyJSON(jsonObjects[serial % jsonObjects.count], serial: serial))
        serial += 1
      }
      conversations += lines.count
      written += try write(
        lines.joined(separator: "\n") + "\n", to: root.appendingPathComponent("jsonl/pack-\(pack).jsonl"))
      pack += 1
    }
    print(
      String(
        format: "wrote %.1f MB to %@ (%d generated conversations, plus real corpora copied %d times)",
        Double(written) / 1_048_576, output, conversations, copy))
  }

  func write(_ text: String, to url: URL) throws -> Int64 {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let data = Data(text.utf8)
    try data.write(to: url)
    return Int64(data.count)
  }

  func templates(in folder: String, suffix: String) throws -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    return try names.filter { $0.hasSuffix(suffix) }.sorted().map {
      try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
    }
  }

  func jsonTemplates(in folder: String) throws -> [[String: Any]] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    var objects: [[String: Any]] = []
    for name in names.sorted() {
      let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
      let documents = name.hasSuffix(".jsonl") ? text.split(separator: "\n").map(String.init) : [text]
      for document in documents {
        if let object = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any] {
          objects.append(object)
        }
      }
    }
    return objects
  }

  func realTemplates() -> [(name: String, text: String)] {
    let candidates = ["twcs/twcs_dev.csv", "semeval2016-cqa/SemEval2016-Task3-CQA-QL-train-part2.xml"]
    return candidates.compactMap { path in
      guard let text = try? String(contentsOfFile: real + "/" + path, encoding: .utf8) else { return nil }
      return ((path as NSString).lastPathComponent, text)
    }
  }

  /// A chat log with its own id, company and agent names.
  func varyChat(_ template: String, serial: Int) -> String {
    var lines: [String] = []
    var agents: [String] = []
    for line in template.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("# id: ") {
        lines.append(line + "-\(serial)")
      } else if line.hasPrefix("# company: ") {
        lines.append("# company: Company \(serial % 41)")
      } else {
        if let range = line.range(of: "] Agent "), let colon = line[range.upperBound...].firstIndex(of: ":") {
          let name = String(line[range.upperBound..<colon])
          if !agents.contains(name) { agents.append(name) }
        }
        lines.append(String(line))
      }
    }
    var text = lines.joined(separator: "\n")
    for name in agents {
      text = text.replacingOccurrences(of: "Agent \(name):", with: "Agent \(name)\(serial % 53):")
    }
    return text
  }

  /// An Earshot JSON conversation with its own id, company and agent ids, as one JSON line.
  func varyJSON(_ template: [String: Any], serial: Int) throws -> String {
    var object = template
    object["id"] = "\(template["id"] as? String ?? "conversation")-\(serial)"
    object["company"] = "Company \(serial % 41)"
    var renamed: [String: String] = [:]
    if var participants = template["participants"] as? [[String: Any]] {
      for index in participants.indices {
        let role = participants[index]["role"] as? String
        if role == "agent", let id = participants[index]["id"] as? String {
          renamed[id] = "\(id)-\(serial % 53)"
          participants[index]["id"] = renamed[id]
        }
      }
      object["participants"] = participants
    }
    if var turns = template["turns"] as? [[String: Any]] {
      for index in turns.indices {
        if let speaker = turns[index]["speaker"] as? String, let new = renamed[speaker] {
          turns[index]["speaker"] = new
        }
      }
      object["turns"] = turns
    }
    return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
  }
}
