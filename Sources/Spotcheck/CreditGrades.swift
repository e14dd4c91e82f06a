import CEL
import Compliance
import Rulebook

/// The credit-risk grade the statistics count entities by. Which column
/// holds it is rule data: a credit-graded plan (`sample.credit_graded`)
/// stratifies its draw by the grade (`sample.strata`), so an entity's
/// grade is the stratum that expression gives it.
struct CreditGrades {
    /// The grade of an entity under a plan; `nil` for plans not credit-graded.
    static func grade(of entity: [String: Datum], key: String, plan: Plan) -> String? {
        guard plan.creditGraded, case .stratified(let strata, _) = plan.sample else { return nil }
        var activation = Activation(Contexts.plan)
        activation.bind("plan", PlanDraw.planRecord(plan))
        activation.bind("inspector", .map(CELMap()))
        var record = entity
        if record["id"] == nil { record["id"] = .string(key) }
        activation.bind("entity", Values.record(record))
        return PlanDraw.stratumText(strata.program.evaluate(&activation))
    }

    /// The directory column the grade comes from when the plans' strata
    /// expression is a plain `entity.<column>`, for showing a grade by its
    /// label; `nil` otherwise.
    static func column(of plans: [Plan]) -> String? {
        for plan in plans where plan.creditGraded {
            guard case .stratified(let strata, _) = plan.sample else { continue }
            let text = strata.text.trimmingCharacters(in: .whitespaces)
            let prefix = "entity."
            guard text.hasPrefix(prefix) else { continue }
            let name = String(text.dropFirst(prefix.count))
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { return name }
        }
        return nil
    }
}
