// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode (strict concurrency) and explicit `any`.
let sharedSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

var targets: [Target] = [
  // Stage 0: the normalized model every other stage speaks.
  .target(name: "EarshotModel", swiftSettings: sharedSettings),

  // System library over libxml2, for the streaming XML readers.
  .systemLibrary(
    name: "CLibXML2",
    pkgConfig: "libxml-2.0",
    providers: [.apt(["libxml2-dev"])]
  ),

  // The default lexicons, embedded as resources so the binary works from any directory.
  .target(
    name: "EarshotLexicons",
    path: "Lexicons",
    exclude: ["README.md", "licenses"],
    sources: ["Swift"],
    resources: [.copy("data")],
    swiftSettings: sharedSettings
  ),

  // Stage 1: readers turn exported files into conversations.
  .target(
    name: "EarshotReaders",
    dependencies: ["EarshotModel", "EarshotText", "CLibXML2"],
    swiftSettings: sharedSettings
  ),

  // Stage 2: text on UTF-8 bytes: tokenizer, sentence splitter, stemmer, lexicon tables.
  .target(
    name: "EarshotText",
    dependencies: ["EarshotLexicons"],
    swiftSettings: sharedSettings
  ),

  // Stage 3: sentiment (valence per sentence, turn, speaker).
  .target(
    name: "EarshotSentiment",
    dependencies: ["EarshotModel", "EarshotText"],
    swiftSettings: sharedSettings
  ),

  // Stage 4: detectors that find where an agent did not listen.
  .target(
    name: "EarshotDetectors",
    dependencies: ["EarshotModel", "EarshotText", "EarshotSentiment"],
    swiftSettings: sharedSettings
  ),

  // Stage 5: the listening score of a conversation and aggregation per agent and company.
  .target(
    name: "EarshotScoring",
    dependencies: ["EarshotModel", "EarshotDetectors"],
    swiftSettings: sharedSettings
  ),

  // Stage 5b: PII redaction (e-mail, phone, card, IBAN, configured patterns) of scored results before output.
  .target(
    name: "EarshotPrivacy",
    dependencies: ["EarshotModel", "EarshotScoring", .product(name: "Crypto", package: "swift-crypto")],
    swiftSettings: sharedSettings
  ),

  // Stage 6: reporters write results as JSON, JSON Lines, CSV and terminal text.
  .target(
    name: "EarshotReporters",
    dependencies: ["EarshotModel", "EarshotScoring"],
    swiftSettings: sharedSettings
  ),

  // System library over zlib, for the store's compressed results and totals.
  .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

  // The store: runs, input files with content hashes, results, findings and aggregates in SQLite or PostgreSQL.
  .target(
    name: "EarshotStore",
    dependencies: [
      "EarshotModel", "EarshotScoring", "EarshotReporters", "CZlib",
      // GRDBSQLite: SQLite's C API, to bind the store's many row inserts directly (Compact/RowInsert.swift).
      .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
      .product(name: "Crypto", package: "swift-crypto"),
      .product(name: "PostgresNIO", package: "postgres-nio"),
    ],
    swiftSettings: sharedSettings
  ),

  // Orchestration: configuration, file discovery, the parallel batch run, nightly incremental runs.
  .target(
    name: "EarshotEngine",
    dependencies: [
      "EarshotModel", "EarshotLexicons", "EarshotReaders", "EarshotText", "EarshotSentiment", "EarshotDetectors",
      "EarshotScoring", "EarshotReporters", "EarshotStore", "EarshotPrivacy",
      .product(name: "Yams", package: "Yams"),
    ],
    swiftSettings: sharedSettings
  ),

  // Evaluation: detector accuracy on labeled corpora (gold files are read from paths given at run time).
  .target(
    name: "EarshotEvaluation",
    dependencies: [
      "EarshotModel", "EarshotText", "EarshotSentiment", "EarshotReaders", "EarshotDetectors", "EarshotScoring",
      "EarshotPrivacy",
    ],
    swiftSettings: sharedSettings
  ),

  // Benchmarks that print throughput and peak memory (never timed unit tests).
  .executableTarget(
    name: "earshot-bench",
    dependencies: [
      "EarshotEngine", "EarshotEvaluation", "EarshotModel", "EarshotReporters", "EarshotSentiment", "EarshotText",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ],
    swiftSettings: sharedSettings
  ),

  // The command-line interface only: argument parsing and printing.
  .executableTarget(
    name: "earshot",
    dependencies: [
      "EarshotModel", "EarshotDetectors", "EarshotSentiment", "EarshotScoring", "EarshotReporters", "EarshotStore",
      "EarshotPrivacy", "EarshotEngine", "EarshotEvaluation",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ],
    swiftSettings: sharedSettings
  ),

  // Helpers shared by the test targets: fixtures and conversation builders.
  .target(
    name: "EarshotTestSupport",
    dependencies: ["EarshotModel"],
    path: "Tests/EarshotTestSupport",
    swiftSettings: sharedSettings
  ),
]

/// One test target per library module, plus the CLI tests that run the built binary.
let testedModules: [(name: String, dependencies: [Target.Dependency], resources: [Resource])] = [
  ("EarshotModelTests", ["EarshotModel"], []),
  ("EarshotTextTests", ["EarshotText"], []),
  ("EarshotReadersTests", ["EarshotReaders"], [.copy("Fixtures")]),
  ("EarshotSentimentTests", ["EarshotSentiment", "EarshotText"], []),
  ("EarshotDetectorsTests", ["EarshotDetectors", "EarshotSentiment", "EarshotText", "EarshotReaders"], []),
  ("EarshotScoringTests", ["EarshotScoring", "EarshotDetectors"], []),
  ("EarshotReportersTests", ["EarshotReporters", "EarshotScoring", "EarshotReaders"], [.copy("Snapshots")]),
  (
    "EarshotEngineTests",
    ["EarshotEngine", "EarshotStore", "EarshotReporters", "EarshotDetectors", .product(name: "Yams", package: "Yams")],
    []
  ),
  // PostgresNIO: the PostgreSQL tests create a fresh database each on the test server.
  (
    "EarshotStoreTests",
    [
      "EarshotStore", "EarshotScoring", .product(name: "PostgresNIO", package: "postgres-nio"),
      .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
    ], []
  ),
  ("EarshotEvaluationTests", ["EarshotEvaluation", "EarshotSentiment", "EarshotDetectors", "EarshotPrivacy"], []),
  ("EarshotPrivacyTests", ["EarshotPrivacy", "EarshotScoring", "EarshotDetectors", "EarshotReaders"], []),
  ("EarshotCLITests", ["EarshotEngine"], []),
]
for module in testedModules {
  targets.append(
    .testTarget(
      name: module.name,
      dependencies: module.dependencies + (module.name == "EarshotModelTests" ? [] : ["EarshotModel"]) + [
        "EarshotTestSupport"
      ],
      // Fixture notes (SOURCE.md) sit beside the tests they serve; they are not resources. Golden
      // files are read from the source tree (and re-recorded there), not from the bundle.
      exclude: [
        "EarshotEvaluationTests": ["SOURCE.md"], "EarshotEngineTests": ["Golden"], "EarshotSentimentTests": ["Golden"],
      ][module.name] ?? [],
      resources: module.resources,
      swiftSettings: sharedSettings
    )
  )
}

// Fuzz targets (Fuzz/, built and run by Scripts/fuzz.sh with EARSHOT_FUZZ=1 into .build-fuzz). They exist
// only then: they need libFuzzer's instrumentation and main, which the normal build and tests must not see.
if Context.environment["EARSHOT_FUZZ"] == "1" {
  // Earshot's own modules are instrumented (coverage for libFuzzer, address and leak sanitizer) and
  // optimized; the packages it depends on stay plain debug builds, which keeps the build to minutes.
  let instrumented: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-O"])]
  for target in targets where target.type == .regular || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + instrumented
  }
  targets.append(.systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"))
  targets.append(
    .target(
      name: "EarshotFuzzSupport", dependencies: ["CLibFuzzer", "EarshotModel", "EarshotReaders"],
      path: "Fuzz/EarshotFuzzSupport", swiftSettings: sharedSettings + instrumented))
  // One executable per input family, so each one's coverage counts only the code it can reach.
  let readerFamilies = ["json", "jsonl", "chatlog", "whatsapp", "email", "xml", "csv", "exports-json"]
  let pipelineFamilies = ["config", "score"]
  for family in readerFamilies + pipelineFamilies {
    let engine: [Target.Dependency] =
      pipelineFamilies.contains(family) ? ["EarshotEngine", "EarshotDetectors", "EarshotReporters"] : []
    targets.append(
      .executableTarget(
        name: "earshot-fuzz-\(family)", dependencies: ["EarshotFuzzSupport", "EarshotReaders"] + engine,
        path: "Fuzz/earshot-fuzz-\(family)", swiftSettings: sharedSettings + instrumented,
        linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]))
  }
}

let package = Package(
  name: "Earshot",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "earshot", targets: ["earshot"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: targets,
  swiftLanguageModes: [.v6]
)
