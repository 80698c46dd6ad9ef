import Yams

extension EarshotConfiguration {
  /// The configuration in force (file values over defaults) as `earshot.yml` text that loads back
  /// to the same configuration: `earshot config --effective`.
  ///
  /// - Throws: `EncodingError` if a value cannot be written as YAML.
  public func effectiveYAML() throws -> String {
    let encoder = YAMLEncoder()
    encoder.options.sortKeys = false
    encoder.options.width = -1
    return "# Effective configuration (source: \(source))\n" + (try encoder.encode(self))
  }
}
