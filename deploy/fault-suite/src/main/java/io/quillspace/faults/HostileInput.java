package io.quillspace.faults;

import io.quillspace.infra.FleetService;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.quillspace.faults.FaultFleet.RIVAL;
import static io.quillspace.faults.FaultFleet.STUDIO;
import static io.quillspace.infra.FleetService.BOOKING;
import static io.quillspace.infra.FleetService.EMAIL;
import static io.quillspace.infra.FleetService.PROJECT;
import static io.quillspace.infra.FleetService.WEBHOOK_INGRESS;

/**
 * Scenario 8: bad input at every door. Each request must get its documented 4xx as problem+json and change nothing:
 * row counts of every table, records on every topic and messages on the SMTP server are counted after each request
 * and once more after the fleet settled.
 */
final class HostileInput implements Scenario {

    static final String NAME = "8 hostile input";
    private static final String SQL = "'); drop table consultation_bookings; --";
    private static final String HTML = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>";

    private record Attack(String door, String attack, int expected, Supplier<HttpResponse<String>> request) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Outcome> run(FaultFleet fleet) {
        // Real targets: the studio's own consultation, and the rival studio's consultation, proposal, project and job.
        String tag = "h" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String email = "hostile-" + tag + "@example.org";
        String rivalEmail = "rival-" + tag + "@example.org";
        String booking = Journeys.book(fleet, STUDIO, tag, 1, email);
        String rivalBooking = Journeys.book(fleet, RIVAL, tag, 2, rivalEmail);
        String rivalProposal = Journeys.proposeAndAccept(fleet, RIVAL, rivalEmail, rivalBooking);
        String rivalProject = Journeys.project(fleet, rivalBooking);
        String rivalJob = Journeys.emailJob(fleet, rivalBooking);
        Journeys.emailJob(fleet, booking);
        Journeys.awaitQuiet(fleet, Duration.ofSeconds(90));

        List<Attack> attacks = attacks(fleet, booking, email, rivalBooking, rivalProposal, rivalProject, rivalJob,
                rivalEmail);
        List<Outcome> outcomes = new ArrayList<>();
        Ledger.Snapshot start = fleet.ledger().snapshot();
        Ledger.Snapshot before = start;
        for (Attack attack : attacks) {
            HttpResponse<String> response;
            String answer;
            try {
                response = attack.request().get();
                answer = response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("-");
            } catch (RuntimeException e) {
                response = null;
                answer = "no answer: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
            }
            // Whatever the request set off (a record, an outbox event, an email) is counted against it, not the next.
            Journeys.awaitSettled(fleet, Duration.ofSeconds(30));
            Ledger.Snapshot after = fleet.ledger().snapshot();
            List<String> changes = before.changesTo(after);
            // The unsubscribe link's GET is a page a person opens in a browser: its refusal is an HTML page.
            String type = attack.door().equals("GET /unsubscribe") ? "text/html" : "application/problem+json";
            boolean problem = response != null && response.statusCode() == attack.expected()
                    && response.headers().firstValue("Content-Type").orElse("").startsWith(type);
            outcomes.add(Outcome.check(NAME + " — " + attack.door(), attack.attack(),
                    attack.expected() + " " + type + ", nothing changed",
                    answer + (changes.isEmpty() ? "; unchanged" : "; changed " + changes), problem && changes.isEmpty()));
            before = after;
        }
        Journeys.awaitQuiet(fleet, Duration.ofSeconds(60));
        List<String> changes = start.changesTo(fleet.ledger().snapshot());
        outcomes.add(Outcome.check(NAME + " — all doors, settled", attacks.size() + " hostile requests",
                "≥ 40 requests; database, topics and SMTP unchanged after the fleet settled",
                attacks.size() + " requests; " + (changes.isEmpty() ? "unchanged" : "changed " + changes),
                attacks.size() >= 40 && changes.isEmpty()));
        return outcomes;
    }

    private static List<Attack> attacks(FaultFleet fleet, String booking, String email, String rivalBooking,
                                        String rivalProposal, String rivalProject, String rivalJob, String rivalEmail) {
        List<Attack> attacks = new ArrayList<>();
        String admin = FaultFleet.admin(STUDIO);
        String client = FaultFleet.client(STUDIO, email);
        byte[] delivery = Deliveries.created(Deliveries.invitee("hx", 9, "never-" + UUID.randomUUID() + "@example.org",
                Instant.now()));
        Instant now = Instant.now();
        String good = FaultFleet.signature(STUDIO, now, delivery);
        String v1 = good.substring(good.indexOf("v1=") + 3);

        // The webhook endpoint: signatures.
        String webhook = "POST /webhooks/calendly/{studio}";
        attacks.add(new Attack(webhook, "signature forged (HMAC with another key)", 401, () -> fleet.webhook(STUDIO,
                "application/json", FaultFleet.signature(RIVAL, now, delivery), delivery)));
        attacks.add(new Attack(webhook, "signature stale (t 1 h ago)", 401, () -> fleet.webhook(STUDIO, "application/json",
                FaultFleet.signature(STUDIO, now.minus(Duration.ofHours(1)), delivery), delivery)));
        attacks.add(new Attack(webhook, "signature from the future (t in 1 h)", 401, () -> fleet.webhook(STUDIO,
                "application/json", FaultFleet.signature(STUDIO, now.plus(Duration.ofHours(1)), delivery), delivery)));
        attacks.add(new Attack(webhook, "signature truncated (v1 of 63 hex digits)", 401, () -> fleet.webhook(STUDIO,
                "application/json", good.substring(0, good.length() - 1), delivery)));
        attacks.add(new Attack(webhook, "signature not hex (v1 of z's)", 401, () -> fleet.webhook(STUDIO,
                "application/json", "t=" + now.getEpochSecond() + ",v1=" + "z".repeat(64), delivery)));
        attacks.add(new Attack(webhook, "signature with t= twice (stale t signed, fresh t added)", 401, () -> {
            Instant old = now.minus(Duration.ofHours(2));
            String stale = FaultFleet.signature(STUDIO, old, delivery);
            return fleet.webhook(STUDIO, "application/json", "t=" + now.getEpochSecond() + "," + stale, delivery);
        }));
        attacks.add(new Attack(webhook, "no signature header", 401, () -> fleet.webhook(STUDIO, "application/json",
                null, delivery)));
        String flipped = v1.substring(0, 63) + (v1.charAt(63) == '0' ? '1' : '0');
        attacks.add(new Attack(webhook, "signature with its last hex digit changed", 401, () -> fleet.webhook(STUDIO,
                "application/json", "t=" + now.getEpochSecond() + ",v1=" + flipped, delivery)));
        // The webhook endpoint: bodies (each signed correctly, so only the body is wrong).
        byte[] oversize = new byte[300 * 1024];
        java.util.Arrays.fill(oversize, (byte) ' ');
        attacks.add(new Attack(webhook, "body of 300 KiB (limit 256 KiB)", 413, () -> signed(fleet, "application/json",
                oversize)));
        attacks.add(new Attack(webhook, "JSON nested 20,000 deep", 400, () -> signed(fleet, "application/json",
                ("{\"event\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}").getBytes(StandardCharsets.US_ASCII))));
        attacks.add(new Attack(webhook, "wrong content type (text/plain)", 415, () -> signed(fleet, "text/plain",
                delivery)));
        byte[] invalidUtf8 = new String(delivery, StandardCharsets.UTF_8)
                .replace("Writer 9", "Writer \uFFFD").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 2 < invalidUtf8.length; i++) {
            if ((invalidUtf8[i] & 0xFF) == 0xEF && (invalidUtf8[i + 1] & 0xFF) == 0xBF) {
                invalidUtf8[i] = (byte) 0xC3;
                invalidUtf8[i + 1] = (byte) 0x28;
                break;
            }
        }
        attacks.add(new Attack(webhook, "invalid UTF-8 in a string", 400, () -> signed(fleet, "application/json",
                invalidUtf8)));
        attacks.add(new Attack(webhook, "JSON with duplicate keys (\"event\" twice)", 400, () -> signed(fleet,
                "application/json", ("{\"event\":\"invitee.created\",\"event\":\"invitee.canceled\","
                        + new String(delivery, StandardCharsets.UTF_8).substring(1)).getBytes(StandardCharsets.UTF_8))));
        attacks.add(new Attack(webhook, "unknown studio in the path", 404, () -> fleet.webhook("nosuch",
                "application/json", good, delivery)));

        // booking-service: consultations and proposals.
        attacks.add(new Attack("GET /consultations", "page=99999999", 400, () -> fleet.call(BOOKING, "GET",
                "/consultations?page=99999999", admin, null)));
        attacks.add(new Attack("GET /consultations", "page=-1", 400, () -> fleet.call(BOOKING, "GET",
                "/consultations?page=-1", admin, null)));
        attacks.add(new Attack("GET /consultations", "page=abc", 400, () -> fleet.call(BOOKING, "GET",
                "/consultations?page=abc", admin, null)));
        attacks.add(new Attack("GET /consultations", "size=1000000", 400, () -> fleet.call(BOOKING, "GET",
                "/consultations?size=1000000", admin, null)));
        attacks.add(new Attack("GET /consultations/{id}", "the rival studio's consultation", 404, () -> fleet.call(
                BOOKING, "GET", "/consultations/" + rivalBooking, admin, null)));
        attacks.add(new Attack("PUT /consultations/{id}/brief", "the rival studio's consultation", 404, () -> fleet.call(
                BOOKING, "PUT", "/consultations/" + rivalBooking + "/brief", admin, Journeys.brief(email))));
        attacks.add(new Attack("GET /proposals/{id}", "the rival studio's proposal", 404, () -> fleet.call(BOOKING, "GET",
                "/proposals/" + rivalProposal, admin, null)));
        attacks.add(new Attack("POST /proposals/{id}/send", "the rival studio's proposal", 404, () -> fleet.call(BOOKING,
                "POST", "/proposals/" + rivalProposal + "/send", admin, null)));
        Map<String, Object> brief = new HashMap<>(Journeys.brief(email));
        brief.replaceAll((field, value) -> value instanceof String && !field.equals("desiredStartDate")
                ? SQL + HTML : value);
        attacks.add(new Attack("PUT /consultations/{id}/brief", "SQL and HTML in every text field (so no valid email)",
                400, () -> fleet.call(BOOKING, "PUT", "/consultations/" + booking + "/brief", client, brief)));
        Map<String, Object> proposal = new HashMap<>(Journeys.proposal());
        proposal.replaceAll((field, value) -> value instanceof String && !field.equals("validUntil") ? SQL + HTML : value);
        proposal.put("phases", List.of(Map.of("order", 1, "name", SQL + HTML, "estimatedDays", 14,
                "deliverables", List.of(SQL + HTML))));
        attacks.add(new Attack("POST /consultations/{id}/proposals", "SQL and HTML in every text field (so no ISO currency)",
                400, () -> fleet.call(BOOKING, "POST", "/consultations/" + booking + "/proposals", admin, proposal)));
        attacks.add(new Attack("POST /consultations/{id}/proposals", "a client's token (role user)", 403, () -> fleet.call(
                BOOKING, "POST", "/consultations/" + booking + "/proposals", client, Journeys.proposal())));
        attacks.add(new Attack("PUT /consultations/{id}/brief", "not JSON at all", 400, () -> fleet.call(BOOKING, "PUT",
                "/consultations/" + booking + "/brief", client, "application/json",
                "{\"projectName\": ".getBytes(StandardCharsets.UTF_8))));
        // Tokens, one defect each, against the consultations list.
        UUID tenant = FaultFleet.tenant(STUDIO);
        attacks.add(new Attack("GET /consultations", "token alg=none", 401, () -> fleet.call(BOOKING, "GET",
                "/consultations", HostileTokens.unsigned(tenant), null)));
        attacks.add(new Attack("GET /consultations", "token HS256 signed with the public key", 401, () -> fleet.call(
                BOOKING, "GET", "/consultations", HostileTokens.hmacWithPublicKey(tenant), null)));
        attacks.add(new Attack("GET /consultations", "token expired", 401, () -> fleet.call(BOOKING, "GET",
                "/consultations", HostileTokens.expired(tenant), null)));
        attacks.add(new Attack("GET /consultations", "token of another issuer", 401, () -> fleet.call(BOOKING, "GET",
                "/consultations", HostileTokens.wrongIssuer(tenant), null)));
        attacks.add(new Attack("GET /consultations", "token for another audience", 401, () -> fleet.call(BOOKING, "GET",
                "/consultations", HostileTokens.wrongAudience(tenant), null)));
        attacks.add(new Attack("GET /consultations", "token without tenant_id", 401, () -> fleet.call(BOOKING, "GET",
                "/consultations", HostileTokens.withoutTenant(tenant), null)));
        attacks.add(new Attack("GET /consultations", "token with role superadmin", 403, () -> fleet.call(BOOKING, "GET",
                "/consultations", HostileTokens.unknownRole(tenant), null)));

        // project-service.
        attacks.add(new Attack("GET /projects", "page=-1", 400, () -> fleet.call(PROJECT, "GET", "/projects?page=-1",
                admin, null)));
        attacks.add(new Attack("GET /projects", "size=abc", 400, () -> fleet.call(PROJECT, "GET", "/projects?size=abc",
                admin, null)));
        attacks.add(new Attack("GET /projects/{id}", "the rival studio's project", 404, () -> fleet.call(PROJECT, "GET",
                "/projects/" + rivalProject, admin, null)));
        attacks.add(new Attack("PUT /projects/{id}/status", "the rival studio's project", 404, () -> fleet.call(PROJECT,
                "PUT", "/projects/" + rivalProject + "/status", admin, Map.of("status", "active"))));
        attacks.add(new Attack("GET /projects", "token HS256 signed with the public key", 401, () -> fleet.call(PROJECT,
                "GET", "/projects", HostileTokens.hmacWithPublicKey(tenant), null)));

        // email-service: jobs, templates, unsubscribe.
        attacks.add(new Attack("GET /email-jobs", "page=-5", 400, () -> fleet.call(EMAIL, "GET", "/email-jobs?page=-5",
                admin, null)));
        attacks.add(new Attack("GET /email-jobs", "size=99999999999 (not an int)", 400, () -> fleet.call(EMAIL, "GET",
                "/email-jobs?size=99999999999", admin, null)));
        attacks.add(new Attack("POST /email-jobs/{id}/retry", "the rival studio's email job", 404, () -> fleet.call(EMAIL,
                "POST", "/email-jobs/" + rivalJob + "/retry", admin, null)));
        attacks.add(new Attack("GET /email-jobs", "a client's token (role user)", 403, () -> fleet.call(EMAIL, "GET",
                "/email-jobs", client, null)));
        attacks.add(new Attack("GET /email-jobs", "token alg=none", 401, () -> fleet.call(EMAIL, "GET", "/email-jobs",
                HostileTokens.unsigned(tenant), null)));
        attacks.add(template(fleet, admin, "PUT", "a configuration value ({config:quarkus.datasource.password})",
                "{config:quarkus.datasource.password}"));
        attacks.add(template(fleet, admin, "POST", "a configuration value in a preview ({config:mp.jwt.verify.publickey.location})",
                "{config:mp.jwt.verify.publickey.location}"));
        attacks.add(template(fleet, admin, "PUT", "a CDI bean ({inject:emailDispatcher})", "{inject:emailDispatcher}"));
        attacks.add(template(fleet, admin, "POST", "a bean through cdi: in a preview ({cdi:emailTemplates})",
                "{cdi:emailTemplates}"));
        attacks.add(template(fleet, admin, "POST", "a loop without bound in a preview ({#for i in 2000000000}…)",
                "{#for i in 2000000000}{#for j in 2000000000}x{/for}{/for}"));
        attacks.add(template(fleet, admin, "PUT", "raw output ({inviteeName.raw})", "{inviteeName.raw}"));
        attacks.add(template(fleet, admin, "PUT", "raw output ({inviteeName|raw})", "{inviteeName|raw}"));
        attacks.add(new Attack("GET /unsubscribe", "forged token for this studio and the rival's client", 400, () ->
                fleet.call(EMAIL, "GET", "/unsubscribe?tenant=" + tenant + "&email=" + rivalEmail + "&token="
                        + "0".repeat(64), null, null)));
        attacks.add(new Attack("POST /unsubscribe", "the rival studio's tenant with a forged token", 400, () ->
                fleet.call(EMAIL, "POST", "/unsubscribe?tenant=" + FaultFleet.tenant(RIVAL) + "&email=" + rivalEmail
                        + "&token=forged", null, null)));
        attacks.add(new Attack("GET /unsubscribe", "tenant that is not a UUID", 400, () -> fleet.call(EMAIL, "GET",
                "/unsubscribe?tenant=%27%20or%201%3D1--&email=" + email + "&token=x", null, null)));

        // webhook-ingress's operator endpoints.
        attacks.add(new Attack("POST /calendly/{studio}/reconciliations", "a client's token (role user)", 403, () ->
                fleet.call(WEBHOOK_INGRESS, "POST", "/calendly/" + STUDIO + "/reconciliations", client, null)));
        attacks.add(new Attack("GET /calendly/{studio}/subscription", "token alg=none", 401, () -> fleet.call(
                WEBHOOK_INGRESS, "GET", "/calendly/" + STUDIO + "/subscription", HostileTokens.unsigned(tenant), null)));
        // Like every other tenant's resource, another studio is not there for this studio's admin.
        attacks.add(new Attack("PUT /calendly/{studio}/subscription", "this studio's admin on the rival studio", 404, () ->
                fleet.call(WEBHOOK_INGRESS, "PUT", "/calendly/" + RIVAL + "/subscription", admin, null)));
        attacks.add(new Attack("POST /calendly/{studio}/reconciliations", "expired token", 401, () -> fleet.call(
                WEBHOOK_INGRESS, "POST", "/calendly/" + STUDIO + "/reconciliations", HostileTokens.expired(tenant), null)));
        return attacks;
    }

    private static HttpResponse<String> signed(FaultFleet fleet, String contentType, byte[] body) {
        return fleet.webhook(STUDIO, contentType, FaultFleet.signature(STUDIO, Instant.now(), body), body);
    }

    private static Attack template(FaultFleet fleet, String admin, String method, String attack, String expression) {
        Map<String, String> body = Map.of("subject", "Hello " + expression, "html", "<p>" + expression + "</p>",
                "text", expression);
        String path = method.equals("PUT") ? "/email-templates/CONFIRMATION" : "/email-templates/CONFIRMATION/preview";
        return new Attack(method + " " + path.replace("CONFIRMATION", "{kind}"), attack, 400,
                () -> fleet.call(EMAIL, method, path, admin, body));
    }
}
