package io.quillspace.faults;

import java.util.List;

/** One checked promise of a scenario: what was injected, what was expected, what the real clients counted. */
public record Outcome(String scenario, String injected, String expected, String counted, boolean pass) {

    public static Outcome check(String scenario, String injected, String expected, Object counted, boolean pass) {
        return new Outcome(scenario, injected, expected, String.valueOf(counted), pass);
    }

    /** The results file: one table row per outcome. */
    public static String markdown(String title, List<String> preamble, List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
        preamble.forEach(line -> out.append(line).append("  \n"));
        long failed = outcomes.stream().filter(outcome -> !outcome.pass()).count();
        out.append("\n").append(outcomes.size() - failed).append(" PASS, ").append(failed).append(" FAIL\n\n");
        out.append("| Scenario | Injected | Expected | Counted | Result |\n|---|---|---|---|---|\n");
        for (Outcome outcome : outcomes) {
            out.append("| ").append(cell(outcome.scenario())).append(" | ").append(cell(outcome.injected()))
                    .append(" | ").append(cell(outcome.expected())).append(" | ").append(cell(outcome.counted()))
                    .append(" | ").append(outcome.pass() ? "PASS" : "**FAIL**").append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }
}
