package io.quillspace.faults;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The results file and the before/after comparison every hostile request is judged by. */
class ResultsTest {

    @Test
    void theResultsFileHasOneRowPerOutcomeWithItsVerdictAndTheTotals() {
        String markdown = Outcome.markdown("Results", List.of("Run on 2 cores"), List.of(
                Outcome.check("8 hostile input", "token alg=none", "401", "401 | problem", true),
                Outcome.check("6 poison", "malformed\nrecord", "on the DLQ", 0, false)));

        assertTrue(markdown.contains("1 PASS, 1 FAIL"), markdown);
        assertTrue(markdown.contains("| 8 hostile input | token alg=none | 401 | 401 \\| problem | PASS |"), markdown);
        assertTrue(markdown.contains("| 6 poison | malformed<br>record | on the DLQ | 0 | **FAIL** |"), markdown);
    }

    @Test
    void aSnapshotNamesEveryTableTopicAndMailboxThatChanged() {
        Ledger.Snapshot before = new Ledger.Snapshot(Map.of("booking.users", 3L, "email.email_jobs", 5L),
                Map.of("booking-events.v1", 10L), 4);
        Ledger.Snapshot same = new Ledger.Snapshot(Map.of("booking.users", 3L, "email.email_jobs", 5L),
                Map.of("booking-events.v1", 10L), 4);
        Ledger.Snapshot after = new Ledger.Snapshot(Map.of("booking.users", 4L, "email.email_jobs", 5L),
                Map.of("booking-events.v1", 12L), 5);

        assertEquals(List.of(), before.changesTo(same));
        assertEquals(List.of("booking.users +1", "booking-events.v1 +2", "smtp +1"), before.changesTo(after));
    }
}
