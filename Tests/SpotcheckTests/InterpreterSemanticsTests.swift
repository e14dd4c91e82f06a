@testable import Spotcheck
import CEL
import Compliance
import Foundation
import Messages
import Rulebook
import Testing
import WorkingDays

/// The interpreter's item semantics on a small checklist written for the
/// purpose: skip logic, unanswered items, computed items, errors, messages.
@Suite("Interpreter semantics")
struct InterpreterSemanticsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let checklist = """
    checklist: market_supervision.semantics
    version: "t1"
    department: market_supervision
    title: 语义测试
    items:
      - {id: uses_gas, title: 使用燃气, answer: yes_no}
      - {id: gas_alarm, title: 燃气报警, relevant: "uses_gas", answer: yes_no, expect: true, severity: serious, domain: fire_safety, evidence: photo, finding: 燃气厨房未安装报警装置}
      - {id: temp, title: 冷藏温度, answer: number, range: [-30, 30], violation: "value > 8.0", message: "冷藏温度 {value}℃，高于 8℃", message_en: "fridge at {value}℃", severity: general, domain: food_safety, finding: 冷藏温度高于8℃}
      - {id: portions, title: 份数, answer: integer, required: false}
      - {id: grams, title: 总克数, answer: number}
      - {id: per_portion, title: 每份克数, compute: "grams / double(portions)"}
      - {id: divisor, title: 除数, answer: integer}
      - {id: ratio_ok, title: 比例, answer: yes_no, violation: "10 / divisor > 5", severity: minor, domain: food_safety, finding: 比例过高}
    rules:
      - {id: enough_per_portion, title: 每份不少于125克, violation: "per_portion < 125.0", severity: general, domain: food_safety, finding: 每份不足125克}
    """

    static func workspace() throws -> Workspace {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("semantics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("semantics.yaml").path
        try checklist.write(toFile: path, atomically: true, encoding: .utf8)
        let (ws, diags) = Workspace.load(root: root, extra: [path])
        #expect(!diags.contains { $0.severity == .error }, "\(diags.map { $0.formatted(.en) })")
        return try #require(ws)
    }

    func evaluate(_ answers: [String: Datum], rectified: [String] = [], date: CivilDate = CivilDate(year: 2024, month: 6, day: 12)!) throws -> (Evaluation, Diagnostics) {
        let ws = try Self.workspace()
        let place = Place(path: "t.yaml", line: 1, column: 1)
        var f = Findings(path: "t.yaml", entity: ["id": .string("91130827MA0TEST001"), "name": .string("测试食堂")], entityPlace: place,
                         department: Located("market_supervision", place), checklist: Located("market_supervision.semantics", place),
                         inspectedOn: date, answers: answers.sorted { $0.key < $1.key }.map { (Located($0.key, place), Located($0.value, place)) })
        f.rectifiedOnSite = rectified.map { Located($0, place) }
        var d = Diagnostics()
        let e = try #require(ws.interpreter.evaluate(f, diagnostics: &d))
        return (e, d)
    }

    func status(_ e: Evaluation, _ id: String) -> ItemStatus? { e.items.first { $0.id == id }?.status }

    @Test func skipLogicAndComputedItems() throws {
        let (e, _) = try evaluate(["uses_gas": .bool(false), "temp": .double(4), "portions": .int(4), "grams": .double(600), "divisor": .int(5), "ratio_ok": .bool(true)])
        #expect(status(e, "gas_alarm") == .notApplicable)
        #expect(status(e, "per_portion") == .pass)
        #expect(e.items.first { $0.id == "per_portion" }?.value.map { Values.display($0, .en) } == "150")
        #expect(status(e, "enough_per_portion") == .pass)
        #expect(e.violations.isEmpty)
        #expect(e.result?.code == "no_problem")
    }

    @Test func unansweredOptionalItemsPropagateNotChecked() throws {
        let (e, d) = try evaluate(["uses_gas": .bool(true), "gas_alarm": .bool(true), "temp": .double(9.5), "grams": .double(600),
                                   "divisor": .int(5), "ratio_ok": .bool(true)])
        #expect(status(e, "portions") == .notChecked)
        #expect(status(e, "per_portion") == .notChecked)
        #expect(status(e, "enough_per_portion") == .notChecked)
        #expect(status(e, "temp") == .fail)
        // portions is not required: leaving it out is no error.
        #expect(!d.hasErrors)
    }

    @Test func aRelevantRequiredItemLeftUnansweredRefusesTheFindings() throws {
        let ws = try Self.workspace()
        let place = Place(path: "t.yaml", line: 1, column: 1)
        var f = Findings(path: "t.yaml", entity: ["id": .string("91130827MA0TEST001")], entityPlace: place,
                         department: Located("market_supervision", place), checklist: Located("market_supervision.semantics", place),
                         inspectedOn: CivilDate(year: 2024, month: 6, day: 12)!,
                         answers: [(Located("uses_gas", place), Located(.bool(true), place)), (Located("temp", place), Located(.double(4), place))])
        f.answersPlace = Place(path: "t.yaml", line: 12, column: 3)
        var d = Diagnostics()
        #expect(ws.interpreter.evaluate(f, diagnostics: &d) == nil)
        // gas_alarm (relevant: uses_gas), grams and divisor are required; portions is not.
        let named = d.errors.map(\.message.en)
        #expect(named.count == 4, "\(named)")
        #expect(named.contains { $0.hasPrefix("required item 'gas_alarm'") })
        #expect(named.contains { $0.hasPrefix("required item 'ratio_ok'") })
        #expect(!named.contains { $0.contains("'portions'") })
        #expect(d.errors.allSatisfy { $0.line == 12 && $0.column == 3 })
        // Not cooperating, nothing is required.
        f.cooperation = .obstructed
        var quiet = Diagnostics()
        #expect(ws.interpreter.evaluate(f, diagnostics: &quiet) != nil)
    }

    @Test func failuresCarryMessageAndExplanation() throws {
        let (e, _) = try evaluate(["uses_gas": .bool(true), "gas_alarm": .bool(false), "temp": .double(9.5), "portions": .int(5),
                                   "grams": .double(500), "divisor": .int(5), "ratio_ok": .bool(true)])
        #expect(e.violations == ["gas_alarm", "temp", "enough_per_portion"])
        let temp = try #require(e.items.first { $0.id == "temp" })
        #expect(temp.message?.zh == "冷藏温度 9.5℃，高于 8℃")
        #expect(temp.message?.en == "fridge at 9.5℃")
        #expect(temp.rule == "value > 8.0")
        let alarm = try #require(e.items.first { $0.id == "gas_alarm" })
        #expect(alarm.rule == "value != true")
        #expect(alarm.evidenceMissing)
        let rule = try #require(e.items.first { $0.id == "enough_per_portion" })
        #expect(rule.values.map(\.0) == ["per_portion"])
    }

    @Test func evaluationErrorsAreItemErrorsWithReason() throws {
        let (e, _) = try evaluate(["uses_gas": .bool(false), "temp": .double(4), "portions": .int(0), "grams": .double(600),
                                   "divisor": .int(0), "ratio_ok": .bool(true)])
        let ratio = try #require(e.items.first { $0.id == "ratio_ok" })
        #expect(ratio.status == .error)
        #expect(ratio.message?.en == "the rule could not be evaluated: division by zero")
        // 600 / 0.0 is +inf in CEL doubles: not an error, and not below 125.
        #expect(status(e, "per_portion") == .pass)
        #expect(status(e, "enough_per_portion") == .pass)
    }

    @Test func resultCategoryFollowsRectification() throws {
        let answers: [String: Datum] = ["uses_gas": .bool(false), "temp": .double(9.5), "portions": .int(4), "grams": .double(600),
                                        "divisor": .int(5), "ratio_ok": .bool(true)]
        let (pending, _) = try evaluate(answers)
        #expect(pending.result?.code == "pending")
        let (corrected, _) = try evaluate(answers, rectified: ["temp"])
        #expect(corrected.result?.code == "corrected")
    }

    @Test func crossDepartmentProblemIsTransferredWithWorkingDayDeadline() throws {
        // gas_alarm's domain is fire_safety: found by market supervision, competent is fire.
        let (e, _) = try evaluate(["uses_gas": .bool(true), "gas_alarm": .bool(false), "temp": .double(4), "portions": .int(4),
                                   "grams": .double(600), "divisor": .int(5), "ratio_ok": .bool(true)],
                                  date: CivilDate(year: 2024, month: 9, day: 27)!)
        let transfer = try #require(e.referrals.first { $0.kind == .transfer })
        #expect(transfer.to == "fire")
        #expect(transfer.items == ["gas_alarm"])
        #expect(transfer.due == CivilDate(year: 2024, month: 10, day: 10))
    }

    @Test func answersOfTheWrongShapeAreRefusedWithPlaces() throws {
        let ws = try Self.workspace()
        var d = Diagnostics()
        let p = { (l: Int, c: Int) in Place(path: "t.yaml", line: l, column: c) }
        let f = Findings(path: "t.yaml", entity: ["id": .string("X")], entityPlace: p(1, 1), department: Located("market_supervision", p(1, 1)),
                         checklist: Located("market_supervision.semantics", p(1, 1)), inspectedOn: CivilDate(year: 2024, month: 6, day: 12)!,
                         answers: [(Located("temp", p(3, 3)), Located(.double(45), p(3, 9))),
                                   (Located("uses_gaz", p(4, 3)), Located(.bool(true), p(4, 13))),
                                   (Located("per_portion", p(5, 3)), Located(.int(3), p(5, 16))),
                                   (Located("portions", p(6, 3)), Located(.string("四"), p(6, 13)))])
        #expect(ws.interpreter.evaluate(f, diagnostics: &d) == nil)
        let errors = d.errors.map { "\($0.line):\($0.column) \($0.message.en)" }
        #expect(errors == [
            "3:9 the answer to 'temp', 45, is outside its range [-30, 30]",
            "4:3 checklist 'market_supervision.semantics' has no item 'uses_gaz' (did you mean 'uses_gas'?)",
            "5:3 'per_portion' is computed by the checklist and cannot be answered",
            "6:13 the answer to 'portions' must be an integer, not text '四'",
        ])
    }
}
