import ArgumentParser
import Foundation
import Syscalls

/// `check-all` covers the workshop kit beside the lessons (`samples/workshop/`): every command
/// its plan names must resolve (as `lint` checks it), and every line of its scripts runs, for
/// real, in a context of its own, so the plan and the scripts cannot drift from the lessons.
extension CheckAllCommand {
    struct WorkshopCheck: Encodable {
        /// The kit's folder, as found beside the lessons.
        let folder: String
        var problems: [String]
        var scripts: [ScriptCheck]
        var passed: Bool { problems.isEmpty && scripts.allSatisfy { $0.failed.isEmpty } }

        enum CodingKeys: String, CodingKey { case folder, problems, scripts, passed }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(folder, forKey: .folder)
            try container.encode(problems, forKey: .problems)
            try container.encode(scripts, forKey: .scripts)
            try container.encode(passed, forKey: .passed)
        }
    }

    struct ScriptCheck: Encodable {
        let file: String
        var commands: Int
        /// `line N: command: why`, for each command that failed.
        var failed: [String]
    }

    /// The commands a script may run here: what a lesson may run, and `doctor`; the others
    /// (they would read or change the learner's state) are checked by lint only.
    static func runsInCheck(_ command: ParsableCommand) -> Bool {
        command is DoctorCommand || LessonScope.refusal(for: command, text: "") == nil
    }

    func checkWorkshop(library: LessonLibrary, in context: TourContext) throws -> WorkshopCheck? {
        guard let folder = WorkshopLint.folder(besideLessons: library.directory) else { return nil }
        let paths = WorkshopLint.files(in: folder)
        var files: [(path: String, text: String)] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { throw RuntimeFailure("check-all: cannot read \(path)") }
            files.append((path, String(decoding: data, as: UTF8.self)))
        }
        let root = URL(fileURLWithPath: library.directory).deletingLastPathComponent().path
        var check = WorkshopCheck(
            folder: folder, problems: WorkshopLint.problems(in: files, library: library, root: root).map(\.description), scripts: [])
        for (path, text) in files where path.hasSuffix(".zct") {
            var script = ScriptCheck(file: (path as NSString).lastPathComponent, commands: 0, failed: [])
            let runner = DemoRunner(procRoot: context.runner.procRoot)
            defer { runner.close() }
            for command in WorkshopLint.commands(inScript: text) {
                guard let parsed = try? ZCTour.parseAsRoot(CommandTokenizer.split(command.text)), CheckAllCommand.runsInCheck(parsed),
                    let runnable = parsed as? TourCommand
                else { continue }  // lint reported it if it does not parse
                script.commands += 1
                do {
                    try runnable.execute(in: fresh(context, runner: runner))
                } catch let error as Interrupted { throw error } catch let exit as ExitCode {
                    script.failed.append("line \(command.line): \(command.text): exit status \(exit.rawValue)")
                } catch {
                    script.failed.append("line \(command.line): \(command.text): \(error)")
                }
            }
            check.scripts.append(script)
        }
        return check
    }

    func render(_ check: WorkshopCheck, style: Style) -> String {
        var lines: [String] = []
        let name = "samples/workshop"
        if check.problems.isEmpty {
            lines.append(style.green(style.check) + " \(name): every command of the plan and the scripts resolves")
        } else {
            lines.append(
                style.red("\(style.cross) \(name): \(check.problems.count) command\(check.problems.count == 1 ? "" : "s") do not resolve"))
            lines += check.problems.map { "    " + style.red($0) }
        }
        for script in check.scripts {
            if script.failed.isEmpty {
                lines.append("  \(style.green(style.check)) \(script.file): its \(script.commands) commands ran")
            } else {
                lines.append(
                    "  " + style.red("\(style.cross) \(script.file): \(script.failed.count) of \(script.commands) commands failed"))
                lines += script.failed.map { "    " + style.red($0) }
            }
        }
        return lines.joined(separator: "\n")
    }
}
