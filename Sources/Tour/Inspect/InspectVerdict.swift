import Probe

/// The answer to "does it copy through user space?", in one or two lines, from the bytes an
/// inspection summed: inside the kernel (the kernel copies' results) against through user
/// space (every-call sums, or the kernel's own totals). One side carries the bulk when the
/// other is at most a sixteenth of it; otherwise both are named. Where bytes went through user
/// space between two kinds of descriptor a kernel copy serves, the lesson that shows it is named,
/// by the number the lesson library gives it.
public struct InspectVerdict: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case kernel
        case userSpace = "user-space"
        case mixed
        case none
    }

    public var kind: Kind
    public var lines: [String]
    /// The lesson that shows the kernel copy this program could use, when there is one.
    public var lesson: LessonReference?

    public struct LessonReference: Sendable, Codable, Equatable {
        public var number: Int
        public var id: String
        public var call: String
    }

    /// `lessonNumber` finds a lesson's number by its id (nil when the library has no such lesson).
    public init(_ inspection: Inspection, lessonNumber: (String) -> Int?) {
        let bytes = inspection.bytes
        let user = max(bytes.read, bytes.written)
        let copies = inspection.processes.flatMap(\.kernelCopies).filter { $0.bytes > 0 && $0.call != "vmsplice" }
        lesson = nil
        if bytes.kernel == 0 && user == 0 {
            kind = .none
            lines = [InspectVerdict.nothingMoved(inspection)]
            return
        }
        let kernelCarries = bytes.kernel > 0 && user * 16 <= bytes.kernel
        let userCarries = user > 0 && bytes.kernel * 16 <= user
        kind = kernelCarries ? .kernel : userCarries ? .userSpace : .mixed
        let inKernel = InspectVerdict.kernelPhrase(copies, total: bytes.kernel)
        let through = InspectVerdict.userPhrase(bytes, inspection: inspection)
        let route = InspectVerdict.route(inspection)
        let advice = route.flatMap { route -> (String, LessonReference?) in
            let reference = lessonNumber(route.lesson).map { LessonReference(number: $0, id: route.lesson, call: route.call) }
            let shown = reference.map { ": lesson \($0.number) (\(route.lesson)) shows it" } ?? ""
            return ("\(route.call) would move them \(route.between) inside the kernel\(shown)", reference)
        }
        switch kind {
        case .kernel:
            lines = ["\(inKernel.what) inside the kernel (\(inKernel.calls))" + (user == 0 ? ": all of it" : "")]
            if user > 0 { lines.append("the program's other reads and writes: \(through)") }
        case .userSpace:
            lines = ["\(through): a kernel copy (sendfile, copy_file_range, splice) would remove the round trip"]
            if let advice {
                lines = [through, advice.0]
                lesson = advice.1
            }
        case .mixed:
            lines = ["\(inKernel.what) inside the kernel (\(inKernel.calls)), and \(through)"]
            if let advice {
                lines.append(advice.0)
                lesson = advice.1
            }
        case .none:
            lines = []
        }
    }

    /// `64 MiB from big.bin to copy.bin` and `copy_file_range ×2`; the bytes alone when the
    /// copies went between several pairs.
    static func kernelPhrase(_ copies: [Inspection.KernelCopy], total: Int) -> (what: String, calls: String) {
        var calls: [String: Int] = [:]
        for copy in copies { calls[copy.call, default: 0] += copy.calls }
        let callText = calls.sorted { $0.key < $1.key }.map { "\($0.key) ×\(NumberFormat.count($0.value))" }.joined(separator: ", ")
        let pairs = Set(copies.map { "\($0.from.what)\u{0}\($0.to.what)" })
        if pairs.count == 1, let copy = copies.first {
            return ("\(ByteSize.format(total)) from \(short(copy.from)) to \(short(copy.to))", callText)
        }
        return (ByteSize.format(total), callText)
    }

    /// `128 MiB read into user space and 64 MiB written out of it (1,551 reads, 1,536 writes)`.
    static func userPhrase(_ bytes: Inspection.Bytes, inspection: Inspection) -> String {
        var text = "\(ByteSize.format(bytes.read)) read into user space and \(ByteSize.format(bytes.written)) written out of it"
        if let sizes = chunkSizes(inspection) { text += " (\(sizes))" }
        return text
    }

    /// How big the reads and writes were: averages of the data descriptors' calls with
    /// `--every-call`, the kernel's call counts otherwise.
    static func chunkSizes(_ inspection: Inspection) -> String? {
        if inspection.mode == .everyCall {
            let rows = inspection.processes.flatMap { $0.userSpace ?? [] }.filter { $0.descriptor.carriesData }
            let reads = rows.reduce(0) { $0 + $1.readCalls }
            let writes = rows.reduce(0) { $0 + $1.writeCalls }
            let readBytes = rows.reduce(0) { $0 + $1.readBytes }
            let writtenBytes = rows.reduce(0) { $0 + $1.writtenBytes }
            var parts: [String] = []
            if reads > 0 { parts.append("\(NumberFormat.count(reads)) reads of \(ByteSize.format(readBytes / reads))") }
            if writes > 0 { parts.append("\(NumberFormat.count(writes)) writes of \(ByteSize.format(writtenBytes / writes))") }
            return parts.isEmpty ? nil : "in " + parts.joined(separator: " and ") + " on average"
        }
        let reads = inspection.processes.reduce(0) { $0 + ($1.plainReadCalls ?? 0) }
        let writes = inspection.processes.reduce(0) { $0 + ($1.plainWriteCalls ?? 0) }
        guard reads + writes > 0 else { return nil }
        return "in \(NumberFormat.count(reads)) read and \(NumberFormat.count(writes)) write calls, as the kernel counted them"
    }

    /// A kernel copy that serves the route the bytes took, and the lesson that shows it.
    struct Route {
        let call: String
        let lesson: String
        let between: String
    }

    /// The route of the bulk of the user-space bytes: the data descriptor most read from and
    /// the one most written to (every-call), or a TCP socket written through user space (tcp_info).
    static func route(_ inspection: Inspection) -> Route? {
        let source: Descriptor.Kind?
        let destination: Descriptor.Kind?
        if inspection.mode == .everyCall {
            let rows = inspection.processes.flatMap { $0.userSpace ?? [] }.filter { $0.descriptor.carriesData }
            source = rows.filter { $0.readBytes > 0 }.max { $0.readBytes < $1.readBytes }?.descriptor.kind
            destination = rows.filter { $0.writtenBytes > 0 }.max { $0.writtenBytes < $1.writtenBytes }?.descriptor.kind
        } else {
            let copied = inspection.processes.flatMap(\.kernelCopies)
            let sentByUser = inspection.tcpSockets.reduce(0) { total, socket in
                total + max(0, socket.sent - copied.filter { $0.to.what == socket.descriptor.what }.reduce(0) { $0 + $1.bytes })
            }
            let receivedByUser = inspection.tcpSockets.reduce(0) { total, socket in
                total + max(0, socket.received - copied.filter { $0.from.what == socket.descriptor.what }.reduce(0) { $0 + $1.bytes })
            }
            source = receivedByUser > 0 ? .tcp : nil
            destination = sentByUser > 0 ? .tcp : nil
            if source == nil && destination == .tcp {
                return Route(call: "sendfile", lesson: "sendfile", between: "from a file to the socket")
            }
        }
        let sockets: Set<Descriptor.Kind> = [.tcp, .udp, .unix, .socket]
        switch (source, destination) {
        case (.file?, let to?) where sockets.contains(to):
            return Route(call: "sendfile", lesson: "sendfile", between: "from the file to the socket")
        case (.file?, .file?):
            return Route(call: "copy_file_range", lesson: "copy-file-range", between: "from file to file")
        case (.file?, .pipe?):
            return Route(call: "splice", lesson: "splice", between: "from the file into the pipe")
        case (let from?, .file?) where sockets.contains(from) || from == .pipe:
            return Route(call: "splice", lesson: "splice", between: "into the file through a pipe")
        case (let from?, let to?) where (sockets.contains(from) || from == .pipe) && (sockets.contains(to) || to == .pipe):
            return Route(call: "splice", lesson: "splice", between: "through a pipe")
        default:
            return nil
        }
    }

    static func nothingMoved(_ inspection: Inspection) -> String {
        let mapped = inspection.processes.flatMap(\.mappings).filter { $0.descriptor.kind == .file }
        let bytes = mapped.reduce(0) { $0 + $1.bytes }
        if bytes > 0 {
            let faults = inspection.processes.reduce(0) { $0 + $1.minflt + $1.majflt }
            return "no bytes moved through reads, writes or kernel copies; it mapped \(ByteSize.format(bytes)) of files,"
                + " whose bytes arrive by page faults (\(NumberFormat.count(faults)) in all), which inspect counts but cannot follow"
        }
        return "no bytes moved through reads, writes or kernel copies"
    }

    /// A file by its last path component; anything else as described.
    static func short(_ descriptor: Descriptor) -> String {
        guard descriptor.kind == .file, let slash = descriptor.what.lastIndex(of: "/") else { return descriptor.what }
        return String(descriptor.what[descriptor.what.index(after: slash)...])
    }
}
