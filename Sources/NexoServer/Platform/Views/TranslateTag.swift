import Leaf
import LeafKit
import NexoCore

/// `#t("contacts.title")` or `#t("contacts.count", count)`: the string in the request's language.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw LeafError(.unknownError("#t() needs a key"))
        }
        guard let request = ctx.request else { return .string(key) }
        let arguments = ctx.parameters.dropFirst().map { $0.string ?? "" }
        return .string(request.nexo.translations.text(key, locale: request.locale, Array(arguments)))
    }
}
