/// Everything that can stop a draw.
///
/// A draw that cannot be done exactly as published must fail loudly rather
/// than quietly do something else: a certificate that silently broke the
/// avoidance rule, or drew from a malformed seed, would be worse than none.
/// Each message names what is wrong and where, so an operator can fix the
/// plan or the directory without reading code.
public enum DrawError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A randomness source held something that is not a non-negative decimal integer.
    case invalidNumber(String, source: Int)
    /// A randomness source held no number at all.
    case emptySource(source: Int)
    /// No randomness source was given, so there is no key.
    case noSources
    /// An announced seed string was empty.
    case emptySeed
    /// More selections were asked for than the pool holds.
    case countExceedsPool(count: Int, pool: Int)
    /// A negative count was asked for.
    case negativeCount(Int)
    /// RFC 3797 numbers selections with two bytes, so it stops at 65,536.
    case tooManySelectionsForRFC3797(Int)
    /// The pool is larger than the order-statistic structure can index.
    case poolTooLarge(Int)
    /// The same id appears twice in a pool, which would make the draw ambiguous.
    case duplicateID(String, pool: String)
    /// A rate outside 0...1 (or not a number).
    case invalidRate(stratum: String?, rate: Double)
    /// The sampling rule gives no rate for a stratum present in the population.
    case noRateForStratum(String)
    /// A department asked for teams of fewer than two inspectors.
    case teamTooSmall(department: String, perTeam: Int)
    /// A department has fewer eligible inspectors than one team needs.
    case inspectorPoolTooSmall(department: String, pool: Int, perTeam: Int)
    /// The same department was listed twice.
    case duplicateDepartment(String)
    /// Every team of a department includes an inspector the entity must avoid.
    case noTeamWithoutConflict(entity: String, department: String, conflicts: [TeamConflict])
    /// Teams without conflict exist but are all full, and no reshuffle frees one.
    case noBalancedAssignment(entity: String, department: String, capacity: Int,
                              allowedTeams: [Int], conflicts: [TeamConflict])

    public var description: String {
        switch self {
        case .invalidNumber(let text, let source):
            return "source \(source + 1): \"\(text)\" is not a non-negative decimal integer"
        case .emptySource(let source):
            return "source \(source + 1) holds no number"
        case .noSources:
            return "no randomness source was given"
        case .emptySeed:
            return "the announced seed string is empty"
        case .countExceedsPool(let count, let pool):
            return "cannot select \(count) from a pool of \(pool)"
        case .negativeCount(let count):
            return "cannot select a negative number (\(count))"
        case .tooManySelectionsForRFC3797(let count):
            return "RFC 3797 numbers selections with 16 bits: at most 65536, asked for \(count)"
        case .poolTooLarge(let size):
            return "a pool of \(size) is larger than the draw supports (\(Int32.max))"
        case .duplicateID(let id, let pool):
            return "id \"\(id)\" appears more than once in \(pool)"
        case .invalidRate(let stratum, let rate):
            let place = stratum.map { " for stratum \"\($0)\"" } ?? ""
            return "rate \(rate)\(place) is not between 0 and 1"
        case .noRateForStratum(let stratum):
            return "the sampling rule gives no rate for stratum \"\(stratum)\""
        case .teamTooSmall(let department, let perTeam):
            return "department \(department): a team needs at least 2 inspectors, the plan asks for \(perTeam)"
        case .inspectorPoolTooSmall(let department, let pool, let perTeam):
            return "department \(department): \(pool) eligible inspector(s), fewer than one team of \(perTeam)"
        case .duplicateDepartment(let department):
            return "department \(department) is listed more than once"
        case .noTeamWithoutConflict(let entity, let department, let conflicts):
            let detail = conflicts.map(\.summary).joined(separator: "; ")
            return "entity \(entity): every \(department) team includes an inspector it must avoid (\(detail))"
        case .noBalancedAssignment(let entity, let department, let capacity, let allowed, let conflicts):
            let teams = allowed.map { "team \($0)" }.joined(separator: ", ")
            var text = "entity \(entity): the \(department) teams it may get (\(teams)) are all full at "
                + "\(capacity) task(s) each and no reassignment frees one"
            if !conflicts.isEmpty {
                text += "; the others conflict: " + conflicts.map(\.summary).joined(separator: "; ")
            }
            return text
        }
    }
}

/// Why an entity may not get one team: the inspectors in it that it must avoid.
public struct TeamConflict: Equatable, Sendable, Codable {
    /// The team's 1-based number within its department.
    public var team: Int
    /// The inspectors of that team whom the avoidance rule excludes.
    public var inspectors: [String]

    public init(team: Int, inspectors: [String]) {
        self.team = team
        self.inspectors = inspectors
    }

    var summary: String {
        "team \(team): \(inspectors.joined(separator: ", "))"
    }
}
