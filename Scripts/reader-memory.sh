#!/usr/bin/env bash
# Streams transcript files through Earshot's readers (the built-in registry: sniffing picks the
# reader) in an optimized build, and reports what was read, a checksum of it, the wall time and the
# peak resident memory (GNU time). Used for "Memory on large files" in docs/performance.md.
#
#   Scripts/reader-memory.sh FILE...
#   SOURCES=/path/to/other/checkout Scripts/reader-memory.sh FILE...   # the readers of another tree
#
# It compiles EarshotModel and EarshotReaders with swiftc -O into a throw-away driver under
# ${TMPDIR:-/tmp} (one per source tree), so it needs no extra target in Package.swift. The checksum
# (FNV-1a over every conversation id, speaker, role, time and text, in emitted order) is equal for
# two builds exactly when they read the same conversations.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sources_root="$(cd "${SOURCES:-$root}" && pwd)"
work="${TMPDIR:-/tmp}/earshot-reader-memory/$(printf '%s' "$sources_root" | cksum | cut -d' ' -f1)"
mkdir -p "$work"
cat > "$work/main.swift" <<'SWIFT'
import EarshotModel
import EarshotReaders
import Foundation

var hash: UInt64 = 0xcbf2_9ce4_8422_2325
func mix(_ text: String) {
  for byte in text.utf8 {
    hash ^= UInt64(byte)
    hash = hash &* 0x100_0000_01b3
  }
  hash ^= 0xff
  hash = hash &* 0x100_0000_01b3
}
let registry = ReaderRegistry.builtIn()
for path in CommandLine.arguments.dropFirst() {
  let file = InputFile(path: path)
  var conversations = 0
  var turns = 0
  var diagnostics = 0
  do {
    let reader = try registry.detect(file)
    try reader.read(
      file,
      emit: { conversation in
        conversations += 1
        turns += conversation.turns.count
        mix(conversation.id)
        for turn in conversation.turns {
          mix(turn.speaker)
          mix(turn.role.rawValue)
          mix(turn.timestamp.map { String($0.timeIntervalSince1970) } ?? "-")
          mix(turn.text)
        }
      },
      diagnose: { diagnostic in
        diagnostics += 1
        if diagnostics <= 5 { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
      })
    print(
      "\(path): format=\(reader.format) conversations=\(conversations) turns=\(turns) diagnostics=\(diagnostics)"
        + " checksum=\(String(hash, radix: 16))")
  } catch {
    print("\(path): failed after \(conversations) conversations: \(error)")
  }
}
SWIFT
modules=(-I "$work" -I "$sources_root/Sources/CLibXML2" -Xcc -I/usr/include/libxml2)
readers="$sources_root/Sources/EarshotReaders"
if [[ ! -x "$work/driver" || -n "$(find "$sources_root/Sources/EarshotModel" "$readers" -newer "$work/driver" -name '*.swift' | head -1)" ]]; then
  (cd "$work" && swiftc -O -parse-as-library -emit-module -emit-library -static -module-name EarshotModel \
    "$sources_root"/Sources/EarshotModel/*.swift -o "$work/libEarshotModel.a")
  (cd "$work" && swiftc -O -parse-as-library -emit-module -emit-library -static -module-name EarshotReaders \
    "${modules[@]}" $(find "$readers" -name '*.swift') -o "$work/libEarshotReaders.a")
  swiftc -O "${modules[@]}" "$work/main.swift" -L "$work" -lEarshotReaders -lEarshotModel -lxml2 -o "$work/driver"
fi
/usr/bin/time -f "peak RSS: %M KiB, wall: %e s" "$work/driver" "$@"
