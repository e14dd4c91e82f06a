import Dispatch
import Messages

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes to a file descriptor in large chunks: pieces are kept as
/// they come (no copying) and go out together with one `writev` once a
/// mebibyte is waiting; on a terminal each piece goes out at once.
final class FileDescriptorWriter {
    let fd: Int32
    let isTerminal: Bool
    private var pending: [[UInt8]] = []
    private var pendingBytes = 0
    private let chunk = 1 << 20
    /// Writing failed (a closed pipe): the rest is dropped.
    private var broken = false

    init(fd: Int32) {
        self.fd = fd
        isTerminal = isatty(fd) == 1
    }

    func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        pending.append(bytes)
        pendingBytes += bytes.count
        if pendingBytes >= chunk || pending.count >= 512 || isTerminal { flush() }
    }

    func flush() {
        guard !pending.isEmpty else { return }
        var index = 0      // the first piece not fully written
        var offset = 0     // bytes of it already written
        while index < pending.count && !broken {
            let n = withIOVecs(from: index, offset: offset) { iov, count in writev(fd, iov, Int32(count)) }
            if n < 0 {
                if errno == EINTR { continue }
                broken = true
                break
            }
            var left = n
            while left > 0 && index < pending.count {
                let rest = pending[index].count - offset
                if left >= rest { left -= rest; index += 1; offset = 0 } else { offset += left; left = 0 }
            }
        }
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
    }

    /// Calls `body` with iovecs over the pending pieces from `index`, the
    /// first of them from `offset`.
    private func withIOVecs(from index: Int, offset: Int, _ body: (UnsafePointer<iovec>, Int) -> Int) -> Int {
        let count = min(pending.count - index, 512)
        var vecs: [iovec] = []
        vecs.reserveCapacity(count)
        func gather(_ k: Int) -> Int {
            if k == index + count { return vecs.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) } }
            return pending[k].withUnsafeBufferPointer { b in
                let skip = k == index ? offset : 0
                vecs.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: b.baseAddress! + skip), iov_len: b.count - skip))
                return gather(k + 1)
            }
        }
        return gather(index)
    }
}

/// A progress line on standard error for long runs of `check` (files done,
/// files per second, files refused so far), only when standard error is a
/// terminal, first drawn after a quarter of a second, redrawn at most ten
/// times a second, and erased before anything else is printed and at the end.
final class CheckProgress {
    private let total: Int
    private let language: Language
    private let enabled: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDrawn: UInt64 = 0
    private var shown = false
    private var done = 0
    private var failed = 0

    init(total: Int, language: Language) {
        self.total = total
        self.language = language
        enabled = isatty(2) == 1 && total > 1
    }

    func advance(failed isFailure: Bool) {
        done += 1
        if isFailure { failed += 1 }
        guard enabled, done < total else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - start >= 250_000_000, now - lastDrawn >= 100_000_000 else { return }
        lastDrawn = now
        let seconds = Double(now - start) / 1e9
        let rate = Int((Double(done) / seconds).rounded())
        let line = language == .zh
            ? "已检查 \(done)/\(total) 个文件，每秒 \(rate) 个，拒收 \(failed) 个"
            : "checked \(done)/\(total) files, \(rate) files/s, \(failed) refused"
        emit("\r\u{1B}[K" + line)
        shown = true
    }

    /// Erases the line, if it is shown.
    func clear() {
        guard shown else { return }
        emit("\r\u{1B}[K")
        shown = false
    }

    private func emit(_ s: String) {
        var s = s
        s.withUTF8 { b in
            #if canImport(Darwin)
            _ = Darwin.write(2, b.baseAddress, b.count)
            #elseif canImport(Musl)
            _ = Musl.write(2, b.baseAddress, b.count)
            #else
            _ = Glibc.write(2, b.baseAddress, b.count)
            #endif
        }
    }
}
