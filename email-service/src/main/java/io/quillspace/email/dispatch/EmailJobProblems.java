package io.quillspace.email.dispatch;

import io.quillspace.shared.problem.Conflict;

/** The conflict of email job administration, answered by the shared conflict mapper. */
final class EmailJobProblems {

    static final String NOT_FAILED = "The job has not failed (type email-job-not-failed): only a FAILED job is retried";
    static final Conflict.Reason JOB_NOT_FAILED =
            new Conflict.Reason("email-job-not-failed", "Only a failed email job can be retried");

    private EmailJobProblems() {
    }
}
