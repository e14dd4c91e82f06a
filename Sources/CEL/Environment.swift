/// The variables an expression may read, with their types. Every program
/// compiled in one environment shares its variable layout (a slot per
/// variable), so one `Activation` can feed all of a checklist's rules.
public struct Environment: Sendable {
    public private(set) var variables: [(name: String, type: CELType)] = []
    private var slots: [String: Int] = [:]
    /// Each slot's value before binding: an error naming the variable. Built
    /// once here so a new activation is one array copy, not one message each.
    private(set) var unbound: [CELValue] = []

    public init() {}

    public init(_ declarations: [(String, CELType)]) {
        for (n, t) in declarations { declare(n, t) }
    }

    /// Declares a variable; declaring a name again changes its type.
    public mutating func declare(_ name: String, _ type: CELType) {
        if let i = slots[name] {
            variables[i].type = type
        } else {
            slots[name] = variables.count
            variables.append((name, type))
            unbound.append(.error(CELError("no value bound for '\(name)'")))
        }
    }

    public func slot(of name: String) -> Int? { slots[name] }
    public func type(of name: String) -> CELType? { slots[name].map { variables[$0].type } }

    /// Parses, type-checks and plans an expression. Any problem is thrown
    /// with its line and column in `text`.
    public func compile(_ text: String, expecting expected: CELType? = nil) throws(CELIssue) -> Program {
        let parsed = try Parser.parse(text)
        let checked = try Checker.check(parsed, in: self)
        if let expected, !Checker.isAssignable(expected, checked.resultType) {
            throw CELIssue(stage: .check, kind: .resultType(expected: expected, found: checked.resultType),
                           message: "expression has type \(checked.resultType) but \(expected) is expected",
                           position: parsed.source.position(of: parsed.root.offset))
        }
        return Planner.plan(parsed, environment: self, checked: checked)
    }

    /// Parses and plans without type checking: names are resolved when the
    /// program runs. For the conformance tests that disable checking.
    public func compileUnchecked(_ text: String) throws(CELIssue) -> Program {
        let parsed = try Parser.parse(text)
        return Planner.plan(parsed, environment: self, checked: nil)
    }
}

/// Values for an environment's variables, by slot. Reuse one across
/// evaluations to avoid allocating.
public struct Activation: Sendable {
    var slots: [CELValue]
    private let environment: Environment

    public init(_ environment: Environment) {
        self.environment = environment
        self.slots = environment.unbound
    }

    /// Binds a declared variable; binding an undeclared name does nothing.
    public mutating func bind(_ name: String, _ value: CELValue) {
        if let i = environment.slot(of: name) { slots[i] = value }
    }

    public subscript(slot: Int) -> CELValue {
        get { slots[slot] }
        set { slots[slot] = newValue }
    }

    /// Forgets every binding, keeping the storage.
    public mutating func reset() {
        for i in 0..<environment.unbound.count { slots[i] = environment.unbound[i] }
    }
}
