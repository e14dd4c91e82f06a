import Compliance
import Foundation
import Messages
import Rulebook
import Store
import Testing
import WorkingDays
@testable import Spotcheck

/// A small real world on a fresh store: each county's directories with one
/// entity in its plan's population, the plans drawn, and findings written
/// from each checklist's own all-pass example (so a test changes only the
/// answers it is about).
struct LifecycleWorld {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let canteens = "2024-kuancheng-school-canteens"
    static let halal = "2023-changli-halal-food"
    static let school = "12130827MB1Q30528K"
    static let halalShop = "92130322MA0XYZ123P"
    static let actor = "lifecycle test"

    let workspace: Workspace
    let store: Store
    let kuancheng: CountyOffice
    let changli: CountyOffice
    let dir: URL

    var book: Rulebook { workspace.rulebook }

    static let entityHeader = "id,name,kind,category,town,address,legal_rep,phone,status,registered_on,has_canteen,boarding,students,water_supply,halal,credit_grade\n"

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("lifecycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let (ws, diags) = Workspace.load(root: Self.root)
        #expect(!diags.contains { $0.severity == .error }, "\(diags.map { $0.formatted(.en) })")
        workspace = try #require(ws)
        store = try Store.open(dir.appendingPathComponent("store.sqlite").path, mode: .create)
        kuancheng = try CountyOffice(workspace: workspace, store: store, jurisdiction: "kuancheng")
        changli = try CountyOffice(workspace: workspace, store: store, jurisdiction: "changli")
        try write("k-entities.csv", Self.entityHeader + """
            \(Self.school),宽城满族自治县板城镇初级中学,school,初中,板城镇,板城镇中心街1号,欧阳娜娜,13912345678,存续,2001-09-01,是,是,1300,二次供水,否,
            12130827MB2D69413X,宽城满族自治县板城镇东沟小学,school,小学,板城镇,东沟村,张三,0314-6560916,注销,1999-09-01,是,否,60,自备水源,否,

            """)
        try write("k-inspectors.csv", """
            id,name,department,cert_no,active,avoid,specialties,phone
            E-001,张伟,education,13082701001,true,,,13800000001
            E-002,李娜,education,13082701002,true,,,13800000002
            E-003,王五,education,,true,,,13800000009
            M-001,刘强,market_supervision,13082702001,true,,,13800000003
            M-002,陈静,market_supervision,13082702002,true,,,13800000004
            H-001,杨洋,health,13082703001,true,,,13800000005
            H-002,赵磊,health,13082703002,true,,,13800000006
            F-001,黄勇,fire,13082704001,true,,,13800000007
            F-002,周杰,fire,13082704002,true,,,13800000008

            """)
        try write("c-entities.csv", Self.entityHeader + """
            \(Self.halalShop),昌黎县马家清真肉制品厂,food_business,食品生产,昌黎镇,昌黎镇民生街8号,马明,13933334444,存续,2010-03-02,,,,市政供水,是,D

            """)
        try write("c-inspectors.csv", """
            id,name,department,cert_no,active,avoid,specialties,phone
            R-001,白芳,ethnic_religious,13032205001,true,,,13900000001
            R-002,丁军,ethnic_religious,13032205002,true,,,13900000002
            M-101,孙丽,market_supervision,13032202001,true,,,13900000003
            M-102,周强,market_supervision,13032202002,true,,,13900000004

            """)
        _ = try kuancheng.importDirectories(entities: [path("k-entities.csv")], inspectors: path("k-inspectors.csv"), by: Self.actor)
        _ = try changli.importDirectories(entities: [path("c-entities.csv")], inspectors: path("c-inspectors.csv"), by: Self.actor)
        _ = try kuancheng.draw(plan: Self.canteens, seed: .announced("test"), on: CivilDate(year: 2024, month: 5, day: 6)!, by: Self.actor)
        _ = try changli.draw(plan: Self.halal, seed: .announced("test"), on: CivilDate(year: 2023, month: 11, day: 1)!, by: Self.actor)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// The team drawn for `department` on the plan's only task.
    func team(_ office: CountyOffice, plan: String, _ department: String) throws -> [String] {
        let task = try #require(try store.task(jurisdiction: office.id, id: plan + "/T-0001"))
        return try #require(office.teams(of: task)[department])
    }

    /// Findings YAML for the plan's only task: the checklist's first example's
    /// answers with `changes` applied (`.null` removes an answer), and any extra keys.
    func findings(_ office: CountyOffice, plan: String, department: String, checklist: String, on day: String,
                  changes: [String: Datum] = [:], inspectors: [String]? = nil, extra: String = "") throws -> String {
        let c = try #require(book.checklist(checklist))
        var answers = c.examples[0].answers.map { ($0.key.value, $0.value.value) }
        for (k, v) in changes.sorted(by: { $0.key < $1.key }) {
            answers.removeAll { $0.0 == k }
            if case .null = v { continue }
            answers.append((k, v))
        }
        let team = try inspectors ?? self.team(office, plan: plan, department)
        let entity = plan == Self.halal ? Self.halalShop : Self.school
        var y = """
            plan: \(plan)
            task: T-0001
            entity: "\(entity)"
            department: \(department)
            checklist: \(checklist)
            inspected_on: \(day)
            inspectors: [\(team.joined(separator: ", "))]
            signature: signed
            cooperation: cooperated

            """
        y += extra
        y += "answers:\n" + answers.map { "  \($0.0): \(FindingsTemplate.scalar($0.1))" }.joined(separator: "\n") + "\n"
        return y
    }

    /// The canteen plan's department → checklist.
    static let canteenChecklists = [("education", "education.school_canteen"),
                                    ("market_supervision", "market_supervision.school_canteen_food_safety"),
                                    ("health", "health.school_health"),
                                    ("fire", "fire.school_kitchen_fire_safety")]

    func submit(_ office: CountyOffice, _ text: String, on day: String, path: String = "findings.yaml") throws(LifecycleError) -> SubmissionOutcome {
        try office.submit(Array(text.utf8), path: path, receivedOn: CivilDate(day)!, by: Self.actor)
    }

    func auditCount() throws -> Int {
        try store.auditEntries(jurisdiction: "kuancheng").count + store.auditEntries(jurisdiction: "changli").count
    }
}

extension LifecycleWorld {
    /// A day written as YYYY-MM-DD.
    static func day(_ text: String) -> CivilDate { CivilDate(text)! }
}
