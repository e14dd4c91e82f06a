/// Names that become parts of paths, URLs and task ids (plan ids, draw and
/// submission ids): letters, digits, `-`, `_` and `.`, not starting with a
/// dot, at most 128 characters. No such name can climb out of a folder,
/// hide a character (zero-width, right-to-left) or start with a space.
public enum SafeName {
    public static let maxLength = 128

    public static func isValid(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= maxLength, s.utf8.first != UInt8(ascii: ".") else { return false }
        return s.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
        }
    }

    /// Why `s` is not a safe name, for a diagnostic.
    public static func problem(_ s: String, what: LocalizedText) -> LocalizedText? {
        guard !isValid(s) else { return nil }
        return LocalizedText(zh: "\(what.zh)“\(s)”只能由字母、数字、“-”“_”“.”组成，不以“.”开头，不超过 \(maxLength) 个字符",
                             en: "\(what.en) '\(s)' may only hold letters, digits, '-', '_' and '.', must not start with '.', and has at most \(maxLength) characters")
    }
}
