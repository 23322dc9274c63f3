/// Adds sizes without trapping: a huge --size makes a need of `Int.max`, "too large", not a crash.
public func saturatingSum(_ values: Int...) -> Int {
    values.reduce(0) { total, value in
        let (result, overflow) = total.addingReportingOverflow(value)
        return overflow ? Int.max : result
    }
}
