#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keys an import has seen, with the file and line where each was
/// first seen: how duplicates are found within a file and across the files
/// of one import.
///
/// A `Set<String>` of ten million credit codes costs about a gigabyte (a
/// string buffer, a table entry and their headers per key). Here the keys'
/// bytes sit one after another in one buffer, their ends and lines are
/// 32-bit numbers, and the hash table holds, per key, its number and 32
/// bits of its hash: about 45 bytes a key for 18-byte codes. A probe
/// compares the stored hash bits first, so it reads a key's bytes (another
/// cache miss) only when they very likely match. Keys are hashed with the
/// standard library's seeded hasher, so a directory crafted to collide
/// cannot slow the import down.
public final class DirectoryKeyIndex {
    /// The keys' UTF-8 bytes, in the order they were inserted.
    private var bytes: [UInt8] = []
    /// Key i is bytes[starts[i] ..< starts[i + 1]] (a directory is at most 4 GiB).
    private var starts: [UInt32] = [0]
    /// The line on which key i was first seen.
    private var lines: [UInt32] = []
    /// Open addressing, linear probing: 0 is empty, else the key's hash in
    /// the high 32 bits and its number + 1 in the low 32.
    private var table: [UInt64]
    /// The first key number of each source (file), in order.
    private var sourceStarts: [Int] = []
    private var sourcePaths: [String] = []

    /// Sized for `expected` keys; it grows as needed.
    public init(expected: Int = 0) {
        var capacity = 16
        while capacity * 3 < expected * 4 { capacity *= 2 }
        table = [UInt64](repeating: 0, count: capacity)
        lines.reserveCapacity(expected)
        starts.reserveCapacity(expected + 1)
    }

    /// How many distinct keys it holds.
    public var count: Int { lines.count }

    /// Starts a new source (the next file of the import): keys inserted
    /// from now on are said to come from it. Returns its number (0, 1, …).
    @discardableResult
    public func beginSource(path: String) -> Int {
        sourceStarts.append(count)
        sourcePaths.append(path)
        return sourceStarts.count - 1
    }

    /// The path a source was begun with.
    public func path(of source: Int) -> String { sourcePaths.indices.contains(source) ? sourcePaths[source] : "" }

    /// Where a key was first seen.
    public struct FirstSeen: Sendable, Hashable {
        /// The number `beginSource` gave its file.
        public var source: Int
        public var line: Int

        public init(source: Int, line: Int) {
            self.source = source
            self.line = line
        }
    }

    /// Adds `key`, seen on `line` of the current source; when the key is
    /// already there, adds nothing and says where it was first seen.
    public func insert(_ key: String, line: Int) -> FirstSeen? {
        var key = key
        return key.withUTF8 { insert(bytes: $0, line: line) }
    }

    /// Where `key` was first seen, if it is here (nothing is added).
    public func firstSeen(_ key: UnsafeRawBufferPointer) -> FirstSeen? {
        let key = key.bindMemory(to: UInt8.self)
        let mask = table.count - 1
        let hash = Self.hash(key)
        let tag = UInt64(hash) << 32
        var slot = Int(hash) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { return nil }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if equals(index, key) { return FirstSeen(source: source(of: index), line: Int(lines[index])) }
            }
            slot = (slot + 1) & mask
        }
    }

    private func insert(bytes key: UnsafeBufferPointer<UInt8>, line: Int) -> FirstSeen? {
        let mask = table.count - 1
        let hash = Self.hash(key)
        let tag = UInt64(hash) << 32
        var slot = Int(hash) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if equals(index, key) { return FirstSeen(source: source(of: index), line: Int(lines[index])) }
            }
            slot = (slot + 1) & mask
        }
        let index = count
        precondition(index < Int(UInt32.max) - 1 && bytes.count + key.count < Int(UInt32.max), "more keys than a directory import takes")
        bytes.append(contentsOf: key)
        starts.append(UInt32(bytes.count))
        lines.append(UInt32(clamping: line))
        table[slot] = tag | UInt64(index + 1)
        if count * 4 > table.count * 3 { grow() }
        return nil
    }

    private func equals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[index]), end = Int(starts[index + 1])
        guard end - start == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            key.count == 0 || memcmp(stored.baseAddress! + start, key.baseAddress!, key.count) == 0
        }
    }

    private func source(of index: Int) -> Int {
        // The last source that began at or before the key.
        var low = 0, high = sourceStarts.count
        while low < high {
            let mid = (low + high) / 2
            if sourceStarts[mid] <= index { low = mid + 1 } else { high = mid }
        }
        return max(0, low - 1)
    }

    private func grow() {
        // The stored hash bits place every key again, without reading it.
        var larger = [UInt64](repeating: 0, count: table.count * 2)
        let mask = larger.count - 1
        for entry in table where entry != 0 {
            var slot = Int(entry >> 32) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = entry
        }
        table = larger
    }

    /// 32 bits of the seeded hash: tables stay below 2³² slots.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(key))
        return UInt32(truncatingIfNeeded: hasher.finalize())
    }
}
