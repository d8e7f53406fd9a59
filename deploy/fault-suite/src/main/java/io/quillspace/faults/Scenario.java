package io.quillspace.faults;

import java.util.List;

/** One fault or attack against the running fleet, ending with its reconciliation. */
interface Scenario {

    String name();

    List<Outcome> run(FaultFleet fleet) throws Exception;
}
