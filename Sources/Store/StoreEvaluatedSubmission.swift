import GRDB

extension Store {
    /// Stores a submission together with its evaluation and referrals in ONE
    /// transaction, so a crash or a refusal never leaves a submission without
    /// its evaluation. The closures receive the version the submission gets.
    /// A duplicate submission id writes nothing and returns `.duplicate`.
    public func submitEvaluated(_ s: SubmissionRecord,
                                evaluation: (Int) -> EvaluationRecord,
                                referrals: (Int) -> [ReferralRecord]) throws -> SubmitResult {
        try Self.validate(s)
        return try write { db in
            let result = try self.store(db, s)
            guard case .stored(let version) = result else { return result }
            let e = evaluation(version)
            try Self.validate(e)
            try self.insert(db, e)
            let r = referrals(version)
            try Self.validate(r)
            try self.insert(db, r)
            return result
        }
    }
}
