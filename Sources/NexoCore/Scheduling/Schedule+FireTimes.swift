import Foundation

/// Fire times in the tenant's time zone (Gregorian calendar).
///
/// Each scheduled wall time fires at the first instant the local clock reads it or later: a time skipped by a
/// spring-forward gap fires when the gap ends (02:30 on a 02:00→03:00 day fires at 03:00), and a time repeated by a
/// fall-back fires once, at its first occurrence. Searches step by day, hour and minute fields, never minute by
/// minute, and give up after about five years (e.g. `0 0 30 2 *` never fires).
extension Schedule {
    /// How many days ahead (or back) a search looks before deciding the schedule never fires.
    static let searchHorizonDays = 5 * 366
    /// A backward search starts this far ahead of the current wall reading: right after clocks go back, later wall
    /// times have already happened. Since 1900 only Kwajalein (1969) and some Antarctic stations went back further.
    static let maxBackwardJump = 4 * 3600

    /// The first fire time strictly after `instant`, or nil if none within about five years.
    public func nextFire(after instant: Date, in zone: TimeZone) -> Date? {
        let limit = instant.timeIntervalSince1970
        guard Self.isSearchable(limit) else { return nil }
        let startWall = WallTime.wall(at: instant, in: zone)
        let lastDay = WallTime.floorDiv(startWall, WallTime.secondsPerDay) + Self.searchHorizonDays
        var from = WallTime.floorDiv(startWall, 60) * 60
        // Fire times grow with wall times, so the first candidate that resolves after `instant` is the answer;
        // the ones skipped are only those of a repeated (fall-back) hour whose first occurrence has passed.
        while let candidate = nextCandidate(atOrAfter: from, lastDay: lastDay) {
            let fire = WallTime.instant(forWall: candidate, in: zone)
            if TimeInterval(fire) > limit { return Date(timeIntervalSince1970: TimeInterval(fire)) }
            from = candidate + 60
        }
        return nil
    }

    /// The last fire time at or before `instant`, or nil if none within about five years.
    public func previousFire(atOrBefore instant: Date, in zone: TimeZone) -> Date? {
        let limit = instant.timeIntervalSince1970
        guard Self.isSearchable(limit) else { return nil }
        let startWall = WallTime.wall(at: instant, in: zone) + Self.maxBackwardJump
        let firstDay = WallTime.floorDiv(startWall, WallTime.secondsPerDay) - Self.searchHorizonDays
        var from = WallTime.floorDiv(startWall, 60) * 60
        while let candidate = previousCandidate(atOrBefore: from, firstDay: firstDay) {
            let fire = WallTime.instant(forWall: candidate, in: zone)
            if TimeInterval(fire) <= limit { return Date(timeIntervalSince1970: TimeInterval(fire)) }
            from = candidate - 60
        }
        return nil
    }

    /// Fire times strictly after `start` and at or before `end`, oldest first, at most `limit` of them.
    public func fireTimes(after start: Date, upTo end: Date, in zone: TimeZone, limit: Int) -> [Date] {
        var times: [Date] = []
        var cursor = start
        while times.count < limit, let fire = nextFire(after: cursor, in: zone), fire <= end {
            times.append(fire)
            cursor = fire
        }
        return times
    }

    /// Dates such as `.distantFuture` are fine; infinities and absurd values would overflow the integer arithmetic.
    static func isSearchable(_ seconds: TimeInterval) -> Bool { abs(seconds) < 1e12 }

    // MARK: Candidate wall times (wall seconds, whole minutes)

    var timeBits: (hours: UInt64, minutes: UInt64) {
        switch self {
        case .daily(let time), .weekly(_, let time), .monthly(_, let time):
            (1 << UInt64(time.hour), 1 << UInt64(time.minute))
        case .cron(let expression):
            (expression.hourBits, expression.minuteBits)
        }
    }

    func matchesDay(_ date: WallTime.CivilDate, days: Int) -> Bool {
        switch self {
        case .daily:
            true
        case .weekly(let weekdays, _):
            weekdays.contains(WallTime.isoWeekday(days: days))
        case .monthly(let day, _):
            date.day == min(day, WallTime.daysIn(month: date.month, year: date.year))
        case .cron(let expression):
            expression.matchesDay(month: date.month, day: date.day, weekday: WallTime.isoWeekday(days: days) % 7)
        }
    }

    /// Whether a cron expression rules out the whole month, so a search can jump over it.
    func skipsMonth(_ month: Int) -> Bool {
        if case .cron(let expression) = self { return !expression.monthBits.containsBit(month) }
        return false
    }

    func nextCandidate(atOrAfter wall: Int, lastDay: Int) -> Int? {
        let (hours, minutes) = timeBits
        var day = WallTime.floorDiv(wall, WallTime.secondsPerDay)
        var minuteOfDay = (wall - day * WallTime.secondsPerDay) / 60
        while day <= lastDay {
            let date = WallTime.date(days: day)
            if skipsMonth(date.month) {
                day += WallTime.daysIn(month: date.month, year: date.year) - date.day + 1
            } else {
                if matchesDay(date, days: day), let time = Self.firstTime(hours, minutes, atOrAfter: minuteOfDay) {
                    return day * WallTime.secondsPerDay + time * 60
                }
                day += 1
            }
            minuteOfDay = 0
        }
        return nil
    }

    func previousCandidate(atOrBefore wall: Int, firstDay: Int) -> Int? {
        let (hours, minutes) = timeBits
        var day = WallTime.floorDiv(wall, WallTime.secondsPerDay)
        var minuteOfDay = (wall - day * WallTime.secondsPerDay) / 60
        while day >= firstDay {
            let date = WallTime.date(days: day)
            if skipsMonth(date.month) {
                day -= date.day
            } else {
                if matchesDay(date, days: day), let time = Self.lastTime(hours, minutes, atOrBefore: minuteOfDay) {
                    return day * WallTime.secondsPerDay + time * 60
                }
                day -= 1
            }
            minuteOfDay = 24 * 60 - 1
        }
        return nil
    }

    /// The first minute of the day at or after `minuteOfDay` whose hour and minute are both in the sets.
    static func firstTime(_ hours: UInt64, _ minutes: UInt64, atOrAfter minuteOfDay: Int) -> Int? {
        let startHour = minuteOfDay / 60
        var hour = hours.nextBit(atOrAbove: startHour)
        while let current = hour, current < 24 {
            if let minute = minutes.nextBit(atOrAbove: current == startHour ? minuteOfDay % 60 : 0) {
                return current * 60 + minute
            }
            hour = hours.nextBit(atOrAbove: current + 1)
        }
        return nil
    }

    /// The last minute of the day at or before `minuteOfDay` whose hour and minute are both in the sets.
    static func lastTime(_ hours: UInt64, _ minutes: UInt64, atOrBefore minuteOfDay: Int) -> Int? {
        let startHour = minuteOfDay / 60
        var hour = hours.previousBit(atOrBelow: min(startHour, 23))
        while let current = hour {
            if let minute = minutes.previousBit(atOrBelow: current == startHour ? minuteOfDay % 60 : 59) {
                return current * 60 + minute
            }
            hour = hours.previousBit(atOrBelow: current - 1)
        }
        return nil
    }
}
