package io.quillspace.infra.launcher;

import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        if (!mode.equals("up") && !mode.equals("demo")) {
            System.err.println("usage: quillspace up | demo [--exit]");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();

        long started = System.nanoTime();
        say("starting PostgreSQL, Kafka and SMTP ...");
        Infrastructure infrastructure = Infrastructure.start(LOCAL_PORTS, false);
        MailViewer mailViewer = MailViewer.start(infrastructure.smtp(), MAIL_VIEWER_PORT);
        say("starting the four services ...");
        Fleet fleet;
        try {
            fleet = Fleet.start(infrastructure, root, FleetService::localPort, Duration.ofMinutes(3));
        } catch (RuntimeException e) {
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
                    fleet.url(service, "/"), fleet.url(service, "/q/health"), fleet.url(service, "/q/metrics"),
                    fleet.url(service, "/q/openapi")));
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
            if (exitAfterDemo) {
                System.exit(0);
            }
        }
        say("press Ctrl-C to stop");
        new CountDownLatch(1).await();
    }

    private static void say(String line) {
        System.out.println("[quillspace] " + line);
    }
}
