package io.quillspace.infra.launcher;

import io.quillspace.infra.DevTokens;
import io.quillspace.infra.FleetService;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * {@code ./quillspace calendly subscribe|status|sweep <studio> [tenant-uuid]}: asks the running local webhook-ingress
 * (which holds the one Calendly API client and the studio's token and signing keys) to (re)create the studio's webhook
 * subscription, read it, or sweep Calendly now. Authenticates as an admin of the studio with the development key, which
 * only the local fleet accepts; a cluster runs k8s/operations/calendly-subscribe-job.yaml instead.
 */
final class CalendlyCommand {

    static final String USAGE = "calendly subscribe|status|sweep <studio> [tenant-uuid]";
    /** Where the local webhook-ingress listens, unless {@code QUILLSPACE_INGRESS_URL} says otherwise. */
    static final String INGRESS_URL_ENV = "QUILLSPACE_INGRESS_URL";

    private CalendlyCommand() {
    }

    /** Prints the ingress's answer; the exit status is 0 for a 2xx answer, 1 otherwise. */
    static int run(List<String> args) throws IOException, InterruptedException {
        if (args.size() < 2 || args.size() > 3 || !List.of("subscribe", "status", "sweep").contains(args.get(0))) {
            System.err.println("usage: quillspace " + USAGE);
            return 2;
        }
        String studio = args.get(1);
        UUID tenant = args.size() == 3 ? UUID.fromString(args.get(2)) : Fleet.DEMO_TENANT;
        String base = System.getenv().getOrDefault(INGRESS_URL_ENV,
                "http://127.0.0.1:" + FleetService.WEBHOOK_INGRESS.localPorts().api());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request(args.get(0), base, studio, tenant),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("HTTP " + answer.statusCode() + " " + answer.body());
        return answer.statusCode() / 100 == 2 ? 0 : 1;
    }

    static HttpRequest request(String action, String base, String studio, UUID tenant) {
        String path = action.equals("sweep") ? "/reconciliations" : "/subscription";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/calendly/" + studio + path))
                .header("Authorization", "Bearer " + DevTokens.token(tenant, Demo.ADMIN, "admin"))
                // A sweep that waits out Calendly's rate limits takes minutes.
                .timeout(Duration.ofMinutes(10));
        return switch (action) {
            case "subscribe" -> request.PUT(HttpRequest.BodyPublishers.noBody()).build();
            case "sweep" -> request.POST(HttpRequest.BodyPublishers.noBody()).build();
            default -> request.GET().build();
        };
    }
}
