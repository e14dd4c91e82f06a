/// The language of messages: Chinese by default, English on request.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

/// A message in both languages, chosen at output time.
public struct LocalizedText: Sendable, Hashable {
    public var zh: String
    public var en: String
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
    public func text(_ language: Language) -> String { language == .zh ? zh : en }
}

/// A problem in a file, with its place: the unit every loader and checker
/// reports in, printed as `path:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, Error {
    public enum Severity: String, Sendable { case error, warning }

    public var path: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: LocalizedText

    public init(path: String, line: Int, column: Int, severity: Severity = .error, _ message: LocalizedText) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    public init(_ place: Place, severity: Severity = .error, zh: String, en: String) {
        self.init(path: place.path, line: place.line, column: place.column, severity: severity,
                  LocalizedText(zh: zh, en: en))
    }

    /// `path:line:column: error: message` (SPEC.md §10), the message in `language`.
    public func formatted(_ language: Language = .zh) -> String {
        "\(path):\(line):\(column): \(severity.rawValue): \(message.text(language))"
    }
}

/// A position in a file.
public struct Place: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }
    public var description: String { "\(path):\(line):\(column)" }
}

/// Collects diagnostics so a load reports every problem of a run, not only the first.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []
    public init() {}
    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public mutating func append(_ d: Diagnostic) { all.append(d) }
    public mutating func append(contentsOf ds: [Diagnostic]) { all.append(contentsOf: ds) }
    public mutating func error(_ place: Place, zh: String, en: String) {
        all.append(Diagnostic(place, zh: zh, en: en))
    }
    public mutating func warning(_ place: Place, zh: String, en: String) {
        all.append(Diagnostic(place, severity: .warning, zh: zh, en: en))
    }
}
