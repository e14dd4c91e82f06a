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
    /// Directories already opened (a store's, or files a verifier has
    /// read): when set, they are read instead of `directories`.
    var sources: (entities: any DrawDirectory, inspectors: any DrawDirectory)?

    public init(entitiesPath: String, inspectorsPath: String, seed: Seed) {
        directories = .files(entities: entitiesPath, inspectors: inspectorsPath)
        self.seed = seed
    }

    public init(entities: [DirectoryRow], inspectors: [DirectoryRow], origin: String, seed: Seed) {
        directories = .rows(entities: entities, inspectors: inspectors, origin: origin)
        self.seed = seed
    }

    init(entities: any DrawDirectory, inspectors: any DrawDirectory, seed: Seed) {
        directories = .rows(entities: [], inspectors: [], origin: entities.origin)
        sources = (entities, inspectors)
        self.seed = seed
    }

    /// Where entity rows are, for diagnostics (a file, or `<store>#entities`).
    public var entitiesPath: String {
        if let sources { return sources.entities.origin }
        switch directories {
        case .files(let e, _): return e
        case .rows(_, _, let origin): return origin + "#entities"
        }
    }

    public var inspectorsPath: String {
        if let sources { return sources.inspectors.origin }
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
    /// The drawn entities' rows, by key (a directory of millions is never
    /// held whole: the draw reads it once, in key order).
    public let entities: [String: DirectoryRow]
    /// Every imported inspector row, by key.
    public let inspectors: [String: DirectoryRow]
    /// Warnings met on the way (directory warnings); errors stop the draw.
    public let warnings: [Diagnostic]

    public var certificate: Certificate { file.certificate }

    /// `certificate.json`'s bytes (`file.jsonData()`), made once: a draw
    /// writes them to its folder and records them in the store, and for a
    /// directory of millions they are tens of megabytes.
    public func certificateJSON() throws -> Data { try json.bytes { try file.jsonData() } }

    private let json = CertificateBytes()
}

/// The bytes of a certificate, computed by the first caller and kept.
final class CertificateBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func bytes(_ make: () throws -> Data) rethrows -> Data {
        lock.lock()
        defer { lock.unlock() }
        if let data { return data }
        let made = try make()
        data = made
        return made
    }
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
