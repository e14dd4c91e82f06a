import Foundation
import Testing

// End-to-end tests of `spotcheck check` (SPEC.md §6–§7): every fixture in
// Fixtures/findings is run through the built executable and the JSON is
// compared with what the checklists, Rules/routing.yaml, Rules/results.yaml
// and Rules/calendar/ say. Expected values are worked out by hand from those
// files; the reasoning is in the comments next to each expectation.
//
// Working-day arithmetic used below (calendar/2023.yaml, calendar/2024.yaml;
// "within N working days" counts working days after the inspection day):
//   2024-06-12 (Wed) + 20 → 2024-07-10   (no holiday between; 06-10 is before)
//   2024-06-13 (Thu) + 20 → 2024-07-11
//   2024-09-27 (Fri) +  3 → 2024-10-08   (09-29 Sun make-up day = 1, 09-30 = 2,
//                                          10-01..10-07 National Day, 10-08 = 3)
//   2024-09-27 (Fri) +  5 → 2024-10-10   (10-09 = 4, 10-10 = 5)
//   2024-09-27 (Fri) + 20 → 2024-10-30   (10-12 Sat make-up day counts too)
//   2023-11-07 (Tue) + 20 → 2023-12-05
//   2023-11-08 (Wed) + 20 → 2023-12-06

// Helper types live in the suite's namespace so they cannot clash with other
// files of the SpotcheckTests target.
extension CheckEndToEndTests {
    /// One referral of the output, comparable as a value.
    struct Referral: Hashable, Comparable, CustomStringConvertible {
        var to: String
        var kind: String
        var items: [String]
        var due: String?

        init(_ to: String, _ kind: String, _ items: [String], due: String?) {
            self.to = to
            self.kind = kind
            self.items = items
            self.due = due
        }

        static func < (a: Referral, b: Referral) -> Bool { (a.to, a.kind) < (b.to, b.kind) }
        var description: String { "\(to)/\(kind) \(items) due \(due ?? "nil")" }
    }

    /// One element of the JSON array, with accessors for what the tests read.
    struct Report {
        let raw: [String: Any]

        var entity: String? { raw["entity"] as? String }
        var entityName: String? { raw["entity_name"] as? String }
        var checklist: String? { raw["checklist"] as? String }
        var department: String? { raw["department"] as? String }
        var violations: [String]? { raw["violations"] as? [String] }
        var result: [String: Any]? { raw["result"] as? [String: Any] }
        var resultCode: String? { result?["code"] as? String }
        var resultLabel: String? { result?["label"] as? String }
        var items: [[String: Any]] { raw["items"] as? [[String: Any]] ?? [] }
        var itemIDs: [String] { items.compactMap { $0["id"] as? String } }

        /// Referrals sorted by (to, kind): SPEC.md §7 fixes their content, not their order.
        var referrals: [Referral] {
            (raw["referrals"] as? [[String: Any]] ?? []).map {
                Referral($0["to"] as? String ?? "?", $0["kind"] as? String ?? "?", $0["items"] as? [String] ?? [], due: $0["due"] as? String)
            }.sorted()
        }

        /// Ids of violations that no route took.
        var unrouted: [String] { (raw["unrouted"] as? [[String: Any]] ?? []).compactMap { $0["item"] as? String } }

        func item(_ id: String) -> [String: Any]? { items.first { $0["id"] as? String == id } }
        func status(_ id: String) -> String? { item(id)?["status"] as? String }
        func statuses(_ ids: [String]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: ids.map { ($0, status($0) ?? "<missing>") })
        }
        func message(_ id: String) -> String? { item(id)?["message"] as? String }
        func explainRule(_ id: String) -> String? { (item(id)?["explain"] as? [String: Any])?["rule"] as? String }
        func explainValues(_ id: String) -> [String: Any]? { (item(id)?["explain"] as? [String: Any])?["values"] as? [String: Any] }
        func value(_ id: String) -> Any? { item(id)?["value"] }
    }

    /// A JSON number as Double (JSONSerialization may give NSNumber, Int or Double).
    func number(_ v: Any?) -> Double? {
        if let n = v as? NSNumber { return n.doubleValue }
        if let d = v as? Double { return d }
        if let i = v as? Int { return Double(i) }
        return nil
    }

    /// The diagnostics of stderr that are errors.
    func errorLines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error:") }
    }

    /// A findings file that must be rejected, with the place of the offending token.
    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var file: String
        var line: Int
        var column: Int
        /// The text that starts at line:column in the fixture.
        var token: String
        var zh: [String]
        var en: [String]
        var testDescription: String { file }
    }
}

@Suite struct CheckEndToEndTests {
    // MARK: - helpers

    /// `spotcheck check FILES --format json [extra]`, expecting success.
    func check(_ files: [String], _ extra: [String] = [], root: URL? = nil) throws -> (CLIResult, [Report]) {
        var args = ["check"] + files.map(CLIRunner.fixture) + ["--format", "json"] + extra
        if let root { args += ["--root", root.path] }
        let r = try CLIRunner.run(args)
        #expect(r.status == 0, "\(r)")
        #expect(!r.stderr.contains(": error:"), "\(r.stderr)")
        let reports = try r.jsonArray().map(Report.init)
        #expect(reports.count == files.count, "\(r)")
        return (r, reports)
    }

    func checkOne(_ file: String, _ extra: [String] = [], root: URL? = nil) throws -> Report {
        let (r, reports) = try check([file], extra, root: root)
        return try #require(reports.first, "\(r)")
    }

    // MARK: - education: its own problems stay with education

    @Test func educationProblemsStayWithEducation() throws {
        let e = try checkOne("education_canteen_problems.yaml")
        #expect(e.entity == "12130827MB0K47291R")
        #expect(e.checklist == "education.school_canteen")
        #expect(e.department == "education")
        // Every item and rule of the checklist appears, in file order (31 items + 1 rule).
        #expect(e.itemIDs.count == 33)
        #expect(e.itemIDs.first == "principal_responsibility")
        #expect(e.itemIDs.last == "outsourced_under_nutrition_plan")

        #expect(e.statuses(["principal_responsibility", "accompany_missing_days", "info_disclosure", "canteen_operation",
                            "contracted_out", "contractor_selected_openly", "contract_signed", "supplier_licensed",
                            "delivered_meals_checked", "campus_shop_licensed", "campus_shop_unhealthy_food",
                            "outsourced_under_nutrition_plan"]) == [
            "principal_responsibility": "pass",
            "accompany_missing_days": "fail",          // 4 > 0
            "info_disclosure": "fail",                 // false != true (rectified on site, still a violation)
            "canteen_operation": "pass",               // a choice without a rule
            "contracted_out": "pass",                  // computed: 承包经营 != 自主经营 → true
            "contractor_selected_openly": "fail",      // relevant (contracted_out), false != true
            "contract_signed": "pass",
            "supplier_licensed": "not_applicable",     // orders_external_meals == false
            "delivered_meals_checked": "not_applicable",
            "campus_shop_licensed": "pass",
            "campus_shop_unhealthy_food": "fail",      // expect false, answered true
            "outsourced_under_nutrition_plan": "fail", // nutrition_improvement_plan && contracted_out
        ])
        #expect(e.value("contracted_out") as? Bool == true)
        #expect(e.explainRule("accompany_missing_days") == "value > 0")
        #expect(number(e.explainValues("accompany_missing_days")?["value"]) == 4)
        #expect(e.message("accompany_missing_days") == "近一个月有 4 个供餐日无陪餐记录")
        #expect(e.message("outsourced_under_nutrition_plan") == "学校实施营养改善计划，食堂却为承包经营")
        #expect(e.violations == ["accompany_missing_days", "info_disclosure", "contractor_selected_openly",
                                 "campus_shop_unhealthy_food", "outsourced_under_nutrition_plan"])
        // Not all violations were rectified → 发现问题待后续处理.
        #expect(e.resultCode == "pending")
        #expect(e.resultLabel == "发现问题待后续处理")
        // All domains are school_management (education's own): no transfer; the
        // rectified info_disclosure matches no route (own_followup needs !rectified).
        #expect(e.referrals == [
            Referral("education", "rectification_followup",
                     ["accompany_missing_days", "contractor_selected_openly", "campus_shop_unhealthy_food", "outsourced_under_nutrition_plan"],
                     due: "2024-07-10"),
        ])
        #expect(e.unrouted == ["info_disclosure"])
    }

    // MARK: - fire: an extinguisher problem found by fire goes to fire itself

    @Test func fireExtinguisherProblemRoutesToFireItself() throws {
        let f = try checkOne("fire_kitchen_extinguishers.yaml")
        #expect(f.department == "fire")
        #expect(f.statuses(["extinguishers_present", "extinguishers_defective", "gas_type", "gas_alarm", "gas_shutoff",
                            "lpg_storage_ok", "exits_clear", "hydrants_ok", "daily_patrol", "hood_cleaning_overdue"]) == [
            "extinguishers_present": "pass",
            "extinguishers_defective": "fail",     // 3 > 0
            "gas_type": "pass",
            "gas_alarm": "fail",                   // uses_gas, false != true
            "gas_shutoff": "not_applicable",       // only for 管道燃气
            "lpg_storage_ok": "pass",              // 瓶装液化石油气 → relevant, true
            "exits_clear": "fail",
            "hydrants_ok": "not_applicable",       // has_indoor_hydrant == false
            "daily_patrol": "pass",                // key_unit → relevant
            "hood_cleaning_overdue": "fail",       // 120 > 90
        ])
        #expect(f.explainRule("extinguishers_defective") == "value > 0")
        #expect(number(f.explainValues("extinguishers_defective")?["value"]) == 3)
        #expect(f.message("extinguishers_defective") == "发现 3 具灭火器过期、失压或损坏，未保持完好有效")
        #expect(f.explainRule("hood_cleaning_overdue") == "days_since_hood_cleaning > hood_cleaning_interval_days")
        #expect(number(f.explainValues("hood_cleaning_overdue")?["days_since_hood_cleaning"]) == 120)
        #expect(number(f.explainValues("hood_cleaning_overdue")?["hood_cleaning_interval_days"]) == 90)
        #expect(f.violations == ["extinguishers_defective", "gas_alarm", "exits_clear", "hood_cleaning_overdue"])
        #expect(f.resultCode == "pending")
        // fire_safety is fire's own domain → rectification_followup to fire, never a transfer;
        // exits_clear was rectified on site and is not followed up.
        #expect(f.referrals == [
            Referral("fire", "rectification_followup", ["extinguishers_defective", "gas_alarm", "hood_cleaning_overdue"], due: "2024-07-10"),
        ])
        #expect(f.unrouted == ["exits_clear"])
    }

    // MARK: - market supervision: numeric violation with explain

    @Test func coldStorageExplainAndEvidence() throws {
        let m = try checkOne("ms_canteen_cold_storage.yaml")
        #expect(m.checklist == "market_supervision.school_canteen_food_safety")
        #expect(m.raw["checklist_version"] as? String == "2024.1")
        #expect(m.status("cold_storage_temp") == "fail")
        #expect(number(m.value("cold_storage_temp")) == 9.5)
        #expect(m.explainRule("cold_storage_temp") == "value > 8.0")
        let values = try #require(m.explainValues("cold_storage_temp"))
        #expect(values.count == 1)
        #expect(number(values["value"]) == 9.5)
        #expect(m.message("cold_storage_temp") == "冷藏温度 9.5℃，高于 8℃")
        #expect(m.item("cold_storage_temp")?["severity"] as? String == "general")
        #expect(m.item("cold_storage_temp")?["basis"] as? String == "《餐饮服务食品安全操作规范》；《中华人民共和国食品安全法》第五十六条")
        // The cross-item rule: 100 < 125 → violated although 48 h is enough.
        #expect(m.status("sample_retention") == "fail")
        #expect(m.explainRule("sample_retention") == "sample_grams < 125.0 || sample_hours < 48.0")
        #expect(number(m.explainValues("sample_retention")?["sample_grams"]) == 100)
        #expect(number(m.explainValues("sample_retention")?["sample_hours"]) == 48)
        // Evidence: photo given for cold_storage_temp, none for sample_retention (evidence: photo).
        #expect(m.item("cold_storage_temp")?["evidence_missing"] == nil)
        #expect(m.item("sample_retention")?["evidence_missing"] as? Bool == true)
        #expect(m.statuses(["sample_grams", "sample_hours", "open_kitchen", "additive_management"]) == [
            "sample_grams": "pass", "sample_hours": "pass", "open_kitchen": "fail", "additive_management": "pass",
        ])
        #expect(m.violations == ["cold_storage_temp", "open_kitchen", "sample_retention"])
        #expect(m.resultCode == "pending")
        #expect(m.referrals == [
            Referral("market_supervision", "rectification_followup", ["cold_storage_temp", "open_kitchen", "sample_retention"], due: "2024-07-10"),
        ])
        #expect(m.unrouted.isEmpty)
    }

    @Test func englishMessagesAndLabels() throws {
        let m = try checkOne("ms_canteen_cold_storage.yaml", ["--lang", "en"])
        #expect(m.message("cold_storage_temp") == "Refrigerator at 9.5℃, above 8℃")
        #expect(m.resultLabel == "Problems found, pending further action")
        #expect(m.resultCode == "pending")
    }

    @Test func checklistHashIsTheFileHash() throws {
        let (_, reports) = try check(["ms_canteen_cold_storage.yaml", "ms_canteen_non_food_2024-09-27.yaml", "registration_company.json"])
        let hashes = reports.map { $0.raw["checklist_sha256"] as? String ?? "" }
        #expect(hashes.allSatisfy { $0.count == 64 && $0.allSatisfy(\.isHexDigit) })
        #expect(hashes[0] == hashes[1])   // same checklist
        #expect(hashes[0] != hashes[2])   // another checklist
        let tool = "/usr/bin/sha256sum"
        if FileManager.default.isExecutableFile(atPath: tool) {
            let p = Process()
            let pipe = Pipe()
            p.executableURL = URL(fileURLWithPath: tool)
            p.arguments = [CLIRunner.packageRoot.appendingPathComponent("Checklists/market_supervision/school_canteen_food_safety.yaml").path]
            p.standardOutput = pipe
            try p.run()
            let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(out.hasPrefix(hashes[0]))
        }
    }

    // MARK: - suspected crime, refused signature, deadlines across National Day

    @Test func suspectedCrimeGoesToPublicSecurityAcrossNationalDay() throws {
        let m = try checkOne("ms_canteen_non_food_2024-09-27.yaml")
        #expect(m.raw["inspected_on"] as? String == "2024-09-27")
        #expect(m.statuses(["non_food_materials", "staff_without_health_cert", "expired_raw_materials", "cold_storage_temp", "sample_retention"]) == [
            "non_food_materials": "fail", "staff_without_health_cert": "fail", "expired_raw_materials": "pass",
            "cold_storage_temp": "pass", "sample_retention": "pass",   // 130 g, 50 h
        ])
        #expect(m.violations == ["staff_without_health_cert", "non_food_materials"])
        #expect(m.resultCode == "pending")
        // non_food_materials: suspected_crime → public_security/judicial (3 working days),
        // and as market supervision's own unrectified problem also rectification_followup (20).
        #expect(m.referrals == [
            Referral("market_supervision", "rectification_followup", ["staff_without_health_cert", "non_food_materials"], due: "2024-10-30"),
            Referral("public_security", "judicial", ["non_food_materials"], due: "2024-10-08"),
        ])
        // The refused signature is recorded as is.
        #expect(m.raw["signature"] as? String == "refused")
        #expect(m.raw["refusal_note"] as? String == "食堂承包方负责人拒绝在现场检查笔录上签字，已由两名执法人员在笔录上注明并全程录像")
        #expect(m.raw["cooperation"] as? String == "cooperated")
    }

    // MARK: - cross-department transfer (needs a probe checklist, see below)

    /// None of the six real checklists has an item whose domain belongs to
    /// another department, so a transfer cannot be shown with them. This probe
    /// checklist is written to a temporary copy of Rules/ and Checklists/ and
    /// used with `--root`.
    static let crossDepartmentProbeChecklist = """
        checklist: health.canteen_crosscheck_probe
        version: "test"
        department: health
        title: 跨部门转办测试清单
        items:
          - id: fridge_temp
            title: 食堂冷藏设施温度
            answer: number
            unit: "℃"
            range: [-30, 30]
            violation: "value > 8.0"
            severity: general
            domain: food_safety
            finding: 食堂冷藏设施温度高于8℃
          - id: kitchen_extinguishers_ok
            title: 厨房灭火器完好有效
            answer: yes_no
            expect: true
            severity: general
            domain: fire_safety
            finding: 厨房灭火器缺失或失效
          - id: morning_check_recorded
            title: 落实晨检制度并有记录
            answer: yes_no
            expect: true
            severity: general
            domain: infectious_disease
            finding: 未落实晨检制度或无记录

        """

    @Test func crossDepartmentTransferDueAfterNationalDay() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("spotcheck-probe-\(UUID().uuidString)")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: root) }
        for dir in ["Rules", "Checklists"] {
            try fm.copyItem(at: CLIRunner.packageRoot.appendingPathComponent(dir), to: root.appendingPathComponent(dir))
        }
        try Self.crossDepartmentProbeChecklist.write(to: root.appendingPathComponent("Checklists/health/canteen_crosscheck_probe.yaml"),
                                                    atomically: true, encoding: .utf8)

        let h = try checkOne("probe_cross_department_2024-09-27.yaml", root: root)
        #expect(h.department == "health")
        #expect(h.violations == ["fridge_temp", "kitchen_extinguishers_ok", "morning_check_recorded"])
        // other_department: competent != inspection.department → transfer within 5 working days,
        // whether or not rectified on site (fridge_temp was).
        #expect(h.referrals == [
            Referral("fire", "transfer", ["kitchen_extinguishers_ok"], due: "2024-10-10"),
            Referral("health", "rectification_followup", ["morning_check_recorded"], due: "2024-10-30"),
            Referral("market_supervision", "transfer", ["fridge_temp"], due: "2024-10-10"),
        ])
        #expect(h.resultCode == "pending")
        #expect(h.unrouted.isEmpty)
    }

    // MARK: - credit record, unreachable, false disclosure

    @Test func unreachableEntity() throws {
        let r = try checkOne("registration_unreachable.yaml")
        #expect(r.raw["cooperation"] as? String == "unreachable")
        #expect(r.statuses(["entity_type", "is_company", "reachable_at_registered_address", "name_matches", "license_displayed",
                            "unregistered_changes", "registration_truthful", "unreported_annual_reports", "instant_info_disclosed",
                            "due_capital", "capital_paid_on_time"]) == [
            "entity_type": "pass",
            "is_company": "pass",                          // computed false
            "reachable_at_registered_address": "fail",
            "name_matches": "not_applicable",              // relevant only when reachable
            "license_displayed": "not_applicable",
            "unregistered_changes": "not_checked",         // could not be checked on site
            "registration_truthful": "not_checked",
            "unreported_annual_reports": "fail",           // 1 > 0
            "instant_info_disclosed": "not_applicable",    // 个体工商户
            "due_capital": "not_applicable",               // not a company
            "capital_paid_on_time": "not_applicable",
        ])
        #expect(r.value("is_company") as? Bool == false)
        #expect(r.message("reachable_at_registered_address") == "通过登记的住所（经营场所）无法联系")
        #expect(r.violations == ["reachable_at_registered_address", "unreported_annual_reports"])
        // results.yaml: unreachable comes first, before not_disclosed.
        #expect(r.resultCode == "unreachable")
        #expect(r.resultLabel == "通过登记的住所（经营场所）无法联系")
        // Both violations carry credit_penalty → credit; both are market supervision's own.
        #expect(r.referrals == [
            Referral("credit", "credit_record", ["reachable_at_registered_address", "unreported_annual_reports"], due: "2023-12-06"),
            Referral("market_supervision", "rectification_followup", ["reachable_at_registered_address", "unreported_annual_reports"], due: "2023-12-06"),
        ])
    }

    @Test func jsonFindingsCompanyFalseDisclosure() throws {
        let r = try checkOne("registration_company.json")
        #expect(r.entity == "91130322MA7K14968L")
        #expect(r.entityName == "昌黎县清真牛羊肉制品有限公司")
        #expect(r.raw["inspected_on"] as? String == "2023-11-07")
        #expect(r.statuses(["is_company", "annual_report_truthful", "instant_info_disclosed", "due_capital", "paid_in_capital",
                            "capital_disclosed_truthfully", "capital_paid_on_time"]) == [
            "is_company": "pass", "annual_report_truthful": "fail", "instant_info_disclosed": "pass",
            "due_capital": "pass", "paid_in_capital": "pass", "capital_disclosed_truthfully": "pass",
            "capital_paid_on_time": "fail",   // 30 < 100
        ])
        #expect(r.value("is_company") as? Bool == true)
        #expect(r.explainRule("capital_paid_on_time") == "paid_in_capital < due_capital")
        #expect(number(r.explainValues("capital_paid_on_time")?["paid_in_capital"]) == 30)
        #expect(number(r.explainValues("capital_paid_on_time")?["due_capital"]) == 100)
        #expect(r.violations == ["annual_report_truthful", "capital_paid_on_time"])
        // information_disclosure violation with credit_penalty → false_disclosure.
        #expect(r.resultCode == "false_disclosure")
        #expect(r.resultLabel == "公示信息隐瞒真实情况、弄虚作假")
        #expect(r.referrals == [
            Referral("credit", "credit_record", ["annual_report_truthful"], due: "2023-12-05"),
            Referral("market_supervision", "rectification_followup", ["annual_report_truthful", "capital_paid_on_time"], due: "2023-12-05"),
        ])
    }

    // MARK: - health

    @Test func healthAllPassIsNoProblem() throws {
        let h = try checkOne("health_all_pass.yaml")
        #expect(h.violations == [])
        #expect(h.resultCode == "no_problem")
        #expect(h.resultLabel == "未发现问题")
        #expect(h.referrals == [])
        #expect(h.unrouted.isEmpty)
        #expect(!h.items.contains { $0["status"] as? String == "fail" || $0["status"] as? String == "error" || $0["status"] as? String == "not_checked" })
        #expect(h.statuses(["own_source_license", "tank_days_since_cleaning", "water_products_approved", "tap_free_chlorine",
                            "cluster_events_reported", "vaccination_cert_check", "health_staff_ratio", "cluster_reporting"]) == [
            "own_source_license": "not_applicable",        // 二次供水
            "tank_days_since_cleaning": "pass",            // 120 ≤ 365
            "water_products_approved": "pass",             // relevant through 二次供水
            "tap_free_chlorine": "pass",                   // 0.3 within [0.05, 2]
            "cluster_events_reported": "not_applicable",   // no cluster
            "vaccination_cert_check": "not_applicable",    // 初中
            "health_staff_ratio": "pass",                  // 3 ≥ 1300 / 600 = 2
            "cluster_reporting": "not_applicable",
        ])
    }

    @Test func healthWaterAndClusterProblems() throws {
        let h = try checkOne("health_water_and_clusters.yaml")
        #expect(h.statuses(["desks_match_height", "own_source_license", "own_source_water_tested", "tank_days_since_cleaning",
                            "tank_protected", "tap_free_chlorine", "vaccination_cert_check", "health_staff_ratio", "cluster_reporting"]) == [
            "desks_match_height": "not_checked",         // required: false, left unanswered
            "own_source_license": "pass",
            "own_source_water_tested": "fail",
            "tank_days_since_cleaning": "not_applicable", // 自备水源
            "tank_protected": "not_applicable",
            "tap_free_chlorine": "fail",                 // 0.03 < 0.05
            "vaccination_cert_check": "pass",            // 小学 → relevant
            "health_staff_ratio": "fail",                // 0 < 760 / 600 = 1
            "cluster_reporting": "fail",                 // 1 < 2
        ])
        #expect(h.explainRule("tap_free_chlorine") == "value < 0.05 || value > 2.0")
        #expect(number(h.explainValues("tap_free_chlorine")?["value"]) == 0.03)
        #expect(h.message("cluster_reporting") == "本学期聚集性病例事件 2 起，按时报告仅 1 起")
        #expect(h.violations == ["own_source_water_tested", "tap_free_chlorine", "health_staff_ratio", "cluster_reporting"])
        #expect(h.resultCode == "pending")
        #expect(h.referrals == [
            Referral("health", "rectification_followup",
                     ["own_source_water_tested", "tap_free_chlorine", "health_staff_ratio", "cluster_reporting"], due: "2024-07-11"),
        ])
    }

    // MARK: - halal food

    @Test func allRectifiedOnSiteIsCorrected() throws {
        let r = try checkOne("halal_corrected.yaml")
        #expect(r.violations == ["name_ad_taboo", "packaging_misused"])
        #expect(r.statuses(["individual_is_minority", "staff_total", "minority_share_pct", "packaging_approved",
                            "minority_share_below_required"]) == [
            "individual_is_minority": "pass",
            "staff_total": "not_applicable",                  // 个体经营者
            "minority_share_pct": "not_applicable",
            "packaging_approved": "pass",
            "minority_share_below_required": "not_applicable",
        ])
        // Every violation rectified → 发现问题已责令改正; neither has credit_penalty or
        // suspected_crime and both are the department's own, so nothing is referred.
        #expect(r.resultCode == "corrected")
        #expect(r.resultLabel == "发现问题已责令改正")
        #expect(r.referrals == [])
        #expect(r.unrouted == ["name_ad_taboo", "packaging_misused"])
    }

    @Test func halalCreditRecordAndComputedShare() throws {
        let r = try checkOne("halal_unit_problems.yaml")
        #expect(r.status("minority_share_pct") == "pass")
        #expect(number(r.value("minority_share_pct")) == 12.5)   // 2 * 100 / 16
        #expect(r.status("minority_staff") == "pass")            // 2 != 0
        #expect(r.explainRule("minority_share_below_required") == "minority_share_pct < required_share_pct")
        #expect(number(r.explainValues("minority_share_below_required")?["minority_share_pct"]) == 12.5)
        #expect(number(r.explainValues("minority_share_below_required")?["required_share_pct"]) == 25)
        #expect(r.violations == ["taboo_food_present", "minority_share_below_required"])
        #expect(r.resultCode == "pending")
        #expect(r.referrals == [
            Referral("credit", "credit_record", ["taboo_food_present"], due: "2023-12-06"),
            Referral("ethnic_religious", "rectification_followup", ["taboo_food_present", "minority_share_below_required"], due: "2023-12-06"),
        ])
    }

    // MARK: - entity by id

    @Test func entityGivenByIDIsLookedUp() throws {
        let r = try checkOne("fire_all_pass_by_id.yaml", ["--entities", "Rules/samples/kuancheng/schools.csv"])
        #expect(r.entity == "12130827887622790E")
        #expect(r.entityName == "宽城满族自治县第二中学")
        #expect(r.status("gas_shutoff") == "pass")
        #expect(r.status("lpg_storage_ok") == "not_applicable")
        #expect(r.status("hood_cleaning_overdue") == "pass")   // 60 > 60 is false
        #expect(r.violations == [])
        #expect(r.resultCode == "no_problem")
        #expect(r.referrals == [])
    }

    @Test func entityGivenByIDWithoutDirectoryIsAnError() throws {
        let r = try CLIRunner.run(["check", CLIRunner.fixture("fire_all_pass_by_id.yaml"), "--format", "json", "--lang", "en"])
        #expect(r.status == 1)
        // entity: is on line 6, its value at column 9.
        #expect(r.stderr.contains("\(CLIRunner.fixture("fire_all_pass_by_id.yaml")):6:9: error:"), "\(r.stderr)")
    }

    // MARK: - several files at once

    @Test func severalFilesInOrder() throws {
        let files = ["education_canteen_problems.yaml", "fire_kitchen_extinguishers.yaml", "ms_canteen_cold_storage.yaml",
                     "ms_canteen_non_food_2024-09-27.yaml", "health_all_pass.yaml", "halal_corrected.yaml"]
        let (_, reports) = try check(files)
        #expect(reports.map(\.department) == ["education", "fire", "market_supervision", "market_supervision", "health", "ethnic_religious"])
        #expect(reports.map(\.entity) == ["12130827MB0K47291R", "12130827MB1P58302W", "12130827MB2D69413X",
                                          "52130827MJ3F70524Y", "12130827MB4G81635H", "92130322MA8L25079M"])
        #expect(reports.map(\.resultCode) == ["pending", "pending", "pending", "pending", "no_problem", "corrected"])
        // With the real checklists every follow-up stays with the inspecting department
        // and nothing is transferred.
        for r in reports {
            #expect(!r.referrals.contains { $0.kind == "transfer" }, "\(r.entity ?? "")")
            #expect(r.referrals.filter { $0.kind == "rectification_followup" }.allSatisfy { $0.to == r.department })
        }
        #expect(reports[0].referrals.map(\.to) == ["education"])
        #expect(reports[1].referrals.map(\.to) == ["fire"])
        #expect(reports[3].referrals.map(\.to) == ["market_supervision", "public_security"])
        // Same evaluation whether alone or in a batch.
        let alone = try checkOne("fire_kitchen_extinguishers.yaml")
        #expect(alone.referrals == reports[1].referrals)
        #expect(alone.violations == reports[1].violations)
    }

    @Test func batchWithAnInvalidFileFailsButEvaluatesTheOthers() throws {
        let r = try CLIRunner.run(["check", CLIRunner.fixture("health_all_pass.yaml"), CLIRunner.fixture("invalid_out_of_range.yaml"),
                                   CLIRunner.fixture("halal_corrected.yaml"), "--format", "json"])
        #expect(r.status == 1)
        #expect(errorLines(r.stderr).count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(CLIRunner.fixture("invalid_out_of_range.yaml")):12:22: error:"))
        // One object per file, in order; the refused file says so and why.
        let objects = try r.jsonArray()
        #expect(objects.count == 3)
        #expect(objects.map { $0["evaluated"] as? Bool } == [true, false, true])
        #expect((objects[1]["file"] as? String) == CLIRunner.fixture("invalid_out_of_range.yaml"))
        let refusal = try #require((objects[1]["errors"] as? [[String: Any]])?.first)
        #expect(refusal["line"] as? Int == 12)
        #expect(refusal["column"] as? Int == 22)
        let reports = [objects[0], objects[2]].map(Report.init)
        #expect(reports.map(\.entity) == ["12130827MB4G81635H", "92130322MA8L25079M"])
    }

    // MARK: - invalid findings

    static let invalidCases: [InvalidCase] = [
        InvalidCase(file: "invalid_unknown_item.yaml", line: 16, column: 3, token: "extinguisher_valid:",
                    zh: ["没有事项“extinguisher_valid”"], en: ["has no item 'extinguisher_valid'"]),
        InvalidCase(file: "invalid_wrong_type.yaml", line: 13, column: 30, token: "1.5",
                    zh: ["staff_without_health_cert", "整数"], en: ["'staff_without_health_cert' must be an integer"]),
        InvalidCase(file: "invalid_out_of_range.yaml", line: 12, column: 22, token: "45",
                    zh: ["cold_storage_temp", "超出取值范围 [-30, 30]"], en: ["'cold_storage_temp'", "outside its range [-30, 30]"]),
        InvalidCase(file: "invalid_choice.yaml", line: 11, column: 24, token: "部分落实",
                    zh: ["additive_management", "部分落实"], en: ["'additive_management' must be one of", "部分落实"]),
        InvalidCase(file: "invalid_unknown_checklist.yaml", line: 6, column: 12, token: "market_supervision.school_canteen_hygiene",
                    zh: ["未知的检查事项清单“market_supervision.school_canteen_hygiene”"],
                    en: ["unknown checklist 'market_supervision.school_canteen_hygiene'"]),
        InvalidCase(file: "invalid_other_department.yaml", line: 5, column: 13, token: "education",
                    zh: ["属于“fire”", "“education”"], en: ["belongs to 'fire'", "cannot be filed by 'education'"]),
        InvalidCase(file: "invalid_out_of_range.json", line: 9, column: 26, token: "12.5",
                    zh: ["tap_free_chlorine", "超出取值范围"], en: ["'tap_free_chlorine'", "outside its range"]),
    ]

    /// The expected place really is the offending token of the fixture.
    @Test(arguments: invalidCases) func invalidFixturePlacesPointAtTheToken(_ c: InvalidCase) throws {
        let text = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent(CLIRunner.fixture(c.file)), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        try #require(lines.count >= c.line)
        let line = Array(lines[c.line - 1])
        try #require(line.count >= c.column)
        #expect(String(line[(c.column - 1)...]).hasPrefix(c.token), "line \(c.line): \(String(line))")
    }

    @Test(arguments: invalidCases, ["zh", "en"]) func invalidFindingsAreRejected(_ c: InvalidCase, _ lang: String) throws {
        let path = CLIRunner.fixture(c.file)
        let r = try CLIRunner.run(["check", path, "--format", "json", "--lang", lang])
        #expect(r.status == 1, "\(r)")
        // Not evaluated: the file's object says so, with the error's place.
        let objects = try r.jsonArray()
        #expect(objects.count == 1)
        #expect(objects.first?["evaluated"] as? Bool == false)
        let refusal = try #require((objects.first?["errors"] as? [[String: Any]])?.first)
        #expect(refusal["line"] as? Int == c.line)
        #expect(refusal["column"] as? Int == c.column)
        let errors = errorLines(r.stderr)
        #expect(errors.count == 1, "\(r.stderr)")
        let line = try #require(errors.first)
        #expect(line.hasPrefix("\(path):\(c.line):\(c.column): error:"), "\(line)")
        for fragment in lang == "zh" ? c.zh : c.en {
            #expect(line.contains(fragment), "\(line)")
        }
        // The message is in the chosen language (Chinese punctuation marks the Chinese ones).
        if lang == "zh" { #expect(line.contains("“") || line.contains("：")) } else { #expect(!line.contains("错误") && !line.contains("“")) }
    }

    @Test func invalidFileInTextFormatAlsoFails() throws {
        let path = CLIRunner.fixture("invalid_choice.yaml")
        let r = try CLIRunner.run(["check", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(path):11:24: error:"))
        #expect(!r.stdout.contains("抽查结果"))
    }

    // MARK: - text format

    @Test func textReportChinese() throws {
        let r = try CLIRunner.run(["check", CLIRunner.fixture("ms_canteen_non_food_2024-09-27.yaml"), CLIRunner.fixture("health_all_pass.yaml"),
                                   CLIRunner.fixture("halal_corrected.yaml")])
        #expect(r.status == 0, "\(r)")
        let out = r.stdout
        #expect(out.contains("宽城满族自治县板城镇中心幼儿园"))
        #expect(out.contains("抽查结果：发现问题待后续处理"))
        #expect(out.contains("抽查结果：未发现问题"))
        #expect(out.contains("抽查结果：发现问题已责令改正"))
        #expect(out.contains("拒绝签字"))
        #expect(out.contains("食堂承包方负责人拒绝在现场检查笔录上签字"))
        #expect(out.contains("宽城满族自治县公安局"))
        #expect(out.contains("2024-10-08"))
        #expect(out.contains("value > 0"))
        // The three reports come in the order of the files.
        let a = try #require(out.range(of: "板城镇中心幼儿园"))
        let b = try #require(out.range(of: "宽城满族自治县第三中学"))
        let c = try #require(out.range(of: "昌黎县回民清真糕点坊"))
        #expect(a.lowerBound < b.lowerBound && b.lowerBound < c.lowerBound)
    }

    @Test func textReportEnglish() throws {
        let r = try CLIRunner.run(["check", CLIRunner.fixture("registration_unreachable.yaml"), CLIRunner.fixture("health_all_pass.yaml"),
                                   "--lang", "en", "--format", "text"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("Cannot be reached at the registered address"))
        #expect(r.stdout.contains("No problem found"))
        #expect(r.stdout.contains("County Administration for Market Regulation"))
        #expect(!r.stdout.contains("抽查结果"))
    }
}

/// A problem found by one department and competent to another is
/// transferred there, due five working days later on the holiday calendar.
@Suite struct CrossDepartmentTransferTests {
    @Test func educationFindingsAreTransferredToFireAndMarketSupervision() throws {
        let r = try CLIRunner.run(["check", CLIRunner.fixture("education_cross_department_2024-09-27.yaml"), "--format", "json"])
        #expect(r.status == 0, "\(r)")
        let object = try #require(try r.jsonArray().first)
        #expect(object["violations"] as? [String] == ["canteen_extinguishers_ok", "staff_health_certificates_ok"])
        let referrals = try #require(object["referrals"] as? [[String: Any]])
        let summary = referrals.map { "\($0["to"] as? String ?? "?")/\($0["kind"] as? String ?? "?")/\(($0["items"] as? [String] ?? []).joined(separator: "+"))/\($0["due"] as? String ?? "-")" }
        // 2024-09-27 (Fri) + 5 working days: 09-29 (Sun, make-up day), 09-30, 10-08, 10-09, 10-10.
        #expect(summary == ["fire/transfer/canteen_extinguishers_ok/2024-10-10",
                            "market_supervision/transfer/staff_health_certificates_ok/2024-10-10"])
        #expect((object["result"] as? [String: Any])?["code"] as? String == "pending")
    }
}
