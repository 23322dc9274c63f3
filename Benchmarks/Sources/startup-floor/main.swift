import Foundation

// The floor under any start-up of zctour: a Swift binary that loads Foundation, as zctour does,
// prints one line and exits. `zctour-goals` starts it beside `zctour list`, so the report can
// say how much of zctour's start-up is its own.
print(ProcessInfo.processInfo.arguments.count > 1 ? "floor" : "")
