/// The team one entity got from one department, with its inspectors spelled
/// out so that a task form or a certificate reader needs nothing else.
public struct MatchedTeam: Codable, Sendable, Equatable {
    /// The team's 1-based number within its department.
    public var team: Int
    public var inspectors: [String]

    public init(team: Int, inspectors: [String]) {
        self.team = team
        self.inspectors = inspectors
    }
}

/// Teams for every joining department and the team each entity got from each.
public struct InspectorAssignment: Codable, Sendable, Equatable {
    /// Departments in the order the plan lists them.
    public var teams: [DepartmentTeams]
    /// Entity id → department → the team sent there.
    public var matching: [String: [String: MatchedTeam]]

    public init(teams: [DepartmentTeams], matching: [String: [String: MatchedTeam]]) {
        self.teams = teams
        self.matching = matching
    }
}

/// Draws the teams of every department and matches them to the entities.
public enum InspectorAssigner {
    /// For each department: draws teams (`TeamDrawer`), then matches one to
    /// every entity (`TeamMatcher`). Each department uses its own labelled
    /// streams, so adding a department leaves the others' results unchanged.
    ///
    /// - Parameter avoid: true when the inspector must not inspect the entity.
    /// - Throws: `DrawError.duplicateDepartment` and what `TeamDrawer.draw`,
    ///   `TeamMatcher.match` or `avoid` throw.
    public static func assign(
        entities: [String],
        departments: [DepartmentPool],
        key: String,
        avoid: (_ entity: String, _ inspector: String) throws -> Bool
    ) throws -> InspectorAssignment {
        var seen: Set<String> = []
        var allTeams: [DepartmentTeams] = []
        var matching: [String: [String: MatchedTeam]] = [:]
        for entity in entities { matching[entity] = [:] }
        for pool in departments {
            guard seen.insert(pool.department).inserted else {
                throw DrawError.duplicateDepartment(pool.department)
            }
            let teams = try TeamDrawer.draw(pool, taskCount: entities.count, key: key)
            let numbers = try TeamMatcher.match(entities: entities, teams: teams, key: key, avoid: avoid)
            for (entity, number) in numbers {
                let team = teams.teams[number - 1]
                matching[entity, default: [:]][pool.department] = MatchedTeam(team: number, inspectors: team.inspectors)
            }
            allTeams.append(teams)
        }
        return InspectorAssignment(teams: allTeams, matching: matching)
    }
}
