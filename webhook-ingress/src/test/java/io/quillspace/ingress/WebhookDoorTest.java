package io.quillspace.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.ManagementInterface;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The door refuses on headers alone: each client here sends only the request head of a large body and then stalls,
 * so an answer at all proves the service did not wait for (or buffer) the body.
 */
@QuarkusTest
class WebhookDoorTest {

    /** Far longer than the door needs, far shorter than a client sending the body would take here (never). */
    static final int ANSWER_WITHIN_MILLIS = 3_000;
    /** The door drains a refused body for at most 2 s before it closes the connection. */
    static final int CLOSED_WITHIN_MILLIS = 2_000 + ANSWER_WITHIN_MILLIS;

    @TestHTTPResource("/")
    URL server;

    @Inject
    ObjectMapper objectMapper;

    @Test
    void garbledSignatureHeaderIsRefusedBeforeTheBodyArrives() throws Exception {
        Answer answer = headThenStall("/webhooks/calendly", "application/json", "t=yesterday,v1=nope", 200_000);

        assertEquals(401, answer.status());
        assertEquals("application/problem+json", answer.header("content-type"));
        assertTrue(answer.problem().get("detail").asText().contains("not of the form"), answer.body());
    }

    @Test
    void missingSignatureHeaderIsRefusedBeforeTheBodyArrives() throws Exception {
        Answer answer = headThenStall("/webhooks/calendly", "application/json", null, 200_000);

        assertEquals(401, answer.status());
        assertTrue(answer.problem().get("detail").asText().contains("missing Calendly-Webhook-Signature"), answer.body());
    }

    @Test
    void unknownStudioIsRefusedBeforeTheBodyArrives() throws Exception {
        Answer answer = headThenStall("/webhooks/calendly/nobody", "application/json", wellFormedSignature(), 200_000);

        assertEquals(404, answer.status());
        assertEquals("https://quillspace.io/problems/webhook-unknown-tenant", answer.problem().get("type").asText());
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedWithProblemDetailsBeforeTheBodyArrives() throws Exception {
        Answer answer = headThenStall("/webhooks/calendly", "application/json", wellFormedSignature(), 64L << 20);

        assertEquals(413, answer.status());
        assertEquals("application/problem+json", answer.header("content-type"));
        assertTrue(answer.problem().get("detail").asText().contains("262144 bytes"), answer.body());
    }

    @Test
    void refusedConnectionIsClosedSoAStalledCallerHoldsNothing() throws Exception {
        try (Socket socket = connect()) {
            sendHead(socket, "/webhooks/calendly", "application/json", null, 200_000);
            readAnswer(socket);
            socket.setSoTimeout(CLOSED_WITHIN_MILLIS);
            assertEquals(-1, socket.getInputStream().read(), "the server closes the connection");
        }
    }

    @Test
    void chunkedBodyIsRefusedSinceOnlyADeclaredLengthCanBeCheckedBeforeReading() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /webhooks/calendly HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nCalendly-Webhook-Signature: " + wellFormedSignature()
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Answer answer = readAnswer(socket);

            assertEquals(411, answer.status(), answer.head());
            assertEquals("application/problem+json", answer.header("content-type"));
            assertEquals("https://quillspace.io/problems/webhook-length-required", answer.problem().get("type").asText());
        }
        ManagementInterface.given().when().get("/q/metrics").then().statusCode(200).body(containsString(
                "calendly_webhooks_total{event=\"unknown\",outcome=\"length_required\",tenant=\"studio\"}"));
    }

    private record Answer(String head, String body, ObjectMapper objectMapper) {
        int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }

        String header(String name) {
            return head.lines().filter(line -> line.toLowerCase().startsWith(name + ":"))
                    .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse(null);
        }

        JsonNode problem() throws IOException {
            return objectMapper.readTree(body);
        }
    }

    private Answer headThenStall(String path, String contentType, String signature, long contentLength)
            throws IOException {
        try (Socket socket = connect()) {
            sendHead(socket, path, contentType, signature, contentLength);
            return readAnswer(socket);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(server.getHost(), server.getPort());
        socket.setSoTimeout(ANSWER_WITHIN_MILLIS);
        return socket;
    }

    private static void sendHead(Socket socket, String path, String contentType, String signature, long contentLength)
            throws IOException {
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(contentLength).append("\r\n");
        if (signature != null) {
            head.append("Calendly-Webhook-Signature: ").append(signature).append("\r\n");
        }
        socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The status line, headers and a Content-Length body; a read timeout fails the test (the answer never came). */
    private Answer readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    throw new IOException("connection closed after: " + head);
                }
                head.write(next);
            }
            String headText = head.toString(StandardCharsets.US_ASCII);
            Answer partial = new Answer(headText, "", objectMapper);
            String length = partial.header("content-length");
            byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
            return new Answer(headText, new String(body, StandardCharsets.UTF_8), objectMapper);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + ANSWER_WITHIN_MILLIS + " ms: the service waited for the body");
        }
    }

    private static String wellFormedSignature() {
        return "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64);
    }
}
