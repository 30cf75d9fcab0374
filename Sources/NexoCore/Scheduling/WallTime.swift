import Foundation

/// Proleptic Gregorian calendar arithmetic on "wall seconds" (local date and time counted as if it were UTC),
/// and the mapping from a wall time to the instant it happens in a time zone.
///
/// Working on plain integers keeps schedule searches fast and free of `Calendar`'s own DST adjustments,
/// whose gap and overlap choices differ between platforms.
enum WallTime {
    static let secondsPerDay = 86_400

    struct CivilDate: Equatable {
        let year: Int
        let month: Int
        let day: Int
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar date of a day number (Howard Hinnant's civil_from_days).
    static func date(days: Int) -> CivilDate {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return CivilDate(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday.
    static func isoWeekday(days: Int) -> Int { ((days % 7 + 7) % 7 + 3) % 7 + 1 }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    static func offset(_ zone: TimeZone, at instant: Int) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    /// The local wall reading, in wall seconds, at an instant (whole seconds, rounded down).
    static func wall(at instant: Date, in zone: TimeZone) -> Int {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        return seconds + offset(zone, at: seconds)
    }

    /// The first instant (Unix seconds) at which the local clock reads `wall` or later.
    ///
    /// This one rule gives both DST behaviours: a wall time skipped by a spring-forward gap maps to the
    /// end of the gap (02:30 on a 02:00→03:00 day happens at 03:00), and a wall time that a fall-back
    /// repeats maps to its first occurrence.
    static func instant(forWall wall: Int, in zone: TimeZone) -> Int {
        // Offsets in force around the wall time; the true instant lies within ±14 hours of `wall`.
        let probes = [offset(zone, at: wall - secondsPerDay), offset(zone, at: wall), offset(zone, at: wall + secondsPerDay)]
        var offsets = Set(probes)
        for probe in probes { offsets.insert(offset(zone, at: wall - probe)) }
        let exact = offsets.map { wall - $0 }.filter { $0 + offset(zone, at: $0) == wall }
        if let first = exact.min() { return first }

        // A gap: binary-search the transition, the first instant whose reading is past `wall`.
        var low = wall - offsets.max()!  // reads before `wall`
        var high = wall - offsets.min()!  // reads after `wall`
        guard low < high, low + offset(zone, at: low) < wall, high + offset(zone, at: high) >= wall else { return high }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if middle + offset(zone, at: middle) >= wall { high = middle } else { low = middle }
        }
        return high
    }
}
