import Foundation
import Hummingbird
import Messages
import Mustache
import Rulebook

/// Renders pages from the Mustache templates in `Templates/`. Mustache
/// escapes every value it inserts, so text from rule files, directories
/// and users never becomes markup.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init(rulebook: Rulebook) {
        var library = MustacheLibrary()
        for (name, text) in Templates.all {
            do { try library.register(text, named: name) } catch {
                preconditionFailure("template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// A page as a response.
    func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(model, withTemplate: template) ?? ""
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    struct ErrorModel {
        struct Line {
            var place: String
            var message: String
        }
        var shell: PageShell
        var status: Int
        var message: String
        var diagnostics: [Line]
        /// Stored, not computed: Mustache sees stored properties only.
        var hasDiagnostics: Bool
    }

    func errorPage(_ error: ServiceError, language l: Language, caller: Caller?) -> Response {
        let t = UIText.table(l)
        let model = ErrorModel(shell: PageShell(title: t["error"]!, path: "", language: l, caller: caller), status: error.status.code,
                               message: error.message.text(l),
                               diagnostics: error.diagnostics.map { .init(place: "\($0.path):\($0.line):\($0.column)", message: $0.message.text(l)) },
                               hasDiagnostics: !error.diagnostics.isEmpty)
        return page("error", model, status: error.status)
    }
}
