import Foundation
import Glibc
import Probe
import Syscalls
import ZeroCopy

/// `inspect --peer NAME`: a built-in case run under the inspector on the session's sample, its
/// output verified (bytes and checksum) and removed, its run kept for the lesson's checks. The
/// report goes where every command's output goes (it is zctour's, not the program's); the
/// program's own output and messages go to files in the private directory, shown if it fails.
enum PeerInspection {
    static func run(
        _ name: String, size sizeText: String?, command: [String], options: Inspector.Options, in context: TourContext
    ) throws {
        guard let peer = PeerCase.named(name) else {
            throw UsageError("unknown peer case '\(name)'; the built-in cases are \(PeerCase.all.map(\.id).joined(separator: ", "))")
        }
        guard command.isEmpty else {
            throw UsageError("--peer runs a built-in case with its own fixed arguments; leave out the command after --")
        }
        let size =
            try sizeText.map { text throws(UsageError) in
                do { return try ByteSize.parse(text) } catch { throw UsageError("--size: \(error)") }
            } ?? 64 << 20
        guard size > 0 else { throw UsageError("--size must be more than 0 bytes") }
        let path: String
        let needed = peer.build?.compiler ?? peer.program
        do {
            path = try CommandPath.resolve(needed, path: ProcessInfo.processInfo.environment["PATH"])
        } catch {
            return skip(peer, size: size, reason: "\(needed) is not installed: skipped", in: context)
        }
        let sample = try context.runner.samples.file(size: size)
        let workspace = try context.runner.samples.requireWorkspace()
        let launcher = PeerLauncher.realExecutable(of: path, for: peer, in: workspace).map { (script: path, executable: $0) }
        let program = try peer.build.map { try PeerBuild.binary($0, compiler: path, in: workspace) } ?? launcher?.executable ?? path
        var paths = PeerCase.Paths(sample: sample.path, output: workspace.file("peer-\(peer.id).out"), directory: workspace.path)
        let receiver = peer.destination == .loopbackSocket ? try PeerSocket() : nil
        if let receiver { paths.port = receiver.port }
        let messagesPath = workspace.file("peer-\(peer.id).messages")
        unlink(paths.output)
        defer {
            unlink(paths.output)
            unlink(messagesPath)
        }
        let messages = try Syscall.value(.open, path: messagesPath) {
            open(messagesPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        }
        defer { close(messages) }
        var standardOutput = messages
        var pipe: PipeChecksum?
        switch peer.destination {
        case .file: break
        case .standardOutputToFile:
            standardOutput = try Syscall.value(.open, path: paths.output) {
                open(paths.output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            }
        case .standardOutputToPipe:
            let ends = try Syscall.closeOnExecPipe()
            standardOutput = ends.write
            do {
                pipe = try PipeChecksum(fd: ends.read)
            } catch {
                close(ends.read)
                close(ends.write)
                throw error
            }
        case .loopbackSocket: break
        }
        let command = [peer.program] + peer.arguments(paths)
        let inspection: Inspection
        do {
            defer { if standardOutput != messages { close(standardOutput) } }
            let devNull = try Syscall.value(.open, path: "/dev/null") { open("/dev/null", O_RDONLY | O_CLOEXEC) }
            defer { close(devNull) }
            inspection = try Inspector.run(
                program, command: command, environment: ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" },
                options: options, input: devNull, output: standardOutput, errors: messages,
                stopRequested: { Interruption.pending != nil })
        } catch let refused as Tracer.Refused {
            _ = try? pipe?.finish()
            _ = try? receiver?.finish()
            return skip(peer, size: size, reason: "\(refused.reason): \(peer.id) not inspected", in: context)
        } catch let failed as Tracer.StartFailed {
            _ = try? pipe?.finish()
            _ = try? receiver?.finish()
            throw RuntimeFailure("the peer case \(peer.id) could not start: \(failed.description)")
        }
        let arrived = try pipe?.finish() ?? receiver?.finish()
        try Interruption.check()
        guard inspection.exitStatus == 0 else {
            let said = (try? String(contentsOfFile: messagesPath, encoding: .utf8))?.split(separator: "\n").last.map { ": " + $0 } ?? ""
            throw RuntimeFailure("the peer case \(peer.id) failed (exit status \(inspection.exitStatus))\(said)")
        }
        let verification = try verify(peer, paths: paths, arrived: arrived, sample: sample)
        try verification.require()
        context.remember(PeerRun(id: peer.id, size: size, inspection: inspection, verification: verification, skipped: nil))
        let verdict = InspectVerdict(inspection) { id in try? context.library().lessons.first { $0.id == id }?.number }
        if context.json {
            let summary = JSONDocument.Inspect.PeerSummary(
                id: peer.id, summary: peer.summary, size: size, skipped: nil, verified: verification.passed,
                bytes: verification.bytes, checksum: verification.checksum?.hex, verification: verification.method.rawValue,
                launcher: launcher?.script)
            try context.emitJSON(JSONDocument.Inspect(inspection: inspection, verdict: verdict, peer: summary))
            return
        }
        let style = context.style
        var text = [style.bold("peer case \(peer.id)") + ": \(peer.summary)"]
        text += MarkdownText.wrap(
            "a built-in case: the arguments are fixed in zctour, and it reads zctour's \(ByteSize.format(size)) sample and writes only into zctour's temporary directory",
            width: style.width, first: "  ", rest: "  "
        ).map { style.dim($0) }
        if let launcher {
            text += MarkdownText.wrap(
                "\(peer.program) on PATH is a launcher script, \(launcher.script): inspected the executable it runs, \(launcher.executable)",
                width: style.width, first: "  ", rest: "  "
            ).map { style.dim($0) }
        }
        text.append(
            "  \(style.green(style.check)) \(NumberFormat.count(verification.bytes)) bytes verified, checksum \(verification.checksum?.hex ?? "-") (\(verification.method.rawValue))"
        )
        text.append(InspectView.render(inspection, verdict: verdict, style: style))
        context.say(text.joined(separator: "\n"))
    }

    /// What arrived: the output file read back, or what the pipe's or the socket's reader checksummed.
    static func verify(_ peer: PeerCase, paths: PeerCase.Paths, arrived: (bytes: Int, checksum: UInt64)?, sample: SampleFile) throws
        -> Verification
    {
        if let arrived {
            return Verification(
                bytes: arrived.bytes, checksum: arrived.checksum, expectedBytes: sample.size, expectedChecksum: sample.checksum,
                method: peer.destination == .loopbackSocket ? .receiver : .userSpace)
        }
        let fd = try Syscall.value(.open, path: paths.output) { open(paths.output, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        var sum = Checksum()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try Syscall.value(.read, path: paths.output, descriptor: fd) { read(fd, buffer.baseAddress, buffer.count) }
            if count == 0 { break }
            sum.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
        return Verification(
            bytes: sum.bytes, checksum: sum.value, expectedBytes: sample.size, expectedChecksum: sample.checksum, method: .readBack)
    }

    /// A case that cannot run here: one line, and a run whose checks are all unavailable.
    static func skip(_ peer: PeerCase, size: Int, reason: String, in context: TourContext) {
        context.remember(PeerRun(id: peer.id, size: size, inspection: nil, verification: nil, skipped: reason))
        if context.json {
            let summary = JSONDocument.Inspect.PeerSummary(
                id: peer.id, summary: peer.summary, size: size, skipped: reason, verified: nil, bytes: nil, checksum: nil,
                verification: nil)
            try? context.emitJSON(JSONDocument.Inspect(inspection: nil, verdict: nil, peer: summary))
            return
        }
        context.say(context.style.yellow(reason))
    }
}
