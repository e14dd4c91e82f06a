#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into bytes with plain system calls: one open, one
/// fstat, then reads straight into the array (no `Data` in between).
enum FileBytes {
    /// The file's bytes, at most `limit` of them; nil when it cannot be read
    /// (missing, unreadable, a folder).
    static func read(_ path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR else { return nil }
        var out: [UInt8] = []
        // A regular file says its size (one more byte sees a file that grew);
        // anything else is read in pieces.
        var chunk = min(st.st_size > 0 ? Int(st.st_size) + 1 : 64 << 10, limit)
        while out.count < limit {
            let start = out.count
            let want = min(chunk, limit - start)
            var n = 0
            out.reserveCapacity(start + want)
            out.append(contentsOf: repeatElement(0, count: want))
            repeat {
                n = out.withUnsafeMutableBufferPointer { systemRead(fd, $0.baseAddress! + start, want) }
            } while n < 0 && errno == EINTR
            guard n >= 0 else { return nil }
            out.removeLast(want - n)
            if n == 0 { break }
            chunk = 64 << 10
        }
        return out
    }

    private static func systemRead(_ fd: Int32, _ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(fd, p, n)
        #elseif canImport(Musl)
        return Musl.read(fd, p, n)
        #else
        return Darwin.read(fd, p, n)
        #endif
    }
}
