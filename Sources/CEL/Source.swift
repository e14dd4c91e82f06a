/// A position in an expression's text: 1-based line and column, counted in
/// Unicode scalars so that Chinese text in rule files reports the column a
/// reader sees.
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

/// The text of one expression, kept as Unicode scalars so the lexer can index
/// it in O(1) and report positions without re-scanning.
public struct Source: Sendable {
    public let text: String
    let scalars: [Unicode.Scalar]
    private let lineStarts: [Int]

    public init(_ text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" {
            starts.append(i + 1)
        }
        self.lineStarts = starts
    }

    /// The line and column of a scalar offset.
    public func position(of offset: Int) -> SourcePosition {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourcePosition(line: lo + 1, column: offset - lineStarts[lo] + 1)
    }
}

/// A problem found while parsing or checking an expression, with its place.
/// `kind` says what it is as data; `message` is cel-go-style English.
public struct CELIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Stage: String, Sendable { case parse, check }
    public var stage: Stage
    public var kind: IssueKind
    public var message: String
    public var position: SourcePosition
    public init(stage: Stage, kind: IssueKind = .other, message: String, position: SourcePosition) {
        self.stage = stage
        self.kind = kind
        self.message = message
        self.position = position
    }
    public var description: String { "\(position): \(message)" }
}
