/// Assigns each drawn entity one team of a department, at random, never
/// against the avoidance rule (回避), with balanced loads.
///
/// Entities are taken in UTF-8 byte order of their ids; entity number i
/// picks uniformly, with choice i of the stream "match:<department>", among
/// the teams that have room and hold no inspector it must avoid. Each team
/// takes at most ⌈tasks / teams⌉ entities.
///
/// Random greedy choice can paint itself into a corner: the only teams an
/// entity may get were filled by entities that could have gone elsewhere.
/// Then an augmenting path (as in bipartite b-matching) moves those entities
/// along to make room. If even that fails, no balanced assignment that
/// respects avoidance exists, and the draw fails naming the entity: the rule
/// is never bent to make a draw succeed.
public enum TeamMatcher {
    /// Team numbers (1-based) by entity id.
    ///
    /// - Parameter avoid: true when the inspector must not inspect the entity.
    /// - Throws: `DrawError.noTeamWithoutConflict`, `.noBalancedAssignment`,
    ///   `.duplicateID`, `.inspectorPoolTooSmall` (no teams but tasks), and
    ///   whatever `avoid` throws.
    public static func match(
        entities: [String],
        teams: DepartmentTeams,
        key: String,
        avoid: (_ entity: String, _ inspector: String) throws -> Bool
    ) throws -> [String: Int] {
        let order = IDOrder.sorted(entities)
        if let duplicate = IDOrder.firstDuplicate(inSorted: order) {
            throw DrawError.duplicateID(duplicate, pool: "the entities matched to \(teams.department)")
        }
        guard !order.isEmpty else { return [:] }
        guard !teams.teams.isEmpty else {
            throw DrawError.inspectorPoolTooSmall(
                department: teams.department, pool: teams.eligible, perTeam: teams.perTeam)
        }
        var board = Board(teamCount: teams.teams.count, entityCount: order.count)
        var hasher = ChoiceHasher(.spotcheckV1(key: key, label: "match:" + teams.department))
        for (ordinal, entity) in order.enumerated() {
            let conflicts = try teams.teams.compactMap { team -> TeamConflict? in
                let excluded = try team.inspectors.filter { try avoid(entity, $0) }
                return excluded.isEmpty ? nil : TeamConflict(team: team.number, inspectors: excluded)
            }
            let blocked = Set(conflicts.map { $0.team - 1 })
            board.blocked.append(blocked)
            let open = (0..<board.loads.count).filter { !blocked.contains($0) && board.loads[$0] < board.capacity }
            if !open.isEmpty {
                board.place(ordinal, on: open[hasher.choice(index: UInt64(ordinal), below: open.count)])
                continue
            }
            if blocked.count == board.loads.count {
                throw DrawError.noTeamWithoutConflict(
                    entity: entity, department: teams.department, conflicts: conflicts)
            }
            guard board.augment(from: ordinal) else {
                let allowed = (0..<board.loads.count).filter { !blocked.contains($0) }.map { $0 + 1 }
                throw DrawError.noBalancedAssignment(
                    entity: entity, department: teams.department, capacity: board.capacity,
                    allowedTeams: allowed, conflicts: conflicts)
            }
        }
        var result: [String: Int] = [:]
        for (ordinal, entity) in order.enumerated() {
            result[entity] = board.teamOf[ordinal] + 1
        }
        return result
    }
}

/// The state of one department's matching: who sits on which team.
private struct Board {
    let capacity: Int
    var loads: [Int]
    /// Entity ordinals per team, in the order they were placed.
    var members: [[Int]]
    /// The team (0-based) of each placed entity.
    var teamOf: [Int]
    /// Teams (0-based) each placed entity must avoid.
    var blocked: [Set<Int>] = []

    init(teamCount: Int, entityCount: Int) {
        capacity = (entityCount + teamCount - 1) / teamCount
        loads = Array(repeating: 0, count: teamCount)
        members = Array(repeating: [], count: teamCount)
        teamOf = Array(repeating: -1, count: entityCount)
    }

    mutating func place(_ entity: Int, on team: Int) {
        teamOf[entity] = team
        members[team].append(entity)
        loads[team] += 1
    }

    mutating func move(_ entity: Int, to team: Int) {
        let from = teamOf[entity]
        members[from].removeAll { $0 == entity }
        loads[from] -= 1
        place(entity, on: team)
    }

    /// Places `entity` by shifting others along an alternating path
    /// entity → full team → its member → another team … → a team with room.
    /// Breadth-first in team and placement order, so the outcome is
    /// deterministic. Returns false when no such path exists, which means no
    /// balanced assignment of the entities so far respects avoidance.
    mutating func augment(from entity: Int) -> Bool {
        let teamCount = loads.count
        // How each team was reached: from nowhere (a team the new entity may
        // join) or by moving `mover` off team `from` onto it.
        var reachedBy: [(mover: Int, from: Int)?] = Array(repeating: nil, count: teamCount)
        var seen = Array(repeating: false, count: teamCount)
        var queue: [Int] = []
        for team in 0..<teamCount where !blocked[entity].contains(team) {
            seen[team] = true
            queue.append(team)
        }
        var head = 0
        while head < queue.count {
            let team = queue[head]
            head += 1
            for mover in members[team] {
                for next in 0..<teamCount where !seen[next] && !blocked[mover].contains(next) {
                    seen[next] = true
                    reachedBy[next] = (mover, team)
                    if loads[next] < capacity {
                        apply(path: next, reachedBy: reachedBy, newcomer: entity)
                        return true
                    }
                    queue.append(next)
                }
            }
        }
        return false
    }

    private mutating func apply(path end: Int, reachedBy: [(mover: Int, from: Int)?], newcomer: Int) {
        var team = end
        while let step = reachedBy[team] {
            move(step.mover, to: team)
            team = step.from
        }
        place(newcomer, on: team)
    }
}
