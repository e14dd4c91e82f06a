import Compliance
import Disclosure
import Draw
import Foundation
import Rulebook
import Store
import Testing
import WorkingDays
@testable import Spotcheck

/// The lifecycle on a store: submissions checked against the draw, versions,
/// disclosure without personal data, statistics from the store.
@Suite("Lifecycle", .serialized)
struct LifecycleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let plan = "2024-kuancheng-school-canteens"
    static let school = "12130827MB1Q30528K"

    // Personal data planted in the inputs; none may reach a disclosure.
    static let planted = ["欧阳娜娜", "13912345678", "0314-6560916", "王小明", "张伟", "李娜",
                          "11010519491231002X", "130827198807150616"]

    struct World {
        let office: CountyOffice
        let store: Store
        let dir: URL
    }

    static func world() throws -> World {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lifecycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let header = "id,name,kind,category,town,address,legal_rep,phone,status,registered_on,has_canteen,boarding,students,water_supply,halal,credit_grade\n"
        try (header + """
            \(school),宽城满族自治县板城镇中心小学,school,小学,板城镇,板城镇中心街1号,欧阳娜娜,13912345678,存续,2001-09-01,是,否,620,市政供水,否,
            92130827MA0XYZ123P,宽城满族自治县王小明烧烤店,food_business,餐饮服务,宽城镇,宽城镇北街8号,王小明,0314-6560916,存续,2019-03-02,,,,,否,B

            """).write(to: dir.appendingPathComponent("entities.csv"), atomically: true, encoding: .utf8)
        try """
            id,name,department,cert_no,active,avoid,specialties,phone
            E-001,张伟,education,13082701001,true,,,13800000001
            E-002,李娜,education,13082701002,true,,,13800000002
            M-001,刘强,market_supervision,13082702001,true,,,13800000003
            M-002,陈静,market_supervision,13082702002,true,,,13800000004
            H-001,杨洋,health,13082703001,true,,,13800000005
            H-002,赵磊,health,13082703002,true,,,13800000006
            F-001,黄勇,fire,13082704001,true,,,13800000007
            F-002,周杰,fire,13082704002,true,,,13800000008

            """.write(to: dir.appendingPathComponent("inspectors.csv"), atomically: true, encoding: .utf8)
        let (ws, diags) = Workspace.load(root: root)
        #expect(!diags.contains { $0.severity == .error })
        let store = try Store(path: dir.appendingPathComponent("store.sqlite").path)
        let office = CountyOffice(workspace: try #require(ws), store: store)
        _ = try office.importDirectories(entities: [dir.appendingPathComponent("entities.csv").path],
                                         inspectors: dir.appendingPathComponent("inspectors.csv").path)
        let teams: [String: Datum] = ["education": .list([.string("E-001"), .string("E-002")]),
                                      "market_supervision": .list([.string("M-001"), .string("M-002")]),
                                      "health": .list([.string("H-001"), .string("H-002")]),
                                      "fire": .list([.string("F-001"), .string("F-002")])]
        try store.recordPlan(id: plan, title: "测试计划", planSHA256: "p", rulesSHA256: "r")
        try store.recordDraw(DrawRecord(id: "D1", planID: plan, seed: "test", certificateJSON: "{}", createdAt: "2024-09-20"))
        try store.recordTasks([TaskRecord(id: "\(plan)/T-0001", drawID: "D1", planID: plan, entityKey: school,
                                          teamsJSON: DatumJSON.encode(.map(teams)), checklistsJSON: "{}", confirmedDue: "2024-09-24")])
        return World(office: office, store: store, dir: dir)
    }

    /// Education's findings for the drawn school; `extinguishers` false is a violation.
    static func findings(entity: String = school, inspectors: [String] = ["E-001", "E-002"], extinguishers: Bool = false,
                         note: String = "负责人欧阳娜娜（身份证11010519491231002X，电话13912345678）称已订购新灭火器") -> String {
        """
        plan: \(plan)
        task: T-0001
        entity: "\(entity)"
        department: education
        checklist: education.school_canteen
        inspected_on: 2024-09-27
        inspectors: [\(inspectors.joined(separator: ", "))]
        answers:
          principal_responsibility: true
          safety_rules_established: true
          hazard_inspection: true
          accompany_meal_system: true
          accompany_missing_days: 0
          food_safety_manager: true
          staff_training: true
          info_disclosure: true
          parent_supervision: true
          nutrition_education: true
          emergency_plan: true
          canteen_operation: 自主经营
          nutrition_improvement_plan: false
          orders_external_meals: false
          campus_shop: false
          canteen_extinguishers_ok: \(extinguishers)
          staff_health_certificates_ok: true
        notes:
          canteen_extinguishers_ok: "\(note)"
        """
    }

    static let day = CivilDate(year: 2024, month: 9, day: 30)!

    @Test func resubmissionKeepsBothVersionsAndEvaluatesTheLatest() throws {
        let w = try Self.world()
        let first = try w.office.submit(findingsText: Self.findings(extinguishers: false), path: "v1.yaml", submissionID: "S-1", receivedOn: Self.day)
        #expect(first.version == 1)
        #expect(first.evaluation?.violations == ["canteen_extinguishers_ok"])
        let again = try w.office.submit(findingsText: Self.findings(extinguishers: false), path: "v1.yaml", submissionID: "S-1", receivedOn: Self.day)
        #expect(again.duplicate && again.version == 1)
        let second = try w.office.submit(findingsText: Self.findings(extinguishers: true), path: "v2.yaml", submissionID: "S-2", receivedOn: Self.day)
        #expect(second.version == 2)
        let versions = try w.store.submissions(task: "\(Self.plan)/T-0001", checklist: "education.school_canteen")
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions.map(\.submissionID) == ["S-1", "S-2"])
        let latest = try w.store.latestEvaluations(plan: Self.plan)
        #expect(latest.count == 1)
        #expect(latest.first?.version == 2)
        #expect(latest.first?.violations == [])
        #expect(latest.first?.resultCode == "no_problem")
        // The first version's referral to fire stays on record.
        #expect(try w.store.referrals(status: nil).map(\.to) == ["fire"])
    }

    @Test func submissionsOutsideTheDrawAreRefusedAndWriteNothing() throws {
        let w = try Self.world()
        let auditBefore = try w.store.auditEntries().count
        // An entity that was not drawn for this task.
        #expect(throws: LifecycleError.self) {
            try w.office.submit(findingsText: Self.findings(entity: "92130827MA0XYZ123P"), path: "x.yaml", submissionID: "S-x", receivedOn: Self.day)
        }
        // An inspector who is not on the task's education team (M-001 is market supervision's).
        do {
            _ = try w.office.submit(findingsText: Self.findings(inspectors: ["E-001", "M-001"]), path: "y.yaml", submissionID: "S-y", receivedOn: Self.day)
            Issue.record("expected a refusal")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.message.en == "inspector 'M-001' is not on this task's education team (E-001, E-002)")
            #expect(d.line == 7)
        }
        #expect(try w.store.auditEntries().count == auditBefore)
        #expect(try w.store.latestSubmissions(plan: nil).isEmpty)
        #expect(try w.store.verifyAudit().ok)
    }

    @Test func disclosureCarriesNoPersonalData() throws {
        let w = try Self.world()
        _ = try w.office.submit(findingsText: Self.findings(), path: "v1.yaml", submissionID: "S-1", receivedOn: Self.day)
        // The school plan joins four departments: until all have entered results, nothing is published.
        #expect(try w.office.publish(on: Self.day).records.isEmpty)
        for (dept, checklist, inspectors) in [("market_supervision", "market_supervision.school_canteen_food_safety", "M-001, M-002"),
                                              ("health", "health.school_health", "H-001, H-002"),
                                              ("fire", "fire.school_kitchen_fire_safety", "F-001, F-002")] {
            let text = """
                plan: \(Self.plan)
                task: T-0001
                entity: "\(Self.school)"
                department: \(dept)
                checklist: \(checklist)
                inspected_on: 2024-09-27
                inspectors: [\(inspectors)]
                cooperation: obstructed
                refusal_note: "校长欧阳娜娜拒绝配合，联系电话13912345678，身份证号130827198807150616"
                signature: refused
                answers: {}
                """
            _ = try w.office.submit(findingsText: text, path: "\(dept).yaml", submissionID: "S-\(dept)", receivedOn: Self.day)
        }
        let run = try w.office.publish(on: Self.day)
        #expect(run.records.count == 1)
        let record = try #require(run.records.first)
        #expect(record.entityName == "宽城满族自治县板城镇中心小学")
        #expect(record.creditCode == Self.school)
        #expect(record.findings.contains { $0.contains("灭火器") })
        #expect(run.redacted.total >= 3)
        let outputs = [DisclosureRenderer.json(run.records), DisclosureRenderer.csv(run.records),
                       DisclosureRenderer.html(title: "公示", records: run.records, generatedOn: "2024-09-30")]
        for output in outputs {
            #expect(output.contains(Self.school))
            for value in Self.planted {
                #expect(!output.contains(value), "\(value) leaked into a disclosure")
            }
        }
        // And nothing personal in what the store keeps for publication.
        for d in try w.store.disclosures(plan: nil) {
            for value in Self.planted { #expect(!d.json.contains(value)) }
        }
    }

    @Test func reportSharesComeFromTheStore() throws {
        let w = try Self.world()
        _ = try w.office.submit(findingsText: Self.findings(), path: "v1.yaml", submissionID: "S-1", receivedOn: Self.day)
        let s = try w.office.statistics(year: 2024)
        // One task of a joint plan (4 departments), not credit-graded, one entity; one inspection entered.
        #expect(s.tasks == 1)
        #expect(s.inspections == 1)
        #expect(s.entities == 1)
        #expect(s.targets.map { "\($0.numerator)/\($0.denominator)" } == ["1/1", "1/1", "0/1"])
        #expect(s.byResult.map { "\($0.code)=\($0.count)" } == ["pending=1"])
        #expect(s.byDepartment.map { "\($0.department)=\($0.count)" } == ["education=1"])
    }

    @Test func listConfirmationDeadlines() throws {
        let w = try Self.world()
        let task = "\(Self.plan)/T-0001"   // confirmation due 2024-09-24
        try w.office.confirm(task: task, department: "education", on: CivilDate(year: 2024, month: 9, day: 23)!)
        try w.office.confirm(task: task, department: "fire", on: CivilDate(year: 2024, month: 9, day: 25)!)
        let states = try w.office.deadlines(on: CivilDate(year: 2024, month: 9, day: 26)!)
            .filter { $0.kind == .confirmList }.map { "\($0.subject.split(separator: " ").last!)=\($0.state.rawValue)" }
        #expect(states == ["education=done", "fire=done_late", "health=overdue", "market_supervision=overdue"])
        // A department with no part in the task cannot confirm it; a second, different confirmation is refused.
        #expect(throws: LifecycleError.self) { try w.office.confirm(task: task, department: "ethnic_religious", on: Self.day) }
        #expect(throws: (any Error).self) { try w.office.confirm(task: task, department: "education", on: Self.day) }
        #expect(try w.store.verifyAudit().ok)
    }
}
