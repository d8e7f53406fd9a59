package io.quillspace.infra;

import io.quillspace.infra.testing.PresignedTransfer;
import io.quillspace.shared.files.FilePresigner;
import io.quillspace.shared.files.FileStorageConfig;
import io.quillspace.shared.files.PresignedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
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

    @BeforeAll
    static void start() {
        store = ObjectStore.start(0);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void anUploadSignedForItsSizeAndTypeIsStoredAndComesBackByteForByte() {
        String key = newKey();
        PresignedRequest upload = presigner(Clock.systemUTC(), ObjectStore.SECRET_KEY)
                .upload(key, "text/plain", MANUSCRIPT.length, null, TTL);

        assertEquals(200, send(upload, "text/plain", MANUSCRIPT).statusCode());

        PresignedRequest download = presigner(Clock.systemUTC(), ObjectStore.SECRET_KEY)
                .download(key, "attachment; filename=\"a.txt\"", TTL);
        HttpResponse<byte[]> got = PresignedTransfer.download(download.url().toString());
        assertEquals(200, got.statusCode());
        assertArrayEquals(MANUSCRIPT, got.body());
        assertEquals(Optional.of("attachment; filename=\"a.txt\""), got.headers().firstValue("Content-Disposition"));
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        PresignedRequest upload = presigner(Clock.systemUTC(), "not-the-secret")
                .upload(newKey(), "text/plain", MANUSCRIPT.length, null, TTL);

        HttpResponse<String> refused = send(upload, "text/plain", MANUSCRIPT);

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("SignatureDoesNotMatch"), refused.body());
    }

    @Test
    void anExpiredUrlIsRefused() {
        Clock sixteenMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(16)), ZoneOffset.UTC);
        PresignedRequest upload = presigner(sixteenMinutesAgo, ObjectStore.SECRET_KEY)
                .upload(newKey(), "text/plain", MANUSCRIPT.length, null, TTL);

        HttpResponse<String> refused = send(upload, "text/plain", MANUSCRIPT);

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("Request has expired"), refused.body());
    }

    @Test
    void aBodyLargerThanTheSignedLengthIsRefused() {
        PresignedRequest upload = presigner(Clock.systemUTC(), ObjectStore.SECRET_KEY)
                .upload(newKey(), "text/plain", MANUSCRIPT.length - 1, null, TTL);

        HttpResponse<String> refused = send(upload, "text/plain", MANUSCRIPT);

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("SignatureDoesNotMatch"), refused.body());
    }

    @Test
    void aContentTypeOtherThanTheSignedOneIsRefused() {
        PresignedRequest upload = presigner(Clock.systemUTC(), ObjectStore.SECRET_KEY)
                .upload(newKey(), "application/pdf", MANUSCRIPT.length, null, TTL);

        HttpResponse<String> refused = send(upload, "text/html", MANUSCRIPT);

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("SignatureDoesNotMatch"), refused.body());
    }

    /** Sends the presigned request with its headers, except Content-Type, which the caller chooses. */
    private static HttpResponse<String> send(PresignedRequest request, String contentType, byte[] body) {
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put("Content-Type", contentType);
        return PresignedTransfer.upload(request.url().toString(), request.method(), headers, body);
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

            public Optional<String> accessKey() {
                return Optional.of(ObjectStore.ACCESS_KEY);
            }

            public Optional<String> secretKey() {
                return Optional.of(secret);
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
