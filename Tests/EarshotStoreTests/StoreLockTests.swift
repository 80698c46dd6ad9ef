import EarshotStore
import EarshotTestSupport
import Foundation
import Testing

@Suite struct StoreLockTests {
  @Test func secondLockFailsAndNamesTheHolder() throws {
    let folder = try TemporaryDirectory()
    let store = folder.path("s/earshot.sqlite")
    let first = try StoreLock(storePath: store)
    #expect(first.path == store + ".lock")
    do {
      _ = try StoreLock(storePath: store)
      Issue.record("a second lock on the same store must fail")
    } catch let error as StoreError {
      guard case .locked(let path, let holder) = error else {
        Issue.record("expected .locked, got \(error)")
        return
      }
      #expect(path == store + ".lock")
      #expect(holder?.hasPrefix("pid \(ProcessInfo.processInfo.processIdentifier) ") == true)
      #expect(error.description.contains("another earshot run is using the store"))
    }
    withExtendedLifetime(first) {}
  }

  @Test func lockIsFreeAgainOnceReleased() throws {
    let folder = try TemporaryDirectory()
    let store = folder.path("earshot.sqlite")
    var first: StoreLock? = try StoreLock(storePath: store)
    #expect(throws: StoreError.self) { try StoreLock(storePath: store) }
    withExtendedLifetime(first) {}
    first = nil
    // Released: the next run takes the lock, and it holds it in turn.
    let again = try StoreLock(storePath: store)
    #expect(again.path == store + ".lock")
    #expect(throws: StoreError.self) { try StoreLock(storePath: store) }
    withExtendedLifetime(again) {}
  }
}

@Suite struct ContentHashTests {
  @Test func sha256OfAFileMatchesTheStandardVector() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write("abc.txt", "abc")
    #expect(try ContentHash.sha256(ofFile: path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(ContentHash.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func fingerprintPartsCannotBleedIntoEachOther() {
    var one = FingerprintBuilder()
    one.add("a", "bc")
    one.add("d", "")
    var two = FingerprintBuilder()
    two.add("a", "b")
    two.add("d", "c")
    #expect(one.finalize() != two.finalize())
    var three = FingerprintBuilder()
    three.add("a", "bc")
    three.add("d", "")
    #expect(one.finalize() == three.finalize())
  }

  @Test func stampSeesARewriteOfTheSameSize() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write("f.txt", "hello")
    // Set the times rather than sleep: a rewrite 20 ms later, within the same second.
    let first = Date(timeIntervalSince1970: 1_700_000_000.25)
    try FileManager.default.setAttributes([.modificationDate: first], ofItemAtPath: path)
    let before = try #require(FileStamp.of(path: path))
    try Data("world".utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.modificationDate: first.addingTimeInterval(0.02)], ofItemAtPath: path)
    let after = try #require(FileStamp.of(path: path))
    #expect(before.size == after.size)
    #expect(before.modifiedNanoseconds / 1_000_000_000 == after.modifiedNanoseconds / 1_000_000_000)
    #expect(after.modifiedNanoseconds - before.modifiedNanoseconds >= 10_000_000)
    #expect(FileStamp.of(path: folder.path("missing")) == nil)
  }
}
