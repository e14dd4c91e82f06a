import Messages

/// What a rule file may hold, declared once: `FieldReader` reads every
/// mapping against its `ObjectShape` (the allowed keys, the required ones,
/// the kind of every value, the closed sets of words), and the JSON Schema
/// that editors use is generated from the same declarations, so the editor
/// and the loader cannot disagree on which key is allowed.
public indirect enum ValueShape: Sendable {
    /// Free text: any scalar, read as its text.
    case text
    /// A CEL expression: text, compiled at load.
    case expression
    /// An id: `[a-z][a-z0-9_]*`.
    case identifier
    /// Text matching a regular expression (checked by the loader, which
    /// says what is wrong in words; the schema carries the pattern).
    case pattern(String)
    case boolean
    case integer(Bounds<Int>)
    case number(Bounds<Double>)
    /// A plain YAML date, `2024-05-10`.
    case date
    /// A word from a closed set.
    case choice(Choices)
    case list(ValueShape, count: ClosedRange<Int>? = nil)
    case object(ObjectShape)
    /// A mapping from free keys to values of one shape.
    case dictionary(ValueShape)
    /// Anything (an `expect` value, an example's answers).
    case anything

    static let integer = ValueShape.integer(Bounds())
    static let number = ValueShape.number(Bounds())
}

/// Limits of a number, with the sentence that explains a value outside them.
public struct Bounds<T: Comparable & Sendable>: Sendable {
    public var min: T?
    public var max: T?
    /// Said when a value is outside; `{value}` is replaced by the value.
    public var message: LocalizedText?
    public init(min: T? = nil, max: T? = nil, message: LocalizedText? = nil) {
        self.min = min
        self.max = max
        self.message = message
    }

    func contains(_ x: T) -> Bool { (min.map { x >= $0 } ?? true) && (max.map { x <= $0 } ?? true) }
}

/// A closed set of words (answer types, severities, route kinds …), with
/// what the word is called in messages and the aliases people type for them.
public struct Choices: Sendable {
    public var values: [String]
    /// What the word is, e.g. 答案类型 / answer type.
    public var what: LocalizedText
    /// Words people use for a value (`boolean` → `yes_no`), for "did you mean".
    public var aliases: [String: String]
    public init(_ values: [String], what: LocalizedText, aliases: [String: String] = [:]) {
        self.values = values
        self.what = what
        self.aliases = aliases
    }
}

/// One key of a mapping.
public struct FieldShape: Sendable {
    public var key: String
    public var shape: ValueShape
    public var required: Bool
    /// What the key means, for the schema's descriptions (editor tooltips).
    public var doc: LocalizedText
    public init(_ key: String, _ shape: ValueShape, required: Bool = false, _ zh: String, _ en: String) {
        self.key = key
        self.shape = shape
        self.required = required
        self.doc = LocalizedText(zh: zh, en: en)
    }
}

/// A mapping of a rule file: its keys and how messages name it.
public struct ObjectShape: Sendable {
    /// How messages name the mapping, e.g. 检查事项 / a check item.
    public var what: LocalizedText
    public let fields: [FieldShape]
    /// Groups of keys of which exactly one must be given (`answer` or
    /// `compute`; `days` or `from` and `to`). The loader says what is wrong
    /// in its own words; the schema states it as `oneOf`.
    public var exactlyOne: [[String]]
    /// Keys that need others (`strata` needs `rates`).
    public var needs: [String: [String]]
    /// The allowed keys, in order (kept, not computed: every mapping read asks).
    public let keys: [String]

    public init(_ zh: String, _ en: String, _ fields: [FieldShape], exactlyOne: [[String]] = [], needs: [String: [String]] = [:]) {
        self.what = LocalizedText(zh: zh, en: en)
        self.fields = fields
        self.exactlyOne = exactlyOne
        self.needs = needs
        self.keys = fields.map(\.key)
    }

    public func field(_ key: String) -> FieldShape? { fields.first { $0.key == key } }
}

extension Array where Element == String {
    /// `a、b 或 c` / `a, b or c`, for messages that list a closed set.
    func spelledOut(_ language: Language) -> String {
        guard count > 1 else { return first ?? "" }
        let head = dropLast()
        return language == .zh ? head.joined(separator: "、") + " 或 " + last! : head.joined(separator: ", ") + " or " + last!
    }
}
