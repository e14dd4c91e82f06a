/// The remainder of a big-endian unsigned integer of any byte length by `n`.
///
/// Both algorithms read a whole digest (128 or 256 bits) as one integer and
/// take it modulo the remaining pool size. Rather than pull in a big-integer
/// library for that single operation, this folds the digest in 64-bit words:
/// r ← (r · 2⁶⁴ + word) mod n, which `dividingFullWidth` computes exactly
/// because r < n keeps the quotient within 64 bits.
///
/// - Precondition: `n > 0`.
func bigEndianRemainder<Bytes: Sequence>(_ bytes: Bytes, modulo n: UInt64) -> UInt64
where Bytes.Element == UInt8 {
    precondition(n > 0, "modulo zero")
    var remainder: UInt64 = 0
    var word: UInt64 = 0
    var filled = 0
    for byte in bytes {
        word = word << 8 | UInt64(byte)
        filled += 1
        if filled == 8 {
            remainder = n.dividingFullWidth((high: remainder, low: word)).remainder
            word = 0
            filled = 0
        }
    }
    if filled > 0 {
        // A tail shorter than a word: shift the remainder by only that many bytes.
        let shift = UInt64(filled * 8)
        let high = remainder >> (64 - shift)
        let low = remainder << shift | word
        remainder = n.dividingFullWidth((high: high % n, low: low)).remainder
    }
    return remainder
}
