/// One year's arrangement as published by the State Council General Office
/// (国务院办公厅关于XXXX年部分节假日安排的通知): the days off and the
/// weekend days that are working days instead (调休上班).
///
/// It is `Decodable` so that the rule loader (through Yams) reads
/// `Rules/calendar/<year>.yaml` directly; this module itself stays free of
/// dependencies. The YAML keys are `year`, `source`, `holidays` (each with
/// `name` and either `days` or `from`/`to`) and `makeup_workdays`.
public struct HolidayYear: Sendable, Hashable, Decodable {
    public var year: Int
    /// The notice the data was copied from, so anyone can check it.
    public var source: String?
    public var holidays: [Holiday]
    /// Weekend days that are working days (调休上班).
    public var makeupWorkdays: [CivilDate]

    public init(year: Int, source: String? = nil, holidays: [Holiday], makeupWorkdays: [CivilDate]) {
        self.year = year
        self.source = source
        self.holidays = holidays
        self.makeupWorkdays = makeupWorkdays
    }

    /// Every day off of the year, in file order.
    public var daysOff: [CivilDate] { holidays.flatMap(\.days) }

    enum CodingKeys: String, CodingKey {
        case year, source, holidays
        case makeupWorkdays = "makeup_workdays"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        year = try c.decode(Int.self, forKey: .year)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        holidays = try c.decodeIfPresent([Holiday].self, forKey: .holidays) ?? []
        makeupWorkdays = try c.decodeIfPresent([CivilDate].self, forKey: .makeupWorkdays) ?? []
    }
}

/// A named holiday and its days off (放假调休), e.g. 国庆节 2024-10-01…07.
/// In YAML either `days: [...]` or a closed range `from:`/`to:`; the range
/// is expanded here so the calendar only ever sees single days.
public struct Holiday: Sendable, Hashable, Decodable {
    public var name: String
    public var days: [CivilDate]

    public init(name: String, days: [CivilDate]) {
        self.name = name
        self.days = days
    }

    /// All days from `from` to `to`, both included.
    public init(name: String, from: CivilDate, to: CivilDate) {
        self.name = name
        self.days = from <= to ? (0...from.days(until: to)).map { from.adding(days: $0) } : []
    }

    enum CodingKeys: String, CodingKey { case name, days, from, to }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .name)
        let list = try c.decodeIfPresent([CivilDate].self, forKey: .days)
        let from = try c.decodeIfPresent(CivilDate.self, forKey: .from)
        let to = try c.decodeIfPresent(CivilDate.self, forKey: .to)
        switch (list, from, to) {
        case let (list?, nil, nil):
            self.init(name: name, days: list)
        case let (nil, from?, to?):
            guard from <= to else {
                throw DecodingError.dataCorruptedError(
                    forKey: .to, in: c, debugDescription: "holiday '\(name)': 'to' (\(to)) is before 'from' (\(from))")
            }
            self.init(name: name, from: from, to: to)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .days, in: c,
                debugDescription: "holiday '\(name)': give either 'days' or both 'from' and 'to'")
        }
    }
}
