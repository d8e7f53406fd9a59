package io.quillspace.email.dispatch;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quillspace.email.config.EmailConfig;
import io.quillspace.shared.tenancy.TenantSignals;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * When this service sends: a job due when it is committed at once (the {@code email_jobs_due} notification of its
 * tenant), and every tenant's due jobs on a schedule, the safety net for future and retried jobs and for notifications
 * missed while no one listened. How it sends is {@link Dispatcher}'s.
 */
@ApplicationScoped
public class EmailDispatcher {

    static final String DUE_CHANNEL = "email_jobs_due";

    private final Dispatcher dispatcher;
    private final TenantSignals due = new TenantSignals(DUE_CHANNEL, this::dispatchDue, this::dispatchAll);

    public EmailDispatcher(Dispatchers dispatchers, EmailConfig config, Clock clock, io.vertx.mutiny.core.Vertx vertx,
                           @ConfigProperty(name = "quarkus.mailer.host") String host,
                           @ConfigProperty(name = "quarkus.mailer.port") Optional<Integer> port,
                           @ConfigProperty(name = "quarkus.mailer.tls") Optional<Boolean> tls,
                           @ConfigProperty(name = "quarkus.mailer.start-tls", defaultValue = "OPTIONAL") String startTls,
                           @ConfigProperty(name = "quarkus.mailer.username") Optional<String> username,
                           @ConfigProperty(name = "quarkus.mailer.password") Optional<String> password,
                           @ConfigProperty(name = "quarkus.mailer.auth-methods") Optional<String> authMethods) {
        boolean implicitTls = tls.orElse(false);
        SmtpSender.Relay relay = new SmtpSender.Relay(host, port.orElse(implicitTls ? 465 : 25), implicitTls, startTls,
                username, password, authMethods);
        this.dispatcher = dispatchers.create(
                new Dispatcher.Settings(config.lease(), config.batchSize(), config.sendConcurrency()),
                Settlement.of(config),
                SmtpSender.to(vertx, relay, new SmtpSender.Limits(config.smtp().connectTimeout(),
                        config.smtp().idleTimeout(), config.smtp().sendTimeout(), config.smtp().connections())), clock);
    }

    void startListening(@Observes StartupEvent started, Vertx vertx) {
        due.listen(vertx, TenantSignals.datasource());
    }

    void stopListening(@Observes ShutdownEvent stopping) {
        due.close();
    }

    // Not before the application is up, nor while it shuts down.
    @Scheduled(every = "${quillspace.email.dispatch-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> dispatchAll() {
        return TenantTransactions.forEachKnownTenant("email dispatch", this::dispatchDue);
    }

    /** Claims and sends the tenant's due jobs until none is left to claim. */
    public Uni<Void> dispatchDue(UUID tenantId) {
        return dispatcher.dispatchDue(tenantId);
    }
}
