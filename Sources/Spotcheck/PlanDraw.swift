import CEL
import Compliance
import Directories
import Draw
import Foundation
import Messages
import Rulebook
import WorkingDays

/// The `Draw` module's seed, named here so that clients of `Spotcheck`
/// can announce one without importing `Draw`.
public typealias DrawSeed = Seed

/// The inputs of a plan-driven draw besides the plan itself: the two
/// directories and the announced seed.
public struct PlanDrawRequest: Sendable {
    /// Where the directories come from: CSV files typed by
    /// `Rules/directories.yaml`, or rows already read (from a store).
    public enum Directories: Sendable {
        case files(entities: String, inspectors: String)
        case rows(entities: [DirectoryRow], inspectors: [DirectoryRow], origin: String)
    }

    public var directories: Directories
    /// The public randomness: RFC 3797 number sources or an announced string.
    public var seed: Seed

    public init(entitiesPath: String, inspectorsPath: String, seed: Seed) {
        directories = .files(entities: entitiesPath, inspectors: inspectorsPath)
        self.seed = seed
    }

    public init(entities: [DirectoryRow], inspectors: [DirectoryRow], origin: String, seed: Seed) {
        directories = .rows(entities: entities, inspectors: inspectors, origin: origin)
        self.seed = seed
    }

    /// Where entity rows are, for diagnostics (a file, or `<store>#entities`).
    public var entitiesPath: String {
        switch directories {
        case .files(let e, _): return e
        case .rows(_, _, let origin): return origin + "#entities"
        }
    }

    public var inspectorsPath: String {
        switch directories {
        case .files(_, let i): return i
        case .rows(_, _, let origin): return origin + "#inspectors"
        }
    }
}

/// One drawn entity with the team every joining department sends: a task
/// (一校一表 / 一企一表).
public struct DrawTask: Sendable, Equatable {
    /// `T-0001`, `T-0002` … in the certificate's order of selection.
    public var id: String
    public var entity: String
    public var stratum: String
    /// One team per joining department, in the plan's department order.
    public var teams: [DrawTaskTeam]
}

/// The team a department sends to one task.
public struct DrawTaskTeam: Sendable, Equatable {
    public var department: String
    /// 1-based within the department.
    public var team: Int
    public var inspectors: [String]
}

/// A finished plan-driven draw: the certificate and everything needed to
/// report it and to print its task forms.
public struct PlanDrawOutcome: Sendable {
    public let plan: Plan
    /// The certificate with the directories' row fingerprints, as written to
    /// `certificate.json`.
    public let file: DrawCertificateFile
    public let tasks: [DrawTask]
    /// Every imported entity row, by key.
    public let entities: [String: DirectoryRow]
    /// Every imported inspector row, by key.
    public let inspectors: [String: DirectoryRow]
    /// Warnings met on the way (directory warnings); errors stop the draw.
    public let warnings: [Diagnostic]

    public var certificate: Certificate { file.certificate }
}

/// Why a plan-driven draw could not be done, as positioned diagnostics:
/// bad directory rows, rule expressions that fail on a row, a stratum
/// without a rate, or a draw that cannot respect the plan (too few
/// inspectors, no assignment without a conflict of interest). The same
/// error as every lifecycle step's.
public typealias PlanDrawError = LifecycleError

/// The plan-driven draw (SPEC.md §8): the plan's CEL rules decide who is in
/// the population, which stratum each entity falls in, which inspectors are
/// eligible for each department and which (entity, inspector) pairs must
/// not meet (回避); the generic `Draw` module does the drawing.
///
/// What the CEL expressions see:
/// - `entity`: the entity's directory row as a map from column name to
///   typed value (dates as timestamps at midnight UTC). An empty cell is
///   absent (`has(entity.x)` is false), except that an empty `list` column
///   reads as an empty list, so `x in inspector.avoid` needs no `has`.
///   A directory whose key column is not called `id` also gets `id`.
/// - `inspector`: the inspector's row, read the same way.
/// - `plan`: `{id, title, lead, departments, window: {from, to}}`.
///
/// An inspector is eligible for a department when the plan's `pool` holds
/// (or the plan has none) and `inspector.department == <department>`.
/// An expression that fails on a row (an error instead of true or false) is
/// an error of the draw naming the row: nothing is silently left out.
public enum PlanDraw {
    /// The label of the single stratum of a plan that does not stratify.
    public static let wholePopulation = "all"

    /// Loads the workspace and finds the plan: `plan` is a plan id from
    /// `Rules/plans/`, or the path of a plan file (which then replaces a
    /// plan of the same id).
    public static func loadWorkspace(root: String, plan: String) -> (workspace: Workspace?, plan: Plan?, diagnostics: [Diagnostic]) {
        let isFile = plan.hasSuffix(".yaml") || plan.hasSuffix(".yml") || plan.contains("/")
        guard isFile else { return loadWorkspace(root: root, planID: plan) }
        guard FileManager.default.isReadableFile(atPath: plan) else {
            return (nil, nil, [Diagnostic(path: plan, line: 1, column: 1,
                                          LocalizedText(zh: "无法读取计划文件", en: "cannot read the plan file"))])
        }
        let (ws, diags) = Workspace.load(root: root, extra: [plan])
        guard let ws else { return (nil, nil, diags) }
        guard let found = ws.rulebook.plans.first(where: { $0.path == plan }) else {
            return (ws, nil, diags + [Diagnostic(path: plan, line: 1, column: 1,
                                                 LocalizedText(zh: "该文件不是抽查计划（顶层应有 plan:）",
                                                               en: "the file is not a plan (its top level needs plan:)"))])
        }
        return (ws, found, diags)
    }

    /// Loads the workspace and finds the plan with this id in `Rules/plans/`
    /// (never a path: for ids that come from documents).
    public static func loadWorkspace(root: String, planID plan: String) -> (workspace: Workspace?, plan: Plan?, diagnostics: [Diagnostic]) {
        let (ws, diags) = Workspace.load(root: root)
        guard let ws else { return (nil, nil, diags) }
        guard let found = ws.rulebook.plan(plan) else {
            let known = ws.rulebook.plans.map(\.id).sorted().joined(separator: ", ")
            return (ws, nil, diags + [Diagnostic(path: root + "/Rules/plans", line: 1, column: 1,
                                                 LocalizedText(zh: "没有 id 为“\(plan)”的抽查计划（已有：\(known)）",
                                                               en: "no plan with id '\(plan)' (known: \(known))"))])
        }
        return (ws, found, diags)
    }

    /// Imports both directories, evaluates the plan's rules and draws.
    ///
    /// - Throws: `PlanDrawError` with every problem found, each at its place.
    public static func run(_ request: PlanDrawRequest, plan: Plan, in workspace: Workspace) throws(PlanDrawError) -> PlanDrawOutcome {
        let prepared = try prepare(request, plan: plan, in: workspace)
        let certificate = try draw(prepared, seed: request.seed)
        return prepared.outcome(certificate)
    }

    // MARK: - Preparation

    /// Everything a draw needs, computed from the plan and the directories,
    /// before any randomness is used.
    struct Prepared {
        var plan: Plan
        var population: [PopulationRecord]
        var rule: SamplingRule
        var rounding: Draw.Rounding
        var pools: [DepartmentPool]
        var hashes: [String: String]
        var metadata: [String: String]
        var fingerprints: [String: DirectoryFingerprint]
        var entities: [String: DirectoryRow]
        var inspectors: [String: DirectoryRow]
        var entitiesPath: String
        var inspectorsPath: String
        var entitySchema: DirectorySchema
        var inspectorSchema: DirectorySchema
        var warnings: [Diagnostic]

        func outcome(_ certificate: Certificate) -> PlanDrawOutcome {
            let file = DrawCertificateFile(certificate: certificate, directories: fingerprints)
            return PlanDrawOutcome(plan: plan, file: file, tasks: PlanDraw.tasks(of: certificate, plan: plan),
                                   entities: entities, inspectors: inspectors, warnings: warnings)
        }
    }

    static func prepare(_ request: PlanDrawRequest, plan: Plan, in workspace: Workspace) throws(PlanDrawError) -> Prepared {
        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        let book = workspace.rulebook
        guard let entitySchema = book.entitySchema, let inspectorSchema = book.inspectorSchema else {
            throw PlanDrawError([Diagnostic(plan.place, zh: "Rules/directories.yaml 未声明 entities 与 inspectors 名录库",
                                            en: "Rules/directories.yaml declares no entities and inspectors directories")])
        }
        let entityRows: [DirectoryRow]?, inspectorRows: [DirectoryRow]?
        switch request.directories {
        case .files(let e, let i):
            entityRows = importDirectory(e, schema: entitySchema, problems: &problems, warnings: &warnings)?.rows
            inspectorRows = importDirectory(i, schema: inspectorSchema, problems: &problems, warnings: &warnings)?.rows
        case .rows(let e, let i, _):
            (entityRows, inspectorRows) = (e, i)
        }
        guard problems.isEmpty, let entityRows, let inspectorRows else { throw PlanDrawError(problems) }
        let entityImport = (rows: entityRows, ()), inspectorImport = (rows: inspectorRows, ())

        let planBytes: Data
        do { planBytes = try Data(contentsOf: URL(fileURLWithPath: plan.path)) } catch {
            throw PlanDrawError([Diagnostic(path: plan.path, line: 1, column: 1,
                                            LocalizedText(zh: "无法读取计划文件", en: "cannot read the plan file"))])
        }

        let planValue = planRecord(plan)
        var activation = Activation(Contexts.plan)
        activation.bind("plan", planValue)
        activation.bind("inspector", .map(CELMap()))

        // Population and strata.
        var population: [PopulationRecord] = []
        population.reserveCapacity(entityImport.rows.count)
        var strataProgram: Program?
        var rates: [String: Double] = [:]
        let rule: SamplingRule
        switch plan.sample {
        case .all: rule = .all
        case .count(let n): rule = .count(n)
        case .rate(let r): rule = .rate(r)
        case .stratified(let strata, let table):
            rule = .rates(table)
            strataProgram = strata.program
            rates = table
        }
        let knownStrata = rates.keys.sorted { IDOrder.precedes($0, $1) }.joined(separator: "、")
        for row in entityImport.rows {
            let place = Place(path: request.entitiesPath, line: row.line, column: 1)
            activation.bind("entity", celRecord(row, schema: entitySchema))
            switch plan.population.program.evaluate(&activation) {
            case .bool(true): break
            case .bool(false): continue
            case let other:
                problems.append(Diagnostic(place, zh: "计划的 population 规则对对象“\(row.key)”求值出错：\(describe(other))",
                                           en: "the plan's population rule fails on entity '\(row.key)': \(describe(other))"))
                continue
            }
            guard let strataProgram else {
                population.append(PopulationRecord(id: row.key, stratum: wholePopulation))
                continue
            }
            let value = strataProgram.evaluate(&activation)
            guard let stratum = stratumText(value) else {
                problems.append(Diagnostic(place, zh: "计划的分层表达式对对象“\(row.key)”求值出错：\(describe(value))",
                                           en: "the plan's strata expression fails on entity '\(row.key)': \(describe(value))"))
                continue
            }
            guard rates[stratum] != nil else {
                problems.append(Diagnostic(place, zh: "对象“\(row.key)”的分层值“\(stratum)”在计划的 rates 中没有比例（已有：\(knownStrata)）",
                                           en: "entity '\(row.key)' falls in stratum '\(stratum)', which has no rate in the plan (rates: \(knownStrata))"))
                continue
            }
            population.append(PopulationRecord(id: row.key, stratum: stratum))
        }

        // Inspector pools per joining department.
        activation.bind("entity", .map(CELMap()))
        var eligible: [String: [String]] = [:]
        for row in inspectorImport.rows {
            let place = Place(path: request.inspectorsPath, line: row.line, column: 1)
            guard let department = row["department"]?.canonicalText, plan.departments.contains(department) else { continue }
            if let pool = plan.inspectorPool {
                activation.bind("inspector", celRecord(row, schema: inspectorSchema))
                switch pool.program.evaluate(&activation) {
                case .bool(true): break
                case .bool(false): continue
                case let other:
                    problems.append(Diagnostic(place, zh: "计划的检查人员 pool 规则对“\(row.key)”求值出错：\(describe(other))",
                                               en: "the plan's inspector pool rule fails on '\(row.key)': \(describe(other))"))
                    continue
                }
            }
            eligible[department, default: []].append(row.key)
        }
        guard problems.isEmpty else { throw PlanDrawError(problems) }
        if population.isEmpty {
            throw PlanDrawError([Diagnostic(plan.place, zh: "抽查对象范围为空：名录库中没有符合计划 population 条件的对象，无法抽取",
                                            en: "the population is empty: no entity of the directory meets the plan's population rule, so nothing can be drawn")])
        }
        // Inspectors of a joining department whom the pool leaves out are named, never dropped silently.
        for department in plan.departments {
            let all = inspectorImport.rows.filter { $0["department"]?.canonicalText == department }.map(\.key)
            let left = all.filter { !(eligible[department] ?? []).contains($0) }
            if !left.isEmpty {
                warnings.append(Diagnostic(plan.place, severity: .warning,
                                           zh: "“\(department)”的 \(left.count) 名检查人员不在抽取范围内（计划的 pool 条件，如不在岗或无执法证号）：\(left.joined(separator: "、"))",
                                           en: "\(left.count) inspector(s) of '\(department)' are outside the pool (the plan's pool rule, e.g. inactive or without an enforcement certificate): \(left.joined(separator: ", "))"))
            }
        }
        let pools = plan.departments.map {
            DepartmentPool(department: $0, inspectors: eligible[$0] ?? [], perTeam: plan.inspectorsPerTeam)
        }

        let entityPrint = DirectoryFingerprint(rows: entityImport.rows, schema: entitySchema)
        let inspectorPrint = DirectoryFingerprint(rows: inspectorImport.rows, schema: inspectorSchema)
        var metadata: [String: String] = [
            "plan": plan.id,
            "plan_title": plan.title,
            "lead": plan.lead,
            "departments": plan.departments.joined(separator: ","),
            "window": plan.window.lowerBound.description + "/" + plan.window.upperBound.description,
            "directory_form": DirectoryFingerprint.form,
        ]
        if let stratified = strataProgram { metadata["strata"] = stratified.text }
        return Prepared(
            plan: plan, population: population, rule: rule,
            rounding: Draw.Rounding(rawValue: plan.rounding.rawValue) ?? .ceil,
            pools: pools,
            hashes: ["plan": sha256Hex(planBytes), "entities": entityPrint.sha256, "inspectors": inspectorPrint.sha256],
            metadata: metadata,
            fingerprints: ["entities": entityPrint, "inspectors": inspectorPrint],
            entities: Dictionary(entityImport.rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }),
            inspectors: Dictionary(inspectorImport.rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }),
            entitiesPath: request.entitiesPath, inspectorsPath: request.inspectorsPath,
            entitySchema: entitySchema, inspectorSchema: inspectorSchema, warnings: warnings)
    }

    /// The draw through `Draw`'s one procedure (`DrawProcedure.run`, the
    /// one its tests exercise): sample, then teams and matching, with the
    /// plan's `avoid` rule evaluated only for the pairs the matching asks
    /// about, each once.
    static func draw(_ p: Prepared, seed: Seed) throws(PlanDrawError) -> Certificate {
        let request = DrawRequest(seed: seed, population: p.population, rule: p.rule, rounding: p.rounding,
                                  declaredRate: p.plan.declaredRate, departments: p.pools, hashes: p.hashes, metadata: p.metadata)
        var avoid = AvoidRule(p)
        do {
            return try DrawProcedure.run(request) { entity, inspector in try avoid.forbids(entity: entity, inspector: inspector) }
        } catch let error as PlanDrawError {
            throw error
        } catch {
            let message = (error as? DrawError)?.message ?? LocalizedText(zh: "未知错误", en: "unknown error")
            throw PlanDrawError([Diagnostic(p.plan.place, zh: "抽取无法完成：\(message.zh)", en: "the draw cannot be done: \(message.en)")])
        }
    }

    /// The plan's `avoid` rule (回避) over an entity and an inspector, each
    /// pair evaluated once; a rule that fails on a pair is an error of the
    /// draw naming both.
    struct AvoidRule {
        let p: Prepared
        var activation = Activation(Contexts.plan)
        var entityValues: [String: CELValue] = [:]
        var inspectorValues: [String: CELValue] = [:]
        var decided: [AvoidPair: Bool] = [:]

        init(_ p: Prepared) {
            self.p = p
            activation.bind("plan", PlanDraw.planRecord(p.plan))
        }

        mutating func forbids(entity: String, inspector: String) throws(PlanDrawError) -> Bool {
            guard let avoid = p.plan.avoid else { return false }
            let pair = AvoidPair(entity: entity, inspector: inspector)
            if let known = decided[pair] { return known }
            if entityValues[entity] == nil, let row = p.entities[entity] { entityValues[entity] = celRecord(row, schema: p.entitySchema) }
            if inspectorValues[inspector] == nil, let row = p.inspectors[inspector] { inspectorValues[inspector] = celRecord(row, schema: p.inspectorSchema) }
            activation.bind("entity", entityValues[entity] ?? .map(CELMap()))
            activation.bind("inspector", inspectorValues[inspector] ?? .map(CELMap()))
            switch avoid.program.evaluate(&activation) {
            case .bool(let b):
                decided[pair] = b
                return b
            case let other:
                let line = p.inspectors[inspector]?.line ?? 1
                throw PlanDrawError([Diagnostic(path: p.inspectorsPath, line: line, column: 1, LocalizedText(
                    zh: "计划的回避（avoid）规则对对象“\(entity)”与检查人员“\(inspector)”求值出错：\(describe(other))",
                    en: "the plan's avoid rule fails on entity '\(entity)' and inspector '\(inspector)': \(describe(other))"))])
            }
        }
    }

    struct AvoidPair: Hashable {
        var entity: String
        var inspector: String
    }

    /// Tasks in the certificate's order of selection.
    static func tasks(of certificate: Certificate, plan: Plan) -> [DrawTask] {
        var stratumOf: [String: String] = [:]
        for stratum in certificate.sample.strata {
            for id in stratum.selected { stratumOf[id] = stratum.name }
        }
        let width = max(4, String(certificate.selected.count).count)
        return certificate.selected.enumerated().map { index, entity in
            let number = String(index + 1)
            let id = "T-" + String(repeating: "0", count: max(0, width - number.count)) + number
            let teams = plan.departments.compactMap { department -> DrawTaskTeam? in
                guard let matched = certificate.matching[entity]?[department] else { return nil }
                return DrawTaskTeam(department: department, team: matched.team, inspectors: matched.inspectors)
            }
            return DrawTask(id: id, entity: entity, stratum: stratumOf[entity] ?? "", teams: teams)
        }
    }
}
