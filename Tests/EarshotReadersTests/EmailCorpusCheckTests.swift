import EarshotModel
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotReaders

/// Reads a whole real mail folder (such as the notmuch test corpora) the way the engine would:
/// every file sniffed, files grouped by `groupKey`, each group read at once, then checks that every
/// message was read and that the threads are exactly what the headers say, using a header scan
/// written independently of the reader. Runs on `EARSHOT_MAIL_CORPUS` when set, else on
/// `../shared/corpora/mail-notmuch` when present, so `swift test` needs nothing outside the
/// repository:
///
///     EARSHOT_MAIL_CORPUS=/path/to/mail-notmuch swift test --filter EmailCorpusCheck
@Suite struct EmailCorpusCheckTests {
  static let corpus =
    ProcessInfo.processInfo.environment["EARSHOT_MAIL_CORPUS"]
    ?? (SharedCorpora.exists("mail-notmuch") ? SharedCorpora.path("mail-notmuch") : nil)

  @Test(.enabled(if: corpus != nil, "needs EARSHOT_MAIL_CORPUS or ../shared/corpora/mail-notmuch"))
  func readsEveryMessageAndThreadsByHeaders() throws {
    let root = try #require(Self.corpus)
    let registry = ReaderRegistry.builtIn()
    var files: [InputFile] = []
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let path = root + "/" + relative
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
        !relative.hasSuffix(".md")
      else { continue }
      files.append(InputFile(path: path))
    }
    var groups: [String: [InputFile]] = [:]
    var unrecognized: [String] = []
    for file in files {
      guard let reader = try? registry.detect(file) as? EmailMessageReader else {
        unrecognized.append(file.path)
        continue
      }
      groups[reader.groupKey(for: file), default: []].append(file)
    }
    let reader = EmailMessageReader()
    var conversations: [Conversation] = []
    var diagnostics: [InputDiagnostic] = []
    var mismatches: [String] = []
    for key in groups.keys.sorted() {
      let group = groups[key] ?? []
      var read: [Conversation] = []
      try reader.read(group: group, emit: { read.append($0) }, diagnose: { diagnostics.append($0) })
      let expected = Set(Self.threadsFromHeaders(group))
      let actual = Set(read.map { Set($0.turns.compactMap { $0.location?.file }) })
      if expected != actual { mismatches.append(key) }
      conversations += read
    }
    let turns = conversations.reduce(0) { $0 + $1.turns.count }
    let readFiles = Set(conversations.flatMap { $0.turns.compactMap { $0.location?.file } })
    print(
      "mail corpus: \(files.count) files, \(groups.count) groups, \(turns) messages read, "
        + "\(conversations.count) threads, \(diagnostics.count) diagnostics, \(unrecognized.count) unrecognized, "
        + "\(mismatches.count) groups whose threads differ from the headers")
    for diagnostic in diagnostics { print("  \(diagnostic)") }
    #expect(unrecognized.isEmpty)
    // Real mail has defects that are read past (a Date without a year): warnings, never errors.
    #expect(diagnostics.allSatisfy { $0.isWarning })
    #expect(turns == files.count)
    #expect(readFiles == Set(files.map(\.path)))
    #expect(mismatches.isEmpty)
  }

  /// Threads as sets of file paths, from a plain scan of Message-ID / In-Reply-To / References.
  static func threadsFromHeaders(_ files: [InputFile]) -> [Set<String>] {
    var parent: [String: String] = [:]
    func find(_ id: String) -> String {
      var current = id
      while let next = parent[current], next != current { current = next }
      return current
    }
    func union(_ lhs: String, _ rhs: String) {
      let left = find(lhs)
      let right = find(rhs)
      if left != right { parent[left] = right }
    }
    var idOfFile: [String: String] = [:]
    for file in files {
      guard let data = try? file.contents() else { continue }
      let text = String(decoding: data, as: UTF8.self)
      let header = text.components(separatedBy: "\n\n").first ?? ""
      let unfolded = header.replacingOccurrences(of: "\n ", with: " ").replacingOccurrences(of: "\n\t", with: " ")
      var ids: [String: [String]] = [:]
      for line in unfolded.split(separator: "\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let name = line[..<colon].lowercased()
        guard ["message-id", "in-reply-to", "references"].contains(name) else { continue }
        let value = line[line.index(after: colon)...]
        var found: [String] = []
        var rest = value[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
          found.append(String(rest[rest.index(after: open)..<close]).trimmingCharacters(in: .whitespaces))
          rest = rest[rest.index(after: close)...]
        }
        ids[name, default: []] += found
      }
      let own = ids["message-id"]?.first ?? "file:" + file.path
      idOfFile[file.path] = own
      parent[own] = parent[own] ?? own
      for link in (ids["in-reply-to"] ?? []) + (ids["references"] ?? []) {
        parent[link] = parent[link] ?? link
        union(own, link)
      }
    }
    var threads: [String: Set<String>] = [:]
    for (path, id) in idOfFile { threads[find(id), default: []].insert(path) }
    return Array(threads.values)
  }
}
