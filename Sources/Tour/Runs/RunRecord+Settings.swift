import Glibc
import Probe
import ZeroCopy

extension RunRecord {
    init(_ settings: RunSettings, label: String, delta: Delta, unavailable: ProbeUnavailable?) {
        self.init(
            demo: settings.demo.id, label: label, size: settings.size, buffer: settings.buffer,
            sink: settings.demo.usesSample ? settings.sink.rawValue : "memory", repeatCount: settings.repeatCount,
            cold: settings.cold, bytes: 0, verified: false, verification: "", checksum: nil, calls: 0,
            wallNanoseconds: delta.wallNanoseconds, wallNanosecondsAll: [delta.wallNanoseconds],
            counters: Counters(delta), countersUnavailable: delta.io == nil ? unavailable?.reason : nil,
            allocations: Allocations(count: delta.allocations, bytes: delta.allocatedBytes),
            peer: nil, pageCache: nil, copiedBytes: nil, steps: nil, notes: [])
    }
}
