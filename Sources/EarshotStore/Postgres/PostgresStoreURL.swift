import Foundation

/// A PostgreSQL store's address, from `postgres://user@host:port/database` (or `postgresql://`).
///
/// The password is never part of what is printed: it comes from the URL (accepted, not advised),
/// else `PGPASSWORD`, else the password file (`PGPASSFILE`, else `~/.pgpass`), as libpq finds it.
/// ``description`` is `postgres://user@host:port/database`, with no password in any case.
public struct PostgresStoreURL: Sendable, Hashable, CustomStringConvertible {
  /// The server's host name or address.
  public var host: String
  /// The server's port.
  public var port: Int
  /// The user to log in as.
  public var user: String
  /// The database.
  public var database: String
  /// `disable`, `prefer` (the default, as libpq's) or `require`, from `?sslmode=`.
  public var sslMode: String
  /// The password, when one was found; never printed.
  var password: String?

  /// Whether `text` names a PostgreSQL store rather than a SQLite path.
  public static func isPostgres(_ text: String) -> Bool {
    text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
  }

  /// Parses `text` and looks up the password in `environment` and the password file.
  ///
  /// - Throws: ``StoreError/badURL(_:)`` naming what is wrong (the password left out).
  public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    guard Self.isPostgres(text) else { throw StoreError.badURL("not a postgres:// URL") }
    let rest = text.drop { $0 != ":" }.dropFirst(3)
    let (authority, pathAndQuery) = Self.split(String(rest), at: "/")
    let (path, query) = Self.split(pathAndQuery ?? "", at: "?")
    var credentials: String?
    var hostPort = authority
    if let at = authority.lastIndex(of: "@") {
      credentials = String(authority[..<at])
      hostPort = String(authority[authority.index(after: at)...])
    }
    var urlPassword: String?
    var user = environment["PGUSER"] ?? environment["USER"] ?? "postgres"
    if let credentials {
      let (name, secret) = Self.split(credentials, at: ":")
      if !name.isEmpty { user = name.removingPercentEncoding ?? name }
      urlPassword = secret?.removingPercentEncoding ?? secret
    }
    var host = hostPort
    var port = 5432
    if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
      host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
      let after = hostPort[hostPort.index(after: close)...]
      if after.hasPrefix(":") {
        guard let number = Int(after.dropFirst()) else { throw StoreError.badURL("the port is not a number") }
        port = number
      }
    } else if let colon = hostPort.lastIndex(of: ":") {
      host = String(hostPort[..<colon])
      guard let number = Int(hostPort[hostPort.index(after: colon)...]), (1...65_535).contains(number) else {
        throw StoreError.badURL("the port is not a number from 1 to 65535")
      }
      port = number
    }
    if host.isEmpty { host = environment["PGHOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "localhost" }
    let database = (path.removingPercentEncoding ?? path)
    self.host = host
    self.port = port
    self.user = user
    self.database = database.isEmpty ? user : database
    sslMode = "prefer"
    for pair in (query ?? "").split(separator: "&") {
      let (key, value) = Self.split(String(pair), at: "=")
      guard key == "sslmode" else { continue }
      guard let value, ["disable", "prefer", "require"].contains(value) else {
        throw StoreError.badURL("sslmode must be disable, prefer or require")
      }
      sslMode = value
    }
    password =
      urlPassword ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
      ?? PostgresPasswordFile.password(
        host: self.host, port: port, database: self.database, user: self.user, environment: environment)
  }

  /// `host:port/database`, as errors name the store.
  public var target: String {
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return "\(shownHost):\(port)/\(database)"
  }

  /// `postgres://user@host:port/database`: the address without any password.
  public var description: String { "postgres://\(user)@\(target)" }

  private static func split(_ text: String, at separator: Character) -> (String, String?) {
    guard let index = text.firstIndex(of: separator) else { return (text, nil) }
    return (String(text[..<index]), String(text[text.index(after: index)...]))
  }
}

/// The libpq password file: lines `host:port:database:user:password`, `*` matching anything,
/// `\:` and `\\` escaped, `#` comments.
enum PostgresPasswordFile {
  static func password(host: String, port: Int, database: String, user: String, environment: [String: String])
    -> String?
  {
    let path: String
    if let configured = environment["PGPASSFILE"], !configured.isEmpty {
      path = configured
    } else {
      let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
      path = home + "/.pgpass"
    }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      let fields = fields(of: String(line))
      guard fields.count == 5 else { continue }
      let wanted = [host, String(port), database, user]
      if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
    }
    return nil
  }

  static func fields(of line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == ":" && fields.count < 4 {
        fields.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    fields.append(current)
    return fields
  }
}
