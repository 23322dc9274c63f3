extension AtomicFileWriter {
    /// A path `AtomicFileWriter` will not rename a file over. The caller words the advice (an
    /// option to drop, a file name to give); this says only what is there.
    public struct TargetRefused: Error, Equatable, Sendable, CustomStringConvertible {
        public enum Reason: Sendable, Equatable {
            /// The path ends in `/`: it names a directory, not a file in it.
            case noFileName
            /// A directory is there.
            case directory
            /// A device, pipe or socket is there (/dev/null, /dev/stdout's terminal).
            case notRegularFile
            /// A symbolic link whose target could not be resolved.
            case unresolvedLink
            /// A regular file nobody may write (mode 0444), or this user may not.
            case readOnly
        }

        public let reason: Reason
        public let path: String

        public init(_ reason: Reason, path: String) {
            self.reason = reason
            self.path = path
        }

        public var description: String {
            switch reason {
            case .noFileName: "\(path) names a directory, not a file"
            case .directory: "\(path) is a directory"
            case .notRegularFile: "\(path) is not a regular file (a device, pipe or socket)"
            case .unresolvedLink: "\(path) is a symbolic link that leads to no file that could be replaced"
            case .readOnly: "\(path) is read-only"
            }
        }
    }
}
