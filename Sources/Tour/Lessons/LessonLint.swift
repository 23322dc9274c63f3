import ArgumentParser
import Foundation
import ZeroCopy

/// What `zctour lint` finds wrong in lesson files, without running anything: the same parser
/// and command table as the tour, so a lesson that lints clean is one the tour can play.
/// Each problem carries its file and line.
public enum LessonLint {
    /// Problems in the given files (path and text), in file order, then line order.
    public static func problems(in files: [(path: String, text: String)]) -> [LessonError] {
        var problems: [LessonError] = []
        var seenIds: [String: String] = [:]
        var seenNumbers: [Int: String] = [:]
        for (path, text) in files {
            let lesson: Lesson
            do { lesson = try Lesson.parse(text, path: path) } catch {
                problems.append(error)
                continue
            }
            var found: [LessonError] = []
            let frontLine = { (key: String) in frontMatterLine(of: key, in: text) }
            if let other = seenIds[lesson.id] {
                found.append(LessonError(path: path, line: frontLine("id"), problem: "id '\(lesson.id)' is already the id of \(other)"))
            } else {
                seenIds[lesson.id] = path
            }
            if let other = seenNumbers[lesson.number] {
                found.append(
                    LessonError(path: path, line: frontLine("number"), problem: "number \(lesson.number) is already the number of \(other)")
                )
            } else {
                seenNumbers[lesson.number] = path
            }
            for demo in lesson.demos where Demo.named(demo) == nil {
                found.append(
                    LessonError(
                        path: path, line: frontLine("demos"),
                        problem: "demos: unknown demo '\(demo)'\(suggestion(demo, Demo.all.map(\.id)))"))
            }
            found += LessonLint.problems(in: lesson)
            found += LessonLint.proseCounterProblems(in: lesson, text: text)
            if lesson.sources.isEmpty {
                found.append(
                    LessonError(
                        path: path, line: frontLine("title"),
                        problem: "the lesson has no '## Sources' list: name the man pages, kernel files and library files "
                            + "behind its claims about Linux and libraries, one '- ' item each"))
            }
            found += controlCharacterProblems(in: text, path: path)
            problems += found.sorted { $0.line < $1.line }
        }
        return problems
    }

    static func problems(in lesson: Lesson) -> [LessonError] {
        var found: [LessonError] = []
        func add(_ line: Int, _ text: String) { found.append(LessonError(path: lesson.path, line: line, problem: text)) }
        var challengeIds: Set<String> = []
        for block in lesson.introduction + lesson.sections.flatMap(\.blocks) {
            switch block {
            case .commands(let lines):
                for line in lines {
                    let text = line.text.trimmingWhitespace()
                    if text.hasPrefix("expect ") {
                        if let problem = checkProblem(String(text.dropFirst("expect ".count))) { add(line.line, problem) }
                    } else if text.hasPrefix("predict ") {
                        do {
                            let prediction = try Prediction.parse(String(text.dropFirst("predict ".count)))
                            for reference in prediction.references {
                                if let problem = referenceProblem(reference) { add(line.line, "predict: \(problem)") }
                            }
                        } catch { add(line.line, "\(error)") }
                    } else if let problem = commandProblem(text) {
                        add(line.line, problem)
                    }
                }
            case .challenge(let challenge):
                found += challenge.problems
                if !challenge.id.isEmpty && !challengeIds.insert(challenge.id).inserted {
                    add(challenge.line, "challenge id '\(challenge.id)' is used twice in this lesson")
                }
                let name = challenge.id.isEmpty ? "this challenge" : "challenge \(challenge.id)"
                if challenge.goal.isEmpty { add(challenge.line, "\(name) has no 'goal:' line") }
                if challenge.checks.isEmpty { add(challenge.line, "\(name) has no 'check:' line, so nothing can verify it") }
                if challenge.solution.isEmpty {
                    add(challenge.line, "\(name) has no 'solution:' line (the reference solution check-all runs)")
                }
                for check in challenge.checks {
                    if let problem = checkProblem(check.text) { add(check.line, problem) }
                }
                for command in challenge.solution + challenge.naiveAttempts.flatMap({ $0 }) {
                    if let problem = commandProblem(command.text) { add(command.line, problem) }
                }
                if let problem = goalProblem(challenge) { add(challenge.line, problem) }
            case .prose, .code:
                break
            }
        }
        return found
    }

    /// A goal that names a demo (`sendfile` in backticks) must be checked on that demo's runs:
    /// a check on `last` lets any other demo reach it (a copying loop with a 4 MiB buffer makes
    /// few writes too).
    static func goalProblem(_ challenge: Challenge) -> String? {
        let named = Demo.all.map(\.id).filter { challenge.goal.contains("`\($0)`") }
        guard let demo = named.first else { return nil }
        let latest = challenge.checks.compactMap { try? Claim.parse($0.text) }
            .flatMap { $0.left.references + $0.right.references }
            .map(\.run).filter(Claim.isLatest)
        guard let run = latest.first else { return nil }
        return "challenge \(challenge.id): the goal names `\(demo)`, so check \(demo).FIELD, not \(run).FIELD, "
            + "which another demo can reach"
    }

    /// Why an `expect`/`check:` expression is wrong, if it is.
    static func checkProblem(_ text: String) -> String? {
        let check: Claim
        do { check = try Claim.parse(text) } catch { return "\(error)" }
        for reference in check.left.references + check.right.references {
            if let problem = referenceProblem(reference) { return problem }
        }
        return nil
    }

    /// A `DEMO.FIELD` reference: a known demo (or `demo@SIZE` row, or `last`) and a field runs have.
    static func referenceProblem(_ reference: (run: String, field: String)) -> String? {
        let run = reference.run
        if PeerCase.named(run) != nil && Demo.named(run) == nil {
            // A built-in peer case inspected in the lesson (`inspect --peer ID`).
            guard PeerField.named(reference.field) != nil else {
                return "'\(run).\(reference.field)' names an unknown field of an inspected peer '\(reference.field)'"
                    + suggestion(reference.field, PeerField.all.filter(\.isLiteral).map(\.name))
            }
            return nil
        }
        let demoName = run.split(separator: "@", maxSplits: 1).first.map(String.init) ?? run
        let demo = Demo.named(demoName)
        let latest = Claim.isLatest(run)
        if !latest {
            guard demo != nil else {
                let known = Demo.all.map(\.id) + PeerCase.all.map(\.id) + ["last"] + Claim.sinks.map { "last-" + $0 }
                return "'\(run).\(reference.field)': unknown demo '\(demoName)'\(suggestion(demoName, known))"
            }
            if let at = run.firstIndex(of: "@"), (try? ByteSize.parse(String(run[run.index(after: at)...]))) == nil {
                return "'\(run).\(reference.field)': '\(run[run.index(after: at)...])' after @ is not a size"
            }
        }
        let field = reference.field
        if let (known, _) = CheckField.named(field) {
            // A field only some demos' runs have (the steps of a demo that runs steps) is known
            // for those demos, and for `last`.
            guard let only = known.onlyFor, !latest else { return nil }
            if let demo, only(demo) { return nil }
        }
        let literal = CheckField.all.filter(\.isLiteral).map(\.name)
        return "'\(run).\(field)' names an unknown counter '\(field)'\(suggestion(field, literal))"
    }

    /// Why a command line of a lesson cannot run, if it cannot: the command table's own parse,
    /// then the demo names and the options each demo takes.
    static func commandProblem(_ text: String) -> String? {
        let words = CommandTokenizer.split(text)
        guard let first = words.first else { return nil }
        do {
            try CommandCatalog.shared.checkWords(words)
            let command = try ZCTour.parseAsRoot(words)
            if let refusal = LessonScope.refusal(for: command, text: text) { return refusal }
            let demoOptions = [
                (command as? RunCommand)?.options, (command as? TraceCommand)?.options, (command as? CompareCommand)?.options,
                (command as? SweepCommand)?.options,
            ]
            if demoOptions.contains(where: { $0?.file != nil }) {
                return "'\(text)': a lesson may not read the learner's files; --file is for the prompt and the command line"
            }
            if let run = command as? RunCommand {
                let demo = try DemoOptions.demo(named: run.demo)
                _ = try run.options.settings(for: demo)
            } else if let trace = command as? TraceCommand {
                let demo = try DemoOptions.demo(named: trace.demo)
                _ = try trace.options.settings(for: demo)
            } else if let inspect = command as? InspectCommand, let peer = inspect.peer {
                guard PeerCase.named(peer) != nil else {
                    return
                        "'\(text)': unknown peer case '\(peer)'; the built-in cases are \(PeerCase.all.map(\.id).joined(separator: ", "))"
                }
            } else if let compare = command as? CompareCommand {
                let demos = try compare.demos.map { name throws(UsageError) in try DemoOptions.demo(named: name) }
                _ = try compare.options.comparison(of: demos)
            }
        } catch let error as UsageError {
            return "'\(text)': \(error)"
        } catch {
            return "'\(text)': \(ZCTour.message(for: error))"
        }
        return nil
    }

    /// Lines holding escape sequences or control characters: the tour removes them before they
    /// reach a terminal or a handout, so what the author wrote is not what the learner sees.
    static func controlCharacterProblems(in text: String, path: String) -> [LessonError] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            guard let scalar = line.unicodeScalars.first(where: TerminalText.isUnsafe) else { return nil }
            return LessonError(
                path: path, line: index + 1,
                problem: "this line holds a control character (\(CommandLineText.name(of: scalar))), which the tour removes, "
                    + "with any escape sequence it starts, before showing the lesson")
        }
    }

    /// `; did you mean 'syscr'?` when a known word is close.
    static func suggestion(_ word: String, _ known: [String]) -> String {
        let best = known.map { ($0, CommandCatalog.distance($0, word)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(1, min(2, word.count / 2)) else { return "" }
        return "; did you mean '\(best.0)'?"
    }

    /// The line of a front matter key, for messages (1 when it is missing).
    static func frontMatterLine(of key: String, in text: String) -> Int {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 && line.hasPrefix("---") { break }
            if line.hasPrefix(key + ":") { return index + 1 }
        }
        return 1
    }
}
