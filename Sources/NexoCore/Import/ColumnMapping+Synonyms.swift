// Header names that map to contact fields. Written as people type them; normalized when the table is built.

extension ColumnMapping {
    struct Synonym: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            case field(ContactField)
            /// Explicit first name ("First Name", "Nombres").
            case firstName
            /// Joined to the first name after it ("Middle Name", "Segundo nombre").
            case middleName
            case lastName
            /// "Nombre", "Name", "Nome": a first name or a full name depending on the other columns.
            case genericName
            case ignore
        }

        let kind: Kind
        /// Lower is preferred when several columns could be the same single-valued field.
        let rank: Int
    }

    static let synonyms: [String: Synonym] = {
        var table: [String: Synonym] = [:]
        func add(_ kind: Synonym.Kind, rank: Int = 0, _ names: [String]) {
            for name in names { table[normalizedHeader(name)] = Synonym(kind: kind, rank: rank) }
        }
        add(
            .firstName,
            [
                "first name", "firstname", "first", "given name", "forename", "nombre de pila", "primer nombre",
                "nombres", "primeiro nome", "prenome",
            ])
        add(.middleName, ["middle name", "additional name", "segundo nombre", "nome do meio"])
        add(
            .lastName,
            [
                "last name", "lastname", "last", "surname", "family name", "apellido", "apellidos",
                "apellido paterno", "apellido materno", "primer apellido", "segundo apellido", "sobrenome",
                "último nome", "apelido", "apelidos",
            ])
        add(
            .field(.fullName),
            [
                "full name", "fullname", "display name", "nombre completo", "nombre y apellido", "nombre y apellidos",
                "nombres y apellidos", "apellido y nombre", "apellidos y nombres", "apellido y nombres",
                "nome completo", "nome e sobrenome",
            ])
        add(
            .genericName, rank: 1,
            [
                "name", "nombre", "nome", "contact name", "customer name", "client name", "nombre del contacto",
                "nombre contacto", "nombre del cliente", "nombre cliente", "cliente", "nome do contato",
                "nome do cliente", "nome cliente",
            ])
        add(
            .field(.email),
            [
                "email", "e-mail", "mail", "emails", "correo", "correos", "correo electrónico", "correo-e",
                "email address", "e-mail address", "e-mail - value", "email - value", "primary email",
                "dirección de correo", "dirección de correo electrónico", "dirección de email",
                "dirección de e-mail", "email principal", "correo principal", "endereço de email",
                "endereço de e-mail", "endereço eletrônico", "correio eletrônico",
            ])
        add(
            .field(.email), rank: 1,
            [
                "personal email", "work email", "home email", "business email", "other email", "correo personal",
                "correo del trabajo", "correo laboral", "email pessoal", "email comercial",
            ])
        add(
            .field(.phone),
            [
                "whatsapp", "whats app", "celular", "cel", "móvil", "movil", "mobile", "mobile phone", "mobile number",
                "mobile phone number", "cell", "cell phone", "cellphone", "teléfono celular", "teléfono móvil",
                "número de celular", "número celular", "nro celular", "número de whatsapp", "número whatsapp",
                "celular whatsapp", "whatsapp celular", "telefone celular", "celular whatsapp", "telemóvel", "móvel",
            ])
        add(
            .field(.phone), rank: 1,
            [
                "phone", "phone number", "telephone", "phone - value", "primary phone", "contact phone", "teléfono",
                "tel", "telf", "tlf", "fono", "número de teléfono", "número teléfono", "nro de teléfono",
                "nro teléfono", "teléfono principal", "teléfono de contacto", "telefone", "número de telefone",
                "telefone principal",
            ])
        add(
            .field(.phone), rank: 2,
            [
                "home phone", "business phone", "work phone", "other phone", "default address phone",
                "teléfono fijo", "teléfono casa", "teléfono de casa", "teléfono particular", "teléfono trabajo",
                "teléfono oficina", "telefone fixo", "telefone residencial", "telefone comercial",
            ])
        add(
            .field(.company),
            [
                "company", "company name", "organization", "organisation", "organization - name",
                "organization name", "associated company", "business", "business name", "account name", "empresa",
                "nombre de la empresa", "nombre empresa", "compañía", "organización", "razón social", "negocio",
                "companhia", "organização", "nome da empresa",
            ])
        add(
            .field(.birthday),
            [
                "birthday", "birth date", "birthdate", "date of birth", "dob", "d.o.b.", "fecha de nacimiento",
                "fecha nacimiento", "fecha de nac", "fecha nac", "f. nacimiento", "f. de nacimiento", "nacimiento",
                "cumpleaños", "cumple", "fecha de cumpleaños", "aniversário", "data de nascimento",
                "data nascimento", "dt nascimento", "nascimento", "data de aniversário",
            ])
        add(
            .field(.notes),
            [
                "notes", "note", "comments", "comment", "notas", "nota", "observaciones", "observación", "obs",
                "comentarios", "comentario", "anotaciones", "observações", "observação", "anotações",
            ])
        add(
            .field(.tags),
            [
                "tags", "tag", "labels", "label", "groups", "group", "group membership", "categories", "category",
                "etiquetas", "etiqueta", "grupos", "grupo", "categorías", "categoría", "marcadores", "marcador",
            ])
        add(.field(.status), ["status", "contact status", "lead status", "estado del contacto"])
        add(.field(.score), ["score", "lead score", "puntaje", "puntuación", "pontuação"])
        add(.field(.metadataJSON), ["metadata"])
        // Nexo's own export: what an import cannot set (where a contact came from, when it was added, consent, which
        // needs its own evidence) is left out, so exporting and importing again changes nothing.
        add(
            .ignore,
            [
                "error", "errores", "import error", "error de importación", "source", "created at", "email consent",
                "whatsapp consent",
            ])
        return table
    }()
}
