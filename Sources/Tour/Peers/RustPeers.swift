extension PeerCase {
    /// A tiny Rust program around std::io::copy, compiled with rustc into the private directory:
    /// `iocopy file SAMPLE COPY` copies into a file, `iocopy tcp SAMPLE PORT` into a TCP stream.
    static let rustIoCopy = Build(
        compiler: "rustc", file: "iocopy.rs",
        source: """
            use std::{env, fs::File, io, net::TcpStream};

            // std::io::copy between a file and a file, or a file and a TCP stream.
            fn main() -> io::Result<()> {
                let args: Vec<String> = env::args().collect();
                if args.len() != 4 {
                    return Err(io::Error::new(io::ErrorKind::InvalidInput, "usage: iocopy file|tcp SOURCE DESTINATION"));
                }
                let mut from = File::open(&args[2])?;
                if args[1] == "file" {
                    io::copy(&mut from, &mut File::create(&args[3])?)?;
                } else {
                    let port: u16 = args[3].parse().map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "bad port"))?;
                    io::copy(&mut from, &mut TcpStream::connect(("127.0.0.1", port))?)?;
                }
                Ok(())
            }

            """,
        arguments: { source, binary in ["-O", "-o", binary, source] })

    public static let rustCopy = PeerCase(
        id: "rust-copy", summary: "Rust: std::io::copy from SAMPLE into a new File", program: "iocopy", destination: .file,
        arguments: { ["file", $0.sample, $0.output] }, build: rustIoCopy)

    public static let rustSend = PeerCase(
        id: "rust-send", summary: "Rust: std::io::copy from SAMPLE into a TcpStream to a receiver on 127.0.0.1", program: "iocopy",
        destination: .loopbackSocket, arguments: { ["tcp", $0.sample, String($0.port)] }, build: rustIoCopy)
}
