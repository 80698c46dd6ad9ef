import Foundation

/// How `earshot schedule` writes the nightly job.
public enum ScheduleFormat: String, CaseIterable, Sendable {
  /// One crontab line.
  case cron
  /// A systemd service and timer pair (user units).
  case systemd
  /// A Kubernetes CronJob manifest.
  case kubernetes
}

/// A daily `earshot nightly` run, written as a crontab line, systemd units or a Kubernetes
/// CronJob. Paths should be absolute: schedulers do not run in the folder the user was in.
public struct NightlySchedule: Sendable, Hashable {
  /// The hour (0–23) and minute (0–59), in the scheduler's local time.
  public var hour: Int
  public var minute: Int
  /// The `earshot` executable.
  public var executable: String
  /// The nightly inputs.
  public var inputs: [String]
  /// The store.
  public var storePath: String
  /// Where the run's tables go, when set.
  public var outputDirectory: String?
  /// The configuration file, when set.
  public var configurationPath: String?
  /// The crontab line appends the run's output here.
  public var logPath: String?
  /// The container image of the Kubernetes CronJob.
  public var image: String
  /// When set, the Kubernetes manifest runs the nightly as N shards into PostgreSQL, then the report.
  public var kubernetesScale: KubernetesScale?

  /// The name of the units, the CronJob, and the crontab marker.
  public static let name = "earshot-nightly"

  /// Creates a schedule.
  public init(
    hour: Int, minute: Int, executable: String, inputs: [String], storePath: String, outputDirectory: String? = nil,
    configurationPath: String? = nil, logPath: String? = nil, image: String = "earshot:\(EarshotVersion.current)"
  ) {
    self.hour = hour
    self.minute = minute
    self.executable = executable
    self.inputs = inputs
    self.storePath = storePath
    self.outputDirectory = outputDirectory
    self.configurationPath = configurationPath
    self.logPath = logPath
    self.image = image
  }

  /// Parses `HH:MM` (24-hour clock).
  public static func parseTime(_ text: String) -> (hour: Int, minute: Int)? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
    else { return nil }
    return (hour, minute)
  }

  /// The arguments after the executable.
  public var arguments: [String] {
    var arguments = ["nightly"] + inputs + ["--store", storePath]
    if let outputDirectory { arguments += ["--out", outputDirectory] }
    if let configurationPath { arguments += ["--config", configurationPath] }
    return arguments
  }

  // MARK: - cron

  /// One crontab line (five time fields, then the command), ending with a marker comment that
  /// `--install` uses to replace an earlier entry.
  public var crontabLine: String {
    var command = ([executable] + arguments).map(Self.shellQuoted).joined(separator: " ")
    if let logPath { command += " >> \(Self.shellQuoted(logPath)) 2>&1" }
    // cron turns an unescaped % into a newline.
    command = command.replacingOccurrences(of: "%", with: "\\%")
    return "\(minute) \(hour) * * * \(command) # \(Self.name)"
  }

  static func shellQuoted(_ text: String) -> String {
    let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:@,")
    if !text.isEmpty && text.unicodeScalars.allSatisfy(safe.contains) { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  // MARK: - systemd

  /// The service unit (`earshot-nightly.service`): one run, low priority.
  public var systemdService: String {
    let command = ([executable] + arguments).map(Self.systemdQuoted).joined(separator: " ")
    return """
      [Unit]
      Description=Earshot nightly listening analytics (only new and changed transcripts)

      [Service]
      Type=oneshot
      ExecStart=\(command)
      # 75: another run held the store's lock; the next timer run catches up.
      SuccessExitStatus=75
      Nice=10
      IOSchedulingClass=idle

      """
  }

  /// The timer unit (`earshot-nightly.timer`): every day at the time, catching up after downtime.
  public var systemdTimer: String {
    """
    [Unit]
    Description=Run earshot nightly every day at \(String(format: "%02d:%02d", hour, minute))

    [Timer]
    OnCalendar=*-*-* \(String(format: "%02d:%02d", hour, minute)):00
    Persistent=true
    Unit=\(Self.name).service

    [Install]
    WantedBy=timers.target

    """
  }

  static func systemdQuoted(_ text: String) -> String {
    var escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    // systemd expands %-specifiers and $VARIABLES in ExecStart.
    escaped = escaped.replacingOccurrences(of: "%", with: "%%").replacingOccurrences(of: "$", with: "$$")
    return "\"" + escaped + "\""
  }

  // MARK: - Kubernetes

  /// A Kubernetes CronJob manifest. The container sees one volume at `/data` (the claim
  /// `earshot-data`): the store under `/data/store`, outputs under `/data/out`, and each input
  /// under `/data/inputs/<its folder name>`; the header says which host path maps where.
  public var kubernetesCronJob: String {
    let storeInContainer = "/data/store/" + (storePath as NSString).lastPathComponent
    var args = ["nightly"] + inputs.map { "/data/inputs/" + ($0 as NSString).lastPathComponent }
    args += ["--store", storeInContainer]
    if outputDirectory != nil { args += ["--out", "/data/out"] }
    if configurationPath != nil { args += ["--config", "/data/config/earshot.yml"] }
    var mapping = inputs.map { "#   \($0) -> /data/inputs/\(($0 as NSString).lastPathComponent)" }
    mapping.append("#   \(storePath) -> \(storeInContainer)")
    if let outputDirectory { mapping.append("#   \(outputDirectory) -> /data/out") }
    if let configurationPath { mapping.append("#   \(configurationPath) -> /data/config/earshot.yml") }
    let quotedArgs = args.map(Self.yamlQuoted).joined(separator: ", ")
    return """
      # Earshot nightly run as a Kubernetes CronJob (generated by `earshot schedule --format kubernetes`).
      # Paths on this machine and where the job expects them on the volume claim earshot-data:
      \(mapping.joined(separator: "\n"))
      # The schedule is in the cluster controller's time zone unless spec.timeZone is set.
      \(Self.cronJobHeader(name: Self.name, component: "nightly", schedule: "\(minute) \(hour) * * *"))
            backoffLimit: 2
            template:
              metadata:
                labels:
                  app.kubernetes.io/name: earshot
              spec:
                restartPolicy: Never
                containers:
                  - name: earshot
                    image: \(Self.yamlQuoted(image))
                    command: ["earshot"]
                    args: [\(quotedArgs)]
                    volumeMounts:
                      - name: data
                        mountPath: /data
                volumes:
                  - name: data
                    persistentVolumeClaim:
                      claimName: earshot-data

      """
  }

  static func yamlQuoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  /// The text for `format`: the crontab line, the two units, or the manifest.
  public func render(_ format: ScheduleFormat) -> String {
    switch format {
    case .cron: crontabLine + "\n"
    case .systemd:
      "# ~/.config/systemd/user/\(Self.name).service\n" + systemdService + "\n# ~/.config/systemd/user/\(Self.name)"
        + ".timer\n" + systemdTimer
    case .kubernetes: kubernetesScale.map(kubernetesShardedCronJobs) ?? kubernetesCronJob
    }
  }
}

extension NightlySchedule {
  /// The lines every Earshot CronJob starts with, down to its `jobTemplate.spec:` key (one shape for
  /// the single-pod job, the sharded nightly job and the report job).
  static func cronJobHeader(name: String, component: String, schedule: String) -> String {
    """
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: \(name)
      labels:
        app.kubernetes.io/name: earshot
        app.kubernetes.io/component: \(component)
    spec:
      schedule: "\(schedule)"
      concurrencyPolicy: Forbid
      startingDeadlineSeconds: 3600
      successfulJobsHistoryLimit: 3
      failedJobsHistoryLimit: 3
      jobTemplate:
        spec:
    """
  }
}
