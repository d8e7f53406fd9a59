package io.quillspace.shared.files;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileKeysTest {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    private static final UUID FILE = UUID.fromString("00000000-0000-0000-0000-0000000000c3");

    @Test
    void aPendingFileMayAlsoHaveBeenCopiedToItsAttachedKey() {
        assertEquals(List.of("pending/" + TENANT + "/" + OWNER + "/" + FILE, TENANT + "/" + OWNER + "/" + FILE),
                FileKeys.everyCopy(FileKeys.pending(TENANT, OWNER, FILE)));
    }

    @Test
    void anAttachedFileMayStillHaveItsPendingUpload() {
        assertEquals(List.of(FileKeys.pending(TENANT, OWNER, FILE), FileKeys.attached(TENANT, OWNER, FILE)),
                FileKeys.everyCopy(FileKeys.attached(TENANT, OWNER, FILE)));
    }
}
