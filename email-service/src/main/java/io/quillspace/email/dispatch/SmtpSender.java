package io.quillspace.email.dispatch;

import io.quillspace.shared.tenancy.AsyncPermits;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Hands messages to the SMTP relay, each within a bounded time. The client is built here rather than taken from
 * quarkus-mailer, whose reactive client has no connect or read time-out ({@code quarkus.mailer.timeout} applies to the
 * blocking mailer only): a silent relay would otherwise hold a job past its lease, and another worker would send it too.
 * <ul>
 * <li>connect time-out: opening the connection;</li>
 * <li>idle time-out: the socket is closed after that long without a byte, which fails a send waiting for any answer
 * after the greeting (seen: "socket was closed unexpected" when a relay goes silent after {@code DATA});</li>
 * <li>send time-out: a deadline on the whole send, because the Vert.x client (4.5) does not fail a send whose relay
 * never greets even once its idle socket was closed, and keeps that pool slot. A send that misses it gets a fresh client:
 * the old one is closed with whatever it still held.</li>
 * </ul>
 * At most {@code connections} sends are in flight, so a job whose claim was just confirmed never waits in the client's
 * pool for a connection.
 */
public final class SmtpSender {

    /** The relay's address and login, as quarkus-mailer's {@code quarkus.mailer.*} properties give them. */
    public record Relay(String host, int port, boolean tls, String startTls, Optional<String> username,
                        Optional<String> password, Optional<String> authMethods) {
    }

    /** How long each step of a send may take, and how many sends run at once. */
    public record Limits(Duration connectTimeout, Duration idleTimeout, Duration sendTimeout, int connections) {
    }

    private final Supplier<MailClient> clients;
    private final Duration sendTimeout;
    private final AsyncPermits connectionsFree;
    private volatile MailClient client;

    private SmtpSender(Supplier<MailClient> clients, Duration sendTimeout, int connections) {
        this.clients = clients;
        this.sendTimeout = sendTimeout;
        this.connectionsFree = new AsyncPermits(connections);
        this.client = clients.get();
    }

    public static SmtpSender to(Vertx vertx, Relay relay, Limits limits) {
        MailConfig config = new MailConfig()
                .setHostname(relay.host())
                .setPort(relay.port())
                .setSsl(relay.tls())
                .setStarttls(StartTLSOptions.valueOf(relay.startTls()))
                .setKeepAlive(true)
                .setMaxPoolSize(limits.connections());
        relay.username().ifPresent(config::setUsername);
        relay.password().ifPresent(config::setPassword);
        relay.authMethods().ifPresent(config::setAuthMethods);
        config.setConnectTimeout(Math.toIntExact(limits.connectTimeout().toMillis()));
        config.setIdleTimeout(Math.toIntExact(limits.idleTimeout().toMillis()));
        config.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        return new SmtpSender(() -> MailClient.create(vertx, config), limits.sendTimeout(), limits.connections());
    }

    /**
     * Runs {@code work} once a connection is free, on the caller's context: confirming a claim in it leaves only the
     * send itself between the confirmation and the relay.
     */
    <T> Uni<T> whenConnectionFree(Supplier<Uni<T>> work) {
        return connectionsFree.withPermit(work);
    }

    /** Completes with the relay's acceptance, back on the caller's context. */
    Uni<MailResult> send(MailMessage message) {
        MailClient used = client;
        return TenantTransactions.resumeOnCallerContext(used.sendMail(message)
                .ifNoItem().after(sendTimeout).failWith(() -> new TimeoutException("no answer within " + sendTimeout))
                .onFailure(TimeoutException.class).invoke(() -> replace(used)));
    }

    private void replace(MailClient hung) {
        synchronized (this) {
            if (client != hung) {
                return;
            }
            client = clients.get();
        }
        hung.closeAndForget();
    }
}
