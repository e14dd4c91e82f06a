/// Everything a complete draw takes, apart from the avoidance rule.
public struct DrawRequest: Sendable {
    public var seed: Seed
    /// The eligible population with each entity's stratum (one stratum, any
    /// name, for an unstratified plan).
    public var population: [PopulationRecord]
    public var rule: SamplingRule
    public var rounding: Rounding
    /// The overall rate the plan announced, reported against the achieved one.
    public var declaredRate: Double?
    /// The joining departments and their eligible inspectors, in plan order.
    public var departments: [DepartmentPool]
    /// Input name → SHA-256 hex, copied into the certificate.
    public var hashes: [String: String]
    /// Descriptive fields copied into the certificate.
    public var metadata: [String: String]
    /// The population already packed by its loader; when set, it is drawn
    /// from instead of `population`.
    public var packedPopulation: Population?

    public init(
        seed: Seed,
        population: [PopulationRecord],
        rule: SamplingRule,
        rounding: Rounding = .ceil,
        declaredRate: Double? = nil,
        departments: [DepartmentPool],
        hashes: [String: String] = [:],
        metadata: [String: String] = [:]
    ) {
        self.seed = seed
        self.population = population
        self.rule = rule
        self.rounding = rounding
        self.declaredRate = declaredRate
        self.departments = departments
        self.hashes = hashes
        self.metadata = metadata
    }
}

/// A whole draw under `spotcheck-draw-v1`: entities by stratum, then teams
/// and matching per department, recorded in a certificate; and its
/// verification, which is the same computation compared with what was
/// published.
public enum DrawProcedure {
    /// Runs the draw.
    ///
    /// - Parameters:
    ///   - drawn: told the drawn entities before the matching starts, so a
    ///     caller whose `avoid` reads their records can load them at once
    ///     rather than one by one.
    ///   - avoid: true when the inspector must not inspect the entity.
    /// - Throws: any `DrawError`, and whatever `drawn` or `avoid` throws.
    public static func run(
        _ request: DrawRequest,
        drawn: (_ entities: [String]) throws -> Void = { _ in },
        avoid: (_ entity: String, _ inspector: String) throws -> Bool
    ) throws -> Certificate {
        let key = try request.seed.key()
        let sample = try StratifiedSampler.sample(
            request.packedPopulation ?? Population(request.population), rule: request.rule, rounding: request.rounding,
            declaredRate: request.declaredRate, key: key)
        try drawn(sample.selected)
        let assignment = try InspectorAssigner.assign(
            entities: sample.selected, departments: request.departments, key: key, avoid: avoid)
        return Certificate(
            algorithm: .spotcheckDrawV1, seed: request.seed, key: key, hashes: request.hashes,
            metadata: request.metadata, sample: sample, assignment: assignment)
    }

    /// Re-runs the draw from `request` and lists how `published` differs
    /// from the result; empty when it matches.
    ///
    /// The request's seed is replaced by the certificate's, since the seed is
    /// what the certificate announces; everything else must come from the
    /// verifier's own copies of the inputs.
    public static func verify(
        _ published: Certificate,
        against request: DrawRequest,
        avoid: (_ entity: String, _ inspector: String) throws -> Bool
    ) throws -> [CertificateDifference] {
        var request = request
        request.seed = published.seed
        let recomputed = try run(request, avoid: avoid)
        return compare(published, recomputed)
    }
}
