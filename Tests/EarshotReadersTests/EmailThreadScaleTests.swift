import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// Threading stays linear (or n log n) in the number of messages: a long reply chain, and a long
/// run of replies that lost their threading headers, each become one ordered conversation.
/// (Timings are measured by `Scripts/generate-reply-chain-mbox.py` and the release build, not here.)
@Suite struct EmailThreadScaleTests {
  /// `count` messages, each answering the previous one, alternating customer and agent.
  static func chain(_ count: Int, headers: Bool) -> String {
    var text = ""
    for index in 0..<count {
      let from = index % 2 == 0 ? "dana@example.com" : "bob@acme-support.com"
      let to = index % 2 == 0 ? "bob@acme-support.com" : "dana@example.com"
      let minute = index % 60
      let hour = (index / 60) % 24
      let day = 1 + index / 1440
      text += "From \(from) Mon Mar 04 08:00:00 2024\n"
      text += "From: \(from)\nTo: \(to)\n"
      text += "Subject: \(index == 0 ? "" : "Re: ")Order 1234\n"
      text += String(format: "Date: %02d Mar 2024 %02d:%02d:00 +0000\n", day, hour, minute)
      text += "Message-ID: <m\(index)@chain.example>\n"
      if headers && index > 0 {
        text +=
          "In-Reply-To: <m\(index - 1)@chain.example>\nReferences: <m0@chain.example> <m\(index - 1)@chain.example>\n"
      }
      text += "\nMessage \(index) about order 1234.\n\n"
    }
    return text
  }

  @Test(arguments: [true, false])
  func longChainIsOneConversationInOrder(headers: Bool) throws {
    let count = 3_000
    let file = try EmailFixtures.temporary(Self.chain(count, headers: headers), name: "chain.mbox")
    let (conversations, diagnostics) = try MboxReader().readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations.count == 1)
    let turns = try #require(conversations.first?.turns)
    #expect(turns.count == count)
    #expect(turns.map(\.text) == (0..<count).map { "Message \($0) about order 1234." })
    if headers {
      #expect(turns.dropFirst().allSatisfy { $0.attributes["in_reply_to"] == "m\($0.index - 1)@chain.example" })
    }
  }

  @Test func depthsFollowTheChainOnceAndSurviveLoops() {
    let chain = Threader.depths(
      of: Array(0..<10_000), parents: Dictionary(uniqueKeysWithValues: (1..<10_000).map { ($0, $0 - 1) }))
    #expect(chain[0] == 0)
    #expect(chain[9_999] == 9_999)
    // Broken headers can make a loop (a answers b answers a): every member still gets a depth.
    let loop = Threader.depths(of: [0, 1, 2, 3], parents: [0: 1, 1: 2, 2: 0, 3: 2])
    #expect(loop.count == 4)
    #expect(loop.values.allSatisfy { $0 >= 0 && $0 <= 4 })
    #expect(loop[3] == (loop[2] ?? 0) + 1)
  }
}
