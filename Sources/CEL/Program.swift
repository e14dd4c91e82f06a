/// A planned expression: a tree of closures built once at load time.
/// Evaluating it never re-parses, resolves names or looks up functions by
/// name; variables are read from activation slots.
public struct Program: Sendable {
    typealias Step = @Sendable (inout Activation) -> CELValue

    let step: Step
    /// The number of slots evaluation needs (variables plus macro variables).
    let slotCount: Int
    /// The source text, for explanations.
    public let text: String
    /// The checked type of the result (`dyn` when checking was skipped).
    public let resultType: CELType
    /// The environment variables the expression reads, in first-use order:
    /// what an explanation shows next to the rule.
    public let referencedVariables: [String]
    /// String literals the expression compares with variables or declared
    /// objects' fields (`entity.kind == 'school'`): empty when unchecked.
    public let literalComparisons: [LiteralComparison]

    /// Evaluates against an activation. Never throws and never traps:
    /// failures come back as `.error` values.
    public func evaluate(_ activation: inout Activation) -> CELValue {
        if activation.slots.count < slotCount {
            activation.slots.append(contentsOf: repeatElement(.null, count: slotCount - activation.slots.count))
        }
        return step(&activation)
    }

    /// Convenience for one-off evaluations: binds `bindings` into a fresh activation.
    public func evaluate(_ bindings: [String: CELValue], in environment: Environment) -> CELValue {
        var a = Activation(environment)
        for (k, v) in bindings { a.bind(k, v) }
        return evaluate(&a)
    }
}
