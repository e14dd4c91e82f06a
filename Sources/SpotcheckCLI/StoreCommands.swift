import ArgumentParser
import Compliance
import Foundation
import Messages
import Rulebook
import Spotcheck
import Store

/// `spotcheck init --store STORE`: an empty store.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create an empty store (refuses a database that is not a Spotcheck store).")
    @OptionGroup var options: CommonOptions
    @Option(help: "The store to create: a SQLite file or a postgresql:// URL (of an existing, empty database).") var store: String

    func run() throws {
        // Already a store: it opens as one (a file, or a database with the
        // schema). Any other outcome is for `.create` below to report.
        let existed: Bool
        do { _ = try Store.open(store, mode: .open); existed = true } catch { existed = false }
        let opened: Store
        do { opened = try Store.open(store, mode: .create) } catch {
            Output.fail(.store(store), error.message, options.lang, code: 1)
        }
        let zh = options.lang == .zh
        let shown = opened.location
        print(existed ? (zh ? "已是 Spotcheck 数据库：\(shown)" : "already a Spotcheck store: \(shown)")
                      : (zh ? "已创建数据库：\(shown)" : "created the store: \(shown)"))
    }
}

/// `spotcheck import`: directories into the store, as a new version.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Load entity and inspector directories (CSV) into the store as a new version.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(parsing: .upToNextOption, help: "Entity directory files (CSV), merged into one version.") var entities: [String] = []
    @Option(help: "The inspector directory (CSV).") var inspectors: String?

    func validate() throws {
        guard !entities.isEmpty || inspectors != nil else { throw ValidationError(options.lang == .zh ? "请给出 --entities 或 --inspectors" : "give --entities or --inspectors") }
        for f in entities + [inspectors].compactMap({ $0 }) where !Output.fileExists(f) {
            throw ValidationError(options.lang == .zh ? "无法读取 \(f)" : "cannot read \(f)")
        }
    }

    func run() throws {
        let ws = try options.workspace()
        let store = try storeOptions.open(options)
        let office = try storeOptions.office(ws, store, try storeOptions.jurisdictionID(ws, store: store, options), options)
        let s = try lifecycle(options.lang) { () throws(LifecycleError) in
            try office.importDirectories(entities: entities, inspectors: inspectors, by: storeOptions.actor("import"))
        }
        Output.diagnostics(s.warnings, options.lang)
        let zh = options.lang == .zh
        if let n = s.entities { print(zh ? "\(office.id)：导入检查对象 \(n) 户" : "\(office.id): imported \(n) entities") }
        if let n = s.inspectors { print(zh ? "\(office.id)：导入执法检查人员 \(n) 名" : "\(office.id): imported \(n) inspectors") }
    }
}

/// `spotcheck confirm`: a department's decision on its part of a drawn task.
struct ConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Record a department's confirmation, or rejection with a reason, of a drawn task (比对和确认).")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The task, as <plan>/<T-nnnn>.") var task: String
    @Option(help: "The confirming department.") var department: String
    @Flag(help: "Reject the entity instead (it has closed, moved, is out of scope); needs --reason.") var reject = false
    @Option(help: "Why the entity is rejected.") var reason: String?
    @Option(help: "The day of the decision (default: today).") var on: String?

    func validate() throws {
        if reject, (reason ?? "").isEmpty { throw ValidationError(options.lang == .zh ? "退回须用 --reason 写明理由" : "--reject needs --reason") }
    }

    func run() throws {
        let ws = try options.workspace()
        let store = try storeOptions.open(options)
        let plan = task.split(separator: "/").first.map(String.init)
        let office = try storeOptions.office(ws, store, try storeOptions.jurisdictionID(ws, store: store, plan: plan, options), options)
        let day = try parseDay(on, options.lang)
        try lifecycle(options.lang) { () throws(LifecycleError) in
            try office.confirm(task: task, department: department, decision: reject ? .rejected : .confirmed, reason: reason,
                               on: day, by: storeOptions.actor("confirm"))
        }
        let zh = options.lang == .zh
        print(reject ? (zh ? "已退回：\(task) \(department)（\(reason ?? "")）" : "rejected: \(task) \(department) (\(reason ?? ""))")
                     : (zh ? "已确认：\(task) \(department)" : "confirmed: \(task) \(department)"))
    }
}

/// `spotcheck submit FILE...`: receive findings into the store.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "Submit findings files to a store: checked against the draw, evaluated, stored.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The day the results are entered (default: today).") var on: String?
    @Argument(help: "Findings files (YAML or JSON); a file without submission_id gets one from its task and content.") var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError(options.lang == .zh ? "请给出检查记录文件" : "give at least one findings file") }
        for f in files where !Output.fileExists(f) { throw ValidationError(options.lang == .zh ? "无法读取 \(f)" : "cannot read \(f)") }
    }

    func run() throws {
        let ws = try options.workspace()
        let store = try storeOptions.open(options)
        let day = try parseDay(on, options.lang)
        var offices: [String: CountyOffice] = [:]
        var failed = false
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
            let bytes = Array(data)
            var d = Diagnostics()
            // The plan the findings name decides the jurisdiction; a file that names
            // none is refused with what is wrong in it.
            let plan = FindingsLoader.document(bytes, path: path, diagnostics: &d).flatMap(Self.planOf)
            if plan == nil, storeOptions.jurisdiction == nil {
                _ = FindingsLoader.parse(bytes, path: path, entities: nil, diagnostics: &d)
                if !d.hasErrors {
                    d.error(Place(path: path, line: 1, column: 1), zh: "提交的检查记录须写明 plan 和 task（或完整的任务编号 <计划>/T-nnnn）",
                            en: "a submission must name its plan and task (or the whole task id <plan>/T-nnnn)")
                }
                Output.diagnostics(d.all, options.lang)
                failed = true
                continue
            }
            let jurisdiction = try storeOptions.jurisdictionID(ws, store: store, plan: plan, options)
            let office = try offices[jurisdiction] ?? storeOptions.office(ws, store, jurisdiction, options)
            offices[jurisdiction] = office
            do throws(LifecycleError) {
                let r = try office.submit(bytes, path: path, receivedOn: day, by: storeOptions.actor("submit"))
                Output.diagnostics(r.warnings, options.lang)
                print("\(path): \(r.taskID) \(r.checklist) v\(r.version)\(r.duplicate ? " (duplicate)" : "") \(r.evaluation.result?.code ?? "")")
            } catch {
                Output.diagnostics(error.diagnostics, options.lang)
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// The plan a findings document names (in `plan:` or a whole task id).
    static func planOf(_ doc: InputDocument) -> String? {
        let entries = doc.root.entries ?? []
        if let plan = entries.first(where: { $0.key == "plan" })?.value.string { return plan }
        guard let task = entries.first(where: { $0.key == "task" })?.value.string, let slash = task.lastIndex(of: "/") else { return nil }
        return String(task[..<slash])
    }
}

/// `spotcheck referral ID --status …`: a referral's handling.
struct ReferralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "referral", abstract: "Record a referral's handling: received, handled (decision, number) or closed.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The referral id (as status and the evaluation show it).") var id: String
    @Option(help: "received, handled or closed.") var status: String
    @Option(help: "The handling decision (处理决定), required with --status handled.") var decision: String?
    @Option(help: "The decision's document number (文号).") var decisionNo: String?
    @Flag(help: "The decision is public (行政处罚决定): it is published with the result.") var `public` = false
    @Option(help: "The day of the step (default: today).") var on: String?

    func validate() throws {
        guard let s = ReferralStatus(rawValue: status), [.received, .handled, .closed].contains(s) else {
            throw ValidationError(options.lang == .zh ? "--status 应为 received、handled 或 closed" : "--status must be received, handled or closed")
        }
        if s == .handled, (decision ?? "").isEmpty {
            throw ValidationError(options.lang == .zh ? "--status handled 须用 --decision 写明处理决定" : "--status handled needs --decision")
        }
    }

    func run() throws {
        let ws = try options.workspace()
        let store = try storeOptions.open(options)
        // The referral's jurisdiction: as given, else the one whose store holds it.
        var jurisdiction = storeOptions.jurisdiction
        if jurisdiction == nil {
            for j in try storeOptions.jurisdictionIDs(ws, store: store) where try store.referral(jurisdiction: j, id: id) != nil {
                jurisdiction = j
                break
            }
        }
        guard let jurisdiction else {
            Output.fail(Place(path: id, line: 1, column: 1), LocalizedText(zh: "数据库中没有移送记录“\(id)”", en: "the store has no referral '\(id)'"), options.lang, code: 1)
        }
        let office = try storeOptions.office(ws, store, jurisdiction, options)
        let step = ReferralHandling(status: ReferralStatus(rawValue: status)!, decision: decision, decisionNo: decisionNo,
                                    decisionPublic: self.public, on: try parseDay(on, options.lang))
        try lifecycle(options.lang) { () throws(LifecycleError) in
            try office.recordReferral(id, step, by: storeOptions.actor("referral"))
        }
        print(options.lang == .zh ? "已记录：\(id) \(step.status.label.zh) \(step.on)" : "recorded: \(id) \(step.status.label.en) \(step.on)")
    }
}
