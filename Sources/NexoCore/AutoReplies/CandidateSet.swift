/// The ranks of rules a message could match, as a bitset: inserting is free of duplicates and reading
/// back comes out in rank order, highest precedence first, without sorting.
struct CandidateSet {
    private var bits: [UInt64]

    init(count: Int) {
        bits = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    mutating func insert(_ ranks: [Int32]) {
        for rank in ranks { bits[Int(rank) >> 6] |= 1 << UInt64(rank & 63) }
    }

    /// Calls `body` with each rank in increasing order until it returns true.
    func forEachInOrder(_ body: (Int) -> Bool) {
        for (wordIndex, word) in bits.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                let bit = remaining.trailingZeroBitCount
                if body(wordIndex << 6 | bit) { return }
                remaining &= remaining - 1
            }
        }
    }
}
