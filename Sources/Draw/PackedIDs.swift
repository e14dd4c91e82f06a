import Foundation

/// Many ids' UTF-8 bytes in one buffer, for sorting and comparing them
/// without touching a `String` (and its reference count) per comparison.
///
/// Sorting ten million directory ids through `String` spends most of its time
/// retaining and releasing string storage; one flat buffer, `memcmp` and a
/// radix sort make the same work several times cheaper.
struct PackedIDs: Sendable {
    private var bytes: [UInt8]
    /// Id i occupies bytes[offsets[i] ..< offsets[i + 1]].
    private var offsets: [Int]

    /// Packs `count` ids read through `id`.
    init(count: Int, id: (Int) -> String) {
        // Size everything first: growing by doubling would copy and fault in
        // hundreds of megabytes for a large directory.
        var offsets = [Int](repeating: 0, count: count + 1)
        for index in 0..<count {
            offsets[index + 1] = offsets[index] + id(index).utf8.count
        }
        bytes = [UInt8](unsafeUninitializedCapacity: offsets[count]) { buffer, initialized in
            for index in 0..<count {
                let start = offsets[index]
                let text = id(index)
                let copied: Void? = text.utf8.withContiguousStorageIfAvailable { source in
                    if let base = source.baseAddress, source.count > 0 {
                        (buffer.baseAddress! + start).initialize(from: base, count: source.count)
                    }
                }
                if copied == nil {
                    for (offset, byte) in text.utf8.enumerated() { buffer[start + offset] = byte }
                }
            }
            initialized = offsets[count]
        }
        self.offsets = offsets
    }

    init(_ ids: [String]) {
        self.init(count: ids.count) { ids[$0] }
    }

    /// Ids already packed by a loader: id i is bytes[offsets[i] ..< offsets[i + 1]].
    init(bytes: [UInt8], offsets: [Int]) {
        precondition(offsets.first == 0 && offsets.last == bytes.count, "offsets must span the bytes")
        self.bytes = bytes
        self.offsets = offsets
    }

    init(_ records: [PopulationRecord]) {
        self = records.withUnsafeBufferPointer { buffer in
            PackedIDs(count: buffer.count) { buffer[$0].id }
        }
    }

    var count: Int { offsets.count - 1 }

    /// Id i as a string.
    func string(_ i: Int) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offsets[i]..<offsets[i + 1]]), as: UTF8.self)
        }
    }

    /// The byte order of the ids: nil when already strictly increasing; the
    /// sorted order otherwise; and the index of a repeated id, if any.
    func order() -> (order: [Int]?, duplicate: Int?) {
        if case .inOrder(let duplicate) = scanOrder() { return (nil, duplicate) }
        return sortedOrder()
    }

    /// Like `order()`, with a 32-bit tag carried along with each index:
    /// each element of the order is `index | tag << 32`. Carrying the tag
    /// (a stratum) through the sort saves reading it back at random
    /// positions afterwards, which for ten million records costs more than
    /// the sort.
    func order(tags: [UInt32]) -> (order: [Int]?, duplicate: Int?) {
        if case .inOrder(let duplicate) = scanOrder() { return (nil, duplicate) }
        return sortedOrder(tags: tags)
    }

    /// Compares ids i and j byte by byte: negative, zero or positive.
    func compare(_ i: Int, _ j: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            let leftLength = offsets[i + 1] - offsets[i]
            let rightLength = offsets[j + 1] - offsets[j]
            let common = min(leftLength, rightLength)
            if common > 0 {
                let order = memcmp(base + offsets[i], base + offsets[j], common)
                if order != 0 { return Int(order) }
            }
            return leftLength - rightLength
        }
    }

    /// The ids' indices in byte order of the ids (stable for equal ids), or
    /// nil when they are already in order; and the index of an id equal to
    /// the one before it in that order, if any.
    ///
    /// Directory ids share long prefixes (a region code, say), so the prefix
    /// common to all ids is skipped and the next 8 bytes become an integer
    /// key, sorted by a stable radix sort in linear time. Only ids whose keys
    /// tie are compared in full, and only they can be duplicates.
    func sortedOrder(tags: [UInt32]? = nil) -> (order: [Int]?, duplicate: Int?) {
        if case .inOrder(let duplicate) = scanOrder() { return (nil, duplicate) }
        let skip = commonPrefixLength()
        var keys = (0..<count).map { key($0, from: skip) }
        var order = tags.map { t in (0..<count).map { $0 | Int(t[$0]) << 32 } } ?? Array(0..<count)
        radixSort(keys: &keys, carrying: &order)
        let mask = (1 << 32) - 1
        var duplicate: Int?
        var runStart = 0
        while runStart < count {
            var runEnd = runStart + 1
            while runEnd < count && keys[runEnd] == keys[runStart] { runEnd += 1 }
            if runEnd - runStart > 1 {
                // Ids that tie on the first 8 bytes are ordered by the next 8,
                // as integers; only a second tie needs a full comparison.
                var run = order[runStart..<runEnd].map { (key($0 & mask, from: skip + 8), $0) }
                run.sort { a, b in
                    if a.0 != b.0 { return a.0 < b.0 }
                    let byBytes = compare(a.1 & mask, b.1 & mask)
                    return byBytes != 0 ? byBytes < 0 : a.1 & mask < b.1 & mask
                }
                for (k, element) in run.enumerated() { order[runStart + k] = element.1 }
                if duplicate == nil {
                    for k in 1..<run.count where run[k - 1].0 == run[k].0 && compare(run[k - 1].1 & mask, run[k].1 & mask) == 0 {
                        duplicate = run[k].1 & mask
                        break
                    }
                }
            }
            runStart = runEnd
        }
        return (order, duplicate)
    }

    /// Eight bytes of id `index` from `offset` as a big-endian integer, zero-padded.
    private func key(_ index: Int, from offset: Int) -> UInt64 {
        bytes.withUnsafeBufferPointer { buffer in
            var key: UInt64 = 0
            let start = offsets[index] + offset, end = offsets[index + 1]
            for position in start..<(start + 8) {
                key = key << 8 | UInt64(position < end ? buffer[position] : 0)
            }
            return key
        }
    }

    private enum Scan {
        case inOrder(duplicate: Int?)
        case outOfOrder
    }

    /// Whether the ids are already in order, and if so the index of the
    /// first id that repeats its predecessor.
    private func scanOrder() -> Scan {
        var duplicate: Int?
        var index = 1
        while index < count {
            let order = compare(index - 1, index)
            if order > 0 { return .outOfOrder }
            if order == 0 && duplicate == nil { duplicate = index }
            index += 1
        }
        return .inOrder(duplicate: duplicate)
    }

    /// The number of leading bytes all ids share.
    private func commonPrefixLength() -> Int {
        guard count > 1 else { return 0 }
        return bytes.withUnsafeBufferPointer { buffer in
            var length = offsets[1] - offsets[0]
            for index in 1..<count where length > 0 {
                let start = offsets[index]
                var shared = 0
                let limit = min(length, offsets[index + 1] - start)
                while shared < limit && buffer[start + shared] == buffer[shared] { shared += 1 }
                length = shared
            }
            return length
        }
    }
}

/// Sorts `keys` ascending, stably, by least-significant-digit-first radix
/// passes over 16-bit digits, applying the same permutation to `values`.
/// Passes over a digit that is the same in every key are skipped. Sixteen-bit
/// digits halve the passes over the data, which for ten million keys is what
/// the time goes on.
private func radixSort(keys: inout [UInt64], carrying values: inout [Int]) {
    let count = keys.count
    guard count > 1 else { return }
    let radix = 1 << 16
    var counts = [Int](repeating: 0, count: 4 * radix)
    counts.withUnsafeMutableBufferPointer { c in
        keys.withUnsafeBufferPointer { k in
            for key in k {
                c[Int(key & 0xffff)] += 1
                c[radix + Int((key >> 16) & 0xffff)] += 1
                c[2 * radix + Int((key >> 32) & 0xffff)] += 1
                c[3 * radix + Int(key >> 48)] += 1
            }
        }
    }
    var keyBuffer = [UInt64](repeating: 0, count: count)
    var valueBuffer = [Int](repeating: 0, count: count)
    var next = [Int](repeating: 0, count: radix)
    for pass in 0..<4 {
        let base = pass * radix
        if counts[base..<(base + radix)].contains(count) { continue }
        var total = 0
        for digit in 0..<radix {
            next[digit] = total
            total += counts[base + digit]
        }
        let shift = UInt64(16 * pass)
        keys.withUnsafeBufferPointer { keysIn in
            values.withUnsafeBufferPointer { valuesIn in
                keyBuffer.withUnsafeMutableBufferPointer { keysOut in
                    valueBuffer.withUnsafeMutableBufferPointer { valuesOut in
                        next.withUnsafeMutableBufferPointer { slots in
                            for index in 0..<count {
                                let key = keysIn[index]
                                let digit = Int((key >> shift) & 0xffff)
                                let slot = slots[digit]
                                keysOut[slot] = key
                                valuesOut[slot] = valuesIn[index]
                                slots[digit] = slot + 1
                            }
                        }
                    }
                }
            }
        }
        swap(&keys, &keyBuffer)
        swap(&values, &valueBuffer)
    }
}
