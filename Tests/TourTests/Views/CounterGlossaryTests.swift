import Testing
import Tour

/// `explain COUNTER`: every counter a check can name has an entry, under the name the check uses.
@Suite struct CounterGlossaryTests {
    /// The ring's counts (lesson 13's checks name them ring.enters, ring.SEND_ZC...) had none:
    /// `explain ring.enters` said "no counter".
    @Test(arguments: ["ring.enters", "ring.SEND_ZC", "ring.zc_copied", "enters", "notifications", "io_uring"])
    func theRingsCountsAreExplained(name: String) throws {
        let (entry, text) = try #require(CounterGlossary.text(for: name))
        #expect(entry == "ring")
        #expect(text.contains("io_uring_enter") && text.contains("IORING_NOTIF_USAGE_ZC_COPIED"))
    }

    /// The counters the glossary says /proc cannot see include the ring's operations.
    @Test func theCountersSayTheyMissTheRing() throws {
        for name in ["syscr", "syscw", "unseen"] {
            #expect(try #require(CounterGlossary.text(for: name)).1.contains("io_uring's operations"), "\(name)")
        }
    }

    @Test func anUnknownNameHasNoEntry() {
        #expect(CounterGlossary.text(for: "ringing") == nil)
    }
}
