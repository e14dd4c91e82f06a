/// One team of inspectors from one department.
public struct Team: Codable, Sendable, Equatable {
    /// 1-based within the department, in the order the teams were drawn.
    public var number: Int
    /// The inspectors, in order of selection.
    public var inspectors: [String]

    public init(number: Int, inspectors: [String]) {
        self.number = number
        self.inspectors = inspectors
    }
}

/// The teams drawn from one department's eligible inspectors.
public struct DepartmentTeams: Codable, Sendable, Equatable {
    public var department: String
    /// How many inspectors were eligible.
    public var eligible: Int
    public var perTeam: Int
    public var teams: [Team]

    public init(department: String, eligible: Int, perTeam: Int, teams: [Team]) {
        self.department = department
        self.eligible = eligible
        self.perTeam = perTeam
        self.teams = teams
    }

    private enum CodingKeys: String, CodingKey {
        case department, eligible
        case perTeam = "per_team"
        case teams
    }
}

/// A department's part in a joint inspection: who may inspect, in teams of how many.
public struct DepartmentPool: Sendable, Equatable {
    public var department: String
    /// The eligible inspectors' ids (any order; they are sorted before drawing).
    public var inspectors: [String]
    /// Inspectors per team; at least 2, the legal minimum for an inspection.
    public var perTeam: Int

    public init(department: String, inspectors: [String], perTeam: Int) {
        self.department = department
        self.inspectors = inspectors
        self.perTeam = perTeam
    }
}

/// Draws inspector teams for a department.
///
/// As many teams as there are tasks, unless the pool runs short; then as
/// many full teams as it allows, and teams take several tasks each. Drawing
/// all team members at random (rather than letting a department name its
/// teams) is the second "random" of 双随机.
public enum TeamDrawer {
    /// Draws `min(taskCount, eligible / perTeam)` teams on the stream labelled
    /// "inspectors:<department>": the first `perTeam` inspectors selected form
    /// team 1, the next team 2, and so on.
    ///
    /// - Throws: `DrawError.teamTooSmall` for `perTeam < 2`,
    ///   `.inspectorPoolTooSmall` when tasks exist but no full team can be
    ///   formed, `.duplicateID` for an inspector listed twice.
    public static func draw(_ pool: DepartmentPool, taskCount: Int, key: String) throws -> DepartmentTeams {
        guard pool.perTeam >= 2 else {
            throw DrawError.teamTooSmall(department: pool.department, perTeam: pool.perTeam)
        }
        guard taskCount >= 0 else { throw DrawError.negativeCount(taskCount) }
        let inspectors = IDOrder.sorted(pool.inspectors)
        if let duplicate = IDOrder.firstDuplicate(inSorted: inspectors) {
            throw DrawError.duplicateID(duplicate, pool: "the \(pool.department) inspectors")
        }
        if taskCount > 0 && inspectors.count < pool.perTeam {
            throw DrawError.inspectorPoolTooSmall(
                department: pool.department, pool: inspectors.count, perTeam: pool.perTeam)
        }
        let teamCount = min(taskCount, inspectors.count / pool.perTeam)
        let stream = RandomStream.spotcheckV1(key: key, label: "inspectors:" + pool.department)
        let picks = try Selection.draw(teamCount * pool.perTeam, from: inspectors.count, stream: stream)
        let teams = (0..<teamCount).map { team in
            let members = picks[(team * pool.perTeam)..<((team + 1) * pool.perTeam)]
            return Team(number: team + 1, inspectors: members.map { inspectors[$0] })
        }
        return DepartmentTeams(
            department: pool.department, eligible: inspectors.count, perTeam: pool.perTeam, teams: teams)
    }
}
