import Compliance
import Disclosure
import Foundation
import Messages
import Rulebook
import Store
import Testing
import WorkingDays
@testable import Spotcheck

/// What the store side of a submission checks (SPEC.md §6, §9): the plan
/// window, the day of entry, the team on site, versions and their
/// referrals, idempotent resending, deadlines that never vanish.
@Suite("Store-side rules", .serialized)
struct StoreSideRulesTests {
    typealias World = LifecycleWorld
    static let education = ("education", "education.school_canteen")

    func educationFindings(_ w: World, day: String = "2024-05-13", changes: [String: Datum] = [:], inspectors: [String]? = nil) throws -> String {
        try w.findings(w.kuancheng, plan: World.canteens, department: "education", checklist: "education.school_canteen",
                       on: day, changes: changes, inspectors: inspectors)
    }

    @Test func outOfWindowFutureDatedAndLoneInspectorFindingsAreRefusedAndNothingIsWritten() throws {
        let w = try World()
        let before = try w.auditCount()
        // Before the plan window (2024-05-10 to 2024-10-31).
        let early = try educationFindings(w, day: "2024-05-09")
        do throws(LifecycleError) {
            _ = try w.submit(w.kuancheng, early, on: "2024-05-13")
            Issue.record("a date before the window was accepted")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.message.en == "the inspection date 2024-05-09 is outside the plan window 2024-05-10 to 2024-10-31")
            #expect(d.line == 6 && d.column == 15)
        }
        // After the day the results are entered.
        let future = try educationFindings(w, day: "2024-05-20")
        do throws(LifecycleError) {
            _ = try w.submit(w.kuancheng, future, on: "2024-05-17")
            Issue.record("a future date was accepted")
        } catch {
            #expect(error.diagnostics.first?.message.zh == "检查日期 2024-05-20 晚于结果录入日 2024-05-17")
        }
        // One inspector of the team alone (the plan asks at least two on site).
        let team = try w.team(w.kuancheng, plan: World.canteens, "education")
        let alone = try educationFindings(w, inspectors: [team[0]])
        do throws(LifecycleError) {
            _ = try w.submit(w.kuancheng, alone, on: "2024-05-14")
            Issue.record("one inspector was accepted")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.message.en == "on-site checks need at least 2 inspectors; the findings list 1")
            #expect(d.line == 7)
        }
        // An inspector without an enforcement certificate is never drawn (the plan's pool leaves them out).
        #expect(!team.contains("E-003"))
        #expect(try w.auditCount() == before)
        #expect(try w.store.submissions(jurisdiction: "kuancheng", task: World.canteens + "/T-0001", checklist: "education.school_canteen").isEmpty)
    }

    @Test func aLaterVersionSupersedesTheEarlierAndItsOpenReferrals() throws {
        let w = try World()
        // Version 1: the canteen's extinguishers fail, a fire problem found by education: transferred to fire.
        let v1 = try w.submit(w.kuancheng, try educationFindings(w, changes: ["canteen_extinguishers_ok": .bool(false)]), on: "2024-05-14")
        #expect(v1.version == 1)
        #expect(v1.evaluation.violations == ["canteen_extinguishers_ok"])
        let referrals1 = try w.kuancheng.referrals()
        #expect(referrals1.map(\.referral.recipient) == ["fire"])
        #expect(referrals1.map(\.status) == [.open])
        // The same file again: nothing new.
        let again = try w.submit(w.kuancheng, try educationFindings(w, changes: ["canteen_extinguishers_ok": .bool(false)]), on: "2024-05-14")
        #expect(again.duplicate && again.version == 1 && again.submissionID == v1.submissionID)
        // A corrected version 2 with the problem gone.
        let v2 = try w.submit(w.kuancheng, try educationFindings(w), on: "2024-05-15")
        #expect(v2.version == 2 && !v2.duplicate)
        let after = try w.kuancheng.referrals()
        #expect(after.map(\.status) == [.superseded])
        let events = try w.store.referralEvents(jurisdiction: "kuancheng", referral: referrals1[0].referral.id)
        #expect(events.map(\.status) == [.open, .superseded])
        #expect(events.allSatisfy { $0.recordedBy == World.actor })
        let latest = try w.store.latestEvaluations(jurisdiction: "kuancheng", plan: World.canteens)
        #expect(latest.map(\.version) == [2])
        #expect(latest.first?.violations == [])
        #expect(try w.store.verifyAudit().ok)
    }

    @Test func theSubmissionIdOfTheFileIsHonouredAndItsResendingIsIdempotent() throws {
        let w = try World()
        let text = try educationFindings(w).replacingOccurrences(of: "cooperation: cooperated\n", with: "cooperation: cooperated\nsubmission_id: EDU-2024-0001\n")
        let first = try w.submit(w.kuancheng, text, on: "2024-05-14")
        #expect(first.submissionID == "EDU-2024-0001" && first.version == 1)
        let before = try w.auditCount()
        let second = try w.submit(w.kuancheng, text, on: "2024-05-14")
        #expect(second.duplicate && second.version == 1)
        #expect(try w.auditCount() == before)
        // The same id with another content is refused.
        let changed = text.replacingOccurrences(of: "staff_morning_check: true", with: "staff_morning_check: false")
        #expect(changed != text)
        #expect(throws: LifecycleError.self) { try w.submit(w.kuancheng, changed, on: "2024-05-14") }
    }

    @Test func aDrawnTaskNobodySubmitsIsOverdueAfterItsDeadlineAndCountsAgainstCompletion() throws {
        let w = try World()
        // The window ends 2024-10-31; results are due 5 working days later: 2024-11-07.
        let due = CivilDate(year: 2024, month: 11, day: 7)!
        let early = try w.kuancheng.deadlines(on: CivilDate(year: 2024, month: 11, day: 6)!).filter { $0.kind == .enterResults }
        #expect(early.count == 4 && early.allSatisfy { $0.state == .due && $0.due == due })
        let late = try w.kuancheng.deadlines(on: CivilDate(year: 2024, month: 11, day: 8)!).filter { $0.kind == .enterResults }
        #expect(late.count == 4 && late.allSatisfy { $0.state == .overdue })
        #expect(Set(late.map(\.responsible)) == ["education", "market_supervision", "health", "fire"])
        let stats = try w.kuancheng.statistics(year: 2024, on: CivilDate(year: 2024, month: 11, day: 8)!)
        let completion = try #require(stats.targets.first { $0.target.measure == .completionRate })
        #expect(completion.numerator == 0 && completion.denominator == 1)
    }

    @Test func everyReferralStepIsAuditedWithWhoMadeItAndTheLifeIsEnforced() throws {
        let w = try World()
        _ = try w.submit(w.kuancheng, try educationFindings(w, changes: ["canteen_extinguishers_ok": .bool(false)]), on: "2024-05-14")
        let id = try #require(try w.kuancheng.referrals().first).referral.id
        let day = { (d: Int) in CivilDate(year: 2024, month: 5, day: d)! }
        // Closing an open referral skips its handling: refused.
        #expect(throws: LifecycleError.self) { try w.kuancheng.recordReferral(id, ReferralHandling(status: .closed, on: day(15)), by: "fire officer 1") }
        try w.kuancheng.recordReferral(id, ReferralHandling(status: .received, on: day(15)), by: "fire officer 1")
        #expect(throws: LifecycleError.self) {
            try w.kuancheng.recordReferral(id, ReferralHandling(status: .handled, on: day(16)), by: "fire officer 1")   // no decision
        }
        try w.kuancheng.recordReferral(id, ReferralHandling(status: .handled, decision: "责令限期改正，已复查合格", decisionNo: "宽消限字〔2024〕7号",
                                                             decisionPublic: true, on: day(17)), by: "fire officer 2")
        try w.kuancheng.recordReferral(id, ReferralHandling(status: .closed, on: day(20)), by: "lead office")
        #expect(throws: LifecycleError.self) { try w.kuancheng.recordReferral(id, ReferralHandling(status: .received, on: day(21)), by: "x") }
        let events = try w.store.referralEvents(jurisdiction: "kuancheng", referral: id)
        #expect(events.map(\.status) == [.open, .received, .handled, .closed])
        #expect(events.map(\.recordedBy) == [World.actor, "fire officer 1", "fire officer 2", "lead office"])
        let entries = try w.store.auditEntries(jurisdiction: "kuancheng").filter { $0.action == "referral_event" }
        #expect(entries.map(\.actor).suffix(3) == ["fire officer 1", "fire officer 2", "lead office"])
        // The handling result goes to the leading group office, the public decision is published with the result.
        let results = try w.kuancheng.handlingResults()
        #expect(results.map(\.decisionNo) == ["宽消限字〔2024〕7号"])
        #expect(results.first?.recipientName.zh == "宽城满族自治县消防救援大队")
        let stats = try w.kuancheng.statistics(year: 2024, on: day(31))
        let closure = try #require(stats.targets.first { $0.target.measure == .referralClosureRate })
        #expect(closure.numerator == 1 && closure.denominator == 1)
        #expect(try w.store.verifyAudit().ok)
    }
}
