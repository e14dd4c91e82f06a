/// What went wrong in an expression, as data: a host renders its own
/// message (in its own language, with its own hints) from the kind, and
/// `CELIssue.message` keeps cel-go's English wording for everyone else.
/// Names (identifiers, operators, tokens) are given as written.
public enum IssueKind: Hashable, Sendable {
    // MARK: Lexical

    /// A character CEL has no use for (`#`, `@`).
    case unexpectedCharacter(String)
    /// Full-width punctuation from a Chinese input method (`（`, `，`, `“`),
    /// with the ASCII text it stands for.
    case fullWidth(found: String, ascii: String)
    /// Letters outside ASCII outside a string (`存续` without quotes).
    case unquotedText(String)
    /// A single `=`, where `==` compares.
    case singleEquals
    /// An operator of another language: `===`, `!==`, `=>`, `=<`, `<>`, `&`, `|`.
    case wrongOperator(found: String, meant: String)
    /// A string whose closing quote is missing; the position is its opening quote.
    case unterminatedString(quote: String)
    case newlineInString
    case invalidEscape(String)
    case malformedNumber
    case integerOutOfRange

    // MARK: Syntax

    /// A word operator of another language: `and`, `or`, `not`.
    case wordOperator(found: String, meant: String)
    /// A bracket that is never closed; the position is the opening bracket.
    case unclosed(opening: String, closing: String)
    /// A closing bracket with nothing to close.
    case unmatchedClosing(String)
    /// Two operands in a row (`a b`, `x 'y'`): an operator is missing before `found`.
    case missingOperator(found: String)
    /// A binary operator where an operand should be (`1 + * 2`, `&& a`);
    /// `after` is the token before it (nil at the start).
    case missingOperand(operator: String, after: String?)
    /// A closing bracket right after an operator (`a && )`): the operand is missing.
    case nothingAfter(String)
    /// The expression ends where more is needed; `after` is the last token, if any.
    case unexpectedEnd(after: String?)
    case emptyExpression
    case expectedToken(expected: String, found: String)
    case unexpectedToken(String)
    case reservedWord(String)
    case badHasArgument
    case badMacroVariable(macro: String)
    case messageConstruction(String)
    case tooDeep(Int)

    // MARK: Checking

    /// An unknown variable. `candidates` are the names in scope; `asText`
    /// says the name stands where text is compared, so quotes may be missing.
    case undeclaredReference(name: String, candidates: [String], asText: Bool)
    case undeclaredFunction(name: String, candidates: [String])
    /// A field that a declared object does not have.
    case undefinedField(field: String, owner: String, candidates: [String])
    /// Field selection on a value that has no fields (`count.kind`).
    case noFields(field: String, type: CELType)
    /// No overload of an operator or function takes these arguments.
    /// `literals` holds, per argument, the text of a string literal (else nil).
    case noMatchingOverload(function: String, member: Bool, arguments: [CELType], literals: [String?])
    /// The expression's type is not the one the host expects.
    case resultType(expected: CELType, found: CELType)
    case macroCondition(macro: String, found: CELType)
    case macroRange(macro: String, found: CELType)
    case other
}

/// A string literal compared with a variable or an object's field
/// (`entity.kind == 'school'`, `mode in ['a', 'b']`), found while checking:
/// hosts that know the allowed values of a field can check the literal.
public struct LiteralComparison: Hashable, Sendable {
    /// The declared object type whose field is compared, or nil for a variable.
    public var owner: String?
    /// The field or variable name.
    public var name: String
    public var literal: String
    /// Where the literal starts (its opening quote).
    public var position: SourcePosition
}
