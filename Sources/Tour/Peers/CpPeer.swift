extension PeerCase {
    /// coreutils' cp from the sample to a new file.
    public static let cp = PeerCase(
        id: "cp", summary: "cp SAMPLE COPY: coreutils copies the sample into a new file", program: "cp",
        destination: .file, arguments: { [$0.sample, $0.output] })
}
