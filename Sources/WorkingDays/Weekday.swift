/// ISO 8601 weekday numbering (Monday = 1 … Sunday = 7), the convention of
/// Chinese calendars (星期一 … 星期日), so `rawValue` reads the same as 周N.
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Saturday and Sunday: days off unless a notice makes them working days.
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
