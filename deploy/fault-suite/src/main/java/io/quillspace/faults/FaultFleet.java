package io.quillspace.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.launcher.Fleet;
import io.quillspace.infra.testing.CalendlyApiStandIn;
import io.quillspace.infra.testing.FaultProxy;
import io.quillspace.shared.identity.UserIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged fleet the scenarios attack: PostgreSQL, the broker and the SMTP server of {@code deploy/infra} in this
 * JVM, the four services as processes. webhook-ingress serves two studios, so a hostile caller always has another
 * studio's data to reach for, and a third, {@link #RECONCILED}, whose Calendly account is the API stand-in.
 */
public final class FaultFleet implements AutoCloseable {

    public static final String STUDIO = "studio";
    public static final String RIVAL = "rival";
    public static final UUID STUDIO_TENANT = Fleet.DEMO_TENANT;
    public static final UUID RIVAL_TENANT = UUID.fromString("6c1d9e2f-3a4b-4c5d-8e7f-0a1b2c3d4e5f");
    public static final String RIVAL_SIGNING_KEY = "whsec-quillspace-rival-key-2026";
    /** More studios, {@code studio-1} … {@code studio-25}: the broker outage has 25 studios writing at once. */
    public static final int MORE_STUDIOS = 25;
    /** The studio with Calendly API access (through {@link #calendly()}): reconciliation sweeps read it. */
    public static final String RECONCILED = "reconciled";
    public static final String RECONCILED_TOKEN = "calendly-token-reconciled";
    public static final String RECONCILED_ORGANIZATION = "https://api.calendly.com/organizations/ORGRECONCILED";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Infrastructure infrastructure;
    private final Fleet fleet;
    private final Ledger ledger;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final FaultProxy database;
    private final FaultProxy smtp;
    private final CalendlyApiStandIn calendly;

    private FaultFleet(Infrastructure infrastructure, Fleet fleet, FaultProxy database, FaultProxy smtp,
                       CalendlyApiStandIn calendly) {
        this.infrastructure = infrastructure;
        this.fleet = fleet;
        this.database = database;
        this.smtp = smtp;
        this.calendly = calendly;
        this.ledger = new Ledger(infrastructure);
    }

    /** Starts everything on free ports, from {@code root}/&lt;module&gt;/target/quarkus-app; logs under target. */
    public static FaultFleet start(Path root, Path logDirectory) {
        Infrastructure infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
        // The services reach PostgreSQL and SMTP through proxies, so both can refuse or slow down on demand.
        FaultProxy database = FaultProxy.start(infrastructure.postgres().host(), infrastructure.postgres().port());
        FaultProxy smtp = FaultProxy.start(infrastructure.smtp().host(), infrastructure.smtp().port());
        CalendlyApiStandIn calendly = CalendlyApiStandIn.start();
        try {
            Map<String, String> ingress = new java.util.HashMap<>(Map.of(
                    "quillspace.ingress.tenants." + RIVAL + ".id", RIVAL_TENANT.toString(),
                    "quillspace.ingress.tenants." + RIVAL + ".signing-keys", RIVAL_SIGNING_KEY));
            for (int i = 1; i <= MORE_STUDIOS; i++) {
                ingress.put("quillspace.ingress.tenants." + studio(i) + ".id", tenant(studio(i)).toString());
                ingress.put("quillspace.ingress.tenants." + studio(i) + ".signing-keys", signingKey(studio(i)));
            }
            ingress.put("quillspace.ingress.tenants." + RECONCILED + ".id", tenant(RECONCILED).toString());
            ingress.put("quillspace.ingress.tenants." + RECONCILED + ".signing-keys", signingKey(RECONCILED));
            ingress.putAll(calendly.ingressSettings(RECONCILED, RECONCILED_TOKEN, RECONCILED_ORGANIZATION));
            // Sweeps run when a scenario asks: a scheduled one would repair what a scenario means to find missing.
            ingress.put("quillspace.ingress.calendly.reconciliation.interval", "off");
            ingress.put("quillspace.ingress.calendly.subscription.check-interval", "off");
            Fleet fleet = Fleet.start(infrastructure, root, EnumSet.allOf(FleetService.class), "quarkus-app",
                    service -> ServicePorts.free(), Duration.ofMinutes(4), logDirectory, service -> { },
                    service -> service == FleetService.WEBHOOK_INGRESS ? ingress
                            : throughProxies(infrastructure, service, database.port(), smtp.port()));
            return new FaultFleet(infrastructure, fleet, database, smtp, calendly);
        } catch (RuntimeException e) {
            database.close();
            smtp.close();
            calendly.close();
            infrastructure.close();
            throw e;
        }
    }

    private static Map<String, String> throughProxies(Infrastructure infrastructure, FleetService service,
                                                      int databasePort, int smtpPort) {
        Map<String, String> config = new java.util.HashMap<>();
        String direct = infrastructure.postgres().host() + ":" + infrastructure.postgres().port();
        String proxied = "127.0.0.1:" + databasePort;
        infrastructure.configFor(service).forEach((key, value) -> {
            if (key.startsWith("quarkus.datasource") && key.endsWith(".url")) {
                config.put(key, value.replace(direct, proxied));
            }
        });
        if (service.sendsMail()) {
            config.put("quarkus.mailer.port", Integer.toString(smtpPort));
        }
        return config;
    }

    /** The proxy between the services and PostgreSQL. */
    public FaultProxy database() {
        return database;
    }

    /** The proxy between email-service and the SMTP server. */
    public FaultProxy smtp() {
        return smtp;
    }

    /** Calendly's API for the {@link #RECONCILED} studio: what a sweep reads as the truth. */
    public CalendlyApiStandIn calendly() {
        return calendly;
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    public Fleet fleet() {
        return fleet;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** The name of the {@code i}-th of the {@link #MORE_STUDIOS}. */
    public static String studio(int i) {
        return "studio-" + i;
    }

    public static UUID tenant(String studio) {
        return switch (studio) {
            case STUDIO -> STUDIO_TENANT;
            case RIVAL -> RIVAL_TENANT;
            default -> UUID.nameUUIDFromBytes(studio.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
    }

    private static String signingKey(String studio) {
        return switch (studio) {
            case STUDIO -> CalendlyFixtures.TEST_SIGNING_KEY;
            case RIVAL -> RIVAL_SIGNING_KEY;
            default -> "whsec-" + studio;
        };
    }

    /** Posts a Calendly delivery signed now with the studio's key, as Calendly would; returns the status. */
    public int deliver(String studio, byte[] body) {
        return webhook(studio, "application/json",
                CalendlyFixtures.signatureHeader(signingKey(studio), Instant.now(), body), body).statusCode();
    }

    /** A raw webhook request, for hostile input: any content type and signature header (none if null). */
    public HttpResponse<String> webhook(String studio, String contentType, String signature, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(fleet.url(FleetService.WEBHOOK_INGRESS,
                        "/webhooks/calendly/" + studio))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (signature != null) {
            request.header("Calendly-Webhook-Signature", signature);
        }
        return send(request.build());
    }

    /** The signature header Calendly would put on {@code body} for the studio at {@code signedAt}. */
    public static String signature(String studio, Instant signedAt, byte[] body) {
        return CalendlyFixtures.signatureHeader(signingKey(studio), signedAt, body);
    }

    public static String admin(String studio) {
        return DevTokens.token(tenant(studio), UUID.nameUUIDFromBytes(("admin@" + studio).getBytes()), "admin");
    }

    /** The client who booked as {@code email}: booking-service names users by tenant and email. */
    public static String client(String studio, String email) {
        return DevTokens.token(tenant(studio), UserIds.forEmail(tenant(studio), email), "user");
    }

    /** A JSON call to a service's API with a bearer token (none if null) and a body (none if null). */
    public HttpResponse<String> call(FleetService service, String method, String path, String token, Object body) {
        try {
            return call(service, method, path, token, "application/json",
                    body == null ? null : body instanceof byte[] bytes ? bytes : JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> call(FleetService service, String method, String path, String token,
                                     String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(fleet.url(service, path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null && body != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        fleet.close();
        database.close();
        smtp.close();
        calendly.close();
        infrastructure.close();
    }
}
