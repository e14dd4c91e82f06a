/// One way two certificates differ: which field, and its value in each.
///
/// `draw verify` recomputes a certificate from the published inputs and
/// compares it with the one published; "they differ" alone would not tell
/// whether a directory was edited afterwards, a stratum was miscounted or a
/// match was changed, so each difference names its field. Every field of a
/// certificate is compared.
public struct CertificateDifference: Sendable, Equatable, CustomStringConvertible {
    public enum Field: Sendable, Equatable {
        case format, algorithm, seed, key
        case hash(String)
        case metadata(String)
        /// A stratum in one certificate only.
        case stratum(String)
        case stratumPopulation(String), stratumRate(String), stratumCount(String), stratumSelected(String)
        case population, count, achievedRate, declaredRate, gap
        /// The drawn ids (as a set), and their order.
        case selected, selectionOrder
        /// A department in one certificate only.
        case department(String)
        case eligible(String), perTeam(String), teamCount(String)
        case team(department: String, number: Int)
        case matching(entity: String, department: String)
    }

    public var field: Field
    /// The value in the published certificate, as text ("(none)" when absent).
    public var published: String
    /// The value in the recomputed certificate.
    public var recomputed: String

    public init(_ field: Field, published: String, recomputed: String) {
        self.field = field
        self.published = published
        self.recomputed = recomputed
    }

    /// The field's name as it appears in the certificate's JSON.
    public var path: String {
        switch field {
        case .format: return "format"
        case .algorithm: return "algorithm"
        case .seed: return "seed"
        case .key: return "key"
        case .hash(let n): return "hashes.\(n)"
        case .metadata(let n): return "metadata.\(n)"
        case .stratum(let n): return "sample.strata[\(n)]"
        case .stratumPopulation(let n): return "sample.strata[\(n)].population"
        case .stratumRate(let n): return "sample.strata[\(n)].rate"
        case .stratumCount(let n): return "sample.strata[\(n)].count"
        case .stratumSelected(let n): return "sample.strata[\(n)].selected"
        case .population: return "sample.population"
        case .count: return "sample.count"
        case .achievedRate: return "sample.achieved_rate"
        case .declaredRate: return "sample.declared_rate"
        case .gap: return "sample.gap"
        case .selected: return "selected"
        case .selectionOrder: return "selected (order)"
        case .department(let d): return "teams[\(d)]"
        case .eligible(let d): return "teams[\(d)].eligible"
        case .perTeam(let d): return "teams[\(d)].per_team"
        case .teamCount(let d): return "teams[\(d)].teams"
        case .team(let d, let n): return "teams[\(d)].teams[\(n)]"
        case .matching(let e, let d): return "matching[\(e)][\(d)]"
        }
    }

    public var description: String { "\(path): \(published) ≠ \(recomputed)" }
}

/// Every difference between a published certificate `a` and a recomputed `b`;
/// empty exactly when they are equal.
public func compare(_ a: Certificate, _ b: Certificate) -> [CertificateDifference] {
    var out: [CertificateDifference] = []
    func differ(_ field: CertificateDifference.Field, _ left: String?, _ right: String?) {
        if left != right { out.append(CertificateDifference(field, published: left ?? "(none)", recomputed: right ?? "(none)")) }
    }
    differ(.format, a.format, b.format)
    differ(.algorithm, a.algorithm, b.algorithm)
    differ(.seed, "\(a.seed)", "\(b.seed)")
    differ(.key, a.key, b.key)
    for name in sortedUnion(a.hashes.keys, b.hashes.keys) { differ(.hash(name), a.hashes[name], b.hashes[name]) }
    for name in sortedUnion(a.metadata.keys, b.metadata.keys) { differ(.metadata(name), a.metadata[name], b.metadata[name]) }
    out += compareSamples(a.sample, b.sample)
    out += idChanges(.selected, a.selected, b.selected)
    if Set(a.selected) == Set(b.selected) && a.selected != b.selected {
        out.append(CertificateDifference(.selectionOrder, published: abbreviated(a.selected), recomputed: abbreviated(b.selected)))
    }
    out += compareTeams(a.teams, b.teams)
    out += compareMatching(a.matching, b.matching)
    return out
}

private func compareSamples(_ a: SampleReport, _ b: SampleReport) -> [CertificateDifference] {
    var out: [CertificateDifference] = []
    func differ(_ field: CertificateDifference.Field, _ left: String, _ right: String) {
        if left != right { out.append(CertificateDifference(field, published: left, recomputed: right)) }
    }
    let left = Dictionary(a.strata.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let right = Dictionary(b.strata.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    for name in sortedUnion(left.keys, right.keys) {
        guard let x = left[name], let y = right[name] else {
            differ(.stratum(name), left[name] == nil ? "(none)" : "present", right[name] == nil ? "(none)" : "present")
            continue
        }
        differ(.stratumPopulation(name), String(x.population), String(y.population))
        differ(.stratumRate(name), describe(x.rate), describe(y.rate))
        differ(.stratumCount(name), String(x.count), String(y.count))
        out += idChanges(.stratumSelected(name), x.selected, y.selected)
        if Set(x.selected) == Set(y.selected) && x.selected != y.selected {
            out.append(CertificateDifference(.stratumSelected(name), published: abbreviated(x.selected), recomputed: abbreviated(y.selected)))
        }
    }
    if a.strata.map(\.name) != b.strata.map(\.name), Set(a.strata.map(\.name)) == Set(b.strata.map(\.name)) {
        differ(.stratum("order"), a.strata.map(\.name).joined(separator: ","), b.strata.map(\.name).joined(separator: ","))
    }
    differ(.population, String(a.population), String(b.population))
    differ(.count, String(a.count), String(b.count))
    differ(.achievedRate, String(a.achievedRate), String(b.achievedRate))
    differ(.declaredRate, describe(a.declaredRate), describe(b.declaredRate))
    differ(.gap, describe(a.gap), describe(b.gap))
    return out
}

private func compareTeams(_ a: [DepartmentTeams], _ b: [DepartmentTeams]) -> [CertificateDifference] {
    var out: [CertificateDifference] = []
    func differ(_ field: CertificateDifference.Field, _ left: String, _ right: String) {
        if left != right { out.append(CertificateDifference(field, published: left, recomputed: right)) }
    }
    let left = Dictionary(a.map { ($0.department, $0) }, uniquingKeysWith: { first, _ in first })
    let right = Dictionary(b.map { ($0.department, $0) }, uniquingKeysWith: { first, _ in first })
    for department in sortedUnion(left.keys, right.keys) {
        guard let x = left[department], let y = right[department] else {
            differ(.department(department), left[department] == nil ? "(none)" : "present", right[department] == nil ? "(none)" : "present")
            continue
        }
        differ(.eligible(department), String(x.eligible), String(y.eligible))
        differ(.perTeam(department), String(x.perTeam), String(y.perTeam))
        differ(.teamCount(department), String(x.teams.count), String(y.teams.count))
        for (first, second) in zip(x.teams, y.teams) where first != second {
            out.append(CertificateDifference(.team(department: department, number: first.number),
                                             published: "\(first.number): " + first.inspectors.joined(separator: ", "),
                                             recomputed: "\(second.number): " + second.inspectors.joined(separator: ", ")))
        }
    }
    if a.map(\.department) != b.map(\.department), Set(a.map(\.department)) == Set(b.map(\.department)) {
        differ(.department("order"), a.map(\.department).joined(separator: ","), b.map(\.department).joined(separator: ","))
    }
    return out
}

private func compareMatching(_ a: [String: [String: MatchedTeam]], _ b: [String: [String: MatchedTeam]]) -> [CertificateDifference] {
    var out: [CertificateDifference] = []
    for entity in sortedUnion(a.keys, b.keys) {
        let x = a[entity] ?? [:], y = b[entity] ?? [:]
        for department in sortedUnion(x.keys, y.keys) where x[department] != y[department] {
            out.append(CertificateDifference(.matching(entity: entity, department: department),
                                             published: describe(x[department]), recomputed: describe(y[department])))
        }
    }
    return out
}

/// Membership changes of two lists of ids.
private func idChanges(_ field: CertificateDifference.Field, _ a: [String], _ b: [String]) -> [CertificateDifference] {
    let left = Set(a), right = Set(b)
    let removed = IDOrder.sorted(Array(left.subtracting(right)))
    let added = IDOrder.sorted(Array(right.subtracting(left)))
    guard !removed.isEmpty || !added.isEmpty else { return [] }
    return [CertificateDifference(field, published: removed.isEmpty ? "(none)" : "only here: " + abbreviated(removed),
                                  recomputed: added.isEmpty ? "(none)" : "only here: " + abbreviated(added))]
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

private func describe(_ rate: Double?) -> String { rate.map { "\($0)" } ?? "(none)" }

private func describe(_ team: MatchedTeam?) -> String {
    guard let team else { return "(none)" }
    return "team \(team.team) (\(team.inspectors.joined(separator: ", ")))"
}
