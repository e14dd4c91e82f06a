import Compliance
import Foundation
import Messages
import Rulebook
import Testing
import WorkingDays
@testable import Spotcheck

/// Findings are refused whole for any error (SPEC.md §6): nothing of a
/// refused file is evaluated or stored, and each diagnostic stands at the
/// offending key or value.
@Suite("Strict findings", .serialized)
struct StrictFindingsTests {
    typealias World = LifecycleWorld

    static func parse(_ text: String, path: String = "f.yaml") -> (Findings?, Diagnostics) {
        var d = Diagnostics()
        let f = FindingsLoader.parse(Array(text.utf8), path: path, entities: nil, diagnostics: &d)
        return (f, d)
    }

    @Test func aBlankAMisspeltAndAnIncompleteFileAreRefusedAndNothingIsStored() throws {
        let w = try World()
        let before = try w.auditCount()
        // Only the inspection date filled in.
        let blank = "inspected_on: 2024-05-13\n"
        #expect(throws: LifecycleError.self) { try w.submit(w.kuancheng, blank, on: "2024-05-14") }
        // Misspelt keys: refused, each at its key, with the key it should be.
        let good = try w.findings(w.kuancheng, plan: World.canteens, department: "education", checklist: "education.school_canteen", on: "2024-05-13")
        let misspelt = good.replacingOccurrences(of: "signature: signed", with: "signatur: refused")
            .replacingOccurrences(of: "cooperation: cooperated", with: "cooperaton: obstructed")
        do throws(LifecycleError) {
            _ = try w.submit(w.kuancheng, misspelt, on: "2024-05-14")
            Issue.record("misspelt keys were accepted")
        } catch {
            let messages = error.diagnostics.map { "\($0.line):\($0.column) \($0.message.en)" }
            #expect(messages.contains("8:1 unknown key 'signatur' in the findings (did you mean 'signature'?)"))
            #expect(messages.contains("9:1 unknown key 'cooperaton' in the findings (did you mean 'cooperation'?)"))
        }
        // A relevant required item left unanswered: named at `answers:`.
        let incomplete = try w.findings(w.kuancheng, plan: World.canteens, department: "education", checklist: "education.school_canteen",
                                        on: "2024-05-13", changes: ["staff_morning_check": .null])
        do throws(LifecycleError) {
            _ = try w.submit(w.kuancheng, incomplete, on: "2024-05-14")
            Issue.record("an incomplete file was accepted")
        } catch {
            #expect(error.diagnostics.count == 1)
            let d = try #require(error.diagnostics.first)
            #expect(d.message.zh.hasPrefix("必答事项“staff_morning_check”"))
            #expect(d.line == 10 && d.column == 1)
        }
        #expect(try w.auditCount() == before)
        #expect(try w.store.latestEvaluations(jurisdiction: "kuancheng").isEmpty)
    }

    @Test func theDiagnosticsOfABlankFileNameEachMissingKeyAndNoneIsAtOneOne() {
        let (f, d) = Self.parse("\n\ninspected_on: 2024-05-13\n")
        #expect(f == nil)
        let missing = d.errors.map(\.message.en).filter { $0.hasPrefix("missing required key") }
        #expect(missing.count == 7)
        #expect(d.errors.allSatisfy { $0.line == 3 })
    }

    @Test(arguments: [
        ("{\"a\": 0x10}", "unrecognised number"),
        ("{\"a\": 01}", "numbers must not have leading zeros"),
        ("{\"a\": +1}", "unrecognised value"),
        ("{\"a\": .5}", "unrecognised value"),
        ("{\"a\": [1, 2,]}", "trailing comma before ']'"),
        ("{\"a\": 1,}", "trailing comma before '}'"),
        ("{\"a\": NaN}", "unrecognised value"),
        ("{\"a\": 1, \"a\": 2}", "the key 'a' repeats in an object"),
        ("{'a': 1}", "object keys must be double-quoted strings"),
        ("{\"a\": \"x\ny\"}", "unescaped control character in a string"),
        ("{\"a\": 1e999}", "the number is out of range"),
        ("{\"a\": 1} x", "unexpected text after the JSON value"),
    ])
    func jsonFindingsAreReadAsStrictJSON(_ text: String, _ problem: String) throws {
        let (f, d) = Self.parse(text, path: "f.json")
        #expect(f == nil)
        let error = try #require(d.errors.first)
        #expect(error.message.en.contains(problem), "\(error.message.en)")
        #expect(error.message.zh.hasPrefix("JSON 格式错误："))
        #expect(d.errors.count == 1)
    }

    static let jsonFindings = """
        {
          "plan": "2024-kuancheng-school-canteens",
          "task": "T-0001",
          "entity": {"id": "12130827MB1Q30528K", "name": "某中学", "kind": "school"},
          "department": "education",
          "checklist": "education.school_canteen",
          "inspected_on": "2024-05-13",
          "inspectors": ["E-001", "E-002"],
          "signature": "signed",
          "cooperation": "cooperated",
          "answers": {"accompany_missing_days": 0}
        }
        """

    @Test func jsonDatesAreStringsAndPlacesAreLinesOfTheValue() throws {
        let (f, d) = Self.parse(Self.jsonFindings, path: "f.json")
        #expect(!d.hasErrors)
        let findings = try #require(f)
        #expect(findings.inspectedOn.description == "2024-05-13")
        #expect(findings.inspectedOnPlace.line == 7 && findings.inspectedOnPlace.column == 19)
        #expect(findings.answers.first?.key.place.line == 11)
        let wrongDate = Self.jsonFindings.replacingOccurrences(of: "\"2024-05-13\"", with: "20240513")
        let (g, e) = Self.parse(wrongDate, path: "f.json")
        #expect(g == nil)
        #expect(e.errors.first.map { "\($0.line):\($0.column)" } == "7:19")
    }

    @Test func nonFiniteNumbersAndUnquotedCreditCodesAreRefused() throws {
        let yaml = """
            entity: {id: 121308270000000017, name: 某中学}
            department: education
            checklist: education.school_canteen
            inspected_on: 2024-05-13
            inspectors: [E-001, E-002]
            signature: signed
            cooperation: cooperated
            answers: {accompany_missing_days: .nan}
            """
        let (f, d) = Self.parse(yaml)
        #expect(f == nil)
        let messages = d.errors.map { "\($0.line):\($0.column) \($0.message.en)" }
        #expect(messages.contains("1:14 the entity id must be text: quote an all-digit credit code"), "\(messages)")
        #expect(messages.contains("8:35 the value of 'accompany_missing_days' is not a finite number"), "\(messages)")
        let byID = yaml.replacingOccurrences(of: "entity: {id: 121308270000000017, name: 某中学}", with: "entity: 121308270000000017")
        let (g, e) = Self.parse(byID)
        #expect(g == nil)
        #expect(e.errors.contains { $0.message.en.hasPrefix("entity must be a mapping or a text id") && $0.line == 1 })
    }

    @Test func notesAndEvidenceForItemsThatDoNotExistAreErrorsAndForItemsThatDoNotApplyWarnings() throws {
        let w = try World()
        let base = try w.findings(w.kuancheng, plan: World.canteens, department: "education", checklist: "education.school_canteen", on: "2024-05-13")
        let unknown = base + "notes: {canteen_extinguisher_ok: 过期}\nevidence: {canteen_extinguishers_ok: [a.jpg]}\n"
        do throws(LifecycleError) {
            _ = try w.kuancheng.prepareSubmission(Array(unknown.utf8), path: "n.yaml", receivedOn: CivilDate(year: 2024, month: 5, day: 14)!)
            Issue.record("a note on an unknown item was accepted")
        } catch {
            #expect(error.diagnostics.map(\.message.en) == ["a note names 'canteen_extinguisher_ok', which is not an item of 'education.school_canteen' (did you mean 'canteen_extinguishers_ok'?)"])
            #expect(error.diagnostics.first.map { "\($0.line):\($0.column)" } == "\(base.split(separator: "\n").count + 1):9")
        }
        // meal_fund_accounting applies only to a canteen the school runs itself.
        let contracted = try w.findings(w.kuancheng, plan: World.canteens, department: "education", checklist: "education.school_canteen",
                                        on: "2024-05-13", changes: ["canteen_operation": .string("承包经营"), "contractor_selected_openly": .bool(true),
                                                                    "contract_signed": .bool(true)])
        let prepared = try w.kuancheng.prepareSubmission(Array((contracted + "notes: {meal_fund_accounting: 已核对}\n").utf8), path: "m.yaml",
                                                         receivedOn: CivilDate(year: 2024, month: 5, day: 14)!)
        #expect(prepared.warnings.contains { $0.severity == .warning && $0.message.en == "item 'meal_fund_accounting' does not apply here; its note is ignored" })
    }
}
