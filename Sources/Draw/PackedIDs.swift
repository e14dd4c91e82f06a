import Foundation

/// Many ids' UTF-8 bytes in one buffer, for sorting and comparing them
/// without touching a `String` (and its reference count) per comparison.
///
/// Sorting ten million directory ids through `String` spends most of its time
/// retaining and releasing string storage; one flat buffer and `memcmp` make
/// the same comparisons an order of magnitude cheaper.
struct PackedIDs {
    private var bytes: [UInt8] = []
    /// Id i occupies bytes[offsets[i] ..< offsets[i + 1]].
    private var offsets: [Int] = [0]

    init<Records>(_ records: Records, id: (Records.Element) -> String) where Records: Collection {
        offsets.reserveCapacity(records.count + 1)
        for record in records {
            let text = id(record)
            if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: text.utf8)
            }
            offsets.append(bytes.count)
        }
    }

    init(_ records: [PopulationRecord]) {
        offsets.reserveCapacity(records.count + 1)
        records.withUnsafeBufferPointer { buffer in
            // One pass to size the buffer: growing it by doubling would
            // copy and fault in hundreds of megabytes for a large directory.
            var total = 0
            for index in buffer.indices { total += buffer[index].id.utf8.count }
            bytes.reserveCapacity(total)
            for index in buffer.indices {
                if buffer[index].id.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                    bytes.append(contentsOf: buffer[index].id.utf8)
                }
                offsets.append(bytes.count)
            }
        }
    }

    var count: Int { offsets.count - 1 }

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

    /// Whether the ids are in non-decreasing byte order as stored.
    func isSorted() -> Bool {
        var index = 1
        while index < count {
            if compare(index - 1, index) > 0 { return false }
            index += 1
        }
        return true
    }

    /// The indices in byte order of the ids (stable for equal ids), or nil
    /// when they are already in order.
    ///
    /// Directory ids share long prefixes (a region code, say), so the prefix
    /// common to all ids is skipped and the next 8 bytes become an integer
    /// key, sorted by a stable radix sort in linear time. Only ids whose keys
    /// tie are then compared in full.
    func sortingPermutation() -> [Int]? {
        if isSorted() { return nil }
        let skip = commonPrefixLength()
        var keys = bytes.withUnsafeBufferPointer { buffer in
            (0..<count).map { index -> UInt64 in
                var key: UInt64 = 0
                let start = offsets[index] + skip, end = offsets[index + 1]
                for position in 0..<8 {
                    let byte = start + position < end ? buffer[start + position] : 0
                    key = key << 8 | UInt64(byte)
                }
                return key
            }
        }
        var order = Array(0..<count)
        radixSort(keys: &keys, carrying: &order)
        var runStart = 0
        while runStart < count {
            var runEnd = runStart + 1
            while runEnd < count && keys[runEnd] == keys[runStart] { runEnd += 1 }
            if runEnd - runStart > 1 {
                order[runStart..<runEnd].sort { x, y in
                    let byBytes = compare(x, y)
                    return byBytes != 0 ? byBytes < 0 : x < y
                }
            }
            runStart = runEnd
        }
        return order
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

    /// The position (in `order`, or as stored) of the first id equal to its
    /// predecessor there.
    func firstDuplicate(order: [Int]?) -> Int? {
        var rank = 1
        while rank < count {
            let previous = order?[rank - 1] ?? rank - 1
            let current = order?[rank] ?? rank
            if compare(previous, current) == 0 { return current }
            rank += 1
        }
        return nil
    }
}

extension PackedIDs {
    /// How a list of records stands before any sorting.
    enum Presorted {
        /// Strictly increasing ids: already in order, no duplicates.
        case strictlyIncreasing
        /// In order, but the record at this index repeats its predecessor's id.
        case duplicate(at: Int)
        /// Not in order: sort (and look for duplicates) after packing.
        case unsorted
    }

    /// Checks the order of `records` in place, without packing: a directory
    /// exported in id order, the common case, then needs no copy at all.
    static func presorted(_ records: [PopulationRecord]) -> Presorted {
        records.withUnsafeBufferPointer { buffer in
            var index = 1
            while index < buffer.count {
                let order = IDOrder.compare(borrowing: buffer[index - 1].id, buffer[index].id)
                if order > 0 { return .unsorted }
                if order == 0 { return .duplicate(at: index) }
                index += 1
            }
            return .strictlyIncreasing
        }
    }
}

/// Sorts `keys` ascending, stably, by least-significant-byte-first radix
/// passes, applying the same permutation to `values`. Passes over a byte
/// that is the same in every key are skipped.
private func radixSort(keys: inout [UInt64], carrying values: inout [Int]) {
    let count = keys.count
    guard count > 1 else { return }
    var counts = [Int](repeating: 0, count: 8 * 256)
    for key in keys {
        for pass in 0..<8 {
            counts[pass * 256 + Int((key >> UInt64(8 * pass)) & 0xff)] += 1
        }
    }
    var keyBuffer = [UInt64](repeating: 0, count: count)
    var valueBuffer = [Int](repeating: 0, count: count)
    for pass in 0..<8 {
        let histogram = counts[(pass * 256)..<(pass * 256 + 256)]
        if histogram.contains(count) { continue }
        var next = [Int](repeating: 0, count: 256)
        var total = 0
        for digit in 0..<256 {
            next[digit] = total
            total += histogram[pass * 256 + digit]
        }
        let shift = UInt64(8 * pass)
        for index in 0..<count {
            let digit = Int((keys[index] >> shift) & 0xff)
            keyBuffer[next[digit]] = keys[index]
            valueBuffer[next[digit]] = values[index]
            next[digit] += 1
        }
        swap(&keys, &keyBuffer)
        swap(&values, &valueBuffer)
    }
}
