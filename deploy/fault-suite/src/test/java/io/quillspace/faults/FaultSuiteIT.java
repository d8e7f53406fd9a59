package io.quillspace.faults;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CI subset of the fault suite against the packaged fleet: every promise it checks must hold. */
class FaultSuiteIT {

    @Test
    void theCiSubsetOfTheFaultSuitePassesAgainstThePackagedFleet() throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root"));
        Path results = root.resolve("deploy/fault-suite/target/ci-results.md");
        List<Outcome> outcomes = FaultSuite.run(root, FaultSuite.CI_SUBSET, results);

        List<Outcome> failed = outcomes.stream().filter(outcome -> !outcome.pass()).toList();
        assertEquals(List.of(), failed, "see " + results);
        assertTrue(outcomes.stream().filter(outcome -> outcome.scenario().startsWith(HostileInput.NAME)).count() > 40,
                "at least 40 hostile requests, each checked");
    }
}
