import Fluent
import Foundation
import Vapor

/// `nexo operators list|grant|revoke`: who may use the operator pages (every business's background work).
struct OperatorsCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = [
        "list": OperatorsListCommand(),
        "grant": OperatorGrantCommand(granted: true),
        "revoke": OperatorGrantCommand(granted: false),
    ]
    var help: String { "List, grant and revoke the operators of this installation" }
}

struct OperatorsListCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "List the operators" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let operators = try await User.query(on: context.application.db).filter(\.$isOperator == true).sort(\.$email).all()
        if operators.isEmpty { context.console.print("No operators. Grant one with: nexo operators grant EMAIL") }
        for user in operators { context.console.print("\(user.email)  \(user.name)") }
    }
}

struct OperatorGrantCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "email", help: "The e-mail the person signs in with") var email: String
    }

    let granted: Bool
    var help: String { granted ? "Make a user an operator" : "Take a user's operator access away" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let email = signature.email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await User.query(on: context.application.db).filter(\.$email == email).first() else {
            throw CommandFailure("no user signs in with \(email): they must sign up or accept an invitation first")
        }
        user.isOperator = granted
        try await user.save(on: context.application.db)
        context.console.print(granted ? "\(email) is now an operator." : "\(email) is no longer an operator.")
    }
}
