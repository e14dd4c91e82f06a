import CEL
import Directories
import Foundation
import Messages
import Rulebook
@testable import Spotcheck
import Testing

/// The `avoid` rule's answers are worked out before the matching, once per
/// entity for inspectors the rule sees alike, on every core: each answer is
/// the one evaluating that pair would give, and a rule that fails stops the
/// draw naming the pair the matching asked about.
@Suite struct AvoidRuleTests {
    typealias F = PlanDrawFixture
    static let changli = F.root + "/Rules/samples/changli/"

    /// The halal plan with another `avoid` rule, as a file of its own.
    static func plan(avoid: String, in dir: String) throws -> (Workspace, Plan) {
        let text = try String(contentsOfFile: F.root + "/Rules/plans/2023-changli-halal-food.yaml", encoding: .utf8)
            .replacingOccurrences(of: #"avoid: "entity.id in inspector.avoid""#, with: "avoid: \"\(avoid)\"")
        let path = dir + "/plan.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (ws, plan, diagnostics) = PlanDraw.loadWorkspace(root: F.root, plan: path)
        guard let ws, let plan else { throw F.Failure(diagnostics.map { $0.formatted(.en) }.joined(separator: "\n")) }
        return (ws, plan)
    }

    @Test("every answer is the pair's own, whether inspectors are seen alike or one by one",
          arguments: ["entity.id in inspector.avoid",
                      "entity.id in inspector.avoid || (inspector.id == 'M-005' && entity.credit_grade == 'B')"])
    func answersArePairwise(_ avoid: String) throws {
        let dir = try F.temporaryDirectory("avoid")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (ws, plan) = try Self.plan(avoid: avoid, in: dir)
        let request = PlanDrawRequest(entitiesPath: Self.changli + "food_businesses.csv", inspectorsPath: Self.changli + "inspectors.csv",
                                      seed: .announced("avoid"))
        let p = try PlanDraw.prepare(request, plan: plan, in: ws)
        let all = MemoryDirectory.load(Self.changli + "food_businesses.csv", schema: p.entitySchema)
        var keys: [String] = []
        all.forEachRow { key, _, _ in keys.append(String(decoding: key, as: UTF8.self)) }
        try p.entities.load(keys)
        let rule = PlanDraw.AvoidRule(p)
        rule.prepare(keys)
        // Every entity some inspector must avoid, and a few hundred others.
        let named = Set(p.inspectors.values.flatMap { row -> [String] in
            if case .list(let ids)? = row["avoid"] { return ids }
            return []
        })
        var forbidden = 0
        for entity in keys.prefix(300) + keys.filter(named.contains) {
            for (inspector, row) in p.inspectors {
                var activation = Activation(Contexts.plan)
                activation.bind("plan", PlanDraw.planRecord(plan))
                activation.bind("entity", PlanDraw.celRecord(try #require(p.entities.row(entity)), schema: p.entitySchema))
                activation.bind("inspector", PlanDraw.celRecord(row, schema: p.inspectorSchema))
                guard case .bool(let expected) = try #require(plan.avoid).program.evaluate(&activation) else {
                    Issue.record("the rule failed on \(entity), \(inspector)")
                    continue
                }
                #expect(try rule.forbids(entity: entity, inspector: inspector) == expected, "\(entity) \(inspector)")
                if expected { forbidden += 1 }
            }
        }
        #expect(forbidden > 0)
    }

    @Test("a rule that fails on some pairs stops the draw, naming an entity and the inspector at its line")
    func failingRule() throws {
        let dir = try F.temporaryDirectory("avoid-fails")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (ws, plan) = try Self.plan(avoid: "inspector.department == 'market_supervision' ? int(entity.credit_grade) > 0 : entity.id in inspector.avoid",
                                       in: dir)
        let request = PlanDrawRequest(entitiesPath: Self.changli + "food_businesses.csv", inspectorsPath: Self.changli + "inspectors.csv",
                                      seed: .announced("avoid"))
        do throws(PlanDrawError) {
            _ = try PlanDraw.run(request, plan: plan, in: ws)
            Issue.record("the draw succeeded")
        } catch {
            #expect(error.diagnostics.count == 1)
            let d = try #require(error.diagnostics.first)
            #expect(d.message.en.contains("the plan's avoid rule fails on entity '") && d.message.en.contains("and inspector 'M-"), "\(d)")
            let inspector = try #require(d.message.en.split(separator: "'").dropFirst(4).first)
            let csv = try F.readCSV(Self.changli + "inspectors.csv")
            let line = try #require(csv.order.firstIndex { $0.first == String(inspector) }) + 2
            #expect(d.path.hasSuffix("inspectors.csv") && d.line == line, "\(d)")
        }
    }
}
