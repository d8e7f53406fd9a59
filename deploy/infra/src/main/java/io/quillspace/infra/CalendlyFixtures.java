package io.quillspace.infra;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

/** Realistic Calendly deliveries (classpath {@code calendly/}) and the signature Calendly would put on them. */
public final class CalendlyFixtures {

    /** The signing key of the fixtures' published test vectors; also the local fleet's demo key. */
    public static final String TEST_SIGNING_KEY = "whsec-quillspace-test-key-2026";

    private CalendlyFixtures() {
    }

    /** The exact bytes of a fixture, e.g. {@code invitee.created.json}. */
    public static byte[] body(String name) {
        try (InputStream in = CalendlyFixtures.class.getResourceAsStream("/calendly/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no Calendly fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code t=<unix>,v1=<hex HMAC-SHA256 of "<t>." + body>}, as Calendly signs. */
    public static String signatureHeader(String key, Instant signedAt, byte[] body) {
        return "t=" + signedAt.getEpochSecond() + ",v1=" + signature(key, signedAt, body);
    }

    public static String signature(String key, Instant signedAt, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((signedAt.getEpochSecond() + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
