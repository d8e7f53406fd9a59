package io.quillspace.ingress.connection;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyEncryptionTest {

    static final UUID STUDIO = UUID.randomUUID();
    static final String OLD = key();
    static final String NEW = key();

    final KeyEncryption encryption = new KeyEncryption(Map.of("old", OLD, "new", NEW), "new", new SecureRandom());

    @Test
    void aSealedValueOpensForItsStudioAndPurposeUnderTheCurrentKek() {
        KeyEncryption.Sealed sealed = encryption.sealText(STUDIO, KeyEncryption.TOKEN, "calendly-pat");
        assertEquals("new", sealed.kekId());
        assertFalse(new String(sealed.ciphertext()).contains("calendly-pat"));
        assertEquals("calendly-pat", encryption.openText(STUDIO, KeyEncryption.TOKEN, sealed));
    }

    @Test
    void everySealingTakesAFreshNonce() {
        KeyEncryption.Sealed first = encryption.sealText(STUDIO, KeyEncryption.TOKEN, "same");
        KeyEncryption.Sealed second = encryption.sealText(STUDIO, KeyEncryption.TOKEN, "same");
        assertFalse(java.util.Arrays.equals(first.ciphertext(), second.ciphertext()));
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        KeyEncryption.Sealed sealed = encryption.sealText(STUDIO, KeyEncryption.TOKEN, "calendly-pat");
        for (int at : new int[]{0, 12, sealed.ciphertext().length - 1}) {
            byte[] tampered = sealed.ciphertext().clone();
            tampered[at] ^= 1;
            assertThrows(KeyEncryption.UnsealableException.class,
                    () -> encryption.open(STUDIO, KeyEncryption.TOKEN, new KeyEncryption.Sealed("new", tampered)));
        }
        assertThrows(KeyEncryption.UnsealableException.class,
                () -> encryption.open(STUDIO, KeyEncryption.TOKEN, new KeyEncryption.Sealed("new", new byte[5])));
    }

    @Test
    void aCiphertextMovedToAnotherStudioOrPurposeDoesNotOpen() {
        KeyEncryption.Sealed sealed = encryption.sealText(STUDIO, KeyEncryption.signingKeyPurpose(1), "whsec");
        assertThrows(KeyEncryption.UnsealableException.class,
                () -> encryption.open(UUID.randomUUID(), KeyEncryption.signingKeyPurpose(1), sealed));
        assertThrows(KeyEncryption.UnsealableException.class,
                () -> encryption.open(STUDIO, KeyEncryption.signingKeyPurpose(2), sealed));
        assertThrows(KeyEncryption.UnsealableException.class, () -> encryption.open(STUDIO, KeyEncryption.TOKEN, sealed));
    }

    @Test
    void anOlderKekStillOpensWhatItSealedAndAnUnknownOneIsNamed() {
        KeyEncryption before = new KeyEncryption(Map.of("old", OLD), "old", new SecureRandom());
        KeyEncryption.Sealed sealed = before.seal(STUDIO, KeyEncryption.TOKEN, new byte[]{1, 2, 3});
        assertArrayEquals(new byte[]{1, 2, 3}, encryption.open(STUDIO, KeyEncryption.TOKEN, sealed));

        KeyEncryption after = new KeyEncryption(Map.of("new", NEW), "new", new SecureRandom());
        var failure = assertThrows(KeyEncryption.UnsealableException.class,
                () -> after.open(STUDIO, KeyEncryption.TOKEN, sealed));
        assertTrue(failure.getMessage().contains("'old'"), failure.getMessage());
    }

    @Test
    void aKekOfTheWrongSizeOrACurrentIdWithoutAKeyIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new KeyEncryption(Map.of("short",
                Base64.getEncoder().encodeToString(new byte[16])), "short", new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> new KeyEncryption(Map.of("k", "not base64!"), "k",
                new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> new KeyEncryption(Map.of("old", OLD), "new",
                new SecureRandom()));
    }

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
