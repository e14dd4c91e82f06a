import CEL

/// The variables each kind of rule expression may read (SPEC.md §3).
public enum Contexts {
    static let record = CELType.map(.string, .dyn)

    /// Routing and result rules: `violation`, `violations`, `inspection`, `entity`.
    public static let outcome = Environment([
        ("violation", record), ("violations", .list(record)), ("inspection", record), ("entity", record),
    ])

    /// Plans: `entity`, `inspector`, `plan`.
    public static let plan = Environment([("entity", record), ("inspector", record), ("plan", record)])

    /// Names a checklist item may not take, because expressions use them.
    static let reservedItemIDs: Set<String> = ["value", "entity", "inspection", "violation", "violations",
                                               "true", "false", "null", "in", "as", "break", "const", "continue",
                                               "else", "for", "function", "if", "import", "let", "loop",
                                               "package", "namespace", "return", "var", "void", "while",
                                               "has", "size", "int", "uint", "double", "string", "bytes",
                                               "bool", "dyn", "type", "timestamp", "duration", "matches"]
}
