import Foundation

extension TourContext {
    /// A run made outside a lesson counts for the current challenge. The tour's state is read
    /// only if it exists, so a plain `zctour run` on a fresh machine writes nothing.
    func recordAttempt(_ record: RunRecord) {
        let guide: GuidedTour?
        if let loaded = guideIfLoaded {
            guide = loaded
        } else if FileManager.default.fileExists(atPath: state.file(Progress.fileName)) {
            guide = try? self.guide()
        } else {
            guide = nil
        }
        guide?.recordAttempt(record, in: self)
    }
}
