import Probe
import ZeroCopy

/// The tour joins the two halves: a demo's measured window is a probe's before/after.
extension ProbeWindow: MeasurementWindow {}
extension MarkedProbeWindow: MeasurementWindow {}
