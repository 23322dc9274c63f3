import Probe

/// The answer to "does it copy through user space?", in one or two lines, from the bytes an
/// inspection summed: inside the kernel (the kernel copies' results) against through user
/// space (every-call sums, or the kernel's own totals). Bytes read and written again, about as
/// many (within a factor of 16), are a copy through user space; one side carries the bulk when
/// the other is at most a sixteenth of it; otherwise both are named. Where bytes went through user
/// space between two kinds of descriptor a kernel copy serves, the lesson that shows it is named,
/// by the number the lesson library gives it.
public struct InspectVerdict: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case kernel
        case userSpace = "user-space"
        case mixed
        /// Nothing went in and out again: no bytes, or bytes read and not written (or written
        /// and not read), and no kernel copy.
        case noCopy = "no-copy"
    }

    public var kind: Kind
    public var lines: [String]
    /// The lesson that shows the kernel copy this program could use, when there is one.
    public var lesson: LessonReference?

    public struct LessonReference: Sendable, Codable, Equatable {
        public var number: Int
        public var id: String
        public var call: String

        public init(number: Int, id: String, call: String) {
            self.number = number
            self.id = id
            self.call = call
        }
    }

    /// `lessonNumber` finds a lesson's number by its id (nil when the library has no such lesson).
    public init(_ inspection: Inspection, lessonNumber: (String) -> Int?) {
        let bytes = inspection.bytes
        let copies = inspection.processes.flatMap(\.kernelCopies).filter { $0.bytes > 0 && $0.call != "vmsplice" }
        lesson = nil
        if bytes.kernel == 0 && bytes.read == 0 && bytes.written == 0 {
            kind = .noCopy
            lines = [InspectVerdict.nothingMoved(inspection)]
            return
        }
        // A copy through user space: bytes went in and, about as many, out again. Reading a
        // file to count it (wc) or writing what was computed is no copy a kernel call could do.
        let copied = min(bytes.read, bytes.written)
        let userCopies = copied > 0 && copied * 16 >= max(bytes.read, bytes.written)
        if bytes.kernel > 0 && (!userCopies || copied * 16 <= bytes.kernel) {
            kind = .kernel
        } else if userCopies {
            kind = bytes.kernel * 16 <= copied ? .userSpace : .mixed
        } else {
            kind = .noCopy
        }
        let inKernel = InspectVerdict.kernelPhrase(copies, total: bytes.kernel)
        let through = InspectVerdict.userPhrase(bytes, inspection: inspection)
        let route = InspectVerdict.route(inspection)
        let advice = route.flatMap { route -> (String, LessonReference?) in
            let reference = lessonNumber(route.lesson).map { LessonReference(number: $0, id: route.lesson, call: route.call) }
            let shown = reference.map { ": lesson \($0.number) (\(route.lesson)) shows it" } ?? ""
            return (route.advice + shown, reference)
        }
        switch kind {
        case .kernel:
            let user = max(bytes.read, bytes.written)
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
        case .noCopy:
            lines = ["no copy: \(through), and nothing moved by a kernel copy"]
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

    /// `128 MiB read into user space and 64 MiB written out of it (in 1,551 reads ...)`; in the
    /// default mode, what came from tcp_info says so, and a figure that is the larger of the
    /// kernel's totals and tcp_info's is "at least".
    static func userPhrase(_ bytes: Inspection.Bytes, inspection: Inspection) -> String {
        if bytes.exact {
            let read = bytes.read == 0 ? "nothing read into user space" : "\(ByteSize.format(bytes.read)) read into user space"
            let written = bytes.written == 0 ? "nothing written out of it" : "\(ByteSize.format(bytes.written)) written out of it"
            var text = "\(read) and \(written)"
            if let sizes = chunkSizes(inspection) { text += " (\(sizes))" }
            return text
        }
        let reads = inspection.processes.reduce(0) { $0 + ($1.plainReadCalls ?? 0) }
        let writes = inspection.processes.reduce(0) { $0 + ($1.plainWriteCalls ?? 0) }
        func part(_ value: Int, counted: Int, socket: Int, calls: Int, _ verb: String, _ socketVerb: String, _ call: String) -> String {
            if value == 0 { return "nothing \(verb)" }
            let bound = socket > 0 ? "at least " : ""
            let source =
                socket > counted
                ? "\(socketVerb) TCP sockets, as tcp_info counted"
                : "\(NumberFormat.count(calls)) \(call) call\(calls == 1 ? "" : "s"), as the kernel counted them"
            return "\(bound)\(ByteSize.format(value)) \(verb) (\(source))"
        }
        let read = part(
            bytes.read, counted: bytes.countedRead, socket: bytes.socketsReceived, calls: reads, "read into user space", "received on",
            "read")
        let written = part(
            bytes.written, counted: bytes.countedWritten, socket: bytes.socketsSent, calls: writes, "written out of it", "sent on",
            "write")
        return "\(read) and \(written)"
    }

    /// How big the reads and writes on data descriptors were, on average (`--every-call`).
    static func chunkSizes(_ inspection: Inspection) -> String? {
        let rows = inspection.processes.flatMap { $0.userSpace ?? [] }.filter { $0.descriptor.carriesData }
        let reads = rows.reduce(0) { $0 + $1.readCalls }
        let writes = rows.reduce(0) { $0 + $1.writeCalls }
        let readBytes = rows.reduce(0) { $0 + $1.readBytes }
        let writtenBytes = rows.reduce(0) { $0 + $1.writtenBytes }
        var parts: [String] = []
        if reads > 0 { parts.append("\(NumberFormat.count(reads)) read\(reads == 1 ? "" : "s") of \(ByteSize.format(readBytes / reads))") }
        if writes > 0 {
            parts.append("\(NumberFormat.count(writes)) write\(writes == 1 ? "" : "s") of \(ByteSize.format(writtenBytes / writes))")
        }
        return parts.isEmpty ? nil : "in " + parts.joined(separator: " and ") + " on average"
    }

    /// A kernel copy that serves the route the bytes took, and the lesson that shows it.
    struct Route {
        let call: String
        let lesson: String
        /// What the call would do, as a sentence: "sendfile would send the file to the socket".
        let advice: String
    }

    /// The route of the bulk of the user-space bytes: the data descriptor most read from and
    /// the one most written to (every-call; a file wins a tie), or a TCP socket written or read
    /// through user space (tcp_info), whose file the default mode does not see.
    static func route(_ inspection: Inspection) -> Route? {
        guard inspection.mode == .everyCall else {
            let bytes = inspection.bytes
            if bytes.socketsSent > 0 {
                return Route(
                    call: "sendfile", lesson: "sendfile",
                    advice: "if they came from a file, sendfile would send it to the socket inside the kernel")
            }
            if bytes.socketsReceived > 0 && bytes.countedWritten > 0 {
                return Route(
                    call: "splice", lesson: "splice",
                    advice: "if they went into a file, splice through a pipe would move them there inside the kernel")
            }
            return nil
        }
        let rows = inspection.processes.flatMap { $0.userSpace ?? [] }.filter { $0.descriptor.carriesData }
        func larger(_ a: (bytes: Int, kind: Descriptor.Kind), _ b: (bytes: Int, kind: Descriptor.Kind)) -> Bool {
            a.bytes != b.bytes ? a.bytes < b.bytes : (a.kind != .file && b.kind == .file)
        }
        let source = rows.map { ($0.readBytes, $0.descriptor.kind) }.filter { $0.0 > 0 }.max(by: larger)?.1
        let destination = rows.map { ($0.writtenBytes, $0.descriptor.kind) }.filter { $0.0 > 0 }.max(by: larger)?.1
        let sockets: Set<Descriptor.Kind> = [.tcp, .udp, .unix, .socket]
        switch (source, destination) {
        case (.file?, let to?) where sockets.contains(to):
            return Route(call: "sendfile", lesson: "sendfile", advice: "sendfile would send the file to the socket inside the kernel")
        case (.file?, .file?):
            return Route(
                call: "copy_file_range", lesson: "copy-file-range",
                advice: "copy_file_range would copy the file into the other inside the kernel")
        case (.file?, .pipe?):
            return Route(call: "splice", lesson: "splice", advice: "splice would move the file into the pipe inside the kernel")
        case (let from?, .file?) where sockets.contains(from) || from == .pipe:
            return Route(
                call: "splice", lesson: "splice", advice: "splice through a pipe would move them into the file inside the kernel")
        case (let from?, let to?) where (sockets.contains(from) || from == .pipe) && (sockets.contains(to) || to == .pipe):
            return Route(call: "splice", lesson: "splice", advice: "splice would move them through a pipe inside the kernel")
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
