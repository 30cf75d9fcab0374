import Fluent
import Foundation
import NexoCore
import Vapor

/// The backoffice's contact pages: list with search and filters, a contact with its timeline, the forms.
enum ContactsPages {
    struct Row: Encodable {
        let id: String
        let name: String
        let email: String?
        let phone: String?
        let phoneValid: Bool
        let company: String?
        let tags: [String]
        let status: String
        let source: String
        let createdAt: String
        let href: String
    }

    struct ListContext: Encodable {
        let shell: Shell
        let rows: [Row]
        let filter: [String: String]
        let nextURL: String?
        let firstURL: String?
        let newURL: String
        let exportURL: String?
        let importURL: String?
        let action: String
        let months: [SelectOption]
        let isFiltered: Bool
    }

    static func listContext(_ req: Request, _ ctx: TenantContext) async throws -> ListContext {
        let filter = try ContactFilter(from: req.query)
        let page = try PageRequest(from: req.query)
        let result = try await ContactQueries(db: req.db, context: ctx).list(filter, page: page)
        let timeZone = ctx.zone
        let rows = try result.contacts.map { contact in
            let v = contact.values
            let id = try contact.requireID()
            return Row(
                id: id.uuidString, name: v.displayName, email: v.email, phone: v.phone, phoneValid: v.phoneValid,
                company: v.company, tags: v.tags, status: req.t("status.\(v.status)", fallback: v.status),
                source: req.t("source.\(v.source)", fallback: v.source),
                createdAt: PageFormat.date(contact.createdAt, timeZone: timeZone, locale: req.locale),
                href: SiteRoute.contact(.value(id)).path)
        }
        var query = filter.queryItems
        let filterValues = query.compactMapValues { $0 }
        query["cursor"] = result.next?.encoded
        return ListContext(
            shell: try await Shell.make(req, ctx, section: "contacts", title: req.t("contacts.title")), rows: rows,
            filter: filterValues, nextURL: result.next == nil ? nil : SiteRoute.contacts.path(query: query),
            firstURL: page.cursor == nil ? nil : SiteRoute.contacts.path(query: filter.queryItems),
            newURL: SiteRoute.contactNew.path,
            exportURL: ctx.role.allows(.exportContacts) ? SiteRoute.contactsExport.path(query: filter.queryItems) : nil,
            importURL: ctx.role.allows(.importContacts) ? SiteRoute.contactsImport.path : nil,
            action: SiteRoute.contacts.path,
            months: (1...12).map {
                SelectOption(value: String($0), label: req.t("month.\($0)"), selected: filter.birthdayMonth == $0)
            },
            isFiltered: !filter.isEmpty)
    }

    struct TimelineEntry: Encodable {
        let type: String
        let label: String
        let summary: String
        let actor: String?
        let at: String
    }

    struct ShowContext: Encodable {
        let shell: Shell
        let id: String
        let name: String
        let contact: ContactResponse
        let birthday: String?
        let timeline: [TimelineEntry]
        let editURL: String
        let deleteURL: String
        let notesURL: String
        let listURL: String
        let noteError: String?
        let statusLabel: String
        let sourceLabel: String
        let consentEmail: String
        let consentWhatsapp: String
        let metadata: [MetadataEntry]
    }

    static func showContext(_ req: Request, _ ctx: TenantContext, id: UUID, noteError: String? = nil) async throws -> ShowContext
    {
        let contact = try await Contact.findOr404(id, in: ctx, on: req.db, what: "Contact")
        let timeZone = ctx.zone
        let items = try await ContactQueries(db: req.db, context: ctx).interactions(contactID: id, page: PageRequest(limit: 100))
            .items
        let response = try ContactResponse(contact)
        return ShowContext(
            shell: try await Shell.make(req, ctx, section: "contacts", title: contact.values.displayName), id: id.uuidString,
            name: contact.values.displayName, contact: response,
            birthday: contact.values.birthday.map {
                PageFormat.birthday($0, monthName: req.t("month.\($0.month)"), locale: req.locale)
            },
            timeline: items.map {
                TimelineEntry(
                    type: $0.type, label: req.t("timeline.\($0.type)"),
                    summary: $0.type == "contact_created" ? req.t("source.\($0.summary)") : $0.summary,
                    actor: $0.actorLabel, at: PageFormat.dateTime($0.occurredAt, timeZone: timeZone, locale: req.locale))
            },
            editURL: SiteRoute.contactEdit(.value(id)).path, deleteURL: SiteRoute.contactDelete(.value(id)).path,
            notesURL: SiteRoute.contactNotes(.value(id)).path, listURL: SiteRoute.contacts.path, noteError: noteError,
            statusLabel: req.t("status.\(response.status)", fallback: response.status),
            sourceLabel: req.t("source.\(response.source)", fallback: response.source),
            consentEmail: req.t("consent.\(response.consent["email"]?.state ?? "unknown")"),
            consentWhatsapp: req.t("consent.\(response.consent["whatsapp"]?.state ?? "unknown")"),
            metadata: response.metadata.sorted { $0.key < $1.key }.map { MetadataEntry(key: $0.key, value: $0.value.displayText) }
        )
    }

    struct MetadataEntry: Encodable {
        let key: String
        let value: String
    }

    struct FormContext: Encodable {
        let shell: Shell
        let isNew: Bool
        let form: [String: String]
        let errors: FormErrors
        let action: String
        let cancelURL: String
        let statuses: [SelectOption]
        let consentStates: [String: [SelectOption]]
        let phonePrefix: String
    }

    static func formContext(
        _ req: Request, _ ctx: TenantContext, id: UUID?, form: [String: String], errors: FormErrors = .none
    ) async throws -> FormContext {
        let status = form["status"] ?? "lead"
        let statuses = ["lead", "customer", "inactive"].map {
            SelectOption(value: $0, label: req.t("status.\($0)"), selected: $0 == status)
        }
        var consent: [String: [SelectOption]] = [:]
        for channel in ["email", "whatsapp"] {
            let current = form["consent_\(channel)"] ?? "unknown"
            consent[channel] = ConsentState.allCases.map {
                SelectOption(value: $0.rawValue, label: req.t("consent.\($0.rawValue)"), selected: $0.rawValue == current)
            }
        }
        let title = id == nil ? req.t("contacts.new") : req.t("contacts.edit")
        return FormContext(
            shell: try await Shell.make(req, ctx, section: "contacts", title: title), isNew: id == nil, form: form,
            errors: errors,
            action: id.map { SiteRoute.contactEdit(.value($0)).path } ?? SiteRoute.contactNew.path,
            cancelURL: id.map { SiteRoute.contact(.value($0)).path } ?? SiteRoute.contacts.path, statuses: statuses,
            consentStates: consent, phonePrefix: "+" + (Country.find(ctx.country)?.callingCode ?? ""))
    }

    static func formValues(_ contact: Contact) -> [String: String] {
        let v = contact.values
        return [
            "first_name": v.firstName ?? "", "last_name": v.lastName ?? "", "email": v.email ?? "", "phone": v.phone ?? "",
            "company": v.company ?? "", "birthday": v.birthday?.description ?? "", "notes": v.notes ?? "",
            "tags": v.tags.joined(separator: ", "), "status": v.status, "score": String(v.score),
            "consent_email": v.emailConsent.state.rawValue, "consent_whatsapp": v.whatsappConsent.state.rawValue,
        ]
    }

    static let formFields = [
        "first_name", "last_name", "email", "phone", "company", "birthday", "notes", "tags", "status", "score", "consent_email",
        "consent_whatsapp",
    ]

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.contacts.pathComponents) { req, ctx async throws -> View in
            try await req.view.render("contacts/list", try await listContext(req, ctx))
        }
        routes.get(SiteRoute.contactNew.pathComponents) { req, ctx async throws -> View in
            try await req.view.render("contacts/form", try await formContext(req, ctx, id: nil, form: ["status": "lead"]))
        }
        routes.post(SiteRoute.contactNew.pathComponents) { req, ctx async throws -> Response in
            let fields = try req.content.decode([String: String].self).filter { formFields.contains($0.key) }
            do {
                let input = try ContactInput.fromForm(fields)
                let contact = try await ContactService(db: req.db, context: ctx).create(input, defaultSource: "manual")
                req.session.flash = req.t("contacts.created")
                return req.redirect(to: SiteRoute.contact(.value(try contact.requireID())).path)
            } catch let failure as ValidationFailure {
                return try await formFailure(req, ctx, id: nil, fields: fields, errors: FormErrors(failure, req: req))
            } catch let problem as Problem where problem.status == .conflict {
                return try await formFailure(req, ctx, id: nil, fields: fields, errors: conflictErrors(problem, req: req))
            }
        }
        routes.get(SiteRoute.contactsExport.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.exportContacts)
            return try await ContactExport(db: req.db, context: ctx).response(
                for: req, filter: try ContactFilter(from: req.query))
        }
        routes.get(SiteRoute.contact(.key).pathComponents) { req, ctx async throws -> View in
            try await req.view.render("contacts/show", try await showContext(req, ctx, id: try req.idParameter()))
        }
        routes.get(SiteRoute.contactEdit(.key).pathComponents) { req, ctx async throws -> View in
            let contact = try await Contact.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Contact")
            return try await req.view.render(
                "contacts/form", try await formContext(req, ctx, id: contact.id, form: formValues(contact)))
        }
        routes.post(SiteRoute.contactEdit(.key).pathComponents) { req, ctx async throws -> Response in
            let id = try req.idParameter()
            let fields = try req.content.decode([String: String].self).filter { formFields.contains($0.key) }
            do {
                let input = try ContactInput.fromForm(fields)
                _ = try await ContactService(db: req.db, context: ctx).update(id: id, with: input)
                req.session.flash = req.t("contacts.saved")
                return req.redirect(to: SiteRoute.contact(.value(id)).path)
            } catch let failure as ValidationFailure {
                return try await formFailure(req, ctx, id: id, fields: fields, errors: FormErrors(failure, req: req))
            } catch let problem as Problem where problem.status == .conflict {
                return try await formFailure(req, ctx, id: id, fields: fields, errors: conflictErrors(problem, req: req))
            }
        }
        routes.post(SiteRoute.contactDelete(.key).pathComponents) { req, ctx async throws -> Response in
            try await ContactService(db: req.db, context: ctx).erase(id: try req.idParameter(), request: req)
            req.session.flash = req.t("contacts.deleted")
            return req.redirect(to: SiteRoute.contacts.path)
        }
        routes.post(SiteRoute.contactNotes(.key).pathComponents) { req, ctx async throws -> Response in
            let id = try req.idParameter()
            let text = (try? req.content.get(String.self, at: "text")) ?? ""
            do {
                _ = try await ContactService(db: req.db, context: ctx).addNote(id: id, text: text)
                return req.redirect(to: SiteRoute.contact(.value(id)).path)
            } catch let failure as ValidationFailure {
                let context = try await showContext(req, ctx, id: id, noteError: FormErrors(failure, req: req).byField["text"])
                return try await req.render("contacts/show", context, status: .unprocessableEntity)
            }
        }
    }

    static func conflictErrors(_ problem: Problem, req: Request) -> FormErrors {
        let field = problem.errors?.first?.field ?? "email"
        return FormErrors(byField: [field: req.t("error.\(field).taken")])
    }

    static func formFailure(_ req: Request, _ ctx: TenantContext, id: UUID?, fields: [String: String], errors: FormErrors)
        async throws -> Response
    {
        let context = try await formContext(req, ctx, id: id, form: fields, errors: errors)
        return try await req.render("contacts/form", context, status: .unprocessableEntity)
    }
}
