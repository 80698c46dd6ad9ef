import Foundation

/// Installs a ``NightlySchedule`` for the current user: the crontab entry, or the systemd user
/// units. Kubernetes manifests are applied with `kubectl`, not installed from here.
public enum ScheduleInstaller {
  /// Why installing failed.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String
  }

  /// The systemd user unit folder: `$XDG_CONFIG_HOME/systemd/user`, else `~/.config/systemd/user`.
  public static func systemdUserDirectory(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String
  {
    if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return config + "/systemd/user" }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.config/systemd/user"
  }

  /// Writes the service and timer into `directory`.
  ///
  /// - Returns: what to run next, one line per step.
  /// - Throws: when the files cannot be written.
  public static func installSystemd(_ schedule: NightlySchedule, directory: String) throws -> [String] {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let service = directory + "/\(NightlySchedule.name).service"
    let timer = directory + "/\(NightlySchedule.name).timer"
    try Data(schedule.systemdService.utf8).write(to: URL(fileURLWithPath: service), options: .atomic)
    try Data(schedule.systemdTimer.utf8).write(to: URL(fileURLWithPath: timer), options: .atomic)
    return [
      "Wrote \(service) and \(timer).",
      "Enable the timer with: systemctl --user daemon-reload && systemctl --user enable --now \(NightlySchedule.name).timer",
      "To run while you are logged out: loginctl enable-linger \(ProcessInfo.processInfo.environment["USER"] ?? "$USER")",
    ]
  }

  /// The user's crontab with the schedule's line in place of any earlier Earshot line.
  public static func mergedCrontab(existing: String, schedule: NightlySchedule) -> String {
    var lines = existing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while lines.last == "" { lines.removeLast() }
    lines.removeAll { $0.hasSuffix("# \(NightlySchedule.name)") }
    lines.append(schedule.crontabLine)
    return lines.joined(separator: "\n") + "\n"
  }

  /// Installs the crontab line with `crontab -l` and `crontab -`.
  ///
  /// - Returns: what was done.
  /// - Throws: ``Failure`` when `crontab` is missing or refuses the table.
  public static func installCron(_ schedule: NightlySchedule, crontab: String = "crontab") throws -> [String] {
    let listed = try run(crontab, ["-l"], input: nil)
    // `crontab -l` fails when the user has no crontab yet; that is an empty table.
    let existing = listed.status == 0 ? listed.output : ""
    let merged = mergedCrontab(existing: existing, schedule: schedule)
    let written = try run(crontab, ["-"], input: merged)
    guard written.status == 0 else {
      throw Failure(description: "crontab refused the new table: \(written.error)")
    }
    return ["Installed in your crontab:", schedule.crontabLine]
  }

  static func run(_ tool: String, _ arguments: [String], input: String?) throws -> (
    status: Int32, output: String, error: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let out = Pipe()
    let err = Pipe()
    let inp = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inp
    do {
      try process.run()
    } catch {
      throw Failure(description: "cannot run \(tool): \(error)")
    }
    if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
    try? inp.fileHandleForWriting.close()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errorText = String(decoding: errors, as: UTF8.self)
    if process.terminationStatus == 127 {
      throw Failure(description: "\(tool) is not installed (install cron, or use --format systemd)")
    }
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), errorText)
  }
}
