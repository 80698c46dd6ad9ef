import Foundation

/// A one-line progress bar on stderr (files done, conversations/s, ETA), drawn only on a terminal.
final class ProgressBar: @unchecked Sendable {
  // Only touched from the batch's consuming loop, one call at a time.
  private let enabled: Bool
  private let started = Date()
  private var lastDraw = Date.distantPast
  private var drawn = false

  init(enabled: Bool) {
    self.enabled = enabled
  }

  func update(filesDone: Int, filesTotal: Int, conversations: Int) {
    guard enabled, filesTotal > 0 else { return }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) > 0.1 || filesDone == filesTotal else { return }
    lastDraw = now
    let elapsed = max(now.timeIntervalSince(started), 0.001)
    let fraction = Double(filesDone) / Double(filesTotal)
    let width = 30
    let filled = Int(fraction * Double(width))
    let rate = Double(conversations) / elapsed
    let eta = fraction > 0 ? elapsed / fraction - elapsed : 0
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let line = String(
      format: "\r[%@] %d/%d files  %.0f conv/s  ETA %.0fs ", bar, filesDone, filesTotal, rate, eta)
    FileHandle.standardError.write(Data(line.utf8))
    drawn = true
  }

  func clear() {
    guard drawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    drawn = false
  }
}
