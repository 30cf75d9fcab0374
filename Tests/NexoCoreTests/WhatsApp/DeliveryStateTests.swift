import Testing

@testable import NexoCore

@Suite struct DeliveryStateTests {
    private typealias Status = MessageStatusUpdate.Status

    private let knownStatuses: [Status] = [.sent, .delivered, .read, .failed, .played]

    @Test func followsStatusesThatArriveInOrder() {
        // Given a queued message / When sent, delivered and read arrive in order / Then each moves it on
        var state = DeliveryState.queued
        var seen: [DeliveryState] = []
        for status in [Status.sent, .delivered, .read] {
            state = state.applying(status)
            seen.append(state)
        }
        #expect(seen == [.sent, .delivered, .read])
    }

    @Test func aReadBeforeItsDeliveredStaysRead() {
        // Given a read that overtook its delivered / When the delivered arrives / Then it stays read
        #expect(DeliveryState.queued.applying([.read, .delivered]) == .read)
    }

    @Test func aLateSentDoesNotUndoDelivered() {
        // Given a delivered message / When a late sent arrives / Then it stays delivered
        #expect(DeliveryState.delivered.applying(.sent) == .delivered)
    }

    @Test func aMessageMayFailAfterBeingSent() {
        // Given a sent message / When Meta reports it failed (e.g. 131047) / Then it is failed
        #expect(DeliveryState.sent.applying(.failed) == .failed)
    }

    @Test func aQueuedMessageMayFail() {
        // Given a queued message / When failed arrives first / Then it is failed
        #expect(DeliveryState.queued.applying(.failed) == .failed)
    }

    @Test func aLateSentDoesNotUndoFailed() {
        // Given a failed message / When the sent it overtook arrives / Then it stays failed
        #expect(DeliveryState.failed.applying(.sent) == .failed)
    }

    @Test func aReadMessageNeverFails() {
        // Given a read message / When a failed arrives / Then it stays read: the customer has it
        #expect(DeliveryState.read.applying(.failed) == .read)
    }

    @Test func aDeliveredMessageNeverFails() {
        // Given a delivered message / When a failed arrives / Then it stays delivered
        #expect(DeliveryState.delivered.applying(.failed) == .delivered)
    }

    @Test func aDeliveryReportOverrulesAnEarlierFailure() {
        // Given a failed message / When a delivered or read arrives / Then the phone has it after all
        #expect(DeliveryState.failed.applying(.delivered) == .delivered)
        #expect(DeliveryState.failed.applying(.read) == .read)
    }

    @Test func aPlayedVoiceNoteCountsAsRead() {
        // Given a delivered voice note / When played arrives / Then it is read
        #expect(DeliveryState.delivered.applying(.played) == .read)
    }

    @Test func aStatusItDoesNotKnowChangesNothing() {
        // Given every state / When an unknown status arrives / Then the state is unchanged
        for state in DeliveryState.allCases {
            #expect(state.applying(.other("deleted")) == state)
        }
    }

    @Test func aRepeatedStatusChangesNothing() {
        // Given every state and status / When the same status arrives twice / Then the second copy changes nothing
        for state in DeliveryState.allCases {
            for status in knownStatuses {
                let once = state.applying(status)
                #expect(once.applying(status) == once, "\(state) + \(status) twice")
            }
        }
    }

    @Test func neverMovesBackwards() {
        // Given every state and every status
        let order: [DeliveryState] = [.queued, .sent, .failed, .delivered, .read]
        for state in DeliveryState.allCases {
            for status in knownStatuses {
                // When applied / Then the state is the same or later
                let next = state.applying(status)
                let before = order.firstIndex(of: state) ?? 0
                let after = order.firstIndex(of: next) ?? 0
                #expect(after >= before, "\(state) + \(status) gave \(next)")
            }
        }
    }

    @Test func everyArrivalOrderOfTheSameStatusesEndsTheSame() {
        // Given every subset of statuses a message can get
        let all: [Status] = [.sent, .delivered, .read, .failed, .played]
        for mask in 1..<(1 << all.count) {
            let subset = all.indices.filter { mask & (1 << $0) != 0 }.map { all[$0] }
            // When they arrive in every possible order
            let outcomes = Set(permutations(of: subset).map { DeliveryState.queued.applying($0) })
            // Then the outcome is one and the same
            #expect(outcomes.count == 1, "\(subset) gave \(outcomes)")
        }
    }

    @Test func endsInTheFurthestStateReported() {
        // Given mixed-up deliveries of real sequences / When folded / Then each ends where the message really got
        #expect(DeliveryState.queued.applying([.delivered, .sent]) == .delivered)
        #expect(DeliveryState.queued.applying([.failed, .sent]) == .failed)
        #expect(DeliveryState.queued.applying([.read, .sent, .delivered]) == .read)
        #expect(DeliveryState.queued.applying([.played, .read, .delivered, .sent]) == .read)
        #expect(DeliveryState.queued.applying([Status]()) == .queued)
    }

    @Test func onlyReadIsFinal() {
        // Given every state / When asked whether more can happen / Then only read is final
        #expect(DeliveryState.allCases.filter(\.isFinal) == [.read])
    }

    private func permutations(of items: [Status]) -> [[Status]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(of: rest).map { [first] + $0 }
        }
    }
}
