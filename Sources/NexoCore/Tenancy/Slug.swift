public enum Slug {
    /// "Clínica Sonrisa" → "clinica-sonrisa": folded, lower-case ASCII letters, digits and single dashes.
    public static func make(_ name: String) -> String {
        var out = ""
        var lastWasDash = true
        for scalar in SearchText.fold(name).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                out.append("-")
                lastWasDash = true
            }
        }
        // Cut to length first, then drop trailing dashes, so a cut right after a word never leaves one.
        out = String(out.prefix(48))
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "negocio" : out
    }
}
