package io.quillspace.project.service;

import java.util.List;

/**
 * A status change the project's current state does not allow (409). {@link #allowed()} names the statuses the subject
 * may move to from where it is, as the API spells them; empty when nothing may change it now.
 */
public class ProjectConflict extends RuntimeException {

    /** Why; {@link #slug()} names the problem type clients switch on. */
    public enum Reason {
        TRANSITION_NOT_ALLOWED("transition-not-allowed", "The status cannot change that way"),
        PROJECT_NOT_OPEN("project-not-open", "The project is not open for work");

        private final String slug;
        private final String title;

        Reason(String slug, String title) {
            this.slug = slug;
            this.title = title;
        }

        public String slug() {
            return slug;
        }

        public String title() {
            return title;
        }
    }

    private final Reason reason;
    private final List<String> allowed;

    public ProjectConflict(Reason reason, String detail, List<String> allowed) {
        super(detail);
        this.reason = reason;
        this.allowed = List.copyOf(allowed);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> allowed() {
        return allowed;
    }
}
