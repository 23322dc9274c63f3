extension PeerCase {
    /// cat with its standard output redirected to a new file, as `cat SAMPLE > COPY` does.
    public static let cat = PeerCase(
        id: "cat", summary: "cat SAMPLE > COPY: cat's standard output is a file", program: "cat",
        destination: .standardOutputToFile, arguments: { [$0.sample] })

    /// cat writing into a pipe, as in `cat SAMPLE | wc -c`; zctour reads the pipe's other end.
    public static let catPipe = PeerCase(
        id: "cat-pipe", summary: "cat SAMPLE | ...: cat's standard output is a pipe (zctour reads and checksums it)",
        program: "cat", destination: .standardOutputToPipe, arguments: { [$0.sample] })
}
