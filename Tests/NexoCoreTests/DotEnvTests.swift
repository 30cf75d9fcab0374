import Testing

@testable import NexoCore

@Suite struct DotEnvTests {
    @Test func readsKeyValueLines() {
        // Given two plain assignments
        let text = "DATABASE_URL=sqlite://nexo.db\nPORT=8080\n"

        // When parsed
        let values = DotEnv.parse(text)

        // Then both are read
        #expect(values == ["DATABASE_URL": "sqlite://nexo.db", "PORT": "8080"])
    }

    @Test func skipsCommentsAndBlankLines() {
        // Given comments, indented comments and blank lines around one assignment
        let text = "# settings\n\n   \n  # PORT=1\nPORT=8080\n\n"

        // When parsed
        let values = DotEnv.parse(text)

        // Then only the assignment is read
        #expect(values == ["PORT": "8080"])
    }

    @Test func dropsALeadingExport() {
        // Given a line written for a shell
        let text = "export NEXO_ENV=production"

        // When parsed
        let values = DotEnv.parse(text)

        // Then the key has no "export "
        #expect(values == ["NEXO_ENV": "production"])
    }

    @Test func trimsSpaceAroundKeyAndValue() {
        // Given spaces around the key, the equals sign and the value
        let text = "  PORT =  8080  "

        // When parsed
        let values = DotEnv.parse(text)

        // Then neither keeps them
        #expect(values == ["PORT": "8080"])
    }

    @Test func doubleQuotesAreRemovedAndBackslashNIsANewline() {
        // Given a double-quoted value with spaces and an escaped newline
        let text = #"GREETING="Hola, mundo\nchau""#

        // When parsed
        let values = DotEnv.parse(text)

        // Then the quotes go and \n becomes a line break
        #expect(values == ["GREETING": "Hola, mundo\nchau"])
    }

    @Test func singleQuotesKeepTheirContentLiterally() {
        // Given a single-quoted value holding a hash and a backslash-n
        let text = #"PASSWORD='p@ss # word\n'"#

        // When parsed
        let values = DotEnv.parse(text)

        // Then only the quotes are removed
        #expect(values == ["PASSWORD": #"p@ss # word\n"#])
    }

    @Test func anInlineCommentAfterAnUnquotedValueIsDropped() {
        // Given a value followed by a spaced hash comment
        let text = "PORT=8080 # the default"

        // When parsed
        let values = DotEnv.parse(text)

        // Then the comment is not part of the value
        #expect(values == ["PORT": "8080"])
    }

    @Test func anInlineCommentAfterAQuotedValueIsDropped() {
        // Given quoted values followed by comments
        let text = """
            NAME="Clínica Sonrisa" # shown in the header
            MOTTO='it # is' # don't change
            """

        // When parsed
        let values = DotEnv.parse(text)

        // Then the quotes and the comments are gone
        #expect(values == ["NAME": "Clínica Sonrisa", "MOTTO": "it # is"])
    }

    @Test func aHashWithoutASpaceBeforeItIsPartOfTheValue() {
        // Given a value containing a hash
        let text = "COLOR=#ff0000\nTAG=a#b"

        // When parsed
        let values = DotEnv.parse(text)

        // Then the hash is kept (a value may start with it, too)
        #expect(values == ["COLOR": "#ff0000", "TAG": "a#b"])
    }

    @Test func equalsSignsInsideTheValueAreKept() {
        // Given a URL whose query has equals signs
        let text = "DATABASE_URL=postgres://nexo:pa=ss@db/nexo?sslmode=require"

        // When parsed
        let values = DotEnv.parse(text)

        // Then only the first equals sign separates key and value
        #expect(values == ["DATABASE_URL": "postgres://nexo:pa=ss@db/nexo?sslmode=require"])
    }

    @Test func anEmptyValueIsAnEmptyString() {
        // Given keys assigned nothing
        let text = "EMPTY=\nQUOTED=\"\""

        // When parsed
        let values = DotEnv.parse(text)

        // Then they are present and empty
        #expect(values == ["EMPTY": "", "QUOTED": ""])
    }

    @Test func linesWithoutAKeyOrAnEqualsSignAreIgnored() {
        // Given junk lines around one assignment
        let text = "just some words\n=no key\nPORT=8080"

        // When parsed
        let values = DotEnv.parse(text)

        // Then only the assignment is read
        #expect(values == ["PORT": "8080"])
    }

    @Test func theLastAssignmentOfAKeyWins() {
        // Given a key set twice
        let text = "PORT=8080\nPORT=9090"

        // When parsed
        let values = DotEnv.parse(text)

        // Then the later value is kept
        #expect(values == ["PORT": "9090"])
    }

    @Test func windowsLineEndingsAreHandled() {
        // Given a file saved with CRLF line ends
        let text = "PORT=8080\r\nNEXO_ENV=\"production\"\r\n"

        // When parsed
        let values = DotEnv.parse(text)

        // Then no carriage return sticks to a value
        #expect(values == ["PORT": "8080", "NEXO_ENV": "production"])
    }
}
