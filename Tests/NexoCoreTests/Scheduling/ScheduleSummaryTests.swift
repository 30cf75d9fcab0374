import Testing

@testable import NexoCore

@Suite struct ScheduleSummaryTests {
    typealias F = ScheduleFixtures

    @Test(arguments: [
        (F.daily("08:00"), "Todos los días a las 08:00", "Every day at 08:00"),
        (F.daily("01:00"), "Todos los días a la 01:00", "Every day at 01:00"),
        (F.weekly([1, 3], "09:30"), "Lunes y miércoles a las 09:30", "Every Monday and Wednesday at 09:30"),
        (F.weekly([5, 1, 3], "09:30"), "Lunes, miércoles y viernes a las 09:30", "Every Monday, Wednesday and Friday at 09:30"),
        (F.weekly([6], "10:00"), "Sábado a las 10:00", "Every Saturday at 10:00"),
        (F.weekly([6, 7], "10:00"), "Sábado y domingo a las 10:00", "Every Saturday and Sunday at 10:00"),
        (F.weekly([1, 2, 3, 4, 5], "08:00"), "De lunes a viernes a las 08:00", "Monday to Friday at 08:00"),
        (F.weekly([1, 2, 3, 4, 5, 6, 7], "07:15"), "Todos los días a las 07:15", "Every day at 07:15"),
        (F.monthly(1, "08:00"), "El día 1 de cada mes a las 08:00", "On day 1 of every month at 08:00"),
        (
            F.monthly(31, "08:00"), "El día 31 de cada mes a las 08:00 (el último día en los meses más cortos)",
            "On day 31 of every month at 08:00 (the last day in shorter months)"
        ),
        (F.cron("0 8 * * 1-5"), "Cron: 0 8 * * 1-5", "Cron: 0 8 * * 1-5"),
        (F.cron("@daily"), "Cron: @daily", "Cron: @daily"),
    ])
    func summarizesInSpanishAndEnglish(schedule: Schedule, spanish: String, english: String) {
        #expect(schedule.summary(locale: "es") == spanish)
        #expect(schedule.summary(locale: "en") == english)
    }

    @Test(arguments: [
        ("es-CL", "Todos los días a las 08:00"), ("en-US", "Every day at 08:00"), ("fr", "Todos los días a las 08:00"),
    ])
    func regionalLocalesUseTheirLanguage(locale: String, summary: String) {
        #expect(F.daily("08:00").summary(locale: locale) == summary)
    }
}
