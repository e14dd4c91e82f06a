import Messages
/// Checks that the files agree with each other: every department, domain,
/// authority, checklist and item that one file names exists in another.
enum CrossReferences {
    static func check(_ book: Rulebook, diagnostics d: inout Diagnostics) {
        let unloaded = book.unloaded
        var owners: [String: String] = [:]
        var seenDepartments: Set<String> = []
        for dep in book.departments {
            if !seenDepartments.insert(dep.id).inserted {
                d.error(dep.place, zh: "部门“\(dep.id)”重复", en: "duplicate department '\(dep.id)'")
            }
            for domain in dep.domains {
                if let other = owners[domain], other != dep.id {
                    d.error(dep.place, zh: "职责领域“\(domain)”同时属于“\(other)”和“\(dep.id)”", en: "domain '\(domain)' belongs to both '\(other)' and '\(dep.id)'")
                }
                owners[domain] = dep.id
            }
        }
        for a in book.authorities where seenDepartments.contains(a.id) {
            d.error(a.place, zh: "机关“\(a.id)”与部门同名", en: "authority '\(a.id)' has the same id as a department")
        }
        let targets = seenDepartments.union(book.authorities.map(\.id)).union([Route.competent])
        for r in book.routes where !targets.contains(r.to) && book.bodiesKnown {
            let hint = Suggestion.hint(r.to, in: targets.sorted())
            d.error(r.place, zh: "移送去向“\(r.to)”不是已声明的部门或机关" + hint.zh, en: "route target '\(r.to)' is not a declared department or authority" + hint.en)
        }
        var checklistIDs: [String: Checklist] = [:]
        for c in book.checklists {
            checklistIDs[c.id] = c
            if book.department(c.department) == nil, book.departmentsKnown {
                let hint = Suggestion.closest(c.department, in: book.departments.map(\.id))
                d.error(c.departmentPlace, zh: "清单所属部门“\(c.department)”未在 departments.yaml 中声明" + (hint.map { "（是否应为“\($0)”？）" } ?? ""),
                        en: "department '\(c.department)' is not declared in departments.yaml" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
            } else if !c.id.hasPrefix(c.department + ".") {
                // Checked here, where the departments are known: a misspelt
                // department is one mistake, not also a wrong id.
                d.error(c.place, zh: "清单标识“\(c.id)”应以所属部门“\(c.department)”开头",
                        en: "checklist id '\(c.id)' must start with its department '\(c.department)'")
            }
            for item in c.items {
                if let domain = item.domain, owners[domain] == nil, book.departmentsKnown {
                    let hint = Suggestion.closest(domain, in: Array(owners.keys).sorted())
                    d.error(item.domainPlace, zh: "事项“\(item.id)”的职责领域“\(domain)”不属于任何部门" + (hint.map { "（是否应为“\($0)”？）" } ?? ""),
                            en: "domain '\(domain)' of item '\(item.id)' belongs to no department" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
                }
            }
            let ids = c.items.map(\.id)
            for ex in c.examples {
                for (k, _) in ex.answers where c.item(k.value) == nil {
                    let hint = Suggestion.hint(k.value, in: ids)
                    d.error(k.place, zh: "示例“\(ex.name)”回答了不存在的事项“\(k.value)”" + hint.zh, en: "example '\(ex.name)' answers unknown item '\(k.value)'" + hint.en)
                }
                for v in ex.expectViolations where c.item(v.value) == nil {
                    let hint = Suggestion.hint(v.value, in: ids)
                    d.error(v.place, zh: "示例“\(ex.name)”预期的违规“\(v.value)”不是本清单的事项" + hint.zh, en: "example '\(ex.name)' expects unknown item '\(v.value)'" + hint.en)
                }
                for (k, _) in ex.expectStatus where c.item(k.value) == nil {
                    let hint = Suggestion.hint(k.value, in: ids)
                    d.error(k.place, zh: "示例“\(ex.name)”预期了不存在的事项“\(k.value)”" + hint.zh, en: "example '\(ex.name)' expects a status for unknown item '\(k.value)'" + hint.en)
                }
            }
        }
        let bodyIDs = seenDepartments.union(book.authorities.map(\.id))
        for j in book.jurisdictions {
            for (id, at) in j.bodyPlaces.sorted(by: { $0.key < $1.key }) where !bodyIDs.contains(id) && book.bodiesKnown {
                let hint = Suggestion.closest(id, in: bodyIDs.sorted())
                d.error(at, zh: "“\(id)”不是已声明的部门或机关" + (hint.map { "（是否应为“\($0)”？）" } ?? ""),
                        en: "'\(id)' is not a declared department or authority" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
            }
        }
        for p in book.plans {
            let place = { (key: String) in p.departmentPlaces[key] ?? p.place }
            if let j = book.jurisdiction(p.jurisdiction) {
                for dep in p.departments where book.department(dep) != nil && j.body(dep) == nil {
                    d.error(place(dep), zh: "辖区“\(j.id)”没有写明执行“\(dep)”职责的机构（\(j.place.path) 的 bodies）",
                            en: "jurisdiction '\(j.id)' names no body for '\(dep)' (bodies in \(j.place.path))")
                }
            } else if !unloaded.contains(.jurisdictions, p.jurisdiction) {
                let hint = Suggestion.closest(p.jurisdiction, in: book.jurisdictions.map(\.id).sorted())
                d.error(place("jurisdiction:" + p.jurisdiction), zh: "辖区“\(p.jurisdiction)”未在 Rules/jurisdictions/ 中声明" + (hint.map { "（是否应为“\($0)”？）" } ?? ""),
                        en: "jurisdiction '\(p.jurisdiction)' is not declared in Rules/jurisdictions/" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
            }
            var listed: Set<String> = []
            for dep in p.departments where !listed.insert(dep).inserted {
                d.error(place(dep), zh: "计划中的部门“\(dep)”重复列出", en: "department '\(dep)' is listed twice in the plan")
            }
            let departmentIDs = book.departments.map(\.id)
            for dep in Set(p.departments).sorted() where book.department(dep) == nil && book.departmentsKnown {
                let hint = Suggestion.hint(dep, in: departmentIDs)
                d.error(place(dep), zh: "计划中的部门“\(dep)”未声明" + hint.zh, en: "department '\(dep)' of the plan is not declared" + hint.en)
            }
            if !p.departments.contains(p.lead) {
                let hint = Suggestion.hint(p.lead, in: p.departments)
                d.error(place("lead:" + p.lead), zh: "牵头部门“\(p.lead)”不在参与部门之中" + hint.zh, en: "lead department '\(p.lead)' is not among the plan's departments" + hint.en)
            }
            // A misspelt department of the plan is one mistake: its
            // checklists, listed under the right spelling, are not another.
            let undeclared = p.departments.filter { book.department($0) == nil }
            for (dep, ids) in p.checklists {
                if !p.departments.contains(dep), Suggestion.closest(dep, in: undeclared) == nil {
                    let hint = Suggestion.hint(dep, in: p.departments)
                    d.error(p.checklistPlaces["dept:" + dep] ?? p.place, zh: "“\(dep)”不是本计划的参与部门，不能指定清单" + hint.zh,
                            en: "'\(dep)' is not a department of this plan and cannot have checklists" + hint.en)
                }
                for id in ids {
                    let at = p.checklistPlaces[dep + "/" + id] ?? p.place
                    guard let c = checklistIDs[id] else {
                        if unloaded.contains(.checklist, id) { continue }
                        let hint = Suggestion.hint(id, in: checklistIDs.keys.sorted())
                        d.error(at, zh: "清单“\(id)”不存在" + hint.zh, en: "checklist '\(id)' does not exist" + hint.en)
                        continue
                    }
                    // Under a key that is not a department of the plan (said above), not again.
                    if c.department != dep, p.departments.contains(dep) {
                        d.error(at, zh: "清单“\(id)”属于“\(c.department)”，不属于“\(dep)”",
                                en: "checklist '\(id)' belongs to '\(c.department)', not '\(dep)'")
                    }
                }
            }
            // A department whose checklists are listed under a misspelt key
            // was told about that key; it is not warned of again.
            let strayKeys = p.checklists.keys.filter { !p.departments.contains($0) }
            for dep in p.departments where (p.checklists[dep] ?? []).isEmpty && !undeclared.contains(dep)
                && Suggestion.closest(dep, in: Array(strayKeys)) == nil {
                d.warning(place(dep), zh: "参与部门“\(dep)”没有指定检查事项清单", en: "department '\(dep)' has no checklist in this plan")
            }
        }
    }
}
