/// A library's API (Foundation's) threw while a demo called it: the call, and what it said.
/// Its errors are the library's own types, so the message is its description, and code never
/// decides anything on it.
public struct LibraryCallFailed: Error, CustomStringConvertible {
    public let call: String
    public let message: String

    init(call: String, error: Error) {
        self.call = call
        self.message = String(describing: error)
    }

    public var description: String { "\(call) failed: \(message)" }
}
