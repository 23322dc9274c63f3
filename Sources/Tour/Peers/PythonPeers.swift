extension PeerCase {
    /// Python's shutil.copyfile (CPython 3.8+ on Linux: os.sendfile from file to file). `-I`
    /// keeps the learner's environment and user site out of it.
    public static let pythonCopyfile = PeerCase(
        id: "python-copyfile", summary: "python3: shutil.copyfile(SAMPLE, COPY)", program: "python3", destination: .file,
        arguments: { ["-I", "-c", "import shutil, sys; shutil.copyfile(sys.argv[1], sys.argv[2])", $0.sample, $0.output] },
        executableQuery: interpreterQuery)

    /// Python's socket.sendfile on a blocking TCP connection to zctour's receiver on 127.0.0.1.
    public static let pythonSendfile = PeerCase(
        id: "python-sendfile", summary: "python3: socket.sendfile(SAMPLE) to a receiver on 127.0.0.1", program: "python3",
        destination: .loopbackSocket,
        arguments: { paths in
            [
                "-I", "-c",
                "import socket, sys\n"
                    + "with open(sys.argv[1], 'rb') as f, socket.create_connection(('127.0.0.1', int(sys.argv[2]))) as s:\n"
                    + "    s.sendfile(f)",
                paths.sample, String(paths.port),
            ]
        }, executableQuery: interpreterQuery)

    /// The interpreter's own path, for a python3 on PATH that is a launcher script.
    static let interpreterQuery = ["-I", "-c", "import sys; sys.stdout.write(sys.executable)"]
}
