/// Every page template by name (Mustache; `{{<layout}}` pages fill the
/// layout's `main` block). Kept in Swift so the binary carries them.
enum Templates {
    static let all: [String: String] = [
        "layout": layout, "error": error, "recordlist": recordList,
        "home": home, "plan": plan, "draw": draw, "disclosures": disclosures, "login": login,
        "office": office, "report": report, "publish": publish,
        "tasks": tasks, "taskform": taskForm, "taskresult": taskResult,
        "confirmations": confirmations, "referrals": referrals, "checklists": checklists, "editor": editor,
    ]
}
