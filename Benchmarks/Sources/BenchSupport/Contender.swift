import Glibc
import ZeroCopy

/// One side of a comparison: a Swift demo as zctour runs it, or its C loop (the demo's
/// yardstick, Sources/CYardstick). Both run the same way: the sample opened and the sink
/// connected first, the window around the transfer and the sink's drain only, the bytes
/// verified at the destination afterwards, so a fast wrong run cannot count.
public enum Contender: Sendable, Equatable {
    case swift(Demo)
    case c(Demo)

    /// The demo in Swift, and its C loop when it has one.
    public static func all(for demo: Demo) -> [Contender] { [.swift(demo)] + (demo.yardstick == nil ? [] : [.c(demo)]) }

    public var demo: Demo {
        switch self {
        case .swift(let demo), .c(let demo): demo
        }
    }

    public var name: String {
        switch self {
        case .swift(let demo): "\(demo.id) (Swift)"
        case .c(let demo): "\(demo.id) (C)"
        }
    }

    /// Moves `sample` into a new sink of `kind`; `window` sees the transfer only. `queue` is the
    /// io_uring demos' chunks in flight per io_uring_enter, the same for the demo and its C loop.
    /// A download demo serves it to zctour's client thread (`window` is the server's); a
    /// network → file demo receives it from a sender thread into a file.
    public func run(
        _ sample: SampleFile, to kind: SinkKind, in fixture: Fixture, buffer: Int, window: MeasurementWindow,
        queue: Int = Transfer.defaultQueue, direct: Bool = false
    ) throws {
        guard demo.sinks.contains(kind) else { throw NotATransfer(demo: demo.id, sink: kind) }
        if demo.serves {
            let report =
                switch self {
                case .swift(let demo):
                    try demo.serve(
                        sample, buffer: buffer, window: window, clientWindow: UnmeasuredWindow(), workspace: fixture.workspace,
                        client: .thread)
                case .c(let demo):
                    try demo.serveYardstick(
                        sample, buffer: buffer, window: window, clientWindow: UnmeasuredWindow(), workspace: fixture.workspace,
                        client: .thread)
                }
            try report.verification.require()
            return
        }
        if demo.receives {
            let reception = try Reception(
                sample: sample, workspace: fixture.workspace, buffer: buffer, window: window, senderWindow: UnmeasuredWindow())
            switch self {
            case .swift(let demo): _ = try demo.receive(reception)
            case .c(let demo): _ = try demo.runYardstick(reception)
            }
            try reception.verify().require()
            return
        }
        let sink = try Sink.open(kind, in: fixture.workspace, peerWindow: UnmeasuredWindow())
        let transfer = Transfer(
            sample: sample, sink: sink, buffer: buffer, window: window, direct: direct, workspace: fixture.workspace, queue: queue)
        switch self {
        case .swift(let demo): _ = try demo.transfer(transfer)
        case .c(let demo): _ = try demo.runYardstick(transfer)
        }
        try sink.verify(against: sample).require()
    }
}
