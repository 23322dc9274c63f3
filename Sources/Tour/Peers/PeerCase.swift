/// A built-in peer case: a real program that nobody here wrote, inspected on the tour's own
/// sample (`inspect --peer ID`), with an argument list fixed here. It reads the sample and
/// writes only into zctour's private temporary directory; its output is verified like a demo's
/// (bytes and checksum at the destination). A lesson may inspect these and nothing else: a
/// command line is never taken from a lesson file. Each case is described once, in its own
/// file (`extension PeerCase { static let cp = PeerCase(...) }`), and listed in `PeerCase.all`.
public struct PeerCase: Sendable {
    /// What `--peer` names and a lesson's checks refer to (`expect cp.syscalls.copy_file_range == 2`).
    public let id: String
    /// One line for `inspect --peer` without a name, and for `list`.
    public let summary: String
    /// The program, looked up on PATH when the case runs. Missing, the case is skipped with one
    /// line ("python3 is not installed: skipped") and its checks count as unavailable.
    public let program: String
    /// Where the sample's bytes must arrive.
    public let destination: Destination
    /// The arguments after the program's name (argv[1...]), from the paths zctour chose.
    public let arguments: @Sendable (Paths) -> [String]
    /// A program zctour compiles first, from source fixed here (a tiny Rust program), instead
    /// of one found on PATH; its compiler missing skips the case as a missing program does.
    public let build: Build?
    /// Arguments that make the program print the executable it really runs (python3:
    /// `sys.executable`), asked only when the program found on PATH is a script (`#!`). A
    /// launcher such as pyenv's shims reaches the interpreter through bash and env, and the
    /// inspection would count the launcher's dozens of processes and reads as the case's.
    public let executableQuery: [String]?

    public enum Destination: Sendable {
        /// The program writes `paths.output` itself (cp SAMPLE OUTPUT).
        case file
        /// The program's standard output is `paths.output`, opened by zctour (cat SAMPLE > OUTPUT).
        case standardOutputToFile
        /// The program's standard output is a pipe that zctour drains and checksums (cat SAMPLE | ...).
        case standardOutputToPipe
        /// The program connects to 127.0.0.1 on `paths.port` and sends the sample there; a
        /// receiver thread of zctour's (not traced) reads and checksums it.
        case loopbackSocket
    }

    /// Source compiled into zctour's private directory, outside the inspection, once a session.
    public struct Build: Sendable {
        /// The compiler, looked up on PATH (`rustc`).
        public let compiler: String
        /// The source file's name and its text.
        public let file: String
        public let source: String
        /// The compiler's arguments after its name, for the source and the binary's paths.
        public let arguments: @Sendable (_ source: String, _ binary: String) -> [String]

        public init(
            compiler: String, file: String, source: String, arguments: @escaping @Sendable (_ source: String, _ binary: String) -> [String]
        ) {
            self.compiler = compiler
            self.file = file
            self.source = source
            self.arguments = arguments
        }
    }

    /// The files a case may touch, all inside zctour's private temporary directory.
    public struct Paths: Sendable {
        /// The sample to read (zctour's own, of the size asked for).
        public let sample: String
        /// Where the copy goes; it does not exist when the case starts and is removed after.
        public let output: String
        /// The private directory itself, for a case that needs a scratch file of its own.
        public let directory: String
        /// The receiver's port on 127.0.0.1, for a `loopbackSocket` case; 0 for the others.
        public var port: Int = 0
    }

    public init(
        id: String, summary: String, program: String, destination: Destination,
        arguments: @escaping @Sendable (Paths) -> [String], build: Build? = nil, executableQuery: [String]? = nil
    ) {
        self.id = id
        self.summary = summary
        self.program = program
        self.destination = destination
        self.arguments = arguments
        self.build = build
        self.executableQuery = executableQuery
    }

    public static func named(_ id: String) -> PeerCase? { all.first { $0.id == id } }
}
