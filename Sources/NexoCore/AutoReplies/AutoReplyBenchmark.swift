import Foundation

/// Measures the indexed `AutoReplyMatcher` against `NaiveAutoReplyMatcher` on a realistic tenant: rules a
/// Latin American clinic, salon, gym or shop would write (keywords like "turno", "precio", "ortodoncia",
/// combinations, partial stems, some patterns and the built-ins, some with hours or a number scope) and a
/// Spanish message mix (small talk, questions, chatter no rule answers). Deterministic for a given seed.
/// Run it from a release build; a debug build says little about either matcher.
public enum AutoReplyBenchmark {
    public struct Result: Sendable {
        public let rules: Int
        public let messages: Int
        /// Median over the runs of the time per message.
        public let indexedPerMessage: Duration
        public let naivePerMessage: Duration
        /// Messages the two matchers answered differently (different rule or reason); 0 unless there is a bug.
        public let disagreements: Int
        /// Messages some rule answered.
        public let answered: Int
    }

    /// Tuesday 2025-03-11 15:30 in Buenos Aires, inside most rules' hours.
    public static let date = Date(timeIntervalSince1970: 1_741_717_800)
    public static let timeZone = TimeZone(identifier: "America/Argentina/Buenos_Aires") ?? .gmt

    public static func run(rules ruleCount: Int = 1_000, messages messageCount: Int = 1_000, runs: Int = 5, seed: UInt64 = 42)
        -> Result
    {
        let rules = Self.rules(count: ruleCount, seed: seed)
        let messages = Self.messages(count: messageCount, seed: seed &+ 1)
        let indexed = AutoReplyMatcher(rules: rules)
        let naive = NaiveAutoReplyMatcher(rules: rules)
        var disagreements = 0
        var answered = 0
        for (index, message) in messages.enumerated() {
            let numberID = index % 7 == 0 ? "num-2" : "num-1"
            let fast = indexed.match(message, numberID: numberID, at: date, timeZone: timeZone)
            let slow = naive.match(message, numberID: numberID, at: date, timeZone: timeZone)
            if fast != slow { disagreements += 1 }
            if fast != nil { answered += 1 }
        }
        func perMessage(_ match: (String, String) -> AutoReplyMatch?) -> Duration {
            let clock = ContinuousClock()
            var timings: [Duration] = []
            var answers = 0
            for _ in 0..<max(runs, 1) {
                let start = clock.now
                for (index, message) in messages.enumerated() where match(message, index % 7 == 0 ? "num-2" : "num-1") != nil {
                    answers += 1
                }
                timings.append((clock.now - start) / max(messages.count, 1))
            }
            // Keeps the optimizer from dropping the loop.
            if answers < 0 { print(answers) }
            return timings.sorted()[timings.count / 2]
        }
        let indexedTime = perMessage { indexed.match($0, numberID: $1, at: date, timeZone: timeZone) }
        let naiveTime = perMessage { naive.match($0, numberID: $1, at: date, timeZone: timeZone) }
        return Result(
            rules: rules.count, messages: messages.count, indexedPerMessage: indexedTime, naivePerMessage: naiveTime,
            disagreements: disagreements, answered: answered)
    }

    // MARK: Rules

    static let topics: [[String]] = [
        ["turno", "turnos", "cita", "reservar", "reserva", "agenda", "agendar", "disponibilidad"],
        ["precio", "precios", "cuánto sale", "cuánto cuesta", "costo", "valor", "tarifa", "presupuesto"],
        ["horario", "horarios", "abren", "cierran", "atienden", "feriado", "domingo", "sábado"],
        ["dirección", "ubicación", "dónde están", "cómo llego", "estacionamiento", "sucursal", "local"],
        ["ortodoncia", "limpieza", "blanqueamiento", "implante", "brackets", "caries", "muela", "endodoncia"],
        ["manicura", "pedicura", "uñas", "depilación", "masaje", "facial", "pestañas", "alisado"],
        ["tarjeta", "transferencia", "efectivo", "cuotas", "mercadopago", "factura", "alias", "débito"],
        ["envío", "envíos", "delivery", "retiro", "correo", "seguimiento", "demora", "llegó"],
        ["clase", "clases", "pase libre", "cuota mensual", "inscripción", "entrenador", "pileta", "pilates"],
        ["obra social", "prepaga", "osde", "receta", "urgencia", "guardia", "consulta", "pediatra"],
        ["stock", "talle", "talles", "color", "modelo", "catálogo", "descuento", "promo", "2x1"],
        ["garantía", "devolución", "cambio", "reclamo", "wifi", "mascotas", "niños", "estacionar"],
    ]

    static let stems = ["ortodon", "blanque", "depila", "manicur", "transfer", "envi", "devoluc", "reserv", "presupu", "inscrip"]

    static let patterns = [
        #"pedido\s*#?\d{4,}"#, #"\b\d{1,2}/\d{1,2}\b"#, #"(turno|cita)\s+(para el|el)\s+(lunes|martes|miércoles|jueves|viernes)"#,
        #"factura\s+[abc]\b"#, #"\b(cbu|alias)\b"#, #"seguimiento\s+\w{8,}"#, #"cuota\s+\d+"#, #"env[ií]os?\s+a\s+\w+"#,
        #"\b\d{2}:\d{2}\b"#, #"[\w.+-]+@[\w-]+\.[\w.]+"#,
    ]

    static let schedules: [ActiveHours] = [
        ActiveHours(weekdays: [1, 2, 3, 4, 5], ranges: [ActiveHours.TimeRange(from: "09:00", to: "18:00")].compactMap { $0 }),
        ActiveHours(weekdays: [6], ranges: [ActiveHours.TimeRange(from: "09:00", to: "13:00")].compactMap { $0 }),
        ActiveHours(
            weekdays: [1, 2, 3, 4, 5, 6, 7], ranges: [ActiveHours.TimeRange(from: "20:00", to: "08:00")].compactMap { $0 }),
    ]

    /// `count` rules a busy tenant could have, in random precedence with ties.
    public static func rules(count: Int, seed: UInt64 = 42) -> [AutoReplyRule] {
        var random = SeededRandom(seed: seed)
        let created = Date(timeIntervalSince1970: 1_735_689_600)
        return (0..<count).map { index in
            let topic = topics[random.below(topics.count)]
            let other = topics[random.below(topics.count)]
            let roll = random.below(100)
            let trigger: AutoReplyTrigger
            switch roll {
            case ..<62:
                let words = (0..<(1 + random.below(4))).map { _ in topic[random.below(topic.count)] }
                trigger = .keyword(words: Array(Set(words)).sorted(), match: .any, wholeWord: true)
            case ..<74:
                let words = [topic[random.below(topic.count)], other[random.below(other.count)]]
                trigger = .keyword(words: Array(Set(words)).sorted(), match: .all, wholeWord: true)
            case ..<86:
                let words = [stems[random.below(stems.count)], topic[random.below(topic.count)]]
                trigger = .keyword(words: Array(Set(words)).sorted(), match: .any, wholeWord: false)
            case ..<96:
                trigger = .pattern(patterns[random.below(patterns.count)])
            case 96:
                trigger = .greeting
            case 97:
                trigger = .thanks
            case 98:
                trigger = .goodbye
            default:
                trigger = .keyword(words: [topic[random.below(topic.count)], "urgente"], match: .all, wholeWord: false)
            }
            var bytes = [UInt8](repeating: 0, count: 16)
            for byteIndex in bytes.indices { bytes[byteIndex] = UInt8(truncatingIfNeeded: random.next()) }
            let id = UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                    bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
            return AutoReplyRule(
                id: id, name: "Regla \(index + 1)", priority: random.below(50), enabled: random.below(20) != 0,
                trigger: trigger, schedule: random.below(5) == 0 ? schedules[random.below(schedules.count)] : nil,
                numberIDs: random.below(10) == 0 ? [random.below(2) == 0 ? "num-1" : "num-2"] : [],
                reply: .text("Hola {{contact.first_name}}, te respondemos enseguida."),
                createdAt: created.addingTimeInterval(Double(random.below(count))))
        }
    }

    // MARK: Messages

    static let smallTalk = [
        "Hola!", "hola buen día 😊", "Buenas tardes", "gracias!!", "Muchas gracias por todo 🙏", "chau, nos vemos",
        "ok", "dale", "👍", "jajaja", "Holaaa", "buenas noches, gracias", "Perfecto, gracias!", "Buen día doctora",
    ]

    static let questions = [
        "Hola, ¿cuánto sale la {s}?", "buen día, tienen turno para el {d}?", "¿Cuál es la dirección?",
        "qué horario tienen los {d}?", "aceptan {p}?", "hacen envíos a {c}?", "mi pedido #{n} no llegó",
        "quería saber si trabajan con {o}", "necesito un presupuesto para {s}", "se puede pagar en cuotas con tarjeta?",
        "tienen stock del talle {t}?", "quiero cancelar el turno del {d} 12/03", "te paso el comprobante de la transferencia",
        "Hola buenas tardes, te escribo porque la semana pasada fui a hacerme una {s} y me quedó doliendo una muela, "
            + "¿me podrían dar un turno para que me vean? Gracias",
        "¿Tienen estacionamiento? voy en auto", "Hola! Quería consultar el precio de {s} y si atienden los {d}",
        "me pasás el alias para transferir?", "hay clases de pilates a la tarde?", "el seguimiento dice que está demorado",
    ]

    static let chatter = [
        "sí, el {d} me queda bien", "estoy llegando", "perdón la demora", "mañana te confirmo", "listo, ahí te mando",
        "no, está bien así", "¿me repetís?", "ya está, te lo envié por mail", "a las {h} puedo", "buenísimo",
    ]

    static let fillIns: [Character: [String]] = [
        "s": ["limpieza", "ortodoncia", "manicura", "depilación definitiva", "un blanqueamiento", "masajes", "clases"],
        "d": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
        "p": ["mercadopago", "tarjeta de crédito", "transferencia", "efectivo"],
        "c": ["Córdoba", "Rosario", "Mendoza", "La Plata", "Montevideo"],
        "n": ["12345", "98231", "5567", "100234"],
        "o": ["OSDE", "Swiss Medical", "obra social de la provincia", "PAMI"],
        "t": ["M", "L", "38", "42"],
        "h": ["10:30", "18:00", "9"],
    ]

    /// `count` messages: about a fifth small talk, three fifths questions, the rest chatter.
    public static func messages(count: Int, seed: UInt64 = 43) -> [String] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let roll = random.below(10)
            let template =
                roll < 2
                ? smallTalk[random.below(smallTalk.count)]
                : roll < 8 ? questions[random.below(questions.count)] : chatter[random.below(chatter.count)]
            var message = ""
            var pending = false
            for character in template {
                if pending {
                    let options = fillIns[character] ?? [""]
                    message += options[random.below(options.count)]
                    pending = false
                } else if character == "{" {
                    pending = true
                } else if character != "}" {
                    message.append(character)
                }
            }
            return message
        }
    }
}
