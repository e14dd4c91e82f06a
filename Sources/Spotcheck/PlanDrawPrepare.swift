import CEL
import Directories
import Draw
import Foundation
import Messages
import Rulebook

extension PlanDraw {
    /// Everything a draw needs, computed from the plan and the directories,
    /// before any randomness is used.
    struct Prepared {
        var plan: Plan
        /// The eligible entities (ids packed, in key order) with their strata.
        var population: Population
        var rule: SamplingRule
        var rounding: Draw.Rounding
        var pools: [DepartmentPool]
        var hashes: [String: String]
        var metadata: [String: String]
        var fingerprints: [String: DirectoryFingerprint]
        /// The drawn entities' rows, loaded when the draw says which.
        var entities: DrawnEntities
        var inspectors: [String: DirectoryRow]
        var entitiesPath: String
        var inspectorsPath: String
        var entitySchema: DirectorySchema
        var inspectorSchema: DirectorySchema
        var warnings: [Diagnostic]

        func outcome(_ certificate: Certificate) -> PlanDrawOutcome {
            let file = DrawCertificateFile(certificate: certificate, directories: fingerprints)
            return PlanDrawOutcome(plan: plan, file: file, tasks: PlanDraw.tasks(of: certificate, plan: plan),
                                   entities: entities.loaded(certificate.selected), inspectors: inspectors, warnings: warnings)
        }
    }

    /// Reads the directories once each and evaluates the plan's rules: the
    /// population and its strata, the inspector pools, the fingerprints.
    static func prepare(_ request: PlanDrawRequest, plan: Plan, in workspace: Workspace) throws(PlanDrawError) -> Prepared {
        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        let book = workspace.rulebook
        guard let entitySchema = book.entitySchema, let inspectorSchema = book.inspectorSchema else {
            throw PlanDrawError([Diagnostic(plan.place, zh: "Rules/directories.yaml 未声明 entities 与 inspectors 名录库",
                                            en: "Rules/directories.yaml declares no entities and inspectors directories")])
        }
        let (entitySource, inspectorSource) = sources(request, entitySchema: entitySchema, inspectorSchema: inspectorSchema)
        for d in entitySource.diagnostics + inspectorSource.diagnostics {
            if d.severity == .error { problems.append(d) } else { warnings.append(d) }
        }
        guard problems.isEmpty else { throw PlanDrawError(problems) }

        let planBytes: Data
        do { planBytes = try Data(contentsOf: URL(fileURLWithPath: plan.path)) } catch {
            throw PlanDrawError([Diagnostic(path: plan.path, line: 1, column: 1,
                                            LocalizedText(zh: "无法读取计划文件", en: "cannot read the plan file"))])
        }
        var activation = Activation(Contexts.plan)
        activation.bind("plan", planRecord(plan))
        activation.bind("inspector", .map(CELMap()))

        let rule: SamplingRule
        var strata: (program: Program, rates: [String: Double])?
        switch plan.sample {
        case .all: rule = .all
        case .count(let n): rule = .count(n)
        case .rate(let r): rule = .rate(r)
        case .stratified(let expression, let table):
            rule = .rates(table)
            strata = (expression.program, table)
        }
        let entityPass = try EntityPass.run(entitySource, plan: plan, schema: entitySchema, strata: strata,
                                            activation: activation, problems: &problems)
        let inspectorPass = try DirectoryPass.run(inspectorSource, schema: inspectorSchema)

        // Inspector pools per joining department.
        activation.bind("entity", .map(CELMap()))
        var eligible: [String: [String]] = [:]
        for row in inspectorPass.rows {
            let place = Place(path: inspectorSource.origin, line: row.line, column: 1)
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
        if entityPass.population.count == 0 {
            throw PlanDrawError([Diagnostic(plan.place, zh: "抽查对象范围为空：名录库中没有符合计划 population 条件的对象，无法抽取",
                                            en: "the population is empty: no entity of the directory meets the plan's population rule, so nothing can be drawn")])
        }
        // Inspectors of a joining department whom the pool leaves out are named, never dropped silently.
        for department in plan.departments {
            let all = inspectorPass.rows.filter { $0["department"]?.canonicalText == department }.map(\.key)
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
        var metadata: [String: String] = [
            "plan": plan.id,
            "plan_title": plan.title,
            "lead": plan.lead,
            "departments": plan.departments.joined(separator: ","),
            "window": plan.window.lowerBound.description + "/" + plan.window.upperBound.description,
            "directory_form": DirectoryFingerprint.form,
        ]
        if let strata { metadata["strata"] = strata.program.text }
        return Prepared(
            plan: plan, population: entityPass.population, rule: rule,
            rounding: Draw.Rounding(rawValue: plan.rounding.rawValue) ?? .ceil,
            pools: pools,
            hashes: ["plan": sha256Hex(planBytes), "entities": entityPass.fingerprint.sha256, "inspectors": inspectorPass.fingerprint.sha256],
            metadata: metadata,
            fingerprints: ["entities": entityPass.fingerprint, "inspectors": inspectorPass.fingerprint],
            entities: DrawnEntities(source: entitySource, schema: entitySchema, fingerprint: entityPass.fingerprint),
            inspectors: Dictionary(inspectorPass.rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }),
            entitiesPath: entitySource.origin, inspectorsPath: inspectorSource.origin,
            entitySchema: entitySchema, inspectorSchema: inspectorSchema, warnings: warnings)
    }

    /// The directories a request names, opened.
    static func sources(_ request: PlanDrawRequest, entitySchema: DirectorySchema,
                        inspectorSchema: DirectorySchema) -> (any DrawDirectory, any DrawDirectory) {
        if let sources = request.sources { return sources }
        switch request.directories {
        case .files(let e, let i):
            return (MemoryDirectory.load(e, schema: entitySchema), MemoryDirectory.load(i, schema: inspectorSchema))
        case .rows(let e, let i, let origin):
            return (MemoryDirectory(rows: e, origin: origin + "#entities"), MemoryDirectory(rows: i, origin: origin + "#inspectors"))
        }
    }

    /// The draw through `Draw`'s one procedure (`DrawProcedure.run`, the
    /// one its tests exercise): sample, load the drawn entities' rows, then
    /// teams and matching, with the plan's `avoid` rule evaluated only for
    /// the pairs the matching asks about, each once.
    static func draw(_ p: Prepared, seed: Seed) throws(PlanDrawError) -> Certificate {
        var request = DrawRequest(seed: seed, population: [], rule: p.rule, rounding: p.rounding,
                                  declaredRate: p.plan.declaredRate, departments: p.pools, hashes: p.hashes, metadata: p.metadata)
        request.packedPopulation = p.population
        let avoid = AvoidRule(p)
        do {
            return try DrawProcedure.run(request, drawn: { keys in
                try p.entities.load(keys)
                avoid.prepare(keys)
            }) { entity, inspector in
                try avoid.forbids(entity: entity, inspector: inspector)
            }
        } catch let error as PlanDrawError {
            throw error
        } catch {
            let message = (error as? DrawError)?.message ?? LocalizedText(zh: "未知错误", en: "unknown error")
            throw PlanDrawError([Diagnostic(p.plan.place, zh: "抽取无法完成：\(message.zh)", en: "the draw cannot be done: \(message.en)")])
        }
    }
}
