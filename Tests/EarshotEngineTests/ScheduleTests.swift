import EarshotEngine
import EarshotTestSupport
import Foundation
import Testing

@Suite struct ScheduleTests {
  let schedule = NightlySchedule(
    hour: 2, minute: 30, executable: "/usr/local/bin/earshot", inputs: ["/srv/exports/chat", "/srv/my exports"],
    storePath: "/var/lib/earshot/earshot.sqlite", outputDirectory: "/srv/out/100%",
    configurationPath: "/etc/earshot.yml",
    logPath: "/var/lib/earshot/earshot.sqlite.log")

  @Test func parsesTwentyFourHourTimes() {
    #expect(NightlySchedule.parseTime("02:30").map { [$0.hour, $0.minute] } == [2, 30])
    #expect(NightlySchedule.parseTime("2:05").map { [$0.hour, $0.minute] } == [2, 5])
    #expect(NightlySchedule.parseTime("23:59").map { [$0.hour, $0.minute] } == [23, 59])
    for bad in ["24:00", "12:60", "1230", "12:3", "-1:30", "ab:cd", "12:30:00", ""] {
      #expect(NightlySchedule.parseTime(bad) == nil, "\(bad)")
    }
  }

  @Test func cronLineHasFiveValidFieldsAndTheNightlyCommand() throws {
    let line = schedule.crontabLine
    let fields = line.split(separator: " ", maxSplits: 5).map(String.init)
    #expect(fields.count == 6)
    let minute = try #require(Int(fields[0]))
    let hour = try #require(Int(fields[1]))
    #expect((0...59).contains(minute) && minute == 30)
    #expect((0...23).contains(hour) && hour == 2)
    #expect(Array(fields[2...4]) == ["*", "*", "*"])
    #expect(
      fields[5]
        == "/usr/local/bin/earshot nightly /srv/exports/chat '/srv/my exports' --store /var/lib/earshot/earshot.sqlite "
        + "--out '/srv/out/100\\%' --config /etc/earshot.yml >> /var/lib/earshot/earshot.sqlite.log 2>&1 # earshot-nightly"
    )
  }

  @Test func installingReplacesAnEarlierEarshotLine() {
    let existing = "MAILTO=ops\n0 1 * * * /usr/bin/backup\n15 3 * * * /old/earshot nightly /x # earshot-nightly\n"
    let merged = ScheduleInstaller.mergedCrontab(existing: existing, schedule: schedule)
    #expect(merged == "MAILTO=ops\n0 1 * * * /usr/bin/backup\n" + schedule.crontabLine + "\n")
    #expect(ScheduleInstaller.mergedCrontab(existing: "", schedule: schedule) == schedule.crontabLine + "\n")
  }

  @Test func systemdUnitsQuoteAndEscape() {
    let service = schedule.systemdService
    #expect(service.contains("Type=oneshot"))
    #expect(
      service.contains(
        "ExecStart=\"/usr/local/bin/earshot\" \"nightly\" \"/srv/exports/chat\" \"/srv/my exports\" \"--store\""))
    #expect(service.contains("\"/srv/out/100%%\""))
    #expect(service.contains("SuccessExitStatus=75"))
    let timer = schedule.systemdTimer
    #expect(timer.contains("OnCalendar=*-*-* 02:30:00"))
    #expect(timer.contains("Persistent=true"))
    #expect(timer.contains("WantedBy=timers.target"))
  }

  @Test func systemdUnitsPassSystemdAnalyzeVerify() throws {
    let analyzer = "/usr/bin/systemd-analyze"
    guard FileManager.default.isExecutableFile(atPath: analyzer) else { return }  // not installed: nothing to check
    let folder = try TemporaryDirectory()
    // verify checks that ExecStart's program exists.
    let valid = NightlySchedule(
      hour: 2, minute: 30, executable: "/bin/sh", inputs: [folder.url.path], storePath: folder.path("s.sqlite"))
    let lines = try ScheduleInstaller.installSystemd(valid, directory: folder.path("units"))
    #expect(lines.contains { $0.contains("systemctl --user enable --now earshot-nightly.timer") })
    let process = Process()
    process.executableURL = URL(fileURLWithPath: analyzer)
    process.arguments = [
      "verify", folder.path("units/earshot-nightly.service"), folder.path("units/earshot-nightly.timer"),
    ]
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let messages = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(messages)")
    // systemd-analyze exits 0 on ignored lines, so any complaint counts as a failure.
    let complaints = messages.split(separator: "\n").filter { $0.contains("earshot-nightly") }
    #expect(complaints.isEmpty, "\(messages)")
  }

  @Test func kubernetesCronJobIsAValidManifest() throws {
    let manifest = schedule.kubernetesCronJob
    #expect(manifest.contains("apiVersion: batch/v1\nkind: CronJob\n"))
    #expect(manifest.contains("  schedule: \"30 2 * * *\"\n"))
    #expect(manifest.contains("concurrencyPolicy: Forbid"))
    #expect(
      manifest.contains(
        "args: [\"nightly\", \"/data/inputs/chat\", \"/data/inputs/my exports\", \"--store\", "
          + "\"/data/store/earshot.sqlite\", \"--out\", \"/data/out\", \"--config\", \"/data/config/earshot.yml\"]"))
    // Two-space indentation throughout, no tabs: YAML forbids tabs for indentation.
    #expect(!manifest.contains("\t"))
    for line in manifest.split(separator: "\n") where !line.hasPrefix("#") {
      let indent = line.prefix { $0 == " " }.count
      #expect(indent % 2 == 0, "\(line)")
    }
  }

  @Test func renderNamesTheFiles() {
    #expect(schedule.render(.cron) == schedule.crontabLine + "\n")
    #expect(schedule.render(.systemd).contains("# ~/.config/systemd/user/earshot-nightly.timer"))
    #expect(ScheduleFormat.allCases.map(\.rawValue) == ["cron", "systemd", "kubernetes"])
    #expect(ScheduleInstaller.systemdUserDirectory(environment: ["HOME": "/h"]) == "/h/.config/systemd/user")
    #expect(
      ScheduleInstaller.systemdUserDirectory(environment: ["XDG_CONFIG_HOME": "/c", "HOME": "/h"]) == "/c/systemd/user")
  }
}
