import ArgumentParser
import Disclosure
import Draw
import Foundation
import Messages
import Rulebook
import Spotcheck
import Store
import WorkingDays

/// Options of the commands that work on a county's store.
struct StoreOptions: ParsableArguments {
    @Option(help: "The SQLite store (e.g. spotcheck-demo/spotcheck.sqlite).")
    var store: String

    func office(_ common: CommonOptions) throws -> CountyOffice {
        guard FileManager.default.fileExists(atPath: store) else {
            throw ValidationError(common.lang == .zh ? "找不到数据库 \(store)" : "no store at \(store)")
        }
        return CountyOffice(workspace: try common.workspace(), store: try Store(path: store))
    }
}

func parseDay(_ text: String?, _ lang: Language) throws -> WorkingDays.CivilDate {
    guard let text else {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Shanghai")!, from: Date())
        return WorkingDays.CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }
    guard let d = WorkingDays.CivilDate(text) else { throw ValidationError(lang == .zh ? "日期应为 YYYY-MM-DD：\(text)" : "dates are YYYY-MM-DD: \(text)") }
    return d
}

/// `spotcheck submit FILE...`: receive findings into the store.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "Submit findings files to a store: checked against the draw, evaluated, stored.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The day the results are entered (default: today).") var on: String?
    @Argument(help: "Findings files; each file's submission id is its path and content hash unless it names one.") var files: [String]

    func run() throws {
        let office = try storeOptions.office(options)
        let day = try parseDay(on, options.lang)
        var failed = false
        for path in files {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError(options.lang == .zh ? "无法读取 \(path)" : "cannot read \(path)")
            }
            let id = "\(path)#\(sha256Hex(Data(text.utf8)).prefix(16))"
            do throws(LifecycleError) {
                let r = try office.submit(findingsText: text, path: path, submissionID: id, receivedOn: day)
                Output.diagnostics(r.warnings, options.lang)
                print("\(path): \(r.taskID) \(r.checklist) v\(r.version)\(r.duplicate ? " (duplicate)" : "") \(r.evaluation?.result?.code ?? "")")
            } catch {
                Output.diagnostics(error.diagnostics, options.lang)
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// `spotcheck confirm`: a department confirms its part of a drawn task.
struct ConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Record a department's confirmation of a drawn task (比对和确认).")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The task, as <plan>/<T-nnnn>.") var task: String
    @Option(help: "The confirming department.") var department: String
    @Option(help: "The day of confirmation (default: today).") var on: String?

    func run() throws {
        let office = try storeOptions.office(options)
        do {
            try office.confirm(task: task, department: department, on: try parseDay(on, options.lang))
        } catch let e as LifecycleError {
            Output.diagnostics(e.diagnostics, options.lang)
            throw ExitCode(1)
        }
        print(options.lang == .zh ? "已确认：\(task) \(department)" : "confirmed: \(task) \(department)")
    }
}

/// `spotcheck status`: deadlines due and overdue.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "List deadlines that are due or overdue on a day.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The day to look from (default: today).") var on: String?
    @Flag(help: "Also list deadlines met.") var all = false

    func run() throws {
        let office = try storeOptions.office(options)
        let day = try parseDay(on, options.lang)
        let zh = options.lang == .zh
        let names: [Deadline.Kind: String] = [.confirmList: zh ? "名单确认" : "list confirmation", .enterResults: zh ? "结果录入" : "results entry",
                                              .disclose: zh ? "结果公示" : "disclosure", .referral: zh ? "移送处理" : "referral handling"]
        let states: [Deadline.State: String] = [.due: zh ? "待办" : "due", .overdue: zh ? "逾期" : "OVERDUE",
                                                .done: zh ? "已按期完成" : "done", .lateDone: zh ? "逾期完成" : "done late"]
        let items = try office.deadlines(on: day).filter { all || $0.state == .due || $0.state == .overdue }
        for d in items.sorted(by: { ($0.due, $0.subject) < ($1.due, $1.subject) }) {
            print("\(d.due) \(states[d.state]!) \(names[d.kind]!) \(d.subject) \(d.detail)")
        }
        let overdue = items.filter { $0.state == .overdue }.count
        print(zh ? "\(day)：\(items.count) 项，其中逾期 \(overdue) 项" : "\(day): \(items.count) deadlines, \(overdue) overdue")
    }
}

/// `spotcheck report`: statistics against the targets.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Statistics per plan or year against Rules/targets.yaml.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Only this year.") var year: Int?
    @Option(help: "Only this plan.") var plan: String?
    @Option(help: "Also write the report as an HTML page here.") var html: String?

    func run() throws {
        let office = try storeOptions.office(options)
        let stats = try office.statistics(year: year, plan: plan)
        let title = (options.lang == .zh ? "“双随机、一公开”抽查统计" : "Random inspection statistics") + (year.map { " \($0)" } ?? "") + (plan.map { " \($0)" } ?? "")
        print(ReportOutput.text(stats, title: title, rulebook: office.rulebook, language: options.lang))
        if let html { try ReportOutput.html(stats, title: title, rulebook: office.rulebook).write(toFile: html, atomically: true, encoding: .utf8) }
    }
}

/// `spotcheck disclose`: publish results with personal data removed.
struct DiscloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disclose", abstract: "Publish the results whose entry is complete (JSON, CSV, HTML), personal data removed.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Only this plan.") var plan: String?
    @Option(help: "Publication day (default: today).") var on: String?
    @Option(help: "Folder for disclosure.json, disclosure.csv and index.html.") var out: String

    func run() throws {
        let office = try storeOptions.office(options)
        let day = try parseDay(on, options.lang)
        let run = try office.publish(plan: plan, on: day)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try DisclosureRenderer.json(run.records).write(toFile: out + "/disclosure.json", atomically: true, encoding: .utf8)
        try DisclosureRenderer.csv(run.records).write(toFile: out + "/disclosure.csv", atomically: true, encoding: .utf8)
        try DisclosureRenderer.html(title: "抽查结果公示", records: run.records, generatedOn: day.description)
            .write(toFile: out + "/index.html", atomically: true, encoding: .utf8)
        print(options.lang == .zh ? "公示 \(run.records.count) 条，隐去个人信息 \(run.redacted.total) 处，待录入 \(run.pending.count) 项"
                                  : "\(run.records.count) records published, \(run.redacted.total) personal data redacted, \(run.pending.count) awaiting results")
    }
}

/// `spotcheck audit verify`: check the store's audit chain.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The store's audit log.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Recompute the audit chain; exit 1 if an entry was edited or deleted.")
        @OptionGroup var options: CommonOptions
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            guard FileManager.default.fileExists(atPath: storeOptions.store) else { throw ValidationError("no store at \(storeOptions.store)") }
            let report = try Store(path: storeOptions.store).verifyAudit()
            print(report.description)
            if !report.ok { throw ExitCode(1) }
        }
    }
}
