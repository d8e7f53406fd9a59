package io.quillspace.infra.launcher;

import io.quillspace.infra.DevTokens;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.KafkaBroker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./quillspace up} and {@code ./quillspace demo}: the whole fleet on this machine, with embedded PostgreSQL,
 * Kafka and SMTP unless external ones are configured. Ctrl-C stops everything.
 */
public final class FleetLauncher {

    static final Infrastructure.Ports LOCAL_PORTS = new Infrastructure.Ports(55432, 59092, 2525);
    static final int MAIL_VIEWER_PORT = 8025;

    /** Loggers kept referenced so their levels stick. */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("state.change.logger"), Logger.getLogger("io.zonky"), Logger.getLogger("com.icegreen"));

    private FleetLauncher() {
    }

    public static void main(String[] args) throws Exception {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        String mode = args.length == 0 ? "up" : args[0];
        boolean exitAfterDemo = List.of(args).contains("--exit");
        if (mode.equals("token")) {
            System.out.println(demoToken(args));
            return;
        }
        if (mode.equals("dlq")) {
            String external = System.getenv(KafkaBroker.EXTERNAL_ENV);
            String broker = external != null ? external : "127.0.0.1:" + LOCAL_PORTS.kafka();
            DeadLetterReplay.runFromCommandLine(broker, List.of(args).subList(1, args.length));
            return;
        }
        if (mode.equals("calendly")) {
            System.exit(CalendlyCommand.run(List.of(args).subList(1, args.length)));
        }
        if (!mode.equals("up") && !mode.equals("demo")) {
            System.err.println("usage: quillspace up | demo [--exit] | token user|admin|operator [uuid] | dlq <topic>.dlq [--replay]"
                    + " | " + CalendlyCommand.USAGE);
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();

        List<String> busy = BusyPorts.among(localPorts());
        if (!busy.isEmpty()) {
            busy.forEach(line -> say(line));
            say("nothing was started: is another QuillSpace fleet still running? (ss -ltnp shows who holds a port)");
            System.exit(1);
        }

        long started = System.nanoTime();
        say("starting PostgreSQL, Kafka and SMTP ...");
        Infrastructure infrastructure = Infrastructure.start(LOCAL_PORTS, false);
        MailViewer mailViewer;
        Fleet fleet;
        try {
            mailViewer = MailViewer.start(infrastructure.smtp(), MAIL_VIEWER_PORT);
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        say("migrating the databases, then starting the four services ...");
        try {
            fleet = Fleet.start(infrastructure, root, FleetService::localPorts, Duration.ofMinutes(3),
                    service -> say(String.format("  %-16s ready at %s", service.module(), "http://127.0.0.1:"
                            + service.localPorts().api())));
        } catch (RuntimeException e) {
            say("start-up failed, stopping what was started: " + e.getMessage());
            mailViewer.close();
            infrastructure.close();
            throw e;
        }
        Runnable stop = () -> {
            say("stopping ...");
            fleet.close();
            mailViewer.close();
            infrastructure.close();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "quillspace-stop"));

        say(String.format("fleet ready in %.1f s", (System.nanoTime() - started) / 1e9));
        for (FleetService service : FleetService.values()) {
            say(String.format("  %-16s %s  (health %s, metrics %s, OpenAPI %s)", service.module(),
                    fleet.url(service, "/"), fleet.managementUrl(service, "/q/health"),
                    fleet.managementUrl(service, "/q/metrics"), fleet.managementUrl(service, "/q/openapi")));
        }
        say("  webhook          POST " + fleet.url(FleetService.WEBHOOK_INGRESS, "/webhooks/calendly"));
        say("  PostgreSQL       " + infrastructure.postgres().host() + ":" + infrastructure.postgres().port());
        say("  Kafka            " + infrastructure.kafka().bootstrapServers());
        say("  SMTP             " + infrastructure.smtp().host() + ":" + infrastructure.smtp().port()
                + "  (received mail: http://127.0.0.1:" + mailViewer.port() + "/)");
        say("  logs             " + root.resolve(".quillspace/logs"));

        if (mode.equals("demo")) {
            int status = Demo.postSignedBooking(fleet);
            say("posted signed invitee.created.json to webhook-ingress: HTTP " + status);
            var confirmation = Demo.awaitMessageTo(infrastructure.smtp(), Demo.INVITEE_EMAIL, Duration.ofSeconds(60));
            if (confirmation.isEmpty()) {
                say("no confirmation email arrived within 60 s; see the logs above");
                System.exit(1);
            }
            say("confirmation email delivered over SMTP:\n\n" + MailViewer.describe(confirmation.get()));
            var project = Demo.acceptAProposal(fleet, Duration.ofSeconds(60));
            say("brief submitted, proposal sent and accepted: project-service started project " + project.path("id")
                    .asText() + " \"" + project.path("name").asText() + "\", kicking off " + project.path("kickoffDate")
                    .asText() + " with " + project.path("phases").size() + " phases");
            var kickoff = Demo.awaitMessageTo(infrastructure.smtp(), Demo.INVITEE_EMAIL, "Your project",
                    Duration.ofSeconds(60));
            if (kickoff.isEmpty()) {
                say("no kickoff email arrived within 60 s; see the logs above");
                System.exit(1);
            }
            say("kickoff email delivered over SMTP:\n\n" + MailViewer.describe(kickoff.get()));
            var manuscript = Demo.attachManuscript(fleet);
            say("manuscript attached to the brief through the object store: \"" + manuscript.path("fileName").asText()
                    + "\" (" + manuscript.path("size").asLong() + " bytes); download link, valid 5 minutes:\n  "
                    + manuscript.at("/download/url").asText());
            if (exitAfterDemo) {
                System.exit(0);
            }
        }
        say("press Ctrl-C to stop");
        new CountDownLatch(1).await();
    }

    /** Every fixed port of the local fleet and what it is for. */
    static Map<Integer, String> localPorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(LOCAL_PORTS.postgres(), "PostgreSQL");
        ports.put(LOCAL_PORTS.kafka(), "Kafka");
        ports.put(LOCAL_PORTS.smtp(), "SMTP");
        ports.put(MAIL_VIEWER_PORT, "mail viewer");
        for (FleetService service : FleetService.values()) {
            ports.put(service.localPorts().api(), service.module() + " API");
            ports.put(service.localPorts().management(), service.module() + " management");
        }
        return ports;
    }

    /**
     * A token of the local fleet's demo studio, signed with the development key. The user defaults to the demo's
     * client (the invitee of the sample booking, so {@code GET /consultations} shows it) or to a demo admin.
     */
    static String demoToken(String[] args) {
        String role = args.length > 1 ? args[1] : "user";
        if (role.equals("operator")) {
            return DevTokens.operatorToken(args.length > 2 ? UUID.fromString(args[2]) : UUID.randomUUID());
        }
        if (!role.equals("user") && !role.equals("admin")) {
            throw new IllegalArgumentException("role must be user, admin or operator");
        }
        UUID user = args.length > 2 ? UUID.fromString(args[2])
                : role.equals("admin") ? Demo.ADMIN : Demo.CLIENT;
        return DevTokens.token(Fleet.DEMO_TENANT, user, role);
    }

    private static void say(String line) {
        System.out.println("[quillspace] " + line);
    }
}
