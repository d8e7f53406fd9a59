package io.quillspace.ingress.connection;

import io.quillspace.ingress.config.IngressConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Seals a studio's secrets (its Calendly token, its signing keys) with AES-256-GCM under a key-encryption key (KEK)
 * from configuration. Each value gets a random 96-bit nonce, and its associated data binds the studio and the
 * purpose, so a ciphertext copied to another studio's row or column does not open. The KEK id travels beside the
 * ciphertext: several KEKs may be configured at once while {@link KekReseal} moves every value to the current one.
 */
@ApplicationScoped
public class KeyEncryption {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    /** A value sealed under KEK {@code kekId}: {@code nonce || ciphertext || tag}. */
    public record Sealed(String kekId, byte[] ciphertext) {
    }

    /** What a value is, as bound into its associated data: the studio's Calendly token... */
    public static final String TOKEN = "calendly-token";

    /** ...or one generation of its signing key. */
    public static String signingKeyPurpose(int generation) {
        return "signing-key:" + generation;
    }

    private final Map<String, SecretKeySpec> keks;
    private final String current;
    private final SecureRandom random;

    @Inject
    public KeyEncryption(IngressConfig config) {
        this(config.kek().keys(), config.kek().current().orElseThrow(() -> new IllegalArgumentException(
                "quillspace.ingress.kek.current is not set: the key-encryption keys come from Secret webhook-ingress-kek")),
                new SecureRandom());
    }

    /** @param keks base64 of 32 bytes, by KEK id; {@code current} must be one of them */
    public KeyEncryption(Map<String, String> keks, String current, SecureRandom random) {
        Map<String, SecretKeySpec> decoded = new TreeMap<>();
        keks.forEach((id, base64) -> decoded.put(id, aesKey(id, base64)));
        if (!decoded.containsKey(current)) {
            throw new IllegalArgumentException("quillspace.ingress.kek.current names KEK '" + current
                    + "', which quillspace.ingress.kek.keys does not hold");
        }
        this.keks = Map.copyOf(decoded);
        this.current = current;
        this.random = random;
    }

    /** The KEK that seals from now on. */
    public String currentKek() {
        return current;
    }

    public Sealed seal(UUID studio, String purpose, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keks.get(current), nonce, studio, purpose);
            byte[] sealed = cipher.doFinal(plaintext);
            return new Sealed(current, ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The plaintext; fails when the KEK is unknown or the ciphertext, the studio or the purpose is not the sealed one. */
    public byte[] open(UUID studio, String purpose, Sealed sealed) {
        SecretKeySpec kek = keks.get(sealed.kekId());
        if (kek == null) {
            throw new UnsealableException("KEK '" + sealed.kekId() + "' is not configured (quillspace.ingress.kek.keys)");
        }
        byte[] text = sealed.ciphertext();
        if (text.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnsealableException("ciphertext too short");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, kek, Arrays.copyOf(text, NONCE_BYTES), studio, purpose);
            return cipher.doFinal(text, NONCE_BYTES, text.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new UnsealableException("ciphertext does not authenticate for studio " + studio + " and " + purpose);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String openText(UUID studio, String purpose, Sealed sealed) {
        return new String(open(studio, purpose, sealed), StandardCharsets.UTF_8);
    }

    public Sealed sealText(UUID studio, String purpose, String plaintext) {
        return seal(studio, purpose, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    private static Cipher cipher(int mode, SecretKeySpec kek, byte[] nonce, UUID studio, String purpose)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, kek, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((studio + "|" + purpose).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKeySpec aesKey(String id, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("KEK '" + id + "' is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("KEK '" + id + "' must be " + KEY_BYTES + " bytes, not " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }

    /** A stored value that cannot be opened: its KEK is gone, or it was altered or moved. */
    public static class UnsealableException extends RuntimeException {
        UnsealableException(String message) {
            super(message);
        }
    }
}
