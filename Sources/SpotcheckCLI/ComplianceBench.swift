import CEL
import Compliance
import Foundation
import Messages
import Rulebook
import Spotcheck
import WorkingDays

/// Figures for the interpreter (SPEC.md §11): item evaluations per second,
/// one 200-item inspection, loading 1,000 items.
enum ComplianceBench {
    static func run(root: String, rounds: Int) throws -> [Measurement] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spotcheck-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let small = dir.appendingPathComponent("bench200.yaml").path
        let large = dir.appendingPathComponent("bench1000.yaml").path
        try SyntheticChecklist.yaml(id: "market_supervision.bench200", items: 200).write(toFile: small, atomically: true, encoding: .utf8)
        try SyntheticChecklist.yaml(id: "market_supervision.bench1000", items: 1000).write(toFile: large, atomically: true, encoding: .utf8)

        var results: [Measurement] = []
        results.append(Benchmark(name: "load and check 1,000 checklist items (YAML + CEL)", rounds: rounds, iterations: 3, target: "≤ 50 ms").run {
            let (book, diags) = Rulebook.load(paths: [large])
            precondition(!diags.contains { $0.severity == .error }, "\(diags.first!.formatted(.en))")
            return book.checklists.count
        })

        let (ws, diags) = Workspace.load(root: root, extra: [small])
        guard let ws else {
            throw ValidationError("cannot load the rules under \(root): \(diags.first.map { $0.formatted(.en) } ?? "")")
        }
        guard let evaluator = ws.interpreter.evaluator(for: "market_supervision.bench200") else { return results }
        let checklist = evaluator.planned.checklist
        let findings = SyntheticChecklist.findings(checklist)
        let answers = findings.answers.map { a -> CELValue? in
            guard let item = checklist.item(a.key.value) else { return nil }
            return item.answer == .number ? Values.cel(.double(Double(a.value.value.display) ?? 0)) : Values.cel(a.value.value)
        }
        var byIndex = [CELValue?](repeating: nil, count: checklist.items.count)
        for (k, a) in zip(findings.answers, answers) {
            if let i = checklist.items.firstIndex(where: { $0.id == k.key.value }) { byIndex[i] = a }
        }
        var scratch = ChecklistEvaluator.Scratch(checklist)
        let entity = Values.record(findings.entity)
        let inspection = CELValue.map(CELMap(strings: ["department": "market_supervision"]))
        let perRound = 2_000
        let m = Benchmark(name: "item evaluations (200-item checklist, hot path)", rounds: rounds, iterations: perRound, target: nil).run {
            evaluator.run(answers: byIndex, entity: entity, inspection: inspection, scratch: &scratch)
        }
        let itemsPerSecond = 1e9 / (m.medianNanos / Double(checklist.items.count))
        results.append(Measurement(name: "item evaluations per second, one core: \(Int(itemsPerSecond)) (median)", medianNanos: m.medianNanos / Double(checklist.items.count),
                                   minNanos: m.minNanos / Double(checklist.items.count), target: "≥ 2,000,000/s", checksum: m.checksum))
        results.append(Benchmark(name: "one 200-item inspection, full evaluation (verdicts, result, referrals)", rounds: rounds, iterations: 500, target: "≤ 100 µs").run {
            var d = Diagnostics()
            return ws.interpreter.evaluate(findings, diagnostics: &d)?.violations.count ?? 0
        })
        return results
    }
}

/// A generated checklist of any size with the mix of items real ones have:
/// yes/no with `expect`, numbers with ranges and `violation`, skip logic and
/// cross-item rules.
enum SyntheticChecklist {
    static func yaml(id: String, items n: Int) -> String {
        var s = """
        checklist: \(id)
        version: "bench"
        department: market_supervision
        title: 基准测试清单
        applies_to: "entity.kind == 'food_business'"
        items:

        """
        for i in 0..<n {
            switch i % 4 {
            case 0:
                s += "  - {id: q\(i), title: 事项\(i), basis: 《中华人民共和国食品安全法》, answer: yes_no, expect: true, finding: 事项\(i)未落实, severity: general, domain: food_safety}\n"
            case 1:
                s += "  - {id: q\(i), title: 温度\(i), answer: number, unit: ℃, range: [-30, 60], violation: \"value > 8.0 && q\(i - 1)\", message: \"温度 {value}℃\", finding: 温度\(i)偏高, severity: general, domain: food_safety}\n"
            case 2:
                s += "  - {id: q\(i), title: 数量\(i), answer: integer, relevant: \"q\(i - 2)\", violation: \"value > 3\", finding: 数量\(i)超标, severity: minor, domain: food_safety}\n"
            default:
                s += "  - {id: q\(i), title: 类别\(i), answer: choice, options: [甲, 乙, 丙], violation: \"value == '丙' && entity.credit_grade in ['C', 'D']\", finding: 类别\(i)不符合要求, severity: serious, domain: food_safety}\n"
            }
        }
        return s
    }

    static func findings(_ c: Checklist) -> Findings {
        var answers: [(key: Located<String>, value: Located<Datum>)] = []
        let place = Place(path: "bench", line: 1, column: 1)
        for (i, item) in c.items.enumerated() {
            let v: Datum
            switch item.answer {
            case .yesNo?: v = .bool(i % 40 != 0)
            case .number?: v = .double(i % 10 == 1 ? 9.5 : 4.0)
            case .integer?: v = .int(i % 3)
            case .choice?: v = .string(i % 7 == 0 ? "丙" : "甲")
            default: continue
            }
            answers.append((Located(item.id, place), Located(v, place)))
        }
        return Findings(path: "bench", entity: ["id": .string("91130827MA0BENCH01"), "name": .string("基准餐饮有限公司"),
                                                "kind": .string("food_business"), "credit_grade": .string("C")],
                        entityPlace: place, department: Located("market_supervision", place), checklist: Located(c.id, place),
                        inspectedOn: CivilDate(year: 2024, month: 6, day: 12)!, answers: answers)
    }
}

import ArgumentParser
