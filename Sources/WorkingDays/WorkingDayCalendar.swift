/// Working days in mainland China: Monday to Friday, minus the public
/// holidays of the State Council's yearly notice, plus its make-up working
/// days (调休上班, weekend days that are worked).
///
/// Deadlines in the spot-check rules are "within N working days", counted
/// from the day after the event (the event's own day does not count), so the
/// deadline is the N-th working day after the event.
///
/// The calendar only answers for the years it has data for; any other date
/// throws `WorkingDayCalendarError.dateOutOfRange` rather than guessing.
public struct WorkingDayCalendar: Sendable {
    /// The years a calendar may hold data for. The State Council has
    /// published notices since 1999; the range is wide enough for any real
    /// plan and narrow enough that no year arithmetic can overflow and no
    /// count of working days can run for long.
    public static let supportedYears: ClosedRange<Int> = 1900...2200
    /// The largest `|n|` `addingWorkingDays` accepts: the number of days in
    /// the supported years, so any larger count can only end outside them.
    public static let maxWorkingDayCount: Int =
        CivilDate(year: supportedYears.lowerBound, month: 1, day: 1)!
            .days(until: CivilDate(year: supportedYears.upperBound, month: 12, day: 31)!) + 1

    public let coveredYears: Set<Int>
    private let daysOff: Set<CivilDate>
    private let makeupWorkdays: Set<CivilDate>
    private let holidayNames: [CivilDate: String]

    /// Builds the calendar and checks the data: years within
    /// `supportedYears`, one entry per year, make-up days on weekends only,
    /// no day both off and working, dates within a year of the year they are
    /// filed under (元旦 2023 starts 2022-12-31).
    public init(years: [HolidayYear]) throws(WorkingDayCalendarError) {
        var covered = Set<Int>()
        var off = Set<CivilDate>()
        var makeup = Set<CivilDate>()
        var names: [CivilDate: String] = [:]
        for data in years {
            // First, so that `data.year ± 1` below cannot overflow.
            guard Self.supportedYears.contains(data.year) else { throw .yearNotSupported(data.year) }
            guard covered.insert(data.year).inserted else { throw .duplicateYear(data.year) }
            let near = (data.year - 1)...(data.year + 1)
            for holiday in data.holidays {
                for day in holiday.days {
                    guard near.contains(day.year) else { throw .dateOutsideYear(day, year: data.year) }
                    off.insert(day)
                    names[day] = holiday.name
                }
            }
            for day in data.makeupWorkdays {
                guard near.contains(day.year) else { throw .dateOutsideYear(day, year: data.year) }
                guard day.weekday.isWeekend else { throw .makeupDayNotWeekend(day, year: data.year) }
                makeup.insert(day)
            }
        }
        if let clash = off.intersection(makeup).min() {
            let year = years.first { $0.makeupWorkdays.contains(clash) }?.year ?? clash.year
            throw .dayBothOffAndWorking(clash, year: year)
        }
        coveredYears = covered
        daysOff = off
        makeupWorkdays = makeup
        holidayNames = names
    }

    /// Whether the calendar has holiday data for the date's year.
    public func covers(_ date: CivilDate) -> Bool { coveredYears.contains(date.year) }

    public func isWorkingDay(_ date: CivilDate) throws(WorkingDayCalendarError) -> Bool {
        try checkCovered(date)
        if makeupWorkdays.contains(date) { return true }
        if daysOff.contains(date) { return false }
        return !date.weekday.isWeekend
    }

    /// The holiday a day off belongs to (e.g. "国庆节"), nil for other days.
    public func holidayName(on date: CivilDate) -> String? { holidayNames[date] }

    /// The `n`-th working day after `event` (the event's day never counts).
    /// `n == 0` returns the event itself; a negative `n` counts backwards
    /// (the |n|-th working day before the event). A count beyond
    /// `maxWorkingDayCount` is refused at once; a smaller one that runs off
    /// the covered years throws `dateOutOfRange` where it does.
    public func addingWorkingDays(_ n: Int, to event: CivilDate) throws(WorkingDayCalendarError) -> CivilDate {
        guard n.magnitude <= UInt(Self.maxWorkingDayCount) else { throw .workingDayCountOutOfRange(n) }
        let step = n >= 0 ? 1 : -1
        var remaining = Int(n.magnitude)
        var day = event
        while remaining > 0 {
            day = try next(day, step)
            if try isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// The number of working days in `(from, to]`: the day after `from` up to
    /// and including `to`, matching `addingWorkingDays` so that
    /// `workingDays(from: e, to: addingWorkingDays(n, to: e)) == n`.
    /// Negative when `to` is before `from`; zero when they are equal.
    public func workingDays(from: CivilDate, to: CivilDate) throws(WorkingDayCalendarError) -> Int {
        if to < from { return try -workingDays(from: to, to: from) }
        var count = 0
        var day = from
        while day < to {
            day = try next(day, 1)
            if try isWorkingDay(day) { count += 1 }
        }
        return count
    }

    /// The day `step` days from `day`; past 0001-01-01 or 9999-12-31 no
    /// calendar covers it, so it is out of range like any uncovered day.
    private func next(_ day: CivilDate, _ step: Int) throws(WorkingDayCalendarError) -> CivilDate {
        guard let next = day.advanced(byDays: step) else {
            throw .dateOutOfRange(day, coveredYears: coveredYears.sorted())
        }
        return next
    }

    private func checkCovered(_ date: CivilDate) throws(WorkingDayCalendarError) {
        guard coveredYears.contains(date.year) else {
            throw .dateOutOfRange(date, coveredYears: coveredYears.sorted())
        }
    }
}
