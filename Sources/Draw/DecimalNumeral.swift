/// A non-negative integer written in decimal, of any length.
///
/// Lottery results and treasury figures can exceed 64 bits, and the key must
/// reproduce them digit for digit, so numbers are kept as canonical digit
/// strings (leading zeros dropped, "0" for zero) and never converted to a
/// machine integer. Ordering by length, then digit by digit, is numeric
/// ordering for canonical numerals.
public struct DecimalNumeral: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The canonical digits: no leading zeros, "0" for zero.
    public let digits: String

    /// Parses decimal digits; returns nil for anything else (signs, spaces,
    /// decimal points, non-ASCII digits, the empty string).
    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        let trimmed = text.drop(while: { $0 == "0" })
        digits = trimmed.isEmpty ? "0" : String(trimmed)
    }

    public var description: String { digits }

    public static func < (lhs: DecimalNumeral, rhs: DecimalNumeral) -> Bool {
        let left = lhs.digits.utf8, right = rhs.digits.utf8
        if left.count != right.count { return left.count < right.count }
        return left.lexicographicallyPrecedes(right)
    }
}
