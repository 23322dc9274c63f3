import Foundation
import Glibc

/// A fresh private directory for one test, removed with everything in it afterwards.
final class Scratch {
    let path: String

    init() throws {
        var template = Array("/tmp/zctour-syscalls-test.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw POSIXError(.EIO)
        }
        path = String(cString: made)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// The names in the directory, sorted: what a failed write must not leave behind.
    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
