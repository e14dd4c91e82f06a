import Messages
import Store

/// What every page shares: its language, the words, the navigation for
/// the caller's role, who is signed in and the form token.
struct PageShell {
    struct Link {
        var href: String
        var label: String
        var current: Bool
    }
    var lang: String
    /// The language's code as `?lang=` takes it (zh, en), for the scripts' requests.
    var code: String
    var title: String
    var t: [String: String]
    var nav: [Link]
    var signedIn: Bool
    var who: String
    var roleName: String
    var csrf: String
    var otherLanguageHref: String
    var otherLanguageLabel: String
    var otherLang: String
    /// Scripts of this site the page needs (never inline: the CSP forbids it).
    var scripts: [String]

    init(title: String, path: String, language l: Language, caller: Caller?, scripts: [String] = []) {
        let t = UIText.table(l)
        self.lang = l == .zh ? "zh-CN" : "en"
        self.code = l.rawValue
        self.title = title
        self.t = t
        var links: [(String, String)] = [("/", t["home"]!), ("/disclosures", t["disclosures"]!)]
        switch caller?.role {
        case .inspector?: links.append(("/tasks", t["myTasks"]!))
        case .departmentAdmin?:
            links += [("/department/confirmations", t["confirmations"]!), ("/department/referrals", t["received"]!),
                      ("/department/checklists", t["checklists"]!)]
        case .leadOffice?: links += [("/office", t["deadlines"]!), ("/office/report", t["report"]!), ("/office/publish", t["publish"]!)]
        case .systemAdmin?, nil: break
        }
        nav = links.map { Link(href: $0.0, label: $0.1, current: $0.0 == path) }
        signedIn = caller != nil
        who = caller?.id ?? ""
        roleName = caller.map { Access.roleLabel($0.role).text(l) } ?? ""
        csrf = caller?.session.csrfToken ?? ""
        let other: Language = l == .zh ? .en : .zh
        otherLang = other == .zh ? "zh-CN" : "en"
        otherLanguageHref = path + "?lang=" + other.rawValue
        otherLanguageLabel = other == .zh ? "中文" : "English"
        self.scripts = scripts
    }
}
