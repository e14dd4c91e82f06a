import Foundation
import HTTPTypes
import Hummingbird
import Spotcheck
import Store

/// `GET /api/v1/disclosures?q=&plan=&result=&department=&from=&to=&jurisdiction=&page=`:
/// published records, newest first, a page at a time (the array is the
/// page; `Link: <…>; rel="next"` when there is another).
struct DisclosureAPI {
    let state: ServiceState

    func addRoutes(to api: RouterGroup<ServiceRequestContext>) {
        api.get("disclosures", use: search)
    }

    @Sendable func search(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = try DisclosureSearchForm(request).query
        let page = try stored { () throws(StoreError) in try state.store.searchDisclosures(query) }
        var response = JSONBody.response(.ok, bytes: PublishedRecordJSON.array(page.records))
        if page.hasMore {
            response.headers[HTTPField.Name("Link")!] = "<\(DisclosureSearchForm.link(request, page: query.page + 1))>; rel=\"next\""
        }
        return response
    }
}

/// The search parameters of the API and the public page, read strictly.
struct DisclosureSearchForm {
    var query: DisclosureQuery

    init(_ request: Request) throws(ServiceError) {
        let p = request.uri.queryParameters
        func text(_ name: String, max: Int = 128) throws(ServiceError) -> String? {
            guard let v = p.get(name)?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            guard v.count <= max else {
                throw ServiceError.badRequest(zh: "参数 \(name) 过长（最多 \(max) 个字符）", en: "parameter \(name) is too long (at most \(max) characters)")
            }
            return v
        }
        let from = try Query.day(request, "from")
        let to = try Query.day(request, "to")
        query = DisclosureQuery(text: try text("q"), jurisdiction: try text("jurisdiction"), plan: try text("plan"), result: try text("result"),
                                department: try text("department"), from: from?.description, to: to?.description,
                                page: try Query.int(request, "page").map { max(1, $0) } ?? 1, perPage: 20)
        if query.page > 500 {
            throw ServiceError.badRequest(zh: "页码过大：请缩小查询范围", en: "the page number is too large: narrow the search")
        }
    }

    /// The same search on another page.
    static func link(_ request: Request, page: Int) -> String {
        var items = URLComponents(string: "http://x" + request.uri.description)?.queryItems ?? []
        items.removeAll { $0.name == "page" }
        items.append(URLQueryItem(name: "page", value: String(page)))
        var c = URLComponents()
        c.path = request.uri.path
        c.queryItems = items
        return c.string ?? request.uri.path
    }
}
