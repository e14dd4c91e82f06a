/// Reading from disk is kept apart from parsing so the parser can be fed
/// bytes from anywhere (a file, an upload, the store).
extension DirectoryImporter {
    /// Imports the file at `path`; throws only when the file cannot be read
    /// (the command line exits with status 2 then), never for bad content.
    /// A file larger than `limits.maxBytes` is refused before it is read.
    public func importFile(atPath path: String) throws(DirectoryReadError) -> DirectoryImport {
        let source: DirectorySource
        switch try DirectorySource.open(path, limits: limits) {
        case .tooLarge(let bytes):
            return DirectoryImport(path: path, rows: [], diagnostics: [tooLarge(bytes, path: path)], rejectedRowCount: 0)
        case .source(let s): source = s
        }
        return importCSV(source.bytes, path: path)
    }

    /// Streams the rows of an opened file to `each` (see `scan`), releasing
    /// the file's pages behind the reader; `passing` sees every byte of the
    /// file once, in order, just before it is released (to hash the file in
    /// the same pass).
    public func scan(_ source: DirectorySource, keys: DirectoryKeyIndex, rowsAfterErrors: Bool = true,
                     passing: (UnsafeBufferPointer<UInt8>) -> Void,
                     each: (DirectoryRow) throws -> Void) rethrows -> DirectoryScan {
        let bytes = source.bytes
        var passed = 0
        func pass(upTo offset: Int) {
            guard offset > passed else { return }
            passing(UnsafeBufferPointer(rebasing: bytes[passed..<offset]))
            passed = offset
            source.release(upTo: offset)
        }
        let result = try scan(bytes, path: source.path, keys: keys, rowsAfterErrors: rowsAfterErrors, progress: { offset in
            if offset - passed >= source.releaseStep { pass(upTo: offset) }
        }, each: each)
        pass(upTo: bytes.count)
        return result
    }
}

/// A directory file that cannot be read at all (missing, a folder, no permission).
public struct DirectoryReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String

    public init(path: String) { self.path = path }

    public var zh: String { "\(path)：无法读取文件" }
    public var en: String { "\(path): cannot read the file" }
    public func message(chinese: Bool) -> String { chinese ? zh : en }

    /// Chinese, the project's default language (one language per message).
    public var description: String { zh }
}
