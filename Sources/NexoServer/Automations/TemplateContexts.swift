import Foundation
import NexoCore
import Vapor

/// Builds the values a tenant's templates see for one contact.
enum TemplateContexts {
    static func make(contact: Contact, tenant: Tenant, app: Application, now: Date) throws -> TemplateContext {
        let values = contact.values
        let locale = Locale(identifier: tenant.locale == "en" ? "en_US" : "es_AR")
        let zone = TimeZone(identifier: tenant.timeZone) ?? .gmt
        let token = UnsubscribeToken(tenantID: try tenant.requireID(), contactID: try contact.requireID())
        return TemplateContext(
            contact: .init(
                firstName: values.firstName, lastName: values.lastName,
                fullName: [values.firstName, values.lastName].compactMap { $0 }.joined(separator: " "),
                email: values.email, phone: values.phone, company: values.company, birthday: values.birthday?.description,
                status: values.status, source: values.source, metadata: values.metadata),
            business: .init(name: tenant.name, email: nil, country: tenant.country),
            unsubscribeURL: UnsubscribeRoutes.url(for: token, app: app),
            today: TemplateContext.dateText(now, timeZone: zone, locale: locale))
    }
}
