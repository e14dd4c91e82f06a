import Compliance
import Foundation
import Messages
import Rulebook
import Testing
import WorkingDays
@testable import Spotcheck

/// Result categories come from `Rules/results.yaml` alone (SPEC.md §5): the
/// official categories mapped right, and a joint inspection published with
/// the department result of highest rank, each department's own listed.
@Suite("Result categories", .serialized)
struct ResultCategoryTests {
    typealias World = LifecycleWorld

    func registrationResult(_ w: World, _ changes: [String: Datum], cooperation: String = "cooperated") throws -> String? {
        var text = try w.findings(w.changli, plan: World.halal, department: "market_supervision", checklist: "market_supervision.registration",
                                  on: "2023-11-07", changes: changes)
        text = text.replacingOccurrences(of: "cooperation: cooperated", with: "cooperation: \(cooperation)")
        if cooperation != "cooperated" {
            text = String(text[..<text.range(of: "answers:")!.lowerBound]) + "answers: {}\n"
        }
        return try w.changli.prepareSubmission(Array(text.utf8), path: "r.yaml", receivedOn: CivilDate(year: 2023, month: 11, day: 8)!)
            .evaluation.result?.code
    }

    @Test func theOfficialCategoriesAreMappedRight() throws {
        let w = try World()
        #expect(try registrationResult(w, [:]) == "no_problem")
        // Annual reports not filed: not disclosed as required — not falsification.
        #expect(try registrationResult(w, ["unreported_annual_reports": .int(2)]) == "not_disclosed")
        // Falsification only where an item says so (its domain).
        #expect(try registrationResult(w, ["annual_report_truthful": .bool(false)]) == "false_disclosure")
        // Unreachable at the registered address, by item and by cooperation.
        let unreachable: [String: Datum] = ["reachable_at_registered_address": .bool(false), "name_matches": .null, "address_matches": .null,
                                            "legal_rep_matches": .null, "business_scope_matches": .null, "license_displayed": .null]
        #expect(try registrationResult(w, unreachable) == "unreachable")
        #expect(try registrationResult(w, [:], cooperation: "unreachable") == "unreachable")
        #expect(try registrationResult(w, [:], cooperation: "not_operating") == "not_operating")
        #expect(try registrationResult(w, [:], cooperation: "obstructed") == "obstructed")
    }

    @Test func aJointTaskIsPublishedWithTheHighestRankedDepartmentResult() throws {
        let w = try World()
        let day = "2024-05-13"
        let changes: [String: [String: Datum]] = [
            // Market supervision: cold storage too warm, not corrected → pending (rank 30).
            "market_supervision": ["cold_storage_temp": .double(12)],
            // Health: a problem corrected on site → corrected (rank 20).
            "health": ["classroom_lighting_ok": .bool(false)],
        ]
        for (department, checklist) in World.canteenChecklists {
            var text = try w.findings(w.kuancheng, plan: World.canteens, department: department, checklist: checklist, on: day,
                                      changes: changes[department] ?? [:])
            if department == "health" { text += "rectified_on_site: [classroom_lighting_ok]\n" }
            let outcome = try w.submit(w.kuancheng, text, on: "2024-05-14", path: "\(department).yaml")
            #expect((outcome.evaluation.result?.code, department) == (["market_supervision": "pending", "health": "corrected"][department] ?? "no_problem", department))
        }
        let run = try w.kuancheng.publish(on: CivilDate(year: 2024, month: 5, day: 16)!, by: World.actor)
        let record = try #require(run.records.first)
        #expect(run.records.count == 1)
        #expect(record.resultCode == "pending")
        #expect(record.resultLabel == "发现问题待后续处理")
        #expect(record.resultTone == "serious")
        #expect(record.departmentResults.map { "\($0.department)=\($0.resultCode)" }.sorted() ==
                ["education=no_problem", "fire=no_problem", "health=corrected", "market_supervision=pending"])
        #expect(record.findings.contains { $0.hasPrefix("宽城满族自治县市场监督管理局：") })
        #expect(record.departments.contains("宽城满族自治县教育和体育局"))
    }

    /// Any string literal of a Swift source equal to a result code of the
    /// rule files would be a category named in code.
    @Test func noSourceNamesAResultCategory() throws {
        let (ws, _) = Workspace.load(root: World.root)
        // The findings' cooperation values (SPEC.md §6) share some spellings with the sample codes.
        let cooperation = Set(Findings.Cooperation.allCases.map(\.rawValue))
        let codes = Set(try #require(ws).rulebook.results.flatMap { [$0.code, $0.label] }).subtracting(cooperation)
        #expect(codes.count >= 10)
        let sources = URL(fileURLWithPath: World.root + "/Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 50)
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOfFile: sources.path + "/" + file, encoding: .utf8)
            for code in codes where text.contains("\"\(code)\"") { offenders.append("\(file): \(code)") }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
