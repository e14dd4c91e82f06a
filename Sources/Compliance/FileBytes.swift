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
        // A regular file says its size (one byte more sees a file that
        // grew); anything else is read in pieces.
        var out: [UInt8] = []
        var chunk = min(st.st_size > 0 ? Int(st.st_size) + 1 : 64 << 10, limit)
        while out.count < limit {
            let want = min(chunk, limit - out.count)
            var failed = false
            let piece = [UInt8](unsafeUninitializedCapacity: want) { buf, initialized in
                var n: Int
                repeat { n = systemRead(fd, buf.baseAddress!, want) } while n < 0 && errno == EINTR
                if n < 0 { failed = true; n = 0 }
                initialized = n
            }
            if failed { return nil }
            if piece.isEmpty { break }
            if out.isEmpty { out = piece } else { out += piece }
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
