import Testing
import WorkingDays

/// Rules of the calendar on small hand-made data, independent of the real files.
@Suite struct WorkingDayCalendarTests {
    func d(_ s: String) -> CivilDate { CivilDate(s)! }

    /// A made-up 2030: one holiday Mon–Tue 2030-04-01…02 and a make-up Saturday 2030-04-06.
    func calendar() throws -> WorkingDayCalendar {
        try WorkingDayCalendar(years: [
            HolidayYear(year: 2030, holidays: [Holiday(name: "测试节", from: d("2030-04-01"), to: d("2030-04-02"))],
                        makeupWorkdays: [d("2030-04-06")]),
        ])
    }

    @Test func weekendsAreOffAndWeekdaysWork() throws {
        let cal = try calendar()
        #expect(try cal.isWorkingDay(d("2030-03-08")))      // Friday
        #expect(try !cal.isWorkingDay(d("2030-03-09")))     // Saturday
        #expect(try !cal.isWorkingDay(d("2030-03-10")))     // Sunday
        #expect(try cal.addingWorkingDays(1, to: d("2030-03-08")) == d("2030-03-11"))
        #expect(try cal.addingWorkingDays(5, to: d("2030-03-09")) == d("2030-03-15"))
    }

    @Test func holidaysAreOffAndMakeupDaysWork() throws {
        let cal = try calendar()
        #expect(try !cal.isWorkingDay(d("2030-04-01")))
        #expect(cal.holidayName(on: d("2030-04-02")) == "测试节")
        #expect(try cal.isWorkingDay(d("2030-04-06")))      // make-up Saturday
        // Fri 03-29 → Wed 04-03, Thu, Fri, Sat 04-06 (make-up) = 4th.
        #expect(try cal.addingWorkingDays(4, to: d("2030-03-29")) == d("2030-04-06"))
        #expect(try cal.workingDays(from: d("2030-03-29"), to: d("2030-04-06")) == 4)
    }

    @Test func eventDayDoesNotCountAndZeroIsTheEvent() throws {
        let cal = try calendar()
        #expect(try cal.addingWorkingDays(0, to: d("2030-03-09")) == d("2030-03-09"))
        #expect(try cal.addingWorkingDays(1, to: d("2030-03-11")) == d("2030-03-12"))
        #expect(try cal.workingDays(from: d("2030-03-11"), to: d("2030-03-11")) == 0)
    }

    @Test func negativeCountsGoBackwards() throws {
        let cal = try calendar()
        #expect(try cal.addingWorkingDays(-1, to: d("2030-03-11")) == d("2030-03-08"))
        #expect(try cal.workingDays(from: d("2030-03-15"), to: d("2030-03-08")) == -5)
    }

    @Test func datesOutsideTheCoveredYearsThrow() throws {
        let cal = try calendar()
        #expect(!cal.covers(d("2031-01-01")))
        #expect(throws: WorkingDayCalendarError.dateOutOfRange(d("2031-01-01"), coveredYears: [2030])) {
            try cal.isWorkingDay(d("2031-01-01"))
        }
        // Counting runs off the end of the data: refused, not guessed.
        #expect(throws: WorkingDayCalendarError.self) {
            try cal.addingWorkingDays(3, to: d("2030-12-30"))
        }
        #expect(throws: WorkingDayCalendarError.self) {
            try cal.workingDays(from: d("2029-12-20"), to: d("2030-01-10"))
        }
        // Only the days after the event are looked at: an event on the last
        // day before the data starts is fine.
        #expect(try cal.workingDays(from: d("2029-12-31"), to: d("2030-01-10")) == 8)
        let empty = try WorkingDayCalendar(years: [])
        #expect(throws: WorkingDayCalendarError.dateOutOfRange(d("2030-03-08"), coveredYears: [])) {
            try empty.isWorkingDay(d("2030-03-08"))
        }
    }

    @Test func rejectsInconsistentData() {
        #expect(throws: WorkingDayCalendarError.makeupDayNotWeekend(d("2030-04-03"), year: 2030)) {
            try WorkingDayCalendar(years: [HolidayYear(year: 2030, holidays: [], makeupWorkdays: [d("2030-04-03")])])
        }
        #expect(throws: WorkingDayCalendarError.duplicateYear(2030)) {
            try WorkingDayCalendar(years: [HolidayYear(year: 2030, holidays: [], makeupWorkdays: []),
                                           HolidayYear(year: 2030, holidays: [], makeupWorkdays: [])])
        }
        #expect(throws: WorkingDayCalendarError.dayBothOffAndWorking(d("2030-04-06"), year: 2030)) {
            try WorkingDayCalendar(years: [HolidayYear(
                year: 2030, holidays: [Holiday(name: "x", days: [d("2030-04-06")])], makeupWorkdays: [d("2030-04-06")])])
        }
        #expect(throws: WorkingDayCalendarError.dateOutsideYear(d("2040-10-01"), year: 2030)) {
            try WorkingDayCalendar(years: [HolidayYear(
                year: 2030, holidays: [Holiday(name: "x", days: [d("2040-10-01")])], makeupWorkdays: [])])
        }
    }

    @Test func errorsDescribeThemselvesInEachLanguage() {
        let e = WorkingDayCalendarError.dateOutOfRange(d("2031-01-01"), coveredYears: [2029, 2030])
        #expect(e.en.contains("2031-01-01") && e.zh.contains("2031-01-01"))
        #expect(e.en.contains("2029, 2030") && e.zh.contains("2029、2030"))
        #expect(e.zh.contains("不在工作日历覆盖的年份内"))
        #expect(e.en.contains("outside the years"))
        #expect(e.description == e.zh)
    }
}
