import Foundation

/// A file-system operation that failed, named in one line: what was being done, to which file,
/// and the operating system's reason (`error: cannot write out/summary.json: Permission denied`),
/// instead of a multi-line `NSError` dump.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was being done (`cannot write`, `cannot create the output folder`).
  public var action: String
  /// The file or folder.
  public var path: String
  /// Why, in the operating system's words.
  public var reason: String

  /// Creates an error from a reason.
  public init(_ action: String, _ path: String, reason: String) {
    self.action = action
    self.path = path
    self.reason = reason
  }

  /// Creates an error from the error an operation threw.
  public init(_ action: String, _ path: String, error: any Error) {
    self.init(action, path, reason: FileError.reason(of: error))
  }

  /// `error: <action> <path>: <reason>`.
  public var description: String { "error: \(action) \(path): \(reason)" }

  /// Runs `body`, turning whatever it throws into a `FileError` for `path` (a `FileError` passes through).
  public static func attempt<T>(_ action: String, _ path: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as FileError {
      throw error
    } catch {
      throw FileError(action, path, error: error)
    }
  }

  /// A one-line reason for the error of a file operation: the POSIX reason inside a Foundation
  /// error when there is one (`Permission denied`), else the first line of its description.
  public static func reason(of error: any Error) -> String {
    if let posix = error as? POSIXError { return posixText(posix.code.rawValue) }
    let nsError = error as NSError
    if nsError.domain == NSPOSIXErrorDomain { return posixText(Int32(nsError.code)) }
    // Foundation on Linux keeps the underlying error as a Swift `Error`, not always an `NSError`.
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error {
      let underlyingError = underlying as NSError
      if underlyingError.domain == NSPOSIXErrorDomain { return posixText(Int32(underlyingError.code)) }
    }
    if nsError.domain == NSCocoaErrorDomain {
      switch CocoaError.Code(rawValue: nsError.code) {
      case .fileNoSuchFile, .fileReadNoSuchFile: return posixText(ENOENT)
      case .fileReadNoPermission, .fileWriteNoPermission: return posixText(EACCES)
      case .fileWriteOutOfSpace: return posixText(ENOSPC)
      case .fileWriteVolumeReadOnly: return posixText(EROFS)
      case .fileWriteFileExists: return posixText(EEXIST)
      default: break
      }
    }
    let text = "\(error)"
    return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
  }

  private static func posixText(_ code: Int32) -> String { String(cString: strerror(code)) }
}
