import CEL
import Directories
import Draw
import Foundation
import Messages
import Rulebook
@testable import Spotcheck
import Testing

/// The entity pass of a draw works on batches of rows on several threads
/// (`OrderedBatches`): whatever the number of threads, the fingerprint, the
/// population and the diagnostics are those of one thread going row by row.
@Suite struct ParallelPassTests {
    typealias F = PlanDrawFixture

    @Test("the entity pass gives the same fingerprint, population and diagnostics on 1 and on 3 threads")
    func sameOnAnyThreads() throws {
        let loaded = try F.load(F.halalPlan)
        let schema = try #require(loaded.workspace.rulebook.entitySchema)
        // Rows in the population whose grade has no rate, in the first, a middle and the last batch.
        var csv = try F.readCSV(F.foodBusinesses)
        let column = { (name: String) in csv.header.firstIndex(of: name)! }
        for row in [5, 1_500, csv.order.count - 2] {
            csv.order[row][column("halal")] = "是"
            csv.order[row][column("status")] = "存续"
            csv.order[row][column("registered_on")] = "2010-01-01"
            csv.order[row][column("credit_grade")] = "E"
        }
        let dir = try F.temporaryDirectory("parallel-pass")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/entities.csv"
        try F.writeCSV(path, header: csv.header, rows: csv.order)
        let source = MemoryDirectory.load(path, schema: schema)
        #expect(source.count > 2 * PlanDraw.RowBatch.rows)
        guard case .stratified(let strata, let rates) = loaded.plan.sample else { Issue.record("not stratified"); return }
        var activation = Activation(Contexts.plan)
        activation.bind("plan", PlanDraw.planRecord(loaded.plan))
        activation.bind("inspector", .map(CELMap()))
        func pass(_ workers: Int) throws -> (PlanDraw.EntityPass, [Diagnostic]) {
            var problems: [Diagnostic] = []
            let result = try PlanDraw.EntityPass.run(source, plan: loaded.plan, schema: schema, strata: (strata.program, rates),
                                                    activation: activation, problems: &problems, workers: workers)
            return (result, problems)
        }
        let (one, oneProblems) = try pass(1)
        let (three, threeProblems) = try pass(3)
        #expect(oneProblems.count == 3)
        #expect(oneProblems.map(\.line) == threeProblems.map(\.line))
        #expect(oneProblems.map(\.message.en) == threeProblems.map(\.message.en))
        #expect(one.fingerprint == three.fingerprint)
        #expect(one.fingerprint.rows == csv.order.count)
        #expect(one.population.count == three.population.count)
        #expect(one.population.count > 0)
        let key = try Seed.announced("parallel").key()
        let sampleOne = try StratifiedSampler.sample(one.population, rule: .rates(rates), rounding: .ceil, declaredRate: 0.05, key: key)
        let sampleThree = try StratifiedSampler.sample(three.population, rule: .rates(rates), rounding: .ceil, declaredRate: 0.05, key: key)
        #expect(sampleOne.selected == sampleThree.selected)
    }

    @Test("batches come back in the order they were made, however long each takes")
    func batchesInOrder() {
        var delivered: [Int] = []
        OrderedBatches.run(workers: 3, window: 4, state: { 0 }, work: { (n: Int, calls: inout Int) -> Int in
            calls += 1
            // Later batches finish first now and then.
            if n % 7 == 0 { usleep(2_000) }
            return n * 10
        }, feed: { submit in for n in 0..<200 { submit(n) } }, deliver: { delivered.append($0) })
        #expect(delivered == (0..<200).map { $0 * 10 })
    }

    @Test("an error of the source stops the workers and is thrown; nothing after it is delivered")
    func sourceFails() {
        struct Broken: Error {}
        var delivered: [Int] = []
        #expect(throws: Broken.self) {
            try OrderedBatches.run(workers: 2, window: 2, state: { () }, work: { (n: Int, _: inout Void) in n },
                                   feed: { submit in
                                       for n in 0..<10 { submit(n) }
                                       throw Broken()
                                   }, deliver: { delivered.append($0) })
        }
        #expect(delivered == Array(delivered.indices))
        #expect(delivered.count <= 10)
    }
}
