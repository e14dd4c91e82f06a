import Foundation
import Messages
import Rulebook
import Testing

/// `Rulebook.validateDraft`: what the web checklist editor calls with the
/// text being edited.
@Suite("Validating a draft rule file")
struct DraftValidationTests {
    static let root = BrokenFixtures.root
    static let file = "Checklists/education/school_canteen.yaml"

    @Test("each repository file, as its own draft, gives what the repository gives")
    func unchangedDrafts() throws {
        let (_, expected) = Rulebook.load(root: Self.root)
        #expect(!expected.contains { $0.severity == .error }, "\(expected.map { $0.formatted(.en) })")
        for file in [Self.file, "Rules/plans/2023-changli-halal-food.yaml", "Rules/routing.yaml", "Rules/directories.yaml"] {
            let got = Rulebook.validateDraft(Authoring.repositoryText(file), at: file, root: Self.root)
            #expect(Set(got) == Set(expected), "\(file): \(got.map { $0.formatted(.en) })")
        }
    }

    @Test("a draft reading entity.boardng gives one diagnostic, at the field, in the draft")
    func misspeltColumn() throws {
        let old = "&& has(entity.has_canteen) && entity.has_canteen\""
        let draft = Authoring.edited(Self.file, old, "&& has(entity.has_canteen) && entity.boardng\"")
        let ds = Authoring.diagnostics(draft, at: Self.file)
        #expect(ds.count == 1, "\(ds.map { $0.formatted(.en) })")
        let d = try #require(ds.first)
        // applies_to on line 11: the text starts at column 14, `boardng` 79 characters later.
        #expect(d.path == Self.root + "/" + Self.file)
        #expect((d.line, d.column) == (11, 93), "\(d.formatted(.en))")
        #expect(d.message.en == "CEL reference error in applies_to: the entity directory (entities in Rules/directories.yaml) has no column 'boardng' (did you mean 'boarding'?)")
        #expect(d.message.zh == "适用范围（applies_to）的 CEL 表达式名称错误：检查对象名录（Rules/directories.yaml 的 entities）中没有“boardng”列（是否应为“boarding”？）")
        // The file on disk is untouched.
        #expect(Authoring.repositoryText(Self.file).contains(old))
    }

    @Test("a new file is checked against the others, and what it breaks elsewhere is said there")
    func newAndRenamed() throws {
        let fresh = Authoring.checklist([:])
        #expect(Authoring.diagnostics(fresh, at: "Checklists/education/new_draft.yaml").isEmpty)
        // Renaming a checklist the plans use: the plan that names it says so.
        let renamed = Authoring.edited(Self.file, "checklist: education.school_canteen", "checklist: education.school_canteens")
        let ds = Authoring.diagnostics(renamed, at: Self.file)
        #expect(ds.count == 1, "\(ds.map { $0.formatted(.en) })")
        #expect(ds.first?.path == Self.root + "/Rules/plans/2024-kuancheng-school-canteens.yaml")
        #expect(ds.first?.message.en == "checklist 'education.school_canteen' does not exist (did you mean 'education.school_canteens'?)")
    }

    @Test("an optional column read after has() is accepted; read alone it is too, typed")
    func optionalColumns() {
        let draft = Authoring.checklist([20: "    relevant: \"has(entity.students) && entity.students > 300 && entity.registered_on < timestamp('2022-01-01T00:00:00Z')\""])
        #expect(Authoring.diagnostics(draft, at: Authoring.checklistFile).isEmpty)
    }
}
