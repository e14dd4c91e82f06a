/// What may not be in a key cell (a credit code, an inspector id). Keys are
/// compared byte for byte when a draw matches entities, avoidance lists and
/// submissions, so a key with a space around it, or with a character that
/// shows nothing (zero-width, bidi control, byte order mark, a control
/// character), would be a different key that looks the same. The importer
/// refuses such a cell rather than trimming it: trimming would hide that
/// the source data is wrong.
enum KeyText {
    enum Problem: Equatable {
        /// Leading or trailing white space (any Unicode White_Space: spaces,
        /// tabs, line breaks, U+00A0, U+3000 …), at this scalar offset.
        case surroundingSpace(offset: Int)
        /// A format (Cf) or control (Cc) character inside the key.
        case invisible(offset: Int, scalar: UInt32)

        var offset: Int {
            switch self {
            case let .surroundingSpace(offset), let .invisible(offset, _): return offset
            }
        }
    }

    /// The first problem of `text`, by position; nil for a clean key.
    static func problem(in text: String) -> Problem? {
        // Most keys are printable ASCII without spaces at either end:
        // nothing to look at, and no array to build.
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, first != 0x20, last != 0x20,
           utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        let leading = scalars.prefix { $0.properties.isWhitespace }.count
        if leading > 0 { return .surroundingSpace(offset: 0) }
        let trailing = scalars.reversed().prefix { $0.properties.isWhitespace }.count
        let body = scalars.count - trailing
        for i in 0..<body where isInvisible(scalars[i]) {
            return .invisible(offset: i, scalar: scalars[i].value)
        }
        return trailing > 0 ? .surroundingSpace(offset: body) : nil
    }

    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .format, .control: return true
        default: return false
        }
    }
}
