package io.quillspace.ingress.service;

import io.quillspace.ingress.config.IngressConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies {@code Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex>} over {@code "<t>." + raw body bytes}, the way
 * Calendly signs. Runs before any JSON parsing; compares in constant time; accepts any listed {@code v1} under any of
 * the tenant's active keys.
 */
@ApplicationScoped
public class SignatureVerifier {

    public static final String HEADER = "Calendly-Webhook-Signature";
    private static final int SHA256_BYTES = 32;

    private final Clock clock;
    private final IngressConfig.Signature config;
    /** One keyed MAC per signing key, cloned per use: keying costs more than hashing a small body. */
    private final Map<String, Mac> keyedMacs = new ConcurrentHashMap<>();

    public SignatureVerifier(Clock clock, IngressConfig config) {
        this.clock = clock;
        this.config = config.signature();
    }

    /** The header's parts; that a header parses says nothing yet about whether it is authentic. */
    public record ParsedHeader(String timestamp, long epochSeconds, List<byte[]> signatures) {
    }

    public void verify(ParsedHeader parsed, byte[] body, List<String> signingKeys) {
        Instant signedAt = Instant.ofEpochSecond(parsed.epochSeconds());
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(config.tolerance()))) {
            throw new DeliveryRejectedException(Outcome.STALE,
                    "signature timestamp is older than " + config.tolerance().toSeconds() + " s");
        }
        if (signedAt.isAfter(now.plus(config.futureSkew()))) {
            throw new DeliveryRejectedException(Outcome.STALE,
                    "signature timestamp is more than " + config.futureSkew().toSeconds() + " s in the future");
        }
        byte[] prefix = (parsed.timestamp() + ".").getBytes(StandardCharsets.US_ASCII);
        for (String key : signingKeys) {
            byte[] expected = hmacSha256(keyedMac(key), prefix, body);
            for (byte[] candidate : parsed.signatures()) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return;
                }
            }
        }
        throw new DeliveryRejectedException(Outcome.UNAUTHORIZED, "signature does not match any active signing key");
    }

    /** Refuses a missing or garbled header: a check on the header alone, so it can run before the body is read. */
    public static ParsedHeader parse(String header) {
        if (header == null || header.isBlank()) {
            throw new DeliveryRejectedException(Outcome.UNAUTHORIZED, "missing " + HEADER + " header");
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String element : header.split(",")) {
            int equals = element.indexOf('=');
            if (equals <= 0) {
                throw garbled();
            }
            String name = element.substring(0, equals).trim();
            String value = element.substring(equals + 1).trim();
            if (name.equals("t")) {
                timestamp = value;
            } else if (name.equals("v1")) {
                signatures.add(decodeSignature(value));
            }
        }
        if (timestamp == null || signatures.isEmpty() || !isUnixSeconds(timestamp)) {
            throw garbled();
        }
        return new ParsedHeader(timestamp, Long.parseLong(timestamp), signatures);
    }

    private static boolean isUnixSeconds(String value) {
        if (value.isEmpty() || value.length() > 12) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] decodeSignature(String hex) {
        if (hex.length() != SHA256_BYTES * 2) {
            throw garbled();
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw garbled();
        }
    }

    private static DeliveryRejectedException garbled() {
        return new DeliveryRejectedException(Outcome.UNAUTHORIZED,
                HEADER + " header is not of the form t=<unix seconds>,v1=<hex sha256>");
    }

    private Mac keyedMac(String key) {
        return keyedMacs.computeIfAbsent(key, k -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(k.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    private static byte[] hmacSha256(Mac keyed, byte[] prefix, byte[] body) {
        try {
            Mac mac = (Mac) keyed.clone();
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 provider cannot clone a keyed MAC", e);
        }
    }
}
