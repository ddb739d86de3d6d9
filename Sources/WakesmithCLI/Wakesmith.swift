import Support

/// The `wakesmith` command line: finds the command named by the first words, parses its arguments and
/// runs it, turning errors into one line on standard error and an exit status (0 success, 1 a failure the
/// user can fix, 2 a usage mistake, 130 interrupted).
public enum Wakesmith {
    public static let version = "0.2.0"

    /// Runs the command line `arguments` (without the program name) against `commands`.
    public static func main(_ arguments: [String], commands: [any Command.Type] = allCommands) -> Int32 {
        let words = ArraySlice(arguments)
        if words.isEmpty || words.first == "-h" || words.first == "--help" || words.first == "help" {
            printOut(rootHelp(commands))
            return 0
        }
        if words.first == "--version" {
            printOut("wakesmith \(version)")
            return 0
        }
        // The longest path that matches the leading words.
        let match = commands
            .filter { words.starts(with: $0.path) }
            .max { $0.path.count < $1.path.count }
        guard let command = match else {
            return unknownCommand(words, commands: commands)
        }
        do {
            switch try ArgumentParser.parse(words.dropFirst(command.path.count), for: command) {
            case .help:
                printOut(HelpText.render(command))
                return 0
            case let .run(parsed):
                return try command.run(parsed)
            }
        } catch let error as UsageError {
            printError("error: \(error.description)")
            return 2
        } catch is Interrupted {
            printError("interrupted: run the same command again to continue where it stopped")
            return 130
        } catch let error as UserFacingError {
            for line in error.message.split(separator: "\n", omittingEmptySubsequences: true) {
                printError("error: \(line)")
            }
            if let hint = error.hint { printError("hint: \(hint)") }
            return 1
        } catch {
            printError("error: unexpected failure: \(error)")
            printError("hint: this is a bug in wakesmith; please report it with the command you ran")
            return 1
        }
    }

    private static func unknownCommand(_ words: ArraySlice<String>, commands: [any Command.Type]) -> Int32 {
        let first = words.first ?? ""
        let group = commands.filter { $0.path.count > 1 && $0.path.first == first }
        if !group.isEmpty {
            let second = words.dropFirst().first
            if second == nil || second == "-h" || second == "--help" {
                printOut(groupHelp(first, group))
                return second == nil ? 2 : 0
            }
            let names = group.compactMap { $0.path.dropFirst().first }
            let suggestion = closestMatch(to: second ?? "", among: names).map { "; did you mean '\(first) \($0)'?" } ?? ""
            printError("error: unknown command 'wakesmith \(first) \(second ?? "")'\(suggestion) (see 'wakesmith \(first) --help')")
            return 2
        }
        let names = Set(commands.compactMap { command in command.path.first })
        let suggestion = closestMatch(to: first, among: names).map { "; did you mean '\($0)'?" } ?? ""
        printError("error: unknown command '\(first)'\(suggestion) (see 'wakesmith --help')")
        return 2
    }

    static func rootHelp(_ commands: [any Command.Type]) -> String {
        var rows: [(String, String)] = []
        var listedGroups: Set<String> = []
        for command in commands {
            if command.path.count == 1 {
                rows.append((command.path[0], command.abstract))
            } else if let group = command.path.first, !listedGroups.contains(group) {
                listedGroups.insert(group)
                rows.append((group + " …", groupAbstracts[group] ?? ""))
            }
        }
        return """
        usage: wakesmith COMMAND [options]

        Custom wake words for ESPHome's micro_wake_word, checked on the host before and on the device after.

        commands:
        \(HelpText.table(rows).joined(separator: "\n"))

        'wakesmith COMMAND --help' documents each command; 'wakesmith --version' prints the version.
        """
    }

    static func groupHelp(_ group: String, _ commands: [any Command.Type]) -> String {
        let rows = commands.map { ($0.path.dropFirst().joined(separator: " "), $0.abstract) }
        return """
        usage: wakesmith \(group) COMMAND [options]

        \(groupAbstracts[group] ?? "")

        commands:
        \(HelpText.table(rows).joined(separator: "\n"))
        """
    }
}
