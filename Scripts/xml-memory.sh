#!/usr/bin/env bash
# Streams transcript files through Earshot's readers in an optimized build and reports what was read
# and the peak resident memory (GNU time). Used to check that the XML readers keep memory flat.
#
#   Scripts/xml-memory.sh FILE...                 # counts per file + peak RSS
#   Scripts/xml-memory.sh --show ID FILE          # print one conversation as JSON
#
# It compiles EarshotModel and EarshotReaders with swiftc -O into a throw-away driver under
# ${TMPDIR:-/tmp}, so it needs no extra target in Package.swift.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${TMPDIR:-/tmp}/earshot-xml-memory"
mkdir -p "$work"
cat > "$work/main.swift" <<'SWIFT'
import EarshotModel
import EarshotReaders
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
var show: String?
if arguments.first == "--show", arguments.count >= 2 {
  show = arguments[1]
  arguments.removeFirst(2)
}
// The XML and export readers only, so the driver does not depend on the other reader families.
let readers: [any TranscriptReader] = [
  EarshotXMLReader(), ZendeskXMLReader(), GenesysXMLReader(), SemEvalXMLReader(), NPSChatXMLReader(),
  TwitterCSVReader(),
]
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
encoder.dateEncodingStrategy = .iso8601
for path in arguments {
  let file = InputFile(path: path)
  var conversations = 0
  var turns = 0
  var diagnostics = 0
  var companies = Set<String>()
  var agents = Set<String>()
  var signed = Set<String>()
  do {
    let sample = InputSample(file: file, head: try file.head())
    guard let reader = readers.first(where: { $0.sniff(sample) }) else {
      print("\(path): no XML or export reader recognizes the file")
      continue
    }
    try reader.read(
      file,
      emit: { conversation in
        conversations += 1
        turns += conversation.turns.count
        if let company = conversation.company { companies.insert(company) }
        for participant in conversation.participants where participant.role == .agent {
          agents.insert(participant.id)
          if participant.id.contains("/") { signed.insert(participant.id) }
        }
        if conversation.id == show, let data = try? encoder.encode(conversation) {
          print(String(decoding: data, as: UTF8.self))
        }
      },
      diagnose: { diagnostic in
        diagnostics += 1
        FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
      })
    print(
      "\(path): format=\(reader.format) conversations=\(conversations) turns=\(turns) diagnostics=\(diagnostics)"
        + " companies=\(companies.count) agent-ids=\(agents.count) signed-agents=\(signed.count)")
  } catch {
    print("\(path): failed: \(error)")
  }
}
SWIFT
modules=(-I "$work" -I "$root/Sources/CLibXML2" -Xcc -I/usr/include/libxml2)
# The reader core plus the XML and export families (other families are left out on purpose).
readers="$root/Sources/EarshotReaders"
sources=("$readers/TranscriptReader.swift" "$readers"/Support/*.swift
  "$readers"/Earshot/*.swift $(find "$readers/XML" "$readers/Exports" -name '*.swift'))
if [[ ! -x "$work/driver" || -n "$(find "$root/Sources/EarshotModel" "$root/Sources/EarshotReaders" -newer "$work/driver" -name '*.swift' | head -1)" ]]; then
  (cd "$work" && swiftc -O -parse-as-library -emit-module -emit-library -static -module-name EarshotModel \
    "$root"/Sources/EarshotModel/*.swift -o "$work/libEarshotModel.a")
  (cd "$work" && swiftc -O -parse-as-library -emit-module -emit-library -static -module-name EarshotReaders \
    "${modules[@]}" "${sources[@]}" -o "$work/libEarshotReaders.a")
  swiftc -O "${modules[@]}" "$work/main.swift" -L "$work" -lEarshotReaders -lEarshotModel -lxml2 -o "$work/driver"
fi
/usr/bin/time -f "peak RSS: %M KiB, wall: %e s" "$work/driver" "$@"
