/// A demo asked to move a file that it cannot: one that works in memory, or a sink it does not take.
public struct NotATransfer: Error, Equatable, CustomStringConvertible {
    public let demo: String
    public let sink: SinkKind?

    public init(demo: String, sink: SinkKind?) {
        self.demo = demo
        self.sink = sink
    }

    public var description: String {
        guard let sink else { return "\(demo) works in memory and moves no file" }
        let takes = Demo.named(demo)?.sinks.map(NotATransfer.phrase).joined(separator: " or ") ?? "another sink"
        return "\(demo) does not write to \(NotATransfer.phrase(sink)); it takes \(takes)"
    }

    static func phrase(_ kind: SinkKind) -> String {
        switch kind {
        case .null: "/dev/null"
        case .file: "a file"
        case .socket: "a socket"
        }
    }
}
