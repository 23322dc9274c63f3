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

    /// A library's demo (Foundation's) measures the library as it ships: there is nothing of
    /// zctour's to hold to a C loop, and its calls happen out of zctour's sight.
    @Test func everyFileDemoHasACLoopButTheLibraries() {
        let missing = Demo.all.filter { $0.movesFile && $0.library == nil && $0.yardstick == nil }.map(\.id)
        #expect(missing.isEmpty, "file demos without a C loop in Sources/CYardstick: \(missing)")
        #expect(Demo.all.filter { $0.library != nil && $0.yardstick != nil }.isEmpty)
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
