package io.quillspace.email.sequence;

import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.shared.messaging.FailureClassifier;

import java.util.Set;

/**
 * How the event consumers tell permanent from transient failures: a concurrent duplicate may hit the one-job-per-kind
 * key, the projection's key or a waiting proposal's key, and its retry then finds what the first one wrote.
 */
final class ConsumerFailures {

    static final FailureClassifier FAILURES = new FailureClassifier(
            Set.of(EmailJobRepository.ONE_PER_KIND, "booking_projection_pkey", "waiting_proposal_pkey"));

    private ConsumerFailures() {
    }
}
