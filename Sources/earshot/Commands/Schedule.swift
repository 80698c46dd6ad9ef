import ArgumentParser
import EarshotEngine
import EarshotStore
import Foundation

extension ScheduleFormat: ExpressibleByArgument {}

extension Earshot {
  /// `earshot schedule --at HH:MM [--format cron|systemd|kubernetes] [--install]`.
  struct Schedule: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print (or install) a daily schedule that runs `earshot nightly`.",
      discussion: """
        Prints a crontab line, a systemd service and timer pair, or a Kubernetes CronJob manifest that \
        runs `earshot nightly` on the given inputs every day at the given time, with absolute paths. \
        --install adds the line to your crontab (replacing an earlier Earshot line) or writes the \
        systemd user units to ~/.config/systemd/user and prints how to enable them. Apply a \
        Kubernetes manifest with `kubectl apply -f -`.

        With --format kubernetes --shards N: an Indexed Job of N pods, pod i running `earshot nightly \
        --shard i+1/N` into the PostgreSQL store named by the Secret earshot-store (--store is not \
        used), with earshot.yml from the ConfigMap earshot-config and the transcripts on a read-only \
        volume claim; then a second CronJob writes the report. See docs/nightly-and-reports.md.

        \(ExitCodes.helpText)
        """)

    @Argument(help: "Transcript files or folders for the nightly run (default: the current folder).")
    var inputs: [String] = []

    @Option(help: "The time of day, HH:MM on a 24-hour clock (the scheduler's local time).")
    var at: String

    @Option(help: "cron, systemd or kubernetes.")
    var format: ScheduleFormat = .cron

    @Flag(help: "Install the crontab entry or the systemd user units instead of printing them.")
    var install = false

    @Option(help: "The SQLite store (default: store.path in earshot.yml, else the XDG data folder).")
    var store: String?

    @Option(name: .shortAndLong, help: "Where each nightly run writes its tables.")
    var out: String?

    @Option(help: "The container image (kubernetes).")
    var image: String = "earshot:\(EarshotVersion.current)"

    @Option(
      help: ArgumentHelp(
        "Kubernetes at scale: N pods, each scoring one shard into PostgreSQL, then the report.",
        discussion:
          "The store's URL comes from the Secret earshot-store, earshot.yml from the ConfigMap earshot-config."
      ))
    var shards: Int?

    @Option(help: "With --shards: the volume claim holding the transcripts (mounted read-only).")
    var inputsClaim: String?

    @Option(help: "With --shards: the volume claim the report is written to.")
    var reportsClaim: String?

    @Option(help: "With --shards: minutes from the nightly start to the report (the nightly stops 10 before).")
    var reportAfter: Int?

    @OptionGroup var configurationOptions: ConfigurationOptions

    func validate() throws {
      if NightlySchedule.parseTime(at) == nil {
        throw ValidationError("--at expects HH:MM on a 24-hour clock, for example 02:30; found '\(at)'")
      }
      if shards != nil && format != .kubernetes {
        throw ValidationError("--shards needs --format kubernetes")
      }
      if shards == nil && (inputsClaim != nil || reportsClaim != nil || reportAfter != nil) {
        throw ValidationError("--inputs-claim, --reports-claim and --report-after need --format kubernetes --shards N")
      }
      if let shards, !(1...KubernetesScale.maximumShards).contains(shards) {
        throw ValidationError("--shards expects a number from 1 to \(KubernetesScale.maximumShards); found \(shards)")
      }
      for (option, claim) in [("--inputs-claim", inputsClaim), ("--reports-claim", reportsClaim)] {
        if let claim, !KubernetesScale.isValidName(claim) {
          throw ValidationError(
            "\(option) expects a volume claim name (lowercase letters, digits, '-' and '.'); found '\(claim)'")
        }
      }
      if let reportAfter, !(KubernetesScale.minimumReportAfter..<(24 * 60)).contains(reportAfter) {
        throw ValidationError(
          "--report-after expects minutes from \(KubernetesScale.minimumReportAfter) to 1439; found \(reportAfter)")
      }
      if install && format == .kubernetes {
        throw ValidationError("--install supports cron and systemd; apply the manifest with `kubectl apply -f -`")
      }
    }

    func run() async throws {
      let configuration = try configurationOptions.load()
      guard let time = NightlySchedule.parseTime(at) else { throw ExitCode.validationFailure }
      let configPath =
        configurationOptions.config ?? (FileManager.default.fileExists(atPath: "earshot.yml") ? "earshot.yml" : nil)
      let resolved = StorePathOption.resolve(store, configuration: configuration)
      let storePath = PostgresStoreURL.isPostgres(resolved) ? resolved : Self.absolute(resolved)
      var schedule = NightlySchedule(
        hour: time.hour, minute: time.minute, executable: Self.executablePath(),
        inputs: (inputs.isEmpty ? ["."] : inputs).map(Self.absolute), storePath: storePath,
        outputDirectory: out.map(Self.absolute), configurationPath: configPath.map(Self.absolute),
        logPath: format == .cron ? storePath + ".log" : nil, image: image)
      if let shards {
        var scale = KubernetesScale(shards: shards)
        if let inputsClaim { scale.inputsClaim = inputsClaim }
        if let reportsClaim { scale.reportsClaim = reportsClaim }
        if let reportAfter { scale.reportAfterMinutes = reportAfter }
        schedule.kubernetesScale = scale
      }
      guard install else {
        Console.output(schedule.render(format))
        return
      }
      do {
        let lines =
          format == .systemd
          ? try ScheduleInstaller.installSystemd(schedule, directory: ScheduleInstaller.systemdUserDirectory())
          : try ScheduleInstaller.installCron(schedule)
        for line in lines { Console.output(line + "\n") }
      } catch {
        Console.error(ErrorLine.text(for: error))
        throw ExitCode(EarshotExitCode.failure.rawValue)
      }
    }

    static func absolute(_ path: String) -> String {
      if path.hasPrefix("/") { return (path as NSString).standardizingPath }
      if path.hasPrefix("~/") { return NSHomeDirectory() + path.dropFirst() }
      let joined = FileManager.default.currentDirectoryPath + "/" + path
      return (joined as NSString).standardizingPath
    }

    static func executablePath() -> String {
      if let url = Bundle.main.executableURL { return url.resolvingSymlinksInPath().path }
      return absolute(CommandLine.arguments[0])
    }
  }
}
