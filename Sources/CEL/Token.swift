/// One lexical unit of a CEL expression and where it starts.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        case identifier(String)
        case int(UInt64)          // magnitude; the parser folds a leading '-'
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case punct(String)        // operators and punctuation
        case end
    }
    var kind: Kind
    var offset: Int
}

/// Words CEL keeps for itself: literals and operators, plus words reserved so
/// that host languages can embed CEL; neither may name a variable.
enum Keywords {
    static let literals: Set<String> = ["true", "false", "null", "in"]
    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if",
        "import", "let", "loop", "package", "namespace", "return", "var",
        "void", "while",
    ]
}
