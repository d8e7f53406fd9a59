package io.quillspace.infra;

import io.quillspace.shared.files.FilePresigner;
import io.quillspace.shared.files.FileStorageConfig;
import io.quillspace.shared.files.PresignedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded store refuses what AWS S3 refuses; otherwise the services' refusal tests would prove nothing. Requests
 * go out through a plain HTTP client, as a browser's would.
 */
class ObjectStoreTest {

    private static final byte[] MANUSCRIPT = "Chapter one. It was a dark and stormy night.".getBytes(StandardCharsets.UTF_8);
    private static final Duration TTL = Duration.ofMinutes(15);

    private static ObjectStore store;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        store = ObjectStore.start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
    }

    @Test
    void anUploadSignedForItsSizeAndTypeIsStoredAndComesBackByteForByte() throws Exception {
        String key = newKey();
        PresignedRequest upload = presigner(Clock.systemUTC(), ObjectStore.SECRET_KEY)
                .upload(key, "text/plain", MANUSCRIPT.length, null, TTL);

        assertEquals(200, send(upload, "text/plain", MANUSCRIPT).statusCode());

        PresignedRequest download = presigner(Clock.systemUTC(), ObjectStore.SECRET_KEY)
                .download(key, "attachment; filename=\"a.txt\"", TTL);
        HttpResponse<byte[]> got = HTTP.send(HttpRequest.newBuilder(download.url()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, got.statusCode());
        assertArrayEquals(MANUSCRIPT, got.body());
        assertEquals(Optional.of("attachment; filename=\"a.txt\""), got.headers().firstValue("Content-Disposition"));
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() throws Exception {
        PresignedRequest upload = presigner(Clock.systemUTC(), "not-the-secret")
                .upload(newKey(), "text/plain", MANUSCRIPT.length, null, TTL);

        HttpResponse<String> refused = send(upload, "text/plain", MANUSCRIPT);

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("SignatureDoesNotMatch"), refused.body());
    }

    @Test
    void anExpiredUrlIsRefused() throws Exception {
        Clock sixteenMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(16)), ZoneOffset.UTC);
        PresignedRequest upload = presigner(sixteenMinutesAgo, ObjectStore.SECRET_KEY)
                .upload(newKey(), "text/plain", MANUSCRIPT.length, null, TTL);

        HttpResponse<String> refused = send(upload, "text/plain", MANUSCRIPT);

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("Request has expired"), refused.body());
    }

    @Test
    void aBodyLargerThanTheSignedLengthIsRefused() throws Exception {
        PresignedRequest upload = presigner(Clock.systemUTC(), ObjectStore.SECRET_KEY)
                .upload(newKey(), "text/plain", MANUSCRIPT.length - 1, null, TTL);

        HttpResponse<String> refused = send(upload, "text/plain", MANUSCRIPT);

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("SignatureDoesNotMatch"), refused.body());
    }

    @Test
    void aContentTypeOtherThanTheSignedOneIsRefused() throws Exception {
        PresignedRequest upload = presigner(Clock.systemUTC(), ObjectStore.SECRET_KEY)
                .upload(newKey(), "application/pdf", MANUSCRIPT.length, null, TTL);

        HttpResponse<String> refused = send(upload, "text/html", MANUSCRIPT);

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("SignatureDoesNotMatch"), refused.body());
    }

    /** Sends the presigned request with its headers, except Content-Type, which the caller chooses. */
    private static HttpResponse<String> send(PresignedRequest request, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        // java.net.http sets Content-Length from the body itself, as a browser does.
        request.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Content-Type")) {
                builder.header(name, value);
            }
        });
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String newKey() {
        return "pending/" + UUID.randomUUID() + "/" + UUID.randomUUID();
    }

    private static FilePresigner presigner(Clock clock, String secret) {
        Map<String, String> config = store.quarkusConfig();
        return new FilePresigner(new FileStorageConfig() {
            public Optional<URI> endpoint() {
                return Optional.of(URI.create(config.get("quillspace.files.endpoint")));
            }

            public String region() {
                return ObjectStore.REGION;
            }

            public String bucket() {
                return ObjectStore.BUCKET;
            }

            public boolean pathStyle() {
                return true;
            }

            public String accessKey() {
                return ObjectStore.ACCESS_KEY;
            }

            public String secretKey() {
                return secret;
            }

            public Duration uploadTtl() {
                return TTL;
            }

            public Duration downloadTtl() {
                return TTL;
            }
        }, clock);
    }
}
