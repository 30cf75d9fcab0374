import Vapor

/// The frame of pages shown before sign-in.
struct PublicShell: Encodable, Sendable {
    let locale: String
    let csrf: String
    let flash: String?
    let title: String
    let localeLinks: [LocaleLink]

    struct LocaleLink: Encodable, Sendable {
        let locale: String
        let label: String
        let href: String
        let current: Bool
    }

    /// `session: false` for pages that may be shown outside the session middleware (errors for unknown URLs).
    static func make(_ req: Request, title: String, session: Bool = true) -> PublicShell {
        let path = req.url.path
        let useSession = session || req.hasSession
        return PublicShell(
            locale: req.locale, csrf: useSession ? req.session.csrfToken : "", flash: useSession ? req.session.takeFlash() : nil,
            title: title,
            localeLinks: [("es", "Español"), ("en", "English")].map { code, label in
                LocaleLink(locale: code, label: label, href: path + "?lang=\(code)", current: req.locale == code)
            })
    }
}
