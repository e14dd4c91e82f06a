#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The bytes of one directory file, read once from front to back.
///
/// A regular file is mapped, not copied: its pages come from the page
/// cache as the parser reaches them, and `release(upTo:)` hands the pages
/// behind the parser back, so importing a 1.3 GB file keeps a few
/// megabytes of it resident rather than all of it (the resident set of a
/// ten-million-row import would otherwise start at the file's size).
/// Anything else (a pipe, a device) is read into memory up to the limit,
/// so `/dev/zero` cannot fill the memory.
public final class DirectorySource {
    public let path: String
    /// The file's size, or the bytes read from a stream.
    public let byteCount: Int
    private let base: UnsafeMutableRawPointer?
    private let mapped: Bool
    /// Bytes before this offset have been released.
    private var released = 0

    /// How many bytes the reader passes between two releases of pages
    /// (32 MiB: few system calls, little memory).
    public var releaseStep = 32 << 20

    public enum Opening {
        case source(DirectorySource)
        /// The file is larger than `limits.maxBytes`: nothing was read.
        case tooLarge(bytes: Int)
    }

    /// Opens `path`; throws when it cannot be read (missing, a folder, no permission).
    public static func open(_ path: String, limits: DirectoryLimits) throws(DirectoryReadError) -> Opening {
        var info = stat()
        guard stat(path, &info) == 0 else { throw DirectoryReadError(path: path) }
        if (info.st_mode & S_IFMT) == S_IFREG {
            let size = Int(info.st_size)
            if size > limits.maxBytes { return .tooLarge(bytes: size) }
            let fd = openForReading(path)
            guard fd >= 0 else { throw DirectoryReadError(path: path) }
            defer { close(fd) }
            guard size > 0 else { return .source(DirectorySource(path: path, base: nil, count: 0, mapped: false)) }
            guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), pointer != MAP_FAILED else {
                throw DirectoryReadError(path: path)
            }
            return .source(DirectorySource(path: path, base: pointer, count: size, mapped: true))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw DirectoryReadError(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw DirectoryReadError(path: path) }
        defer { try? handle.close() }
        var read = Data()
        while true {
            guard let chunk = try? handle.read(upToCount: 1 << 20) else { throw DirectoryReadError(path: path) }
            if chunk.isEmpty { break }
            read.append(chunk)
            if read.count > limits.maxBytes { return .tooLarge(bytes: read.count) }
        }
        let copy = UnsafeMutableRawPointer.allocate(byteCount: max(1, read.count), alignment: 16)
        read.copyBytes(to: copy.assumingMemoryBound(to: UInt8.self), count: read.count)
        return .source(DirectorySource(path: path, base: copy, count: read.count, mapped: false))
    }

    /// Bytes held in memory already (an upload, a test).
    public convenience init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
        let copy = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 16)
        if let from = bytes.baseAddress { copy.copyMemory(from: from, byteCount: bytes.count) }
        self.init(path: path, base: copy, count: bytes.count, mapped: false)
    }

    private init(path: String, base: UnsafeMutableRawPointer?, count: Int, mapped: Bool) {
        self.path = path
        self.base = base
        self.byteCount = count
        self.mapped = mapped
    }

    deinit {
        guard let base else { return }
        if mapped { munmap(base, byteCount) } else { base.deallocate() }
    }

    /// The bytes (valid while the source lives).
    public var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base?.assumingMemoryBound(to: UInt8.self), count: byteCount)
    }

    /// Hands back the pages before `offset` (whole pages only): the reader
    /// has passed them and will not read them again. Only mapped pages are
    /// released (they come back from the file if touched); bytes copied
    /// into memory stay.
    public func release(upTo offset: Int) {
        guard mapped, let base else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, byteCount) / page * page
        guard end > released else { return }
        madvise(base + released, end - released, MADV_DONTNEED)
        released = end
    }

    /// Hands back the whole pages inside `range`, for readers of parts of
    /// the file on several threads (each releases only what it has passed;
    /// `release(upTo:)`'s count is left as it is).
    public func release(_ range: Range<Int>) {
        guard mapped, let base else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = min(range.upperBound, byteCount) / page * page
        guard end > start else { return }
        madvise(base + start, end - start, MADV_DONTNEED)
    }

    /// An upper bound of the records in the file (`CSVParser.estimatedRecordCount`),
    /// counted a window at a time, each window released once counted.
    public func estimatedRecordCount() -> Int {
        var count = 1
        var previous: UInt8 = 0x0A
        let all = bytes
        var start = 0
        while start < all.count {
            let end = min(all.count, start + releaseStep)
            for b in UnsafeBufferPointer(rebasing: all[start..<end]) {
                if (b == 0x0A || b == 0x0D) && previous != 0x0A && previous != 0x0D { count += 1 }
                previous = b
            }
            start = end
            release(upTo: start)
        }
        released = 0
        return count
    }
}

/// `open(2)` for reading (the class's own `open` hides the system's name).
private func openForReading(_ path: String) -> Int32 {
    #if canImport(Glibc)
    return Glibc.open(path, O_RDONLY)
    #else
    return Darwin.open(path, O_RDONLY)
    #endif
}
