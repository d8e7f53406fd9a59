package io.quillspace.ingress.connection;

import io.quillspace.ingress.entity.SigningKey;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** New signing keys, and keys as stored: sealed, bound to their studio and generation. */
public final class SigningKeys {

    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningKeys() {
    }

    /**
     * 32 random bytes as URL-safe base64: Calendly takes the signing key as a string and signs with its UTF-8 bytes,
     * as the webhook door verifies.
     */
    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** The stored key, opened. */
    static String opened(KeyEncryption encryption, SigningKey key) {
        return encryption.openText(key.tenantId, KeyEncryption.signingKeyPurpose(key.generation),
                new KeyEncryption.Sealed(key.signingKeyKek, key.signingKey));
    }

    static SigningKey sealed(KeyEncryption encryption, UUID studio, int generation, String key, Instant now) {
        KeyEncryption.Sealed sealed = encryption.sealText(studio, KeyEncryption.signingKeyPurpose(generation), key);
        SigningKey stored = new SigningKey();
        stored.tenantId = studio;
        stored.generation = generation;
        stored.signingKey = sealed.ciphertext();
        stored.signingKeyKek = sealed.kekId();
        stored.createdAt = now;
        return stored;
    }
}
