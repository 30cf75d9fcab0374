import NIOCore
import NIOPosix
import NIOSSL

/// One TCP (or TLS) connection to an SMTP server: send a line, wait for the reply, each exchange bounded by
/// the timeout. Holds no protocol logic beyond STARTTLS's pipeline change.
struct SMTPConnection: Sendable {
    let channel: any Channel
    let timeout: TimeAmount
    /// Kept here rather than looked up in the pipeline, which is emptied when the channel closes: the reason
    /// it closed is still wanted then.
    private let replies: NIOLoopBound<SMTPReplyHandler>

    /// Connects and, for implicit TLS, puts TLS in front of the reply handler from the start.
    static func connect(
        host: String, port: Int, tls: NIOSSLContext?, timeout: TimeAmount, group: any EventLoopGroup
    ) async throws -> SMTPConnection {
        let serverHostname = Self.serverHostname(for: host)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverHostname)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    // A handler per attempt: Happy Eyeballs may try IPv6 and IPv4 at once and closes the loser.
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            throw SMTPError(error)
        }
        do {
            let replies = try await channel.eventLoop.submit {
                NIOLoopBound(
                    try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
            }.get()
            return SMTPConnection(channel: channel, timeout: timeout, replies: replies)
        } catch {
            // Only a channel that closed at once has lost its handlers.
            channel.close(promise: nil)
            throw SMTPError.connectionFailed("the server closed the connection")
        }
    }

    /// SNI and certificate names are host names; for an IP address NIOSSL checks the certificate against the
    /// address it connected to instead.
    static func serverHostname(for host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// The next reply, such as the greeting.
    func readReply() async throws -> SMTPReply {
        try await withDeadline { try await nextReply() }
    }

    /// Sends one command line and waits for its reply.
    func command(_ line: String) async throws -> SMTPReply {
        try await send(ByteBuffer(string: line + "\r\n"))
    }

    /// Sends bytes (a command or a whole message body) and waits for the reply, all within one timeout.
    func send(_ bytes: ByteBuffer) async throws -> SMTPReply {
        try await withDeadline {
            do {
                try await channel.writeAndFlush(bytes).get()
            } catch {
                // A failed write only knows the channel closed; the reply handler learns why (a TLS alert, say),
                // possibly a moment later, and reports it from nextReply.
                _ = try await nextReply()
                throw error
            }
            return try await nextReply()
        }
    }

    /// Puts TLS in front of the reply handler after the server's 220 to STARTTLS. Refuses when the server sent
    /// anything more in plain text: it would otherwise be read as if it had come through TLS.
    func startTLS(context: NIOSSLContext, host: String) async throws {
        let channel = self.channel
        let replies = self.replies
        let serverHostname = Self.serverHostname(for: host)
        try await channel.eventLoop.submit {
            guard !replies.value.hasUnreadInput else {
                throw SMTPError.protocolError("the server sent data after agreeing to STARTTLS")
            }
            let tls = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
            try channel.pipeline.syncOperations.addHandler(tls, position: .first)
        }.get()
    }

    func close() async {
        try? await channel.close().get()
    }

    private func nextReply() async throws -> SMTPReply {
        let replies = self.replies
        let eventLoop = channel.eventLoop
        return try await eventLoop.flatSubmit { replies.value.nextReply(on: eventLoop) }.get()
    }

    /// Runs `body` with the connection closed if it has not finished in time, or when the task is cancelled (a
    /// worker shutting down); the errors that closing causes are reported as a timeout or a CancellationError.
    /// Covers writes to a server that stopped reading as well as slow replies.
    private func withDeadline<T>(_ body: () async throws -> T) async throws -> T {
        let channel = self.channel
        let deadline = channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        do {
            let value = try await withTaskCancellationHandler {
                try await body()
            } onCancel: {
                channel.close(promise: nil)
            }
            deadline.cancel()
            return value
        } catch {
            deadline.cancel()
            // The deadline's future succeeds only if it ran; a cancelled one fails.
            if (try? await deadline.futureResult.get()) != nil { throw SMTPError.timeout }
            if Task.isCancelled { throw CancellationError() }
            throw SMTPError(error)
        }
    }
}
