package io.quillspace.email.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeSettingsTest {

    @Test
    void aServiceWithoutTheUnsubscribeSecretIsRefusedNamingTheProperty() {
        List<String> missing = RuntimeSettings.missing(Optional.empty());

        assertEquals(1, missing.size());
        assertTrue(missing.get(0).contains("config property quillspace.email.unsubscribe.secret is required"), missing.get(0));
    }

    @Test
    void aBlankSecretCountsAsMissing() {
        assertEquals(1, RuntimeSettings.missing(Optional.of(" ")).size());
    }

    @Test
    void aSetSecretIsEnough() {
        assertEquals(List.of(), RuntimeSettings.missing(Optional.of("s3cret")));
    }
}
