import Directories
import Dispatch
import Foundation
import Messages

extension MemoryDirectory {
    /// Reads a CSV file as a draw needs it; bad rows are in `diagnostics`.
    ///
    /// Reading and typing the rows is most of a `draw verify` of a large
    /// directory, and rows do not depend on one another (but for their keys
    /// being unique): a file of more than `partsFrom` bytes is read in one
    /// part per core, each part from the start of a line on. If any part
    /// finds anything wrong (a problem of its own, a key an earlier part
    /// has, or a cut that fell inside a quoted cell), the file is read again
    /// whole, so problems are always reported as one reader finds them.
    static func load(_ path: String, schema: DirectorySchema, workers: Int = OrderedWorkers.count) -> MemoryDirectory {
        let importer = DirectoryImporter(schema: schema)
        let source: DirectorySource
        do {
            switch try DirectorySource.open(path, limits: importer.limits) {
            case .source(let s): source = s
            case .tooLarge(let bytes):
                let problem = DirectoryDiagnostic.Problem.fileTooLarge(bytes: bytes, limit: importer.limits.maxBytes)
                return unreadable(path, Diagnostic(directory: DirectoryDiagnostic(path: path, line: 1, column: 1, problem: problem)), readable: true)
            }
        } catch {
            return unreadable(path, Diagnostic(path: path, line: 1, column: 1, LocalizedText(zh: "无法读取名录文件", en: "cannot read the directory file")),
                              readable: false)
        }
        if workers > 1, source.byteCount >= partsFrom, let read = inParts(source, importer: importer, workers: workers) { return read }
        let directory = MemoryDirectory(origin: path)
        let scan = importer.scan(source, keys: DirectoryKeyIndex(), passing: { _ in }) { directory.append($0) }
        directory.finish(scan)
        return directory
    }

    /// Below this size one reader is as quick.
    static let partsFrom = 4 << 20

    /// The file read in parts at once; nil when it must be read whole.
    static func inParts(_ source: DirectorySource, importer: DirectoryImporter, workers: Int) -> MemoryDirectory? {
        let bytes = source.bytes
        var headerEnd = 0
        CSVParser.forEachRecord(in: bytes) { record in
            headerEnd = record.byteEnd
            return false
        }
        guard headerEnd > 0, headerEnd < bytes.count else { return nil }
        // Cuts just after a line feed near equal shares; the first part holds the header.
        var starts = [0]
        for k in 1..<workers {
            var at = max(headerEnd, (starts.last ?? 0) + 1, headerEnd + (bytes.count - headerEnd) * k / workers)
            while at < bytes.count, bytes[at - 1] != 0x0A { at += 1 }
            guard at < bytes.count else { break }
            starts.append(at)
        }
        guard starts.count > 1 else { return nil }
        let cuts = starts
        var firstLines = [1]
        for k in 1..<cuts.count {
            firstLines.append(firstLines[k - 1] + CSVParser.lineEnds(UnsafeBufferPointer(rebasing: bytes[cuts[k - 1]..<cuts[k]])))
        }
        let parts = Parts(source: source, importer: importer, starts: cuts, firstLines: firstLines, headerEnd: headerEnd)
        DispatchQueue.concurrentPerform(iterations: cuts.count) { k in parts.read(k) }
        let read = parts.all
        guard read.allSatisfy({ $0.scan.diagnostics.isEmpty }),
              read.reduce(0, { $0 + $1.scan.rowCount }) <= importer.limits.maxRows else { return nil }
        // A key in two parts: the whole read names both places.
        for k in 1..<read.count {
            var repeated = false
            read[k].directory.forEachKey { key in
                if !repeated, read[..<k].contains(where: { $0.keys.firstSeen(key) != nil }) { repeated = true }
            }
            if repeated { return nil }
        }
        let whole = read[0].directory
        for part in read.dropFirst() { whole.absorb(part.directory) }
        whole.finish(DirectoryScan(path: source.path))
        return whole
    }

    /// The parts of one file and what each part's reader found, read and
    /// filled from several threads (each reads the file's bytes, which do
    /// not change, and writes its own slot).
    private final class Parts: @unchecked Sendable {
        typealias Part = (directory: MemoryDirectory, keys: DirectoryKeyIndex, scan: DirectoryScan)
        let source: DirectorySource
        let importer: DirectoryImporter
        let starts: [Int]
        let firstLines: [Int]
        let headerEnd: Int
        private let lock = NSLock()
        private var slots: [Part?]

        init(source: DirectorySource, importer: DirectoryImporter, starts: [Int], firstLines: [Int], headerEnd: Int) {
            self.source = source
            self.importer = importer
            self.starts = starts
            self.firstLines = firstLines
            self.headerEnd = headerEnd
            slots = Array(repeating: nil, count: starts.count)
        }

        /// Reads part `k`: from its start to the next part's, after the header (part 0 holds it).
        func read(_ k: Int) {
            let bytes = source.bytes
            let start = starts[k], end = k + 1 < starts.count ? starts[k + 1] : bytes.count
            let directory = MemoryDirectory(origin: source.path)
            let keys = DirectoryKeyIndex()
            var released = start
            let scan = importer.scan(UnsafeBufferPointer(rebasing: bytes[start..<end]), path: source.path, keys: keys,
                                     header: k == 0 ? nil : UnsafeBufferPointer(rebasing: bytes[0..<headerEnd]),
                                     firstLine: firstLines[k], progress: { offset in
                // Pages behind this part's reader go back, as a whole-file read releases them.
                if start + offset - released >= self.source.releaseStep {
                    self.source.release(released..<(start + offset))
                    released = start + offset
                }
            }) { directory.append($0) }
            source.release(released..<end)
            lock.withLock { slots[k] = (directory, keys, scan) }
        }

        var all: [Part] { lock.withLock { slots.compactMap { $0 } } }
    }
}
