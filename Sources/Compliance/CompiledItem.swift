import CEL
import Rulebook

/// What the hot path needs of an item, in a reference so that reading it
/// costs one retain instead of copying every field of `ChecklistItem`.
final class CompiledItem: Sendable {
    let slot: Int
    let isRule: Bool
    let relevant: Program?
    let compute: Program?
    let violation: Program?
    let expect: Datum?

    init(_ item: ChecklistItem) {
        slot = item.slot
        isRule = item.isRule
        relevant = item.relevant?.program
        compute = item.compute?.program
        violation = item.violation?.program
        expect = item.expect
    }
}
