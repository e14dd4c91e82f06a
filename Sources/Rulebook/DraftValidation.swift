import Messages

extension Rulebook {
    /// Validates a draft rule file given as text, as an editor holds it
    /// before saving: in the context of the whole rulebook under `root`
    /// (its `Rules/` and `Checklists/`), the draft taking the place of the
    /// file at `relativePath` (e.g. `Checklists/education/school_canteen.yaml`),
    /// or added when there is none. Everything is loaded, compiled and
    /// cross-checked as `spotcheck validate` does, examples' fields included.
    ///
    /// Returns every diagnostic of the load, in load order; the draft's own
    /// carry the path `root + "/" + relativePath`, others belong to files
    /// the draft affects (a plan naming a checklist the draft renamed).
    /// Each carries both languages: show it with `formatted(language)` or
    /// `message.text(language)`. No file is written, and none is read at
    /// `relativePath`: only its text is used.
    public static func validateDraft(_ text: String, at relativePath: String, root: String) -> [Diagnostic] {
        load(root: root, replacing: [relativePath: text]).1
    }

    /// Loads the rulebook under `root` with some files given as text
    /// instead (by path relative to `root`; a path with no file there adds
    /// one): a draft being edited, or the versions of checklists a service
    /// has published since the files were written.
    public static func load(root: String, replacing texts: [String: String]) -> (Rulebook, [Diagnostic]) {
        var d = Diagnostics()
        var given: [String: String] = [:]
        for (relativePath, text) in texts {
            var relative = Substring(relativePath)
            while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
            while relative.hasPrefix("/") { relative = relative.dropFirst() }
            given[root + "/" + relative] = text
        }
        var sources: [(path: String, text: String)] = []
        var used = Set<String>()
        for folder in [root + "/Rules", root + "/Checklists"] {
            for path in yamlFiles(under: folder, diagnostics: &d) {
                if let text = given[path] {
                    sources.append((path, text))
                    used.insert(path)
                } else if let t = YAMLFile.readText(path: path, diagnostics: &d) {
                    sources.append((path, t))
                }
            }
        }
        for (path, text) in given.sorted(by: { $0.key < $1.key }) where !used.contains(path) { sources.append((path, text)) }
        return load(sources: sources, diagnostics: d)
    }
}
