import ArgumentParser
import Glibc
import ZeroCopy

/// `show`: the defaults and where the tour stands.
public struct ShowCommand: TourCommand {
    public static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the defaults set with set, and where you are in the tour.")
    @OptionGroup public var output: OutputOptions
    public init() {}
    public static var printsJSON: Bool { false }

    public func execute(in context: TourContext) throws {
        let guide = try context.guide()
        let d = context.defaults
        let style = context.style
        var table = Table(columns: [Table.Column("", right: false), Table.Column("", right: false)])
        table.add(["size", d.size ?? style.dim("64M (each demo's default)")])
        table.add(["buffer", d.buffer ?? style.dim("64K (sendfile: the whole file per call)")])
        table.add(["sink", d.sink ?? style.dim("null (sendfile: socket)")])
        table.add(["repeat", d.repeatCount ?? style.dim("1")])
        table.add(["lang", Language.current.rawValue + (d.lang == nil ? style.dim(" (from --lang or the locale)") : "")])
        table.add(["tour", guide.isFirstStart ? "not started" : guide.position])
        table.add(["finished", guide.progress.finished.isEmpty ? "no lesson yet" : guide.progress.finished.joined(separator: ", ")])
        table.add(["challenges", guide.challengesDone + " done (progress shows them per lesson)"])
        table.add(["progress", guide.state.file(Progress.fileName)])
        table.add(["lessons", guide.library.directory])
        table.add(["temporary files", "\(Workspace.temporaryRoot)/zctour.* (removed on exit)"])
        context.say(table.render(style: style).split(separator: "\n").dropFirst().joined(separator: "\n"))
    }
}
