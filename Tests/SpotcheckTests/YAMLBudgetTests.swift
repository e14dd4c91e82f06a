import Compliance
import Foundation
import Messages
@testable import Rulebook
import Testing

/// YAML "billion laughs": anchors whose aliases refer to lists of aliases
/// grow tenfold per level. Yams shares the anchored node, so composing is
/// cheap; the blow-up comes when a loader walks the tree (`YAMLValue.datum`
/// copies every expanded node), and from Yams' duplicate-key check when an
/// alias is a mapping key (hashing walks the expanded tree). Before the
/// budget, a 1.5 KB findings file took 7.2 GB and 83 s at level 8 and
/// aborted at level 9. `YAMLFile.parse` now refuses a document whose
/// aliases expand it beyond `YAMLBudget.maxExpandedNodes`, at the alias
/// that crosses it.
@Suite struct YAMLBudgetTests {
    static let names = Array("abcdefghijklmnop").map(String.init)

    /// `a: &a [x,x,…]`, `b: &b [*a,*a,…]`, … one level per line, ten
    /// elements each; `mapping` makes every level after the first a mapping
    /// `{k0: *a, k1: *a, …}` instead. `indent` nests the lines under a key.
    static func bombLines(levels: Int, mapping: Bool = false, indent: String = "") -> [String] {
        let scalars: String = Array(repeating: "x", count: 10).joined(separator: ",")
        var lines: [String] = [indent + "a: &a [" + scalars + "]"]
        for i in 1..<levels {
            let name: String = names[i], previous: String = names[i - 1]
            let entries: [String] = (0..<10).map { k in mapping ? "k\(k): *\(previous)" : "*\(previous)" }
            let body: String = mapping ? "{" + entries.joined(separator: ", ") + "}" : "[" + entries.joined(separator: ",") + "]"
            lines.append(indent + name + ": &" + name + " " + body)
        }
        return lines
    }

    /// Where the alias that crosses the budget sits in a bare bomb (no
    /// indent), worked out from the closed form of a level's size rather than
    /// by replaying events: a list at level i (1-based) holds
    /// S(i) = (10^(i+1) − 1) / 9 nodes, itself included; a mapping level
    /// adds its ten keys. Everything before counts once, an alias counts the
    /// size of what it names.
    static func crossing(levels: Int, mapping: Bool, budget: Int) -> (line: Int, column: Int)? {
        var size = [11]            // level 1: the list and its ten scalars
        var total = 1 + 1 + 11     // root mapping, key "a", list a
        for i in 1..<levels {
            total += 2             // the key and the collection of level i+1
            let prefix = "\(names[i]): &\(names[i]) " + (mapping ? "{" : "[")
            for k in 0..<10 {
                if mapping { total += 1 }   // the key k<k>
                total += size[i - 1]
                if total > budget {
                    // Columns are 1-based: the k-th alias after the prefix.
                    let alias: String = "*" + names[i - 1]
                    let before: String = mapping ? (0..<k).map { j in "k\(j): \(alias), " }.joined() + "k\(k): "
                                                 : String(repeating: alias + ",", count: k)
                    return (i + 1, prefix.count + before.count + 1)
                }
            }
            size.append(1 + 10 * size[i - 1] + (mapping ? 10 : 0))
        }
        return nil
    }

    func parse(_ text: String, path: String = "bomb.yaml") -> (YAMLFile?, [Diagnostic]) {
        var d = Diagnostics()
        let file = YAMLFile.parse(text, path: path, diagnostics: &d)
        return (file, d.all)
    }

    @Test(arguments: [false, true])
    func aNineLevelBombIsRefusedAtTheAliasThatCrossesTheBudget(mapping: Bool) throws {
        let text = Self.bombLines(levels: 9, mapping: mapping).joined(separator: "\n") + "\n"
        let (file, diagnostics) = parse(text)
        let refused = file == nil   // not `#expect(file == nil)`: describing the tree would expand it
        #expect(refused)
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        let expected = try #require(Self.crossing(levels: 9, mapping: mapping, budget: YAMLBudget.maxExpandedNodes))
        #expect((d.line, d.column) == (expected.line, expected.column))
        // the place is an alias in the file
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)[d.line - 1]
        #expect(Array(line.unicodeScalars)[d.column - 1] == "*")
        #expect(d.path == "bomb.yaml" && d.severity == .error)
    }

    @Test func theMessageNamesTheAliasAndTheBudgetInOneLanguageEach() throws {
        let (_, diagnostics) = parse(Self.bombLines(levels: 9).joined(separator: "\n"))
        let d = try #require(diagnostics.first)
        let budget = String(YAMLBudget.maxExpandedNodes)
        // the crossing alias is a `*d` on the line of `e` (see `crossing`)
        #expect(d.message.zh.contains("*d") && d.message.zh.contains(budget) && d.message.zh.contains("别名"))
        #expect(d.message.en.contains("*d") && d.message.en.contains(budget) && d.message.en.contains("alias"))
        #expect(!d.message.en.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
        #expect(!d.message.zh.contains("alias") && !d.message.zh.contains("node"))
    }

    @Test func anAliasUsedAsAMappingKeyIsRefusedBeforeYamsHashesIt() throws {
        // Seven levels: about 1.1 million nodes that Yams' duplicate-key check
        // would hash (and compare) twice if the key were composed.
        var lines = Self.bombLines(levels: 7)
        lines.append("keys: {? *g : 1, ? *g : 2}")
        let (file, diagnostics) = parse(lines.joined(separator: "\n") + "\n")
        let refused = file == nil
        #expect(refused)
        #expect(diagnostics.first?.message.en.contains("alias") == true)
    }

    @Test func aFindingsFileWithABombInItsAnswersIsRefusedWhole() throws {
        let header = ["plan: 2024-kuancheng-school-canteens", "entity: {id: \"12130827MB0000001X\", name: 某某中学}",
                      "department: education", "checklist: education.school_canteen", "inspected_on: 2024-06-12",
                      "inspectors: [E-001, E-002]", "signature: signed", "cooperation: cooperated", "answers:"]
        let lines = header + Self.bombLines(levels: 9, indent: "  ")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bomb-\(UUID().uuidString).yaml").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var d = Diagnostics()
        let refused = FindingsLoader.read(path: path, entities: nil, diagnostics: &d) == nil
        #expect(refused)
        let first = try #require(d.all.first)
        #expect(first.path == path && first.message.en.contains("alias"))
        #expect(lines[first.line - 1].hasPrefix("  e: &e ["))   // where the bare bomb crosses too
    }

    @Test func aChecklistWithABombInItsExamplesIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bomb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = ["checklist: education.bomb", "version: \"1\"", "department: education", "title: 炸弹",
                     "items:", "  - id: x", "    title: 某事项", "    answer: text",
                     "examples:", "  - name: 炸弹", "    expect_violations: []", "    answers:"]
            + Self.bombLines(levels: 9, indent: "      ")
        let path = folder.appendingPathComponent("bomb.yaml").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let (_, diagnostics) = Rulebook.load(paths: [path])
        let budget = diagnostics.filter { $0.message.en.contains("alias") }
        #expect(budget.count == 1)
        #expect(budget.first.map { lines[$0.line - 1].contains("e: &e [") } == true)
    }

    @Test func aliasesWithinTheBudgetStillWorkAndExpandAsWritten() throws {
        let text = """
            options: &choices [甲, 乙, 丙]
            again: *choices
            nested: {inner: *choices}
            """
        let (file, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty)
        let parsed = try #require(file)
        let root = try #require(parsed.rootValue?.mapping)
        let values = Dictionary(uniqueKeysWithValues: root.map { ($0.key.text ?? "", $0.value.datum) })
        #expect(values["options"] == .list([.string("甲"), .string("乙"), .string("丙")]))
        #expect(values["again"] == values["options"])
        #expect(values["nested"] == .map(["inner": values["options"]!]))
    }

    @Test func aLevelJustUnderTheBudgetIsAccepted() throws {
        // Four levels expand to about 12,000 nodes: below the budget, so the
        // refusal above is about size, not about aliases as such.
        let (file, diagnostics) = parse(Self.bombLines(levels: 4).joined(separator: "\n"))
        #expect(Self.crossing(levels: 4, mapping: false, budget: YAMLBudget.maxExpandedNodes) == nil)
        let accepted = file != nil
        #expect(diagnostics.isEmpty && accepted)
    }

    @Test func aLargeFileWithoutAliasesIsNotCountedAgainstTheBudget() throws {
        let count = YAMLBudget.maxExpandedNodes + 10
        let text = "values: [" + (0..<count).map(String.init).joined(separator: ",") + "]\n"
        let (file, diagnostics) = parse(text)
        let accepted = file != nil
        #expect(diagnostics.isEmpty && accepted)
    }
}

/// What `YAMLFile.parse` says about text libyaml cannot read: its own words
/// in each language, at the place of the problem, never Yams' raw error
/// description nor libyaml's English inside the Chinese message.
@Suite struct YAMLFileMessagesTests {
    static func hasHan(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    func diagnostic(_ text: String) throws -> Diagnostic {
        var d = Diagnostics()
        let file = YAMLFile.parse(text, path: "f.yaml", diagnostics: &d)
        let refused = file == nil
        #expect(refused)
        return try #require(d.all.first)
    }

    @Test func aControlCharacterIsReportedAtItsPlace() throws {
        let d = try diagnostic("checklist: x\ntitle: 食堂\u{0}检查\n")
        #expect((d.line, d.column) == (2, 10))
        #expect(Self.hasHan(d.message.zh) && !Self.hasHan(d.message.en))
        for text in [d.message.zh, d.message.en] {
            #expect(!text.contains("reader(") && !text.contains("problem:") && !text.contains("offset"), "\(text)")
        }
    }

    @Test func anUndefinedAliasReadsInChinese() throws {
        let d = try diagnostic("a: [1, 2]\nb: *nope\n")
        #expect((d.line, d.column) == (2, 4))
        #expect(d.message.zh.contains("别名") && !d.message.zh.contains("found"))
        #expect(d.message.en.contains("undefined alias"))
    }
}
