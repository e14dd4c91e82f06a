import Directories
import Foundation
import Messages
import WorkingDays

/// Everything in `Rules/` and `Checklists/`, loaded, compiled and
/// cross-checked: the single source the interpreter, the draw and the
/// reports read from.
public struct Rulebook: Sendable {
    public var jurisdictions: [Jurisdiction] = []
    public var departments: [Department] = []
    public var authorities: [Authority] = []
    public var routes: [Route] = []
    public var results: [ResultCategory] = []
    public var targets: [Target] = []
    public var entitySchema: DirectorySchema?
    public var inspectorSchema: DirectorySchema?
    /// How directory columns and their coded values read on forms and pages.
    public var columnDisplay: [String: ColumnDisplay] = [:]
    public var calendar: WorkingDayCalendar?
    public var plans: [Plan] = []
    public var checklists: [Checklist] = []
    public var disclosure: DisclosurePolicy = .standard
    /// SHA-256 of every file the rulebook was loaded from, by path.
    public var fileHashes: [String: String] = [:]

    public func department(_ id: String) -> Department? { departments.first { $0.id == id } }
    public func authority(_ id: String) -> Authority? { authorities.first { $0.id == id } }
    public func checklist(_ id: String) -> Checklist? { checklists.first { $0.id == id } }
    public func plan(_ id: String) -> Plan? { plans.first { $0.id == id } }
    public func jurisdiction(_ id: String) -> Jurisdiction? { jurisdictions.first { $0.id == id } }
    public func result(_ code: String) -> ResultCategory? { results.first { $0.code == code } }

    /// The department competent for a problem domain.
    public func competentDepartment(for domain: String) -> Department? {
        departments.first { $0.domains.contains(domain) }
    }

    /// A department's or authority's name: the body of `jurisdiction` that
    /// performs it (宽城满族自治县市场监督管理局), or the function's own name
    /// (市场监督管理部门) where no jurisdiction is known.
    public func name(of id: String, in jurisdiction: String? = nil, _ language: Language = .zh) -> String {
        if let j = jurisdiction.flatMap({ self.jurisdiction($0) }), let body = j.body(id) { return body.text(language) }
        if let d = department(id) { return language == .en ? (d.nameEN ?? d.name) : d.name }
        if let a = authority(id) { return language == .en ? (a.nameEN ?? a.name) : a.name }
        return id
    }

    /// A directory value as people read it: a coded value by its label
    /// (`kindergarten` → 幼儿园), anything else as it is.
    public func displayValue(_ value: String, column: String, _ language: Language = .zh) -> String {
        columnDisplay[column]?.labels[value]?.text(language) ?? value
    }
}

extension Rulebook {
    /// The kind of a rule file, known by its top-level key.
    enum FileKind: String {
        case departments, authorities, routing, results, targets, directories, calendar, plan, checklist, disclosure, jurisdiction

        static func of(_ file: YAMLFile) -> FileKind? {
            guard let keys = file.rootValue?.mapping?.compactMap({ $0.key.text }) else { return nil }
            let table: [(String, FileKind)] = [("checklist", .checklist), ("plan", .plan), ("departments", .departments),
                                               ("jurisdiction", .jurisdiction), ("authorities", .authorities), ("routes", .routing), ("results", .results),
                                               ("targets", .targets), ("entities", .directories), ("year", .calendar),
                                               ("redact", .disclosure)]
            return table.first { keys.contains($0.0) }?.1
        }
    }

    /// Loads the rule files under `paths` (files or folders, searched for
    /// `.yaml`/`.yml`). A later file of a single-instance kind (departments,
    /// routing, …) replaces an earlier one; a later checklist or plan with the
    /// same id replaces the earlier one, so `validate my-draft.yaml` checks a
    /// draft against the rest of the repository.
    public static func load(paths: [String]) -> (Rulebook, [Diagnostic]) {
        var d = Diagnostics()
        var files: [YAMLFile] = []
        for path in paths {
            for file in yamlFiles(under: path, diagnostics: &d) {
                if let y = YAMLFile.read(path: file, diagnostics: &d) { files.append(y) }
            }
        }
        var book = Rulebook()
        var years: [HolidayYear] = []
        var yearPlaces: [Int: Place] = [:]
        for file in files {
            book.fileHashes[file.path] = file.sha256
            guard let kind = FileKind.of(file) else {
                d.error(Place(path: file.path, line: 1, column: 1),
                        zh: "无法识别的规则文件：顶层应有 checklist、plan、departments、jurisdiction、authorities、routes、results、targets、entities、redact 或 year 之一",
                        en: "unrecognised rule file: its top level needs one of checklist, plan, departments, jurisdiction, authorities, routes, results, targets, entities, redact or year")
                continue
            }
            switch kind {
            case .departments: book.departments = DepartmentsLoader.load(file, diagnostics: &d)
            case .jurisdiction:
                if let j = JurisdictionLoader.load(file, diagnostics: &d) {
                    if let first = book.jurisdictions.first(where: { $0.id == j.id }), first.place.path != j.place.path {
                        d.error(j.place, zh: "辖区“\(j.id)”重复（已见于 \(first.place.path)）", en: "jurisdiction '\(j.id)' is declared twice (also in \(first.place.path))")
                    }
                    book.jurisdictions.removeAll { $0.id == j.id }
                    book.jurisdictions.append(j)
                }
            case .authorities: book.authorities = DepartmentsLoader.loadAuthorities(file, diagnostics: &d)
            case .routing: book.routes = OutcomesLoader.loadRoutes(file, diagnostics: &d)
            case .results: book.results = OutcomesLoader.loadResults(file, diagnostics: &d)
            case .targets: book.targets = OutcomesLoader.loadTargets(file, diagnostics: &d)
            case .disclosure: if let p = DisclosurePolicyLoader.load(file, diagnostics: &d) { book.disclosure = p }
            case .directories:
                if let s = SupportLoaders.loadDirectories(file, diagnostics: &d) {
                    (book.entitySchema, book.inspectorSchema, book.columnDisplay) = (s.entities, s.inspectors, s.display)
                }
            case .calendar:
                if let y = SupportLoaders.loadCalendarYear(file, diagnostics: &d) {
                    yearPlaces[y.year] = Place(path: file.path, line: 1, column: 1)
                    years.removeAll { $0.year == y.year }
                    years.append(y)
                }
            case .plan:
                if let p = PlanLoader.load(file, diagnostics: &d) {
                    book.plans.removeAll { $0.id == p.id }
                    book.plans.append(p)
                }
            case .checklist:
                if let c = ChecklistLoader.load(file, diagnostics: &d) {
                    book.checklists.removeAll { $0.id == c.id }
                    book.checklists.append(c)
                }
            }
        }
        if !years.isEmpty {
            do { book.calendar = try WorkingDayCalendar(years: years) } catch {
                let at = yearPlaces[error.year ?? 0] ?? Place(path: paths.first ?? ".", line: 1, column: 1)
                d.error(at, zh: "节假日安排有误：\(error.message.zh)", en: "calendar data is inconsistent: \(error.message.en)")
            }
        }
        CrossReferences.check(book, diagnostics: &d)
        return (book, d.all)
    }

    /// The default locations: `Rules/` and `Checklists/` under a root folder.
    public static func load(root: String) -> (Rulebook, [Diagnostic]) {
        load(paths: [root + "/Rules", root + "/Checklists"])
    }

    static func yamlFiles(under path: String, diagnostics d: inout Diagnostics) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            d.error(Place(path: path, line: 1, column: 1), zh: "文件或目录不存在", en: "no such file or directory")
            return []
        }
        guard isDir.boolValue else { return [path] }
        let all = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []
        return all.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .filter { !$0.split(separator: "/").contains("samples") }
            .sorted().map { path + "/" + $0 }
    }
}
