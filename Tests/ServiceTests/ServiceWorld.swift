import Foundation
import Hummingbird
import HummingbirdTesting
import Messages
import Rulebook
import Store
import Testing
import WorkingDays
@testable import Service
@testable import Spotcheck

/// Who calls, in the role × route matrix (SPEC.md §12).
enum Who: String, CaseIterable, CustomStringConvertible, Sendable {
    case anyone = "public"
    case teamInspector = "inspector of the team"
    case otherInspector = "inspector of another team"
    case departmentAdmin = "department admin of this department"
    case otherDepartmentAdmin = "department admin of another department"
    case leadOffice = "lead office of this jurisdiction"
    case otherLeadOffice = "lead office of another jurisdiction"

    var description: String { rawValue }
}

/// A small real world served by the service: both sample counties'
/// directories with one entity each in its plan's population, both plans
/// drawn, an account for every role, on a store in a temporary folder.
/// The service acts on 2024-05-20, inside the canteen plan's window.
final class ServiceWorld: @unchecked Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let canteens = "2024-kuancheng-school-canteens"
    static let halal = "2023-changli-halal-food"
    static let task = canteens + "/T-0001"
    static let school = "12130827MB1Q30528K"
    static let halalShop = "92130322MA0XYZ123P"
    static let day = CivilDate(year: 2024, month: 5, day: 20)!
    static let actor = "service test"

    let dir: URL
    let workspace: Workspace
    let store: Store
    let state: ServiceState
    let kuancheng: CountyOffice
    /// Account id by role in the matrix (none for the public).
    var accounts: [Who: String] = [:]
    /// Bearer token by role.
    var tokens: [Who: String] = [:]
    /// The administrators of every kuancheng department, by department.
    var admins: [String: String] = [:]

    static let entityHeader = "id,name,kind,category,town,address,legal_rep,phone,status,registered_on,has_canteen,boarding,students,water_supply,halal,credit_grade\n"

    init(configure: (inout ServiceConfiguration) -> Void = { _ in }) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let folder = dir
        func write(_ name: String, _ text: String) throws {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let (ws, diags) = Workspace.load(root: Self.root)
        #expect(!diags.contains { $0.severity == .error }, "\(diags.map { $0.formatted(.en) })")
        workspace = try #require(ws)
        let storePath = dir.appendingPathComponent("store.sqlite").path
        store = try Store.open(storePath, mode: .create)
        kuancheng = try CountyOffice(workspace: workspace, store: store, jurisdiction: "kuancheng")
        let changli = try CountyOffice(workspace: workspace, store: store, jurisdiction: "changli")
        try write("k-entities.csv", Self.entityHeader + """
            \(Self.school),宽城满族自治县板城镇初级中学,school,初中,板城镇,板城镇中心街1号,欧阳娜娜,13912345678,存续,2001-09-01,是,是,1300,二次供水,否,

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

        var configuration = ServiceConfiguration(root: Self.root, store: storePath, fixedDay: Self.day, bcryptCost: 4)
        configure(&configuration)
        state = try ServiceState(configuration: configuration, workspace: workspace, store: store)

        let drawnTask = try #require(try store.task(jurisdiction: "kuancheng", id: Self.task))
        let team = try #require(kuancheng.teams(of: drawnTask)["education"])
        try add(.teamInspector, team[0], .inspector, "kuancheng", nil)
        try add(.otherInspector, "E-003", .inspector, "kuancheng", nil)
        for department in workspace.rulebook.departments.map(\.id) {
            let id = "admin-k-\(department)"
            _ = try Accounts.add(.init(id: id, role: .departmentAdmin, jurisdiction: "kuancheng", department: department,
                                       password: Self.password(id)), workspace: workspace, store: store, bcryptCost: 4, by: Self.actor)
            admins[department] = id
        }
        accounts[.departmentAdmin] = admins["education"]
        let joining = try #require(workspace.rulebook.plan(Self.canteens)).departments
        let outsider = try #require(admins.keys.sorted().first { !joining.contains($0) })
        accounts[.otherDepartmentAdmin] = admins[outsider]
        try add(.leadOffice, "lead-kuancheng", .leadOffice, "kuancheng", nil)
        try add(.otherLeadOffice, "lead-changli", .leadOffice, "changli", nil)
        for (who, id) in accounts { tokens[who] = try state.sessions.signIn(id: id, password: Self.password(id), client: "test").token }
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    static func password(_ id: String) -> String { "password-of-\(id)" }

    private func add(_ who: Who, _ id: String, _ role: AccountRole, _ jurisdiction: String, _ department: String?) throws {
        _ = try Accounts.add(.init(id: id, role: role, jurisdiction: jurisdiction, department: department, password: Self.password(id)),
                             workspace: workspace, store: store, bcryptCost: 4, by: Self.actor)
        accounts[who] = id
    }

    var router: Router<ServiceRequestContext> { SpotcheckServer.router(state) }

    /// The education team drawn for the canteen task.
    var educationTeam: [String] {
        get throws {
            let drawnTask = try #require(try store.task(jurisdiction: "kuancheng", id: Self.task))
            return try #require(kuancheng.teams(of: drawnTask)["education"])
        }
    }

    /// Findings JSON for the canteen task from education: the checklist's
    /// first example's answers with `changes` applied.
    func findingsJSON(changes: [String: Datum] = [:], submissionID: String? = nil, extra: [String: String] = [:]) throws -> String {
        let c = try #require(workspace.rulebook.checklist("education.school_canteen"))
        var answers = c.examples[0].answers.map { ($0.key.value, $0.value.value) }
        for (k, v) in changes.sorted(by: { $0.key < $1.key }) {
            answers.removeAll { $0.0 == k }
            if case .null = v { continue }
            answers.append((k, v))
        }
        func json(_ d: Datum) -> String {
            switch d {
            case .bool(let b): return b ? "true" : "false"
            case .int(let i): return String(i)
            case .double(let x): return String(x)
            case .string(let s): return "\"\(s)\""
            default: return "null"
            }
        }
        var fields = [
            "\"plan\": \"\(Self.canteens)\"", "\"task\": \"T-0001\"", "\"entity\": \"\(Self.school)\"",
            "\"department\": \"education\"", "\"checklist\": \"education.school_canteen\"", "\"inspected_on\": \"2024-05-15\"",
            "\"inspectors\": [\(try educationTeam.map { "\"\($0)\"" }.joined(separator: ", "))]",
            "\"signature\": \"signed\"", "\"cooperation\": \"cooperated\"",
            "\"answers\": {" + answers.map { "\"\($0.0)\": \(json($0.1))" }.joined(separator: ", ") + "}",
        ]
        if let submissionID { fields.insert("\"submission_id\": \"\(submissionID)\"", at: 0) }
        for (k, v) in extra.sorted(by: { $0.key < $1.key }) { fields.append("\"\(k)\": \(v)") }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// Headers for a caller (a bearer token), JSON bodies.
    func headers(_ who: Who, json: Bool = true) -> HTTPFields {
        var h = HTTPFields()
        if let token = tokens[who] { h[.authorization] = "Bearer \(token)" }
        if json { h[.contentType] = "application/json" }
        return h
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
}
