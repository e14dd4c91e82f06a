import Foundation
import Rulebook
@testable import Spotcheck
import Testing

// The plan-driven draw (SPEC.md §8) on the sample county. Expected figures
// are computed here from the CSV files by hand, without the importer or the
// plan's CEL, so that a wrong population rule, stratum or rounding in the
// program cannot agree with itself.

/// Shared inputs and independent readers for the draw tests.
enum PlanDrawFixture {
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let foodBusinesses = root + "/Rules/samples/kuancheng/food_businesses.csv"
    static let schools = root + "/Rules/samples/kuancheng/schools.csv"
    static let inspectors = root + "/Rules/samples/kuancheng/inspectors.csv"
    static let halalPlan = "2023-changli-halal-food"
    static let schoolPlan = "2024-kuancheng-school-canteens"

    struct Loaded {
        var workspace: Workspace
        var plan: Plan
    }

    static func load(_ planID: String) throws -> Loaded {
        let (ws, plan, diagnostics) = PlanDraw.loadWorkspace(root: root, plan: planID)
        guard let ws, let plan else {
            throw Failure("cannot load \(planID): \(diagnostics.map { $0.formatted(.en) }.joined(separator: "\n"))")
        }
        return Loaded(workspace: ws, plan: plan)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Seeds of both kinds, `count` of them.
    static func seeds(_ count: Int) -> [DrawSeed] {
        (0..<count).map { i in
            i % 2 == 0 ? .numbers([[String(i), String(i * 7 + 3), String(1000 + i)], [String(42 + i)]])
                       : .announced("beacon-2024-\(i)")
        }
    }

    /// A CSV file read by hand: header and rows as column → text. The sample
    /// files have no quoted cells (checked), so splitting on commas is exact.
    struct CSV {
        var header: [String]
        var rows: [[String: String]]
        var order: [[String]]
    }

    static func readCSV(_ path: String) throws -> CSV {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard !text.contains("\"") else { throw Failure("\(path) has quoted cells; this reader does not parse them") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        }
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0].removeFirst() }
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var rows: [[String: String]] = []
        var order: [[String]] = []
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == header.count else { throw Failure("\(path): a row has \(cells.count) cells, not \(header.count)") }
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, cells)))
            order.append(cells)
        }
        return CSV(header: header, rows: rows, order: order)
    }

    /// Writes a CSV with RFC 4180 quoting where needed.
    static func writeCSV(_ path: String, header: [String], rows: [[String]]) throws {
        func cell(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        let text = ([header] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func temporaryDirectory(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A boolean cell as the directory schema reads it.
    static func truthy(_ text: String?) -> Bool {
        guard let t = text?.trimmingCharacters(in: .whitespaces) else { return false }
        return ["true", "是", "1", "yes"].contains(t.lowercased())
    }

    /// The halal plan's population, applied by hand: halal food businesses
    /// in existence (存续) registered on or before 2022-12-31.
    static func inHalalPopulation(_ row: [String: String]) -> Bool {
        guard row["kind"] == "food_business", truthy(row["halal"]), row["status"] == "存续",
              let date = row["registered_on"], !date.isEmpty else { return false }
        return date <= "2022-12-31"   // YYYY-MM-DD compares as text
    }

    /// A small deterministic generator for shuffles.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
    }
}

@Suite("Plan-driven draw")
struct PlanDrawTests {
    typealias F = PlanDrawFixture

    @Test("the halal plan reports N, rate and k = ceil(rate × N) per grade A–D and the gap to 5%")
    func halalPlanPerGrade() throws {
        let loaded = try F.load(F.halalPlan)
        let request = PlanDrawRequest(entitiesPath: F.foodBusinesses, inspectorsPath: F.inspectors,
                                      seed: .numbers([["1", "2", "3"], ["42"]]))
        let outcome = try PlanDraw.run(request, plan: loaded.plan, in: loaded.workspace)

        // N per grade, by hand.
        var population: [String: Int] = [:]
        for row in try F.readCSV(F.foodBusinesses).rows where F.inHalalPopulation(row) {
            population[row["credit_grade"] ?? "", default: 0] += 1
        }
        #expect(Set(population.keys) == ["A", "B", "C", "D"])
        // The plan's rates as exact fractions: A 0.5%, B 2%, C 10%, D 30%; k = ceil(num × N / den).
        let rates: [String: (num: Int, den: Int, text: String)] = [
            "A": (5, 1000, "0.5%"), "B": (2, 100, "2%"), "C": (10, 100, "10%"), "D": (30, 100, "30%"),
        ]
        let strata = outcome.certificate.sample.strata
        #expect(strata.map(\.name) == ["A", "B", "C", "D"])
        let report = PlanDrawReport.text(outcome, rulebook: loaded.workspace.rulebook, language: .zh)
        let reportRows = report.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        var totalN = 0, totalK = 0
        for grade in ["A", "B", "C", "D"] {
            let n = try #require(population[grade])
            let rate = try #require(rates[grade])
            let k = (rate.num * n + rate.den - 1) / rate.den
            totalN += n
            totalK += k
            let stratum = try #require(strata.first { $0.name == grade })
            #expect(stratum.population == n, "N of grade \(grade)")
            #expect(stratum.rate == Double(rate.num) / Double(rate.den), "rate of grade \(grade)")
            #expect(stratum.count == k, "k of grade \(grade): ceil(\(rate.text) × \(n)) = \(k)")
            #expect(stratum.selected.count == k)
            // The printed table has the same row: grade, N, rate, k.
            #expect(reportRows.contains { Array($0.prefix(4)) == [grade, String(n), rate.text, String(k)] },
                    "report row for \(grade): \(grade) \(n) \(rate.text) \(k)\n\(report)")
        }
        let sample = outcome.certificate.sample
        #expect(sample.population == totalN)
        #expect(sample.count == totalK)
        let achieved = Double(totalK) / Double(totalN)
        #expect(abs(sample.achievedRate - achieved) < 1e-12)
        #expect(sample.declaredRate == 0.05)
        let gap = try #require(sample.gap)
        #expect(abs(gap - (achieved - 0.05)) < 1e-12)
        // The report states the gap in percentage points.
        var points = String(format: "%.4f", abs(achieved - 0.05) * 100)
        while points.hasSuffix("0") { points.removeLast() }
        if points.hasSuffix(".") { points.removeLast() }
        let sign = achieved >= 0.05 ? "+" : "−"
        #expect(report.contains("计划总体比例 5%，差 \(sign)\(points) 个百分点"), "\(report)")
        let english = PlanDrawReport.text(outcome, rulebook: loaded.workspace.rulebook, language: .en)
        #expect(english.contains("declared rate 5%, gap \(sign)\(points) percentage points"), "\(english)")
    }

    @Test("teams are listed per department with inspector ids and names, and the matching per task")
    func reportListsTeamsAndMatching() throws {
        let loaded = try F.load(F.halalPlan)
        let request = PlanDrawRequest(entitiesPath: F.foodBusinesses, inspectorsPath: F.inspectors, seed: .announced("report"))
        let outcome = try PlanDraw.run(request, plan: loaded.plan, in: loaded.workspace)
        let report = PlanDrawReport.text(outcome, rulebook: loaded.workspace.rulebook)
        let names = Dictionary(uniqueKeysWithValues: try F.readCSV(F.inspectors).rows.map { ($0["id"]!, $0["name"]!) })
        for department in outcome.certificate.teams {
            #expect(report.contains("（\(department.department)）"))
            for team in department.teams {
                let members = team.inspectors.map { "\($0) \(names[$0]!)" }.joined(separator: "、")
                #expect(report.contains("第\(team.number)组：\(members)"), "team \(team.number) of \(department.department)")
            }
        }
        for task in outcome.tasks {
            #expect(report.contains("\(task.id)  \(task.entity)"))
        }
        #expect(outcome.tasks.count == outcome.certificate.sample.count)
    }

    @Test("a stratum missing from the plan's rates is an error naming the entity and its row")
    func unknownStratumIsAnError() throws {
        let loaded = try F.load(F.halalPlan)
        let csv = try F.readCSV(F.foodBusinesses)
        let index = try #require(csv.rows.firstIndex(where: F.inHalalPopulation))
        var rows = csv.order
        let gradeColumn = try #require(csv.header.firstIndex(of: "credit_grade"))
        rows[index][gradeColumn] = "E"
        let dir = try F.temporaryDirectory("stratum")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try F.writeCSV(dir + "/entities.csv", header: csv.header, rows: rows)
        let request = PlanDrawRequest(entitiesPath: dir + "/entities.csv", inspectorsPath: F.inspectors, seed: .announced("x"))
        let error = try #require(throws: PlanDrawError.self) { try PlanDraw.run(request, plan: loaded.plan, in: loaded.workspace) }
        #expect(error.diagnostics.count == 1)
        let d = try #require(error.diagnostics.first)
        #expect(d.path == dir + "/entities.csv")
        #expect(d.line == index + 2)   // header is line 1
        #expect(d.message.en.contains(csv.rows[index]["id"]!))
        #expect(d.message.en.contains("'E'"))
    }

    @Test("a bad directory row stops the draw with its path, line and column")
    func badRowIsAnError() throws {
        let loaded = try F.load(F.halalPlan)
        let csv = try F.readCSV(F.foodBusinesses)
        var rows = csv.order
        let dateColumn = try #require(csv.header.firstIndex(of: "registered_on"))
        rows[9][dateColumn] = "2020-02-30"
        let dir = try F.temporaryDirectory("badrow")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try F.writeCSV(dir + "/entities.csv", header: csv.header, rows: rows)
        let request = PlanDrawRequest(entitiesPath: dir + "/entities.csv", inspectorsPath: F.inspectors, seed: .announced("x"))
        let error = try #require(throws: PlanDrawError.self) { try PlanDraw.run(request, plan: loaded.plan, in: loaded.workspace) }
        let d = try #require(error.diagnostics.first)
        #expect(error.diagnostics.count == 1)
        #expect(d.line == 11)
        #expect(d.column > 1)
        #expect(d.message.en.contains("registered_on"))
    }

    @Test("the canonical directory hash ignores row order, column order and boolean spelling, and follows the documented form")
    func canonicalForm() throws {
        let loaded = try F.load(F.halalPlan)
        let schema = try #require(loaded.workspace.rulebook.entitySchema)
        let original = try loaded.workspace.importEntities(F.foodBusinesses)
        let print = DirectoryFingerprint(rows: original.rows, schema: schema)
        // Recompute the documented form by hand from the CSV text.
        let csv = try F.readCSV(F.foodBusinesses)
        let columns = schema.columns.map(\.name)
        var lines: [(key: String, line: String)] = []
        for row in csv.rows {
            let values = columns.map { name -> String in
                let text = row[name] ?? ""
                switch schema.column(named: name)!.type {
                case .bool: return text.isEmpty ? "" : (F.truthy(text) ? "true" : "false")
                default: return text
                }
            }
            lines.append((row["id"]!, values.joined(separator: "\t") + "\n"))
        }
        lines.sort { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        let text = columns.joined(separator: "\t") + "\n" + lines.map(\.line).joined()
        #expect(DirectoryFingerprint.canonicalText(rows: original.rows, schema: schema) == text)
        #expect(print.sha256 == planDrawSHA256(Data(text.utf8)))
        #expect(print.rows == csv.rows.count)

        // Reordered rows and columns, booleans spelled differently: same fingerprint.
        var generator = F.Generator(state: 7)
        let permutation = csv.header.indices.shuffled(using: &generator)
        let header = permutation.map { csv.header[$0] }
        let rows = csv.order.shuffled(using: &generator).map { cells in
            permutation.map { i -> String in
                let cell = cells[i]
                return cell == "是" ? "true" : cell == "否" ? "0" : cell
            }
        }
        let dir = try F.temporaryDirectory("canonical")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try F.writeCSV(dir + "/e.csv", header: header, rows: rows)
        let again = try loaded.workspace.importEntities(dir + "/e.csv")
        #expect(DirectoryFingerprint(rows: again.rows, schema: schema) == print)
    }
}

/// SHA-256 hex computed by coreutils' `sha256sum`, independently of the
/// program's own hashing.
func planDrawSHA256(_ data: Data) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-hash-\(UUID().uuidString).txt").path
    FileManager.default.createFile(atPath: path, contents: data)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try? process.run()
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: out, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
}
