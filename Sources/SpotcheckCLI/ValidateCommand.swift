import ArgumentParser
import Rulebook

/// `spotcheck validate [PATH...]`: load and check the rule files.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and check Rules/ and Checklists/ (plus any given files or folders).")

    @OptionGroup var options: CommonOptions

    @Argument(help: "Extra rule files or folders, e.g. a draft checklist; they replace same-id files.")
    var paths: [String] = []

    func run() throws {
        for p in paths where !Output.pathExists(p) {
            throw ValidationError(options.lang == .zh ? "无法读取 \(p)" : "cannot read \(p)")
        }
        let ws = try options.workspace(extra: paths)
        let b = ws.rulebook
        let items = b.checklists.reduce(0) { $0 + $1.items.count }
        let zh = options.lang == .zh
        print(zh ? "有效：\(b.departments.count) 个部门，\(b.checklists.count) 份清单（\(items) 个事项），\(b.plans.count) 个计划，\(b.routes.count) 条路由规则，\(b.results.count) 个结果类别"
                 : "valid: \(b.departments.count) departments, \(b.checklists.count) checklists (\(items) items), \(b.plans.count) plans, \(b.routes.count) routes, \(b.results.count) result categories")
    }
}
