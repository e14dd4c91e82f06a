import Directories
import Foundation
import Messages
import WorkingDays

extension Rulebook {
    /// Loads the rule files under `paths` (files or folders, searched for
    /// `.yaml`/`.yml`). A later file of a single-instance kind (departments,
    /// routing, …) replaces an earlier one; a later checklist or plan with the
    /// same id replaces the earlier one, so `validate my-draft.yaml` checks a
    /// draft against the rest of the repository.
    public static func load(paths: [String]) -> (Rulebook, [Diagnostic]) {
        var d = Diagnostics()
        var sources: [(path: String, text: String)] = []
        for path in paths {
            for file in yamlFiles(under: path, diagnostics: &d) {
                if let text = YAMLFile.readText(path: file, diagnostics: &d) { sources.append((file, text)) }
            }
        }
        return load(sources: sources, diagnostics: d)
    }

    /// The default locations: `Rules/` and `Checklists/` under a root folder.
    public static func load(root: String) -> (Rulebook, [Diagnostic]) {
        load(paths: [root + "/Rules", root + "/Checklists"])
    }

    /// Loads rule files given as text, in order. The directory declarations
    /// are read first, whatever their place, since every expression is
    /// checked against the columns they declare.
    static func load(sources: [(path: String, text: String)], diagnostics: Diagnostics) -> (Rulebook, [Diagnostic]) {
        var d = diagnostics
        var book = Rulebook()
        var unloaded = Unloaded()
        var files: [(YAMLFile, RuleFileKind)] = []
        for (path, text) in sources {
            guard let file = YAMLFile.parse(text, path: path, diagnostics: &d) else {
                unloaded.note(text: text)
                continue
            }
            book.fileHashes[file.path] = file.sha256
            let keys = file.rootValue?.mapping?.compactMap { $0.key.text } ?? []
            guard let kind = RuleFileKind.of(keys: keys) else {
                unrecognised(file, keys: keys, &d)
                unloaded.note(text: text)
                continue
            }
            files.append((file, kind))
        }
        for (file, kind) in files where kind == .directories {
            let before = d.errors.count
            if let s = SupportLoaders.loadDirectories(file, diagnostics: &d) {
                (book.entitySchema, book.inspectorSchema, book.columnDisplay, book.contexts) = (s.entities, s.inspectors, s.display, s.contexts)
            }
            // Columns a wrong declaration leaves unknown: expressions are
            // not checked against a half-read directory.
            if d.errors.count > before { book.contexts = .untyped }
        }
        var years: [HolidayYear] = []
        var yearPlaces: [Int: Place] = [:]
        for (file, kind) in files {
            let before = d.errors.count
            switch kind {
            case .directories: continue
            case .departments: book.departments = DepartmentsLoader.load(file, diagnostics: &d)
            case .jurisdictions:
                if let j = JurisdictionLoader.load(file, diagnostics: &d) {
                    if let first = book.jurisdictions.first(where: { $0.id == j.id }), first.place.path != j.place.path {
                        d.error(j.place, zh: "辖区“\(j.id)”重复（已见于 \(first.place.path)）", en: "jurisdiction '\(j.id)' is declared twice (also in \(first.place.path))")
                    }
                    book.jurisdictions.removeAll { $0.id == j.id }
                    book.jurisdictions.append(j)
                }
            case .authorities: book.authorities = DepartmentsLoader.loadAuthorities(file, diagnostics: &d)
            case .routing: book.routes = OutcomesLoader.loadRoutes(file, contexts: book.contexts, diagnostics: &d)
            case .results: book.results = OutcomesLoader.loadResults(file, contexts: book.contexts, diagnostics: &d)
            case .targets: book.targets = OutcomesLoader.loadTargets(file, diagnostics: &d)
            case .disclosure: if let p = DisclosurePolicyLoader.load(file, diagnostics: &d) { book.disclosure = p }
            case .calendar:
                if let y = SupportLoaders.loadCalendarYear(file, diagnostics: &d) {
                    yearPlaces[y.year] = Place(path: file.path, line: 1, column: 1)
                    years.removeAll { $0.year == y.year }
                    years.append(y)
                }
            case .plan:
                if let p = PlanLoader.load(file, contexts: book.contexts, diagnostics: &d) {
                    book.plans.removeAll { $0.id == p.id }
                    book.plans.append(p)
                }
            case .checklist:
                if let c = ChecklistLoader.load(file, contexts: book.contexts, diagnostics: &d) {
                    book.checklists.removeAll { $0.id == c.id }
                    book.checklists.append(c)
                }
            }
            if d.errors.count > before { unloaded.note(file: file, kind: kind) }
        }
        book.unloaded = unloaded
        if !years.isEmpty {
            do { book.calendar = try WorkingDayCalendar(years: years) } catch {
                let at = yearPlaces[error.year ?? 0] ?? Place(path: sources.first?.path ?? ".", line: 1, column: 1)
                d.error(at, zh: "节假日安排有误：\(error.message.zh)", en: "calendar data is inconsistent: \(error.message.en)")
            }
        }
        CrossReferences.check(book, diagnostics: &d)
        LiteralValues.check(book, diagnostics: &d)
        ExampleFields.check(book, diagnostics: &d)
        return (book, d.all)
    }

    /// A file no top-level key identifies: say which key looks like a
    /// misspelt marker, at that key, or list the markers.
    private static func unrecognised(_ file: YAMLFile, keys: [String], _ d: inout Diagnostics) {
        if let (key, marker) = RuleFileKind.misspeltMarker(in: keys),
           let at = file.rootValue?.mapping?.first(where: { $0.key.text == key })?.key.place {
            d.error(at, zh: "无法识别的规则文件：顶层的“\(key)”是否应为“\(marker)”？",
                    en: "unrecognised rule file: should the top-level key '\(key)' be '\(marker)'?")
            return
        }
        let markers = RuleFileKind.allCases.map(\.marker)
        d.error(Place(path: file.path, line: 1, column: 1),
                zh: "无法识别的规则文件：顶层应有 \(markers.spelledOut(.zh)) 之一",
                en: "unrecognised rule file: its top level needs one of \(markers.spelledOut(.en))")
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

/// The checklists and jurisdictions that a file declares but that did not
/// load because of an error already reported: the files naming them must
/// not add "does not exist" for the same mistake.
struct Unloaded: Sendable {
    private(set) var ids: Set<String> = []
    /// Kinds of file (departments, authorities) that had an error: what
    /// they declare is not fully known, and nothing is reported missing.
    private(set) var incomplete: Set<RuleFileKind> = []

    func contains(_ kind: RuleFileKind, _ id: String) -> Bool { ids.contains(kind.rawValue + ":" + id) }

    mutating func note(file: YAMLFile, kind: RuleFileKind) {
        incomplete.insert(kind)
        guard kind == .checklist || kind == .jurisdictions || kind == .plan,
              let id = file.rootValue?.mapping?.first(where: { $0.key.text == kind.marker })?.value.text else { return }
        ids.insert(kind.rawValue + ":" + id)
    }

    /// For a file that is not YAML, or not a known kind: its id from a
    /// `checklist:` (or `plan:`, `jurisdiction:`) line at the start of a
    /// line, the key possibly misspelt (`checklst:`) or with a full-width colon.
    mutating func note(text: String) {
        let kinds: [RuleFileKind] = [.checklist, .plan, .jurisdictions]
        for line in text.split(separator: "\n").prefix(200) {
            guard let sep = line.firstIndex(where: { $0 == ":" || $0 == "：" }), line.first?.isLetter == true else { continue }
            let key = String(line[..<sep])
            guard let kind = kinds.first(where: { $0.marker == key }) ?? Suggestion.closest(key, in: kinds.map(\.marker))
                .flatMap({ m in kinds.first { $0.marker == m } }) else { continue }
            let id = line[line.index(after: sep)...].split(separator: "#").first?
                .trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")) ?? ""
            if !id.isEmpty { ids.insert(kind.rawValue + ":" + id) }
        }
    }
}
