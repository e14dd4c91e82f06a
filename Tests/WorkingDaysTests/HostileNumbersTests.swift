import Foundation
import Testing
import WorkingDays
import Yams

/// Numbers from hostile calendar files and callers (the largest and smallest
/// `Int`, day counts far beyond any calendar) end in errors, never in a trap.
/// Before the fix `year: 9223372036854775807` crashed the process (exit 132).
@Suite struct HostileNumbersTests {
    func d(_ s: String) -> CivilDate { CivilDate(s)! }

    @Test(arguments: [Int.max, Int.min, Int.max - 1, Int.min + 1, 0, -1, 1899, 2201, 9999])
    func aYearOutsideTheSupportedRangeIsAnError(_ year: Int) {
        #expect(!WorkingDayCalendar.supportedYears.contains(year))
        #expect(throws: WorkingDayCalendarError.yearNotSupported(year)) {
            try WorkingDayCalendar(years: [HolidayYear(year: year, holidays: [], makeupWorkdays: [])])
        }
    }

    @Test func theHugeYearOfTheCampaignFileIsRefused() throws {
        let text = "year: 9223372036854775807\nholidays: []\nmakeup_workdays: [2024-02-04]\n"
        let year = try YAMLDecoder().decode(HolidayYear.self, from: text)
        #expect(year.year == Int.max)
        #expect(throws: WorkingDayCalendarError.yearNotSupported(Int.max)) {
            try WorkingDayCalendar(years: [year])
        }
    }

    @Test func theEdgesOfTheSupportedRangeAreAccepted() throws {
        let first = WorkingDayCalendar.supportedYears.lowerBound, last = WorkingDayCalendar.supportedYears.upperBound
        let cal = try WorkingDayCalendar(years: [HolidayYear(year: first, holidays: [], makeupWorkdays: []),
                                                 HolidayYear(year: last, holidays: [], makeupWorkdays: [])])
        #expect(cal.coveredYears == [first, last])
        #expect(try cal.isWorkingDay(CivilDate(year: first, month: 1, day: 2)!) == (CivilDate(year: first, month: 1, day: 2)!.weekday.isWeekend == false))
    }

    @Test(arguments: [Int.max, Int.min, Int.max / 2, Int.min / 2, 10_000_000, -10_000_000])
    func dayArithmeticWithHugeCountsDoesNotTrap(_ n: Int) {
        let day = d("2024-06-12")
        #expect(day.advanced(byDays: n) == nil)
        let saturated = day.adding(days: n)
        #expect(saturated == (n < 0 ? CivilDate.earliest : CivilDate.latest))
        #expect(CivilDate(checkedDayNumber: n) == nil)
        #expect(CivilDate(dayNumber: n) == (n < 0 ? CivilDate.earliest : CivilDate.latest))
    }

    @Test func theRepresentableRangeIsExactlyYearsOneToNineThousandNineHundredNinetyNine() {
        #expect(CivilDate.earliest.description == "0001-01-01")
        #expect(CivilDate.latest.description == "9999-12-31")
        #expect(CivilDate.latest.advanced(byDays: 1) == nil)
        #expect(CivilDate.earliest.advanced(byDays: -1) == nil)
        #expect(CivilDate.latest.advanced(byDays: 0) == CivilDate.latest)
        #expect(CivilDate(checkedDayNumber: CivilDate.latest.dayNumber) == CivilDate.latest)
        #expect(CivilDate(checkedDayNumber: CivilDate.earliest.dayNumber) == CivilDate.earliest)
        #expect(CivilDate.earliest.advanced(byDays: CivilDate.earliest.days(until: CivilDate.latest)) == CivilDate.latest)
    }

    func calendar() throws -> WorkingDayCalendar {
        try WorkingDayCalendar(years: [HolidayYear(year: 2030, holidays: [], makeupWorkdays: [])])
    }

    @Test(arguments: [Int.max, Int.min, Int.max / 3, Int.min / 3])
    func workingDaysWithHugeCountsAreAnError(_ n: Int) throws {
        let cal = try calendar()
        #expect(throws: WorkingDayCalendarError.workingDayCountOutOfRange(n)) {
            try cal.addingWorkingDays(n, to: d("2030-03-01"))
        }
    }

    @Test func countsWithinTheLimitStopAtTheEndOfTheCalendar() throws {
        let cal = try calendar()
        let limit = WorkingDayCalendar.maxWorkingDayCount
        #expect(throws: WorkingDayCalendarError.self) { try cal.addingWorkingDays(limit, to: d("2030-03-01")) }
        #expect(throws: WorkingDayCalendarError.self) { try cal.addingWorkingDays(-limit, to: d("2030-03-01")) }
        #expect(throws: WorkingDayCalendarError.self) { try cal.addingWorkingDays(1, to: CivilDate.latest) }
        #expect(throws: WorkingDayCalendarError.self) { try cal.addingWorkingDays(-1, to: CivilDate.earliest) }
        #expect(throws: WorkingDayCalendarError.self) { try cal.workingDays(from: CivilDate.earliest, to: CivilDate.latest) }
        #expect(throws: WorkingDayCalendarError.self) { try cal.workingDays(from: CivilDate.latest, to: CivilDate.earliest) }
        // and ordinary counts still work, so the errors above are not vacuous
        #expect(try cal.addingWorkingDays(1, to: d("2030-03-01")) == d("2030-03-04"))
    }
}

/// Every calendar error reads in one language per message: Chinese without
/// English words, English without Chinese characters (SPEC §10).
@Suite struct CalendarMessagesTests {
    static let date = CivilDate("2030-04-03")!
    static let all: [WorkingDayCalendarError] = [
        .dateOutOfRange(date, coveredYears: [2029, 2030]), .dateOutOfRange(date, coveredYears: []),
        .duplicateYear(2030), .makeupDayNotWeekend(date, year: 2030), .dayBothOffAndWorking(date, year: 2030),
        .dateOutsideYear(date, year: 2030), .yearNotSupported(Int.max), .workingDayCountOutOfRange(Int.min),
    ]

    static func hasHan(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
    static func hasLatinWord(_ s: String) -> Bool {
        s.split(whereSeparator: { !$0.isASCII || !$0.isLetter }).contains { $0.count >= 2 }
    }

    @Test(arguments: all)
    func oneLanguagePerMessage(_ e: WorkingDayCalendarError) {
        #expect(Self.hasHan(e.zh) && !Self.hasLatinWord(e.zh), "\(e.zh)")
        #expect(!Self.hasHan(e.en) && Self.hasLatinWord(e.en), "\(e.en)")
        #expect(e.message(chinese: true) == e.zh && e.message(chinese: false) == e.en)
        #expect(e.description == e.zh)
    }
}
