package io.quillspace.email.template;

import io.quillspace.email.entity.EmailJob;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** What a kickoff template may show as {@code project}: the plan, phase by phase, with days written out. */
public record ProjectView(String name, String kickoffDay, List<Phase> phases) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    public record Phase(String name, String start, String end, List<Deliverable> deliverables) {
    }

    public record Deliverable(String name, String due) {
    }

    /** The view of a kickoff's plan; null for emails about the meeting. */
    public static ProjectView of(EmailJob.ProjectPlan plan) {
        if (plan == null) {
            return null;
        }
        return new ProjectView(plan.name(), day(plan.kickoffDate()), plan.phases().stream()
                .map(phase -> new Phase(phase.name(), day(phase.start()), day(phase.end()), phase.deliverables().stream()
                        .map(deliverable -> new Deliverable(deliverable.name(), day(deliverable.due())))
                        .toList()))
                .toList());
    }

    private static String day(LocalDate date) {
        return date == null ? null : DAY.format(date);
    }
}
