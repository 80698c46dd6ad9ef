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

    @OptionGroup var configurationOptions: ConfigurationOptions

    func validate() throws {
      if NightlySchedule.parseTime(at) == nil {
        throw ValidationError("--at expects HH:MM on a 24-hour clock, for example 02:30; found '\(at)'")
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
      let schedule = NightlySchedule(
        hour: time.hour, minute: time.minute, executable: Self.executablePath(),
        inputs: (inputs.isEmpty ? ["."] : inputs).map(Self.absolute), storePath: storePath,
        outputDirectory: out.map(Self.absolute), configurationPath: configPath.map(Self.absolute),
        logPath: format == .cron ? storePath + ".log" : nil, image: image)
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
