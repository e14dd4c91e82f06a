import Foundation
import Rulebook
@testable import Spotcheck
import Testing

// Properties of the plan-driven draw over many seeds (SPEC.md §8): the same
// inputs give the same draw; the row (and column) order of the directories
// does not change it; the avoidance rule is never broken; every task gets at
// least two inspectors from every joining department.

@Suite("Plan-driven draw properties")
struct PlanDrawPropertyTests {
    typealias F = PlanDrawFixture
    static let seedCount = 50

    /// Draws every seed from one preparation (import, CEL rules, hashes),
    /// which is what a full run does for each: the loops below would
    /// otherwise spend their time re-importing the same files.
    static func outcomes(_ loaded: F.Loaded, entities: String, inspectors: String, seeds: [DrawSeed]) throws -> [PlanDrawOutcome] {
        let prepared = try PlanDraw.prepare(PlanDrawRequest(entitiesPath: entities, inspectorsPath: inspectors, seed: .announced("-")),
                                            plan: loaded.plan, in: loaded.workspace)
        return try seeds.map { prepared.outcome(try PlanDraw.draw(prepared, seed: $0)) }
    }

    @Test("the same inputs always give the same draw, byte for byte", arguments: [F.halalPlan, F.schoolPlan])
    func sameInputsSameDraw(planID: String) throws {
        let loaded = try F.load(planID)
        let entities = planID == F.halalPlan ? F.foodBusinesses : F.schools
        let seeds = F.seeds(Self.seedCount)
        // Two independent preparations of the same inputs.
        let first = try Self.outcomes(loaded, entities: entities, inspectors: F.inspectors, seeds: seeds)
        let second = try Self.outcomes(loaded, entities: entities, inspectors: F.inspectors, seeds: seeds)
        for (seed, (a, b)) in zip(seeds, zip(first, second)) {
            #expect(a.certificate == b.certificate, "seed \(seed)")
            #expect(a.tasks == b.tasks)
        }
        // Complete runs, down to the bytes of certificate.json.
        for (index, seed) in seeds.prefix(3).enumerated() {
            let request = PlanDrawRequest(entitiesPath: entities, inspectorsPath: F.inspectors, seed: seed)
            let run = try PlanDraw.run(request, plan: loaded.plan, in: loaded.workspace)
            let again = try PlanDraw.run(request, plan: loaded.plan, in: loaded.workspace)
            #expect(try run.file.jsonData() == again.file.jsonData(), "seed \(seed)")
            #expect(try run.file.jsonData() == first[index].file.jsonData(), "seed \(seed)")
        }
        // The seed does matter: 50 seeds do not all draw the same entities.
        #expect(Set(first.map(\.certificate.selected)).count > Self.seedCount / 2)
    }

    @Test("shuffling the rows and columns of both directories does not change the draw", arguments: [F.halalPlan, F.schoolPlan])
    func rowOrderDoesNotMatter(planID: String) throws {
        let loaded = try F.load(planID)
        let entitiesPath = planID == F.halalPlan ? F.foodBusinesses : F.schools
        let entities = try F.readCSV(entitiesPath)
        let inspectors = try F.readCSV(F.inspectors)
        let dir = try F.temporaryDirectory("shuffle")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let seeds = F.seeds(Self.seedCount)
        let original = try Self.outcomes(loaded, entities: entitiesPath, inspectors: F.inspectors, seeds: seeds)
        let shuffles = 10
        for shuffle in 0..<shuffles {
            var generator = F.Generator(state: UInt64(shuffle) &* 7919 &+ 1)
            for (csv, name) in [(entities, "entities.csv"), (inspectors, "inspectors.csv")] {
                let columns = csv.header.indices.shuffled(using: &generator)
                let rows = csv.order.shuffled(using: &generator).map { cells in columns.map { cells[$0] } }
                try F.writeCSV(dir + "/" + name, header: columns.map { csv.header[$0] }, rows: rows)
            }
            // Each shuffle draws its share of the seeds: all 50 are covered.
            let mine = seeds.indices.filter { $0 % shuffles == shuffle }
            let shuffled = try Self.outcomes(loaded, entities: dir + "/entities.csv", inspectors: dir + "/inspectors.csv",
                                             seeds: mine.map { seeds[$0] })
            for (index, outcome) in zip(mine, shuffled) {
                #expect(original[index].certificate == outcome.certificate, "seed \(seeds[index]), shuffle \(shuffle)")
                #expect(original[index].file == outcome.file)
            }
        }
    }

    /// An inspector directory in which every eligible inspector of a joining
    /// department must avoid many entities: inspector j of a department (in
    /// id order, n of them) avoids every entity whose row index i has
    /// i mod ⌊n/2⌋ = j mod ⌊n/2⌋, so every entity conflicts with two or three
    /// inspectors of each department. Returns the path and the avoid lists.
    static func conflictHeavyInspectors(entities: F.CSV, plan: Plan, in dir: String) throws -> (String, [String: Set<String>]) {
        let csv = try F.readCSV(F.inspectors)
        let avoidColumn = try #require(csv.header.firstIndex(of: "avoid"))
        var rows = csv.order
        let ids = entities.rows.map { $0["id"]! }
        for department in plan.departments {
            let members = csv.rows.indices.filter { csv.rows[$0]["department"] == department && F.truthy(csv.rows[$0]["active"]) }
                .sorted { csv.rows[$0]["id"]! < csv.rows[$1]["id"]! }
            let modulus = max(1, members.count / 2)
            for (j, row) in members.enumerated() {
                let avoided = ids.indices.filter { $0 % modulus == j % modulus }.map { ids[$0] }
                let existing = rows[row][avoidColumn].split(separator: ";").map(String.init)
                rows[row][avoidColumn] = (existing + avoided).joined(separator: ";")
            }
        }
        let path = dir + "/inspectors.csv"
        try F.writeCSV(path, header: csv.header, rows: rows)
        // The lists as written, read back by hand.
        var lists: [String: Set<String>] = [:]
        for row in try F.readCSV(path).rows {
            lists[row["id"]!] = Set((row["avoid"] ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        return (path, lists)
    }

    @Test("no inspector is ever matched to an entity on their avoid list", arguments: [F.halalPlan, F.schoolPlan])
    func avoidanceNeverBroken(planID: String) throws {
        let loaded = try F.load(planID)
        let entitiesPath = planID == F.halalPlan ? F.foodBusinesses : F.schools
        let entities = try F.readCSV(entitiesPath)
        let dir = try F.temporaryDirectory("avoid")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (inspectorsPath, avoidLists) = try Self.conflictHeavyInspectors(entities: entities, plan: loaded.plan, in: dir)
        let departmentOf = Dictionary(uniqueKeysWithValues: try F.readCSV(inspectorsPath).rows.map { ($0["id"]!, $0["department"]!) })
        var constrained = 0
        let seeds = F.seeds(Self.seedCount)
        for (seed, outcome) in zip(seeds, try Self.outcomes(loaded, entities: entitiesPath, inspectors: inspectorsPath, seeds: seeds)) {
            for task in outcome.tasks {
                for team in task.teams {
                    for inspector in team.inspectors {
                        #expect(!(avoidLists[inspector] ?? []).contains(task.entity),
                                "seed \(seed): \(inspector) matched to \(task.entity), which they must avoid")
                    }
                }
                // The rule really bit: some eligible inspector of each department avoids this entity.
                for department in loaded.plan.departments {
                    let teamsOfDepartment = outcome.certificate.teams.first { $0.department == department }?.teams ?? []
                    let drawn = teamsOfDepartment.flatMap(\.inspectors)
                    if drawn.contains(where: { departmentOf[$0] == department && avoidLists[$0]!.contains(task.entity) }) {
                        constrained += 1
                    }
                }
            }
        }
        #expect(constrained > Self.seedCount, "the avoid lists should exclude drawn inspectors from many tasks")
    }

    @Test("every task has at least two eligible inspectors from every joining department", arguments: [F.halalPlan, F.schoolPlan])
    func twoInspectorsPerDepartment(planID: String) throws {
        let loaded = try F.load(planID)
        let entitiesPath = planID == F.halalPlan ? F.foodBusinesses : F.schools
        let inspectorRows = Dictionary(uniqueKeysWithValues: try F.readCSV(F.inspectors).rows.map { ($0["id"]!, $0) })
        let seeds = F.seeds(Self.seedCount)
        for (seed, outcome) in zip(seeds, try Self.outcomes(loaded, entities: entitiesPath, inspectors: F.inspectors, seeds: seeds)) {
            #expect(!outcome.tasks.isEmpty)
            for task in outcome.tasks {
                #expect(task.teams.map(\.department) == loaded.plan.departments, "seed \(seed), task \(task.id)")
                for team in task.teams {
                    #expect(team.inspectors.count >= 2, "seed \(seed), task \(task.id), \(team.department)")
                    #expect(Set(team.inspectors).count == team.inspectors.count)
                    for inspector in team.inspectors {
                        let row = try #require(inspectorRows[inspector])
                        #expect(row["department"] == team.department, "\(inspector) is not of \(team.department)")
                        #expect(F.truthy(row["active"]), "\(inspector) is not active (pool: inspector.active)")
                    }
                }
            }
        }
    }
}
