import EarshotEngine
import EarshotTestSupport
import Foundation
import Testing
import Yams

/// `earshot schedule --format kubernetes --shards N`: an Indexed Job of N nightly pods into
/// PostgreSQL, then the report; checked against golden files, parsed back, run through a shell, and
/// validated by kubernetes-validate when it is installed.
@Suite struct KubernetesScaleTests {
  static let schedule = NightlySchedule(
    hour: 22, minute: 30, executable: "/usr/local/bin/earshot", inputs: ["/srv/exports/chat", "/srv/my exports"],
    storePath: "/var/lib/earshot/earshot.sqlite", configurationPath: "/etc/earshot.yml")

  static func sharded(_ scale: KubernetesScale) -> NightlySchedule {
    var schedule = Self.schedule
    schedule.kubernetesScale = scale
    return schedule
  }

  static let golden = PackagePaths.root.appendingPathComponent("Tests/EarshotEngineTests/Golden")

  /// The two documents of a manifest, parsed.
  func documents(_ manifest: String) throws -> [[String: Any]] {
    try Yams.load_all(yaml: manifest).map { try #require($0 as? [String: Any]) }
  }

  @Test(arguments: [
    ("kubernetes-shards-4.yaml", KubernetesScale(shards: 4)),
    (
      "kubernetes-shards-1-claims.yaml",
      KubernetesScale(
        shards: 1, inputsClaim: "support-exports", reportsClaim: "listening-reports", reportAfterMinutes: 240)
    ),
  ])
  func manifestMatchesItsGoldenFile(name: String, scale: KubernetesScale) throws {
    let manifest = Self.sharded(scale).render(.kubernetes)
    if let mismatch = try GoldenFile.mismatch(manifest, golden: Self.golden.appendingPathComponent(name)) {
      Issue.record("\(mismatch)")
    }
  }

  @Test func withoutShardsTheManifestIsTheOnePodCronJob() {
    #expect(Self.schedule.render(.kubernetes) == Self.schedule.kubernetesCronJob)
    #expect(!Self.schedule.kubernetesCronJob.contains("completionMode"))
  }

  @Test func theNightlyJobIsIndexedWithOnePodPerShard() throws {
    let docs = try documents(Self.sharded(KubernetesScale(shards: 6, reportAfterMinutes: 150)).render(.kubernetes))
    #expect(docs.count == 2)
    #expect(docs.map { $0["kind"] as? String } == ["CronJob", "CronJob"])
    let nightly = docs[0]
    #expect((nightly["metadata"] as? [String: Any])?["name"] as? String == "earshot-nightly")
    let spec = try #require(nightly["spec"] as? [String: Any])
    #expect(spec["schedule"] as? String == "30 22 * * *")
    #expect(spec["concurrencyPolicy"] as? String == "Forbid")
    let job = try #require((spec["jobTemplate"] as? [String: Any])?["spec"] as? [String: Any])
    #expect(job["completionMode"] as? String == "Indexed")
    #expect(job["completions"] as? Int == 6)
    #expect(job["parallelism"] as? Int == 6)
    #expect(job["backoffLimitPerIndex"] as? Int == 2)
    #expect(job["activeDeadlineSeconds"] as? Int == 140 * 60, "stopped 10 minutes before the report")
    let rules = try #require((job["podFailurePolicy"] as? [String: Any])?["rules"] as? [[String: Any]])
    #expect(rules.map { $0["action"] as? String } == ["FailJob", "FailIndex", "Ignore"])
    let pod = try #require((job["template"] as? [String: Any])?["spec"] as? [String: Any])
    #expect(pod["restartPolicy"] as? String == "Never")
    #expect((pod["securityContext"] as? [String: Any])?["runAsNonRoot"] as? Bool == true)
    let container = try #require((pod["containers"] as? [[String: Any]])?.first)
    let security = try #require(container["securityContext"] as? [String: Any])
    #expect(security["readOnlyRootFilesystem"] as? Bool == true)
    #expect(security["allowPrivilegeEscalation"] as? Bool == false)
    let resources = try #require(container["resources"] as? [String: [String: Any]])
    #expect(Set(resources.keys) == ["requests", "limits"])
    #expect(resources["limits"]?["memory"] as? String == "1Gi")
    let env = try #require(container["env"] as? [[String: Any]])
    let storeURL = try #require(env.first { $0["name"] as? String == "EARSHOT_STORE_URL" })
    let secret = (storeURL["valueFrom"] as? [String: Any])?["secretKeyRef"] as? [String: Any]
    #expect(secret?["name"] as? String == "earshot-store")
    #expect(secret?["key"] as? String == "url")
    let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
    let readOnly = mounts.filter { $0["readOnly"] as? Bool == true }.compactMap { $0["mountPath"] as? String }
    #expect(readOnly == ["/data/inputs", "/etc/earshot"])
    let volumes = try #require(pod["volumes"] as? [[String: Any]])
    let claim = try #require(
      volumes.first { $0["name"] as? String == "inputs" }?["persistentVolumeClaim"] as? [String: Any])
    #expect(claim["claimName"] as? String == "earshot-inputs")
    #expect(claim["readOnly"] as? Bool == true)
    let config = volumes.first { $0["name"] as? String == "config" }?["configMap"] as? [String: Any]
    #expect(config?["name"] as? String == "earshot-config")
  }

  @Test func theReportRunsLaterAcrossMidnight() throws {
    let docs = try documents(Self.sharded(KubernetesScale(shards: 2, reportAfterMinutes: 180)).render(.kubernetes))
    let report = docs[1]
    #expect((report["metadata"] as? [String: Any])?["name"] as? String == "earshot-report")
    let spec = try #require(report["spec"] as? [String: Any])
    #expect(spec["schedule"] as? String == "30 1 * * *", "22:30 plus 3 hours")
    #expect(spec["concurrencyPolicy"] as? String == "Forbid")
    let pod = try #require(
      ((spec["jobTemplate"] as? [String: Any])?["spec"] as? [String: Any])?["template"] as? [String: Any])
    let container = try #require(((pod["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first)
    #expect(
      (container["args"] as? [String]) == [
        "exec earshot report --store \"$EARSHOT_STORE_URL\" --out /data/reports --config /etc/earshot/earshot.yml"
      ])
  }

  /// The pod's script through a real shell: pod 2 of 4 runs shard 3/4 with the Secret's URL, and
  /// a path with a space stays one argument.
  @Test func eachPodComputesItsShardInTheShell() throws {
    let docs = try documents(Self.sharded(KubernetesScale(shards: 4)).render(.kubernetes))
    let spec = try #require(docs[0]["spec"] as? [String: Any])
    let job = try #require((spec["jobTemplate"] as? [String: Any])?["spec"] as? [String: Any])
    let pod = try #require((job["template"] as? [String: Any])?["spec"] as? [String: Any])
    let container = try #require((pod["containers"] as? [[String: Any]])?.first)
    #expect(container["command"] as? [String] == ["/bin/sh", "-c"])
    let script = try #require((container["args"] as? [String])?.first)
    #expect(script.hasPrefix("exec earshot nightly "))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    // `earshot` replaced by a printer of its arguments, one per line.
    process.arguments = ["-c", script.replacingOccurrences(of: "exec earshot ", with: "printf '%s\\n' ")]
    process.environment = ["JOB_COMPLETION_INDEX": "2", "EARSHOT_STORE_URL": "postgres://earshot@db:5432/earshot"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(
      printed.split(separator: "\n").map(String.init) == [
        "nightly", "/data/inputs/chat", "/data/inputs/my exports", "--store", "postgres://earshot@db:5432/earshot",
        "--shard", "3/4", "--config", "/etc/earshot/earshot.yml", "--jobs", "2",
      ])
  }

  @Test func claimNamesAreChecked() {
    for good in ["earshot-inputs", "a", "exports.v2", "0data"] { #expect(KubernetesScale.isValidName(good), "\(good)") }
    for bad in ["", "Exports", "-x", "x-", "my exports", "x_y", String(repeating: "a", count: 254)] {
      #expect(!KubernetesScale.isValidName(bad), "\(bad)")
    }
  }

  /// kubernetes-validate (PyPI) on PATH, if installed.
  static let validator: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    .map { "\($0)/kubernetes-validate" }.first { FileManager.default.isExecutableFile(atPath: $0) }

  /// The sharded and the one-pod manifests against the oldest Kubernetes with per-index backoff
  /// (1.29) and the validator's newest, rejecting unknown fields.
  @Test(
    .enabled(
      if: validator != nil,
      "kubernetes-validate is not installed (pip install kubernetes-validate); the manifests are not schema-checked"))
  func manifestsPassKubernetesValidate() throws {
    let folder = try TemporaryDirectory()
    let files = [
      try folder.write("sharded.yaml", Self.sharded(KubernetesScale(shards: 4)).render(.kubernetes)),
      try folder.write("one-pod.yaml", Self.schedule.render(.kubernetes)),
    ]
    for version in [["-k", "1.29.0"], []] {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: try #require(Self.validator))
      process.arguments = ["--strict"] + version + files
      let output = Pipe()
      process.standardOutput = output
      process.standardError = output
      try process.run()
      let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(printed)")
      #expect(printed.components(separatedBy: " passed for resource cronjob/").count == 4, "\(printed)")
    }
  }
}
