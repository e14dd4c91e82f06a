/// Why the calendar refused to answer. A deadline computed on a year whose
/// holidays are unknown would be silently wrong by up to a week, so the
/// calendar says so instead of assuming "weekends only".
public enum WorkingDayCalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The date's year has no holiday data loaded (`Rules/calendar/<year>.yaml`).
    case dateOutOfRange(CivilDate, coveredYears: [Int])
    /// Two data sets were given for the same year.
    case duplicateYear(Int)
    /// A make-up working day that is not a Saturday or Sunday: the data is wrong.
    case makeupDayNotWeekend(CivilDate, year: Int)
    /// A day listed both as a day off and as a make-up working day.
    case dayBothOffAndWorking(CivilDate, year: Int)
    /// A date in a year's data that is far from that year (a typo like 2042-10-01).
    case dateOutsideYear(CivilDate, year: Int)

    public var description: String {
        switch self {
        case let .dateOutOfRange(date, years):
            let covered = years.isEmpty ? "none" : years.map(String.init).joined(separator: ", ")
            return "\(date) is outside the years the working-day calendar covers (\(covered)) / "
                + "\(date) 不在工作日历覆盖的年份内（\(covered)）"
        case let .duplicateYear(year):
            return "holiday data for \(year) given twice / \(year)年节假日数据重复"
        case let .makeupDayNotWeekend(date, year):
            return "\(year): make-up working day \(date) is not a Saturday or Sunday / "
                + "\(year)年：调休上班日 \(date) 不是周六或周日"
        case let .dayBothOffAndWorking(date, year):
            return "\(year): \(date) is both a day off and a make-up working day / "
                + "\(year)年：\(date) 既是放假日又是调休上班日"
        case let .dateOutsideYear(date, year):
            return "\(year): date \(date) does not belong to this year / \(year)年：日期 \(date) 不属于该年"
        }
    }
}
