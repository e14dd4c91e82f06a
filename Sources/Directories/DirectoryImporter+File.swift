import Foundation

/// Reading from disk is kept apart from parsing so the parser can be fed
/// bytes from anywhere (a file, an upload, the store).
extension DirectoryImporter {
    /// Imports the file at `path`; throws only when the file cannot be read
    /// (the command line exits with status 2 then), never for bad content.
    public func importFile(atPath path: String) throws(DirectoryReadError) -> DirectoryImport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DirectoryReadError(path: path)
        }
        return importCSV([UInt8](data), path: path)
    }
}

public struct DirectoryReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String

    public var description: String { "\(path): cannot read the file / 无法读取文件" }
}
