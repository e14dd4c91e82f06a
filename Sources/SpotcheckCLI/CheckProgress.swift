import Dispatch
import Messages

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes to a file descriptor through one buffer, in large chunks;
/// on a terminal, each piece goes out at once so output reads as it comes.
final class FileDescriptorWriter {
    let fd: Int32
    let isTerminal: Bool
    private var buffer: [UInt8] = []
    private let chunk = 1 << 20
    /// Writing failed (a closed pipe): the rest is dropped.
    private var broken = false

    init(fd: Int32) {
        self.fd = fd
        isTerminal = isatty(fd) == 1
        buffer.reserveCapacity(chunk)
    }

    func write(_ bytes: [UInt8]) {
        if buffer.count + bytes.count > chunk {
            flush()
            if bytes.count >= chunk / 2 {
                bytes.withUnsafeBufferPointer { writeAll($0) }
                return
            }
        }
        buffer.append(contentsOf: bytes)
        if isTerminal { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ b: UnsafeBufferPointer<UInt8>) {
        var done = 0
        while done < b.count && !broken {
            #if canImport(Darwin)
            let n = Darwin.write(fd, b.baseAddress! + done, b.count - done)
            #elseif canImport(Musl)
            let n = Musl.write(fd, b.baseAddress! + done, b.count - done)
            #else
            let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                broken = true
            } else {
                done += n
            }
        }
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
