import Foundation
import Messages
import Rulebook
import Testing

// The JSON Schemas of the rule files (docs/schemas/, `spotcheck schema`):
// every repository file fits its schema, and the schema and the loader agree
// on which keys each mapping allows (a key one rejects, the other rejects).

enum RuleSchemas {
    static let root = BrokenFixtures.root

    static func schema(_ kind: RuleFileKind) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(JSONSchema.text(for: kind).utf8))
        return try #require(object as? [String: Any])
    }

    /// Every rule file of the repository with its kind, as the loader tells it.
    static func repositoryFiles() throws -> [(path: String, kind: RuleFileKind, document: TestJSON)] {
        var out: [(String, RuleFileKind, TestJSON)] = []
        for folder in ["Rules", "Checklists"] {
            let base = root + "/" + folder
            let names = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yaml") && !$0.contains("samples/") }.sorted()
            for name in names {
                var d = Diagnostics()
                let file = try #require(YAMLFile.read(path: base + "/" + name, diagnostics: &d), "\(name)")
                let document = try #require(file.document, "\(name)")
                let keys: [String] = document.root.entries?.map { $0.key } ?? []
                let kind = try #require(RuleFileKind.allCases.first { keys.contains($0.marker) }, "\(name) has no kind")
                out.append((folder + "/" + name, kind, TestJSON(document.root)))
            }
        }
        return out
    }

    /// The keys the loader calls unknown in a draft of `file`.
    static func unknownKeys(_ draft: String, at file: String) -> [String] {
        Rulebook.validateDraft(draft, at: file, root: root).filter { $0.path == root + "/" + file }.compactMap { d in
            let m = d.message.en
            guard m.hasPrefix("unknown key '"), let end = m.dropFirst(13).firstIndex(of: "'") else { return nil }
            return String(m[m.index(m.startIndex, offsetBy: 13)..<end])
        }
    }
}

@Suite("JSON Schemas of the rule files")
struct RuleSchemaTests {
    @Test("every kind has a schema in docs/schemas, equal to what `spotcheck schema` prints")
    func shippedSchemas() throws {
        let folder = RuleSchemas.root + "/docs/schemas"
        let shipped = Set((try FileManager.default.contentsOfDirectory(atPath: folder)).filter { $0.hasSuffix(".schema.json") })
        #expect(shipped == Set(RuleFileKind.allCases.map { $0.rawValue + ".schema.json" }))
        for kind in RuleFileKind.allCases {
            let file = try String(contentsOfFile: folder + "/\(kind.rawValue).schema.json", encoding: .utf8)
            let printed = try CLIRunner.run(["schema", kind.rawValue])
            #expect(printed.status == 0, "\(printed)")
            #expect(printed.stdout == file, "docs/schemas/\(kind.rawValue).schema.json differs from `spotcheck schema \(kind.rawValue)`")
            #expect(printed.stdout == JSONSchema.text(for: kind))
        }
        let english = try CLIRunner.run(["schema", "checklist", "--lang", "en"])
        #expect(english.stdout.contains("\"description\": \"a checklist\""))
        let wrong = try CLIRunner.run(["schema", "checklists"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("checklist"), "\(wrong)")
    }

    @Test("each schema is draft 2020-12 and uses only keywords the validator knows")
    func dialect() throws {
        for kind in RuleFileKind.allCases {
            let s = try RuleSchemas.schema(kind)
            #expect(s["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            let unknown = SchemaValidator.keywords(s).subtracting(SchemaValidator.known)
            #expect(unknown.isEmpty, "\(kind): \(unknown)")
        }
    }

    @Test("every repository rule file validates against its schema")
    func repositoryFilesValidate() throws {
        let files = try RuleSchemas.repositoryFiles()
        #expect(Set(files.map(\.kind)) == Set(RuleFileKind.allCases), "a kind has no file in the repository")
        for (path, kind, document) in files {
            let failures = SchemaValidator.validate(document, try RuleSchemas.schema(kind))
            #expect(failures.isEmpty, "\(path): \(failures.prefix(5))")
        }
    }

    @Test("the validator rejects what the schema forbids")
    func validatorRejects() throws {
        let s = try RuleSchemas.schema(.checklist)
        let doc = TestJSON.object([("checklist", .string("education.x")), ("version", .string("1")), ("department", .string("education")),
                                   ("title", .string("t")), ("items", .array([.object([("id", .string("a")), ("title", .string("t")),
                                                                                         ("answer", .string("int"))])]))])
        #expect(SchemaValidator.validate(doc, s).map(\.keyword) == ["enum"])
        let extra = doc.inserting("colour", .string("red"), at: [PathStep.key("items"), .index(0)][...])
        #expect(SchemaValidator.validate(extra, s).map(\.keyword).sorted() == ["additionalProperties", "enum"])
        let both = doc.inserting("compute", .string("1"), at: [PathStep.key("items"), .index(0)][...])
        #expect(SchemaValidator.validate(both, s).map(\.keyword).sorted() == ["enum", "oneOf"])
    }

    /// At every mapping of every repository file: each key the schema allows
    /// that is not there yet is added, and the loader must not call it
    /// unknown; and keys the schema does not allow are added, and the loader
    /// must call each of them unknown.
    @Test("the schema and the loader agree on the allowed keys of every mapping of every kind")
    func loaderAgrees() throws {
        var checked = 0
        var seenKinds: Set<RuleFileKind> = []
        var shapes: Set<String> = []
        for (path, kind, file) in try RuleSchemas.repositoryFiles() {
            seenKinds.insert(kind)
            // Optional mappings the repository's files leave out, added so their keys are checked too.
            var document = file
            let top: [String] = { if case .object(let o) = file { return o.map(\.0) } else { return [] } }()
            if kind == .plan, !top.contains("revision") { document = document.inserting("revision", .object([("on", .string("2024-05-06")), ("reason", .string("x"))]), at: []) }
            if kind == .disclosure, case .object(let o) = file {   // `patterns: []` in the repository
                document = .object(o.filter { $0.0 != "patterns" } + [("patterns", .array([.object([("pattern", .string("x")), ("replacement", .string("y"))])]))])
            }
            let schema = try RuleSchemas.schema(kind)
            for (at, objectSchema) in SchemaValidator.objects(document, schema) {
                // One mapping of each shape of each kind: the first item, the first route …
                let shape = at.map(\.shape).joined()
                guard shapes.insert(kind.rawValue + shape).inserted else { continue }
                let allowed = ((objectSchema["properties"] as? [String: Any]) ?? [:]).keys.sorted()
                guard case .object(let present)? = value(document, at: at) else { continue }
                // Allowed keys, added: neither calls them unknown.
                var edited = document
                for key in allowed where !present.contains(where: { $0.0 == key }) {
                    edited = edited.inserting(key, .string("x"), at: at[...])
                }
                let additional = SchemaValidator.validate(edited, schema).filter { $0.keyword == "additionalProperties" }
                #expect(additional.isEmpty, "\(path)\(shape): the schema refuses an allowed key: \(additional)")
                let refused = RuleSchemas.unknownKeys(edited.text, at: path).filter { allowed.contains($0) }
                #expect(refused.isEmpty, "\(path)\(shape): the loader refuses keys the schema allows: \(refused)")
                // Keys the schema does not list: both refuse each of them.
                let bogus = ["zz_unknown", (allowed.first ?? "key") + "_x", "Title"].filter { !allowed.contains($0) }
                var wrong = document
                for key in bogus { wrong = wrong.inserting(key, .string("x"), at: at[...]) }
                let schemaRefuses = Set(SchemaValidator.validate(wrong, schema).filter { $0.keyword == "additionalProperties" && $0.path == at }.map(\.detail))
                #expect(schemaRefuses == Set(bogus), "\(path)\(shape): the schema allows \(Set(bogus).subtracting(schemaRefuses))")
                let loaderRefuses = Set(RuleSchemas.unknownKeys(wrong.text, at: path))
                #expect(loaderRefuses == Set(bogus), "\(path)\(shape): the loader refuses \(loaderRefuses), not \(bogus)")
                checked += 1
            }
        }
        #expect(seenKinds == Set(RuleFileKind.allCases))
        // Every mapping every schema describes was checked: the top of each
        // kind, items, rules, examples, columns, bodies, the sample …
        var described: Set<String> = []
        for kind in RuleFileKind.allCases {
            described.formUnion(SchemaValidator.shapes(try RuleSchemas.schema(kind)).map { kind.rawValue + $0 })
        }
        #expect(shapes == described, "not checked: \(described.subtracting(shapes).sorted())")
        #expect(checked == described.count)
    }

    private func value(_ v: TestJSON, at path: [PathStep]) -> TestJSON? {
        guard let step = path.first else { return v }
        switch (v, step) {
        case (.object(let o), .key(let k)), (.object(let o), .entry(let k)): return o.first { $0.0 == k }.flatMap { value($0.1, at: Array(path.dropFirst())) }
        case (.array(let a), .index(let i)): return a.indices.contains(i) ? value(a[i], at: Array(path.dropFirst())) : nil
        default: return nil
        }
    }
}
