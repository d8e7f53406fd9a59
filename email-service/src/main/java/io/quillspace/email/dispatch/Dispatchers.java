package io.quillspace.email.dispatch;

import io.quillspace.email.repository.EmailJobRepository;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Puts a {@link Dispatcher} together from this service's parts, with its own settings, relay and clock. */
@ApplicationScoped
public class Dispatchers {

    private final EmailJobRepository jobs;
    private final SendDecision decision;
    private final MessageBuilder messages;
    private final DispatchMetrics metrics;
    private final Vertx vertx;

    public Dispatchers(EmailJobRepository jobs, SendDecision decision, MessageBuilder messages, DispatchMetrics metrics,
                       Vertx vertx) {
        this.jobs = jobs;
        this.decision = decision;
        this.messages = messages;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    public Dispatcher create(Dispatcher.Settings settings, Settlement settlement, SmtpSender smtp, Clock clock) {
        return new Dispatcher(new JobClaims(jobs, clock, settings.lease()), decision, messages, smtp, settlement, metrics,
                settings, clock, vertx);
    }

}
