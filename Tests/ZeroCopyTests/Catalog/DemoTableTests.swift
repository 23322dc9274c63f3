import Glibc
import Testing
import ZeroCopy

/// The demo table: every demo described once, and every file demo held to a C loop that makes
/// the same transfer syscalls as the Swift demo, so the benchmarks' parity goal compares like
/// with like.
@Suite struct DemoTableTests {
    @Test func idsAreUniqueAndEveryDemoIsFoundByItsId() {
        let ids = Demo.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for demo in Demo.all {
            #expect(Demo.named(demo.id) == demo)
            #expect(Demo.named(demo.id.uppercased()) == demo)
            #expect(!demo.summary.isEmpty)
        }
        #expect(Demo.named("nonsense") == nil)
    }

    /// Every demo on a file has a C loop, unless its row says why speed is not its point; a
    /// library's demo (Foundation's) measures the library as it ships: there is nothing of
    /// zctour's to hold to a C loop, and its calls happen out of zctour's sight.
    @Test func everyFileDemoHasACLoopButTheLibraries() {
        let missing = Demo.all.filter { $0.usesSample && $0.library == nil && $0.yardstick == nil && $0.withoutYardstick == nil }.map(\.id)
        #expect(missing.isEmpty, "file demos without a C loop in Sources/CYardstick: \(missing)")
        #expect(Demo.all.filter { $0.yardstick != nil && ($0.withoutYardstick != nil || $0.library != nil) }.isEmpty)
    }

    @Test func aSinkADemoDoesNotTakeIsRefusedBeforeAnythingRuns() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: 4096)
        let sink = try Sink.open(.socket, in: workspace, peerWindow: UnmeasuredWindow())
        let transfer = Transfer(sample: sample, sink: sink, buffer: 4096, window: UnmeasuredWindow(), workspace: workspace)
        #expect(throws: NotATransfer(demo: "copy-file-range", sink: .socket)) { try Demo.copyFileRange.transfer(transfer) }
        #expect(throws: NotATransfer(demo: "copy-file-range", sink: .socket)) { try Demo.copyFileRange.runYardstick(transfer) }
        #expect(throws: NotATransfer(demo: "copy", sink: nil)) { try Demo.copy.transfer(transfer) }
        #expect(throws: NotATransfer(demo: "uring-read", sink: .socket)) { try Demo.uringRead.transfer(transfer) }
        #expect(throws: NotATransfer(demo: "uring-fixed", sink: .socket)) { try Demo.uringFixed.runYardstick(transfer) }
    }

    /// Each demo and its C loop, on the same sample into the same kind of sink: both verified at
    /// the far end, and the same number of transfer syscalls. MSG_ZEROCOPY's count is left out:
    /// how many completion reads it takes depends on when the kernel reports them.
    @Test(arguments: Demo.all.filter { $0.yardstick != nil })
    func theCLoopMakesTheSyscallsTheSwiftDemoMakes(demo: Demo) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let size = 1_000_003
        let sample = try SampleFile.create(at: workspace.file("sample.bin"), size: size)
        let buffer = demo.options.contains(.buffer) ? 64 << 10 : demo.defaultBuffer(size: size)
        if demo.serves {
            // The same server and client; the body sent by the Swift handler, then by the C loop.
            let swift = try demo.serve(
                sample, buffer: buffer, window: UnmeasuredWindow(), clientWindow: UnmeasuredWindow(), workspace: workspace, client: .thread)
            let c = try demo.serveYardstick(
                sample, buffer: buffer, window: UnmeasuredWindow(), clientWindow: UnmeasuredWindow(), workspace: workspace, client: .thread)
            #expect(swift.verification.passed && c.verification.passed)
            #expect(swift.exchange.bodyCalls == c.exchange.bodyCalls, "\(demo.id)")
            return
        }
        if demo.receives {
            func run(_ body: (Reception) throws -> TransferReport) throws -> Int {
                let reception = try Reception(
                    sample: sample, workspace: workspace, buffer: buffer, window: UnmeasuredWindow(), senderWindow: UnmeasuredWindow())
                let report = try body(reception)
                #expect(try reception.verify().passed, "\(demo.id)")
                return report.calls
            }
            let swift = try run(demo.receive)
            let c = try run(demo.runYardstick)
            // splice from a socket takes what has arrived, so only the read loop's count is fixed.
            if demo == .recvLoop { #expect(swift == c) }
            return
        }
        for kind in demo.sinks {
            func run(_ body: (Transfer) throws -> TransferReport) throws -> Int {
                let sink = try Sink.open(kind, in: workspace, peerWindow: UnmeasuredWindow())
                let report = try body(
                    Transfer(sample: sample, sink: sink, buffer: buffer, window: UnmeasuredWindow(), workspace: workspace))
                let verification = try sink.verify(against: sample)
                #expect(verification.passed, "\(demo.id) → \(kind.rawValue): \(verification)")
                return report.calls
            }
            let swift = try run(demo.transfer)
            let c = try run(demo.runYardstick)
            if demo != .msgZerocopy { #expect(swift == c, "\(demo.id) → \(kind.rawValue)") }
        }
    }
}
