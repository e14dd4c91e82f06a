import CEL
import Messages
import Rulebook

/// A checklist prepared for fast evaluation: items in dependency order and,
/// for each expression, the items it reads, so evaluating an inspection is a
/// loop over arrays with no lookups by name.
public struct PlannedChecklist: Sendable {
    public let checklist: Checklist
    /// Item indices in an order where every item comes after the items its
    /// expressions read.
    let order: [Int]
    /// For each item, the indices of the other items its expressions read.
    let dependencies: [[Int]]
    /// For each item, the referenced variable names and slots for explanations.
    let explained: [[(name: String, slot: Int)]]
    /// The items as the hot path reads them.
    let compiled: [CompiledItem]

    public init(_ checklist: Checklist) throws(Diagnostic) {
        self.checklist = checklist
        self.compiled = checklist.items.map(CompiledItem.init)
        let n = checklist.items.count
        var index: [String: Int] = [:]
        for (i, item) in checklist.items.enumerated() { index[item.id] = i }
        var deps = Array(repeating: [Int](), count: n)
        var explained = Array(repeating: [(name: String, slot: Int)](), count: n)
        for (i, item) in checklist.items.enumerated() {
            var names: [String] = []
            for e in [item.relevant, item.compute, item.violation].compactMap({ $0 }) {
                for v in e.program.referencedVariables where !names.contains(v) { names.append(v) }
            }
            deps[i] = names.compactMap { index[$0] }.filter { $0 != i }
            explained[i] = names.filter { $0 != "entity" && $0 != "inspection" }
                .compactMap { name in checklist.environment.slot(of: name).map { (name, $0) } }
        }
        // Depth-first topological order; a cycle is a rule-file error.
        var state = Array(repeating: 0, count: n)   // 0 new, 1 visiting, 2 done
        var order: [Int] = []
        func visit(_ i: Int) throws(Diagnostic) {
            if state[i] == 2 { return }
            if state[i] == 1 {
                let item = checklist.items[i]
                throw Diagnostic(item.place, zh: "事项“\(item.id)”的表达式循环依赖", en: "the expressions of item '\(item.id)' depend on each other in a cycle")
            }
            state[i] = 1
            for j in deps[i] { try visit(j) }
            state[i] = 2
            order.append(i)
        }
        for i in 0..<n { try visit(i) }
        self.order = order
        self.dependencies = deps
        self.explained = explained
    }
}
