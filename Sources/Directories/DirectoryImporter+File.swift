import Foundation

/// Reading from disk is kept apart from parsing so the parser can be fed
/// bytes from anywhere (a file, an upload, the store).
extension DirectoryImporter {
    /// Imports the file at `path`; throws only when the file cannot be read
    /// (the command line exits with status 2 then), never for bad content.
    /// A file larger than `limits.maxBytes` is refused before it is read. A
    /// regular file is mapped rather than copied into memory (the parser
    /// reads it once, front to back); anything else (a pipe, a device) is
    /// read only up to the limit, so `/dev/zero` cannot fill the memory.
    public func importFile(atPath path: String) throws(DirectoryReadError) -> DirectoryImport {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw DirectoryReadError(path: path)
        }
        let data: Data
        if attributes[.type] as? FileAttributeType == .typeRegular {
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            if size > limits.maxBytes { return refused(tooLarge(size, path: path)) }
            guard let mapped = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
                throw DirectoryReadError(path: path)
            }
            data = mapped
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw DirectoryReadError(path: path) }
            defer { try? handle.close() }
            var read = Data()
            while true {
                guard let chunk = try? handle.read(upToCount: 1 << 20) else { throw DirectoryReadError(path: path) }
                if chunk.isEmpty { break }
                read.append(chunk)
                if read.count > limits.maxBytes { return refused(tooLarge(read.count, path: path)) }
            }
            data = read
        }
        return data.withUnsafeBytes { raw in
            importCSV(raw.bindMemory(to: UInt8.self), path: path)
        }
    }

    private func refused(_ diagnostic: DirectoryDiagnostic) -> DirectoryImport {
        DirectoryImport(path: diagnostic.path, rows: [], diagnostics: [diagnostic], rejectedRowCount: 0)
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
