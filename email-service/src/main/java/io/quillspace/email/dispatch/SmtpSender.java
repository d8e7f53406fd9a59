package io.quillspace.email.dispatch;

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

/**
 * Hands messages to the SMTP relay. The client is built here rather than taken from quarkus-mailer, whose reactive
 * client has no connect or read time-out ({@code quarkus.mailer.timeout} applies to the blocking mailer only): a
 * silent relay would otherwise hold a job past its lease, and another worker would send it too.
 */
public final class SmtpSender {

    /** The relay's address and login, as quarkus-mailer's {@code quarkus.mailer.*} properties give them. */
    public record Relay(String host, int port, boolean tls, String startTls, Optional<String> username,
                        Optional<String> password, Optional<String> authMethods) {
    }

    private final MailClient client;

    public SmtpSender(MailClient client) {
        this.client = client;
    }

    /**
     * A client of the relay whose connection attempt ends after {@code connectTimeout} and whose connection is cut
     * after {@code idleTimeout} without a byte either way (the Vert.x idle time-out of its socket).
     */
    public static SmtpSender to(Vertx vertx, Relay relay, Duration connectTimeout, Duration idleTimeout) {
        MailConfig config = new MailConfig()
                .setHostname(relay.host())
                .setPort(relay.port())
                .setSsl(relay.tls())
                .setStarttls(StartTLSOptions.valueOf(relay.startTls()))
                .setKeepAlive(true);
        relay.username().ifPresent(config::setUsername);
        relay.password().ifPresent(config::setPassword);
        relay.authMethods().ifPresent(config::setAuthMethods);
        config.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        config.setIdleTimeout(Math.toIntExact(idleTimeout.toMillis()));
        config.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        return new SmtpSender(MailClient.create(vertx, config));
    }

    /** Completes with the relay's acceptance, back on the caller's context. */
    Uni<MailResult> send(MailMessage message) {
        return TenantTransactions.resumeOnCallerContext(client.sendMail(message));
    }
}
