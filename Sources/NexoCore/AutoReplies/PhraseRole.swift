/// What a listed phrase is to a detector.
enum PhraseRole: Hashable, Sendable {
    /// What the detector looks for (an opt-out or hand-off phrase).
    case target
    case social(SocialIntent)
    case courtesy
}
