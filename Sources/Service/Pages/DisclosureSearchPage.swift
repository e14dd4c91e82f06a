import Foundation
import Hummingbird
import Messages
import Rulebook
import Store

/// The public search page: the form as submitted, the filters' choices
/// from the rule files, a page of records and links to its neighbours.
struct DisclosureSearchPage {
    struct Choice {
        var id: String
        var label: String
        var selected: Bool
    }
    var shell: PageShell
    var q: String
    var from: String
    var to: String
    var plans: [Choice]
    var departments: [Choice]
    var results: [Choice]
    var records: [RecordCard]
    var notice: String?
    var previousHref: String?
    var nextHref: String?

    init(form: DisclosureSearchForm, page: DisclosurePage, request: Request, rulebook book: Rulebook, shell: PageShell, language l: Language) {
        let query = form.query
        self.shell = shell
        q = query.text ?? ""
        from = query.from ?? ""
        to = query.to ?? ""
        plans = book.plans.sorted { $0.id < $1.id }.map {
            Choice(id: $0.id, label: l == .en ? ($0.titleEN ?? $0.title) : $0.title, selected: $0.id == query.plan)
        }
        departments = book.departments.map { Choice(id: $0.id, label: book.name(of: $0.id, in: nil, l), selected: $0.id == query.department) }
        results = book.results.sorted { $0.rank < $1.rank }.map { Choice(id: $0.code, label: $0.labelText(l), selected: $0.code == query.result) }
        records = page.records.compactMap { RecordCard($0, rulebook: book, language: l) }
        let text = DisclosureQuery.searchKey(query.text ?? "")
        if !text.isEmpty, text.count < DisclosureQuery.shortestName {
            notice = l == .zh ? "名称请至少输入 \(DisclosureQuery.shortestName) 个字" : "type at least \(DisclosureQuery.shortestName) characters of a name"
        }
        previousHref = query.page > 1 ? DisclosureSearchForm.link(request, page: query.page - 1) : nil
        nextHref = page.hasMore ? DisclosureSearchForm.link(request, page: query.page + 1) : nil
    }
}
