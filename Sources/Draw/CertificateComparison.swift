/// The differences between two certificates, in words a person can act on.
///
/// `draw verify` recomputes a certificate from the published inputs and
/// compares it with the one published; "they differ" alone would not tell
/// whether a directory was edited afterwards, a stratum was miscounted or a
/// match was changed, so each difference is named. An empty list means the
/// certificates agree in everything that matters (`a` is taken as the
/// published one, `b` as the recomputed one).
public func compare(_ a: Certificate, _ b: Certificate) -> [String] {
    var notes: [String] = []
    func differ(_ what: String, _ left: String, _ right: String) {
        if left != right { notes.append("\(what): \(left) ≠ \(right)") }
    }
    differ("format", a.format, b.format)
    differ("algorithm", a.algorithm, b.algorithm)
    differ("seed", "\(a.seed)", "\(b.seed)")
    differ("key", quoted(a.key), quoted(b.key))
    for name in sortedUnion(a.hashes.keys, b.hashes.keys) {
        differ("hash of \(name)", a.hashes[name] ?? "(none)", b.hashes[name] ?? "(none)")
    }
    for name in sortedUnion(a.metadata.keys, b.metadata.keys) {
        differ("metadata \(name)", a.metadata[name].map(quoted) ?? "(none)", b.metadata[name].map(quoted) ?? "(none)")
    }
    notes += compareSamples(a.sample, b.sample)
    notes += idChanges("selected", from: a.selected, to: b.selected)
    if Set(a.selected) == Set(b.selected) && a.selected != b.selected {
        notes.append("selected: the same ids in a different order")
    }
    notes += compareTeams(a.teams, b.teams)
    notes += compareMatching(a.matching, b.matching)
    return notes
}

private func compareSamples(_ a: SampleReport, _ b: SampleReport) -> [String] {
    var notes: [String] = []
    let left = Dictionary(a.strata.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let right = Dictionary(b.strata.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    for name in sortedUnion(left.keys, right.keys) {
        guard let x = left[name] else { notes.append("stratum \(quoted(name)): only in the second"); continue }
        guard let y = right[name] else { notes.append("stratum \(quoted(name)): only in the first"); continue }
        let label = "stratum \(quoted(name))"
        if x.population != y.population { notes.append("\(label) population: \(x.population) ≠ \(y.population)") }
        if x.rate != y.rate { notes.append("\(label) rate: \(describe(x.rate)) ≠ \(describe(y.rate))") }
        if x.count != y.count { notes.append("\(label) count: \(x.count) ≠ \(y.count)") }
        notes += idChanges("\(label) selected", from: x.selected, to: y.selected)
    }
    if a.population != b.population { notes.append("total population: \(a.population) ≠ \(b.population)") }
    if a.count != b.count { notes.append("total count: \(a.count) ≠ \(b.count)") }
    if a.declaredRate != b.declaredRate {
        notes.append("declared rate: \(describe(a.declaredRate)) ≠ \(describe(b.declaredRate))")
    }
    return notes
}

private func compareTeams(_ a: [DepartmentTeams], _ b: [DepartmentTeams]) -> [String] {
    var notes: [String] = []
    let left = Dictionary(a.map { ($0.department, $0) }, uniquingKeysWith: { first, _ in first })
    let right = Dictionary(b.map { ($0.department, $0) }, uniquingKeysWith: { first, _ in first })
    for department in sortedUnion(left.keys, right.keys) {
        guard let x = left[department] else { notes.append("department \(department): only in the second"); continue }
        guard let y = right[department] else { notes.append("department \(department): only in the first"); continue }
        if x.eligible != y.eligible {
            notes.append("department \(department) eligible inspectors: \(x.eligible) ≠ \(y.eligible)")
        }
        if x.perTeam != y.perTeam {
            notes.append("department \(department) per team: \(x.perTeam) ≠ \(y.perTeam)")
        }
        if x.teams.count != y.teams.count {
            notes.append("department \(department) teams: \(x.teams.count) ≠ \(y.teams.count)")
        }
        for (first, second) in zip(x.teams, y.teams) where first != second {
            notes.append("department \(department) team \(first.number): "
                + "\(first.inspectors.joined(separator: ", ")) ≠ \(second.inspectors.joined(separator: ", "))")
        }
    }
    return notes
}

private func compareMatching(_ a: [String: [String: MatchedTeam]], _ b: [String: [String: MatchedTeam]]) -> [String] {
    var notes: [String] = []
    for entity in sortedUnion(a.keys, b.keys) {
        guard let x = a[entity] else { notes.append("matching of \(entity): only in the second"); continue }
        guard let y = b[entity] else { notes.append("matching of \(entity): only in the first"); continue }
        for department in sortedUnion(x.keys, y.keys) where x[department] != y[department] {
            notes.append("matching of \(entity) in \(department): \(describe(x[department])) ≠ \(describe(y[department]))")
        }
    }
    return notes
}

/// "added"/"removed" lines for two lists of ids (membership, not order).
private func idChanges(_ what: String, from a: [String], to b: [String]) -> [String] {
    let left = Set(a), right = Set(b)
    var notes: [String] = []
    let removed = IDOrder.sorted(Array(left.subtracting(right)))
    let added = IDOrder.sorted(Array(right.subtracting(left)))
    if !removed.isEmpty { notes.append("\(what): only in the first: \(abbreviated(removed))") }
    if !added.isEmpty { notes.append("\(what): only in the second: \(abbreviated(added))") }
    return notes
}

/// At most 20 ids, then how many more: a certificate against the wrong
/// directory can differ in thousands, and the first few say enough.
private func abbreviated(_ ids: [String]) -> String {
    let shown = ids.prefix(20).joined(separator: ", ")
    return ids.count > 20 ? "\(shown) … (\(ids.count) in all)" : shown
}

private func sortedUnion<A: Sequence, B: Sequence>(_ a: A, _ b: B) -> [String]
where A.Element == String, B.Element == String {
    IDOrder.sorted(Array(Set(a).union(b)))
}

private func quoted(_ text: String) -> String { "\"\(text)\"" }

private func describe(_ rate: Double?) -> String { rate.map { "\($0)" } ?? "(none)" }

private func describe(_ team: MatchedTeam?) -> String {
    guard let team else { return "(none)" }
    return "team \(team.team) (\(team.inspectors.joined(separator: ", ")))"
}
