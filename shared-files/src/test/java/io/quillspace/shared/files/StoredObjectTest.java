package io.quillspace.shared.files;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StoredObjectTest {

    private static final String SHA = "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=";
    private static final FileDeclaration DECLARED = new FileDeclaration("a.pdf", "application/pdf", 10, SHA);

    @Test
    void theDeclaredUploadHasNoDifferences() {
        assertEquals(List.of(), new StoredObject(10, "application/pdf", SHA).differencesFrom(DECLARED));
    }

    @Test
    void everyDifferenceIsNamed() {
        assertEquals(List.of("size 11 instead of 10", "type text/plain instead of application/pdf",
                        "a SHA-256 other than the declared one"),
                new StoredObject(11, "text/plain", null).differencesFrom(DECLARED));
    }

    @Test
    void noChecksumDeclaredMeansNoneIsCompared() {
        FileDeclaration withoutChecksum = new FileDeclaration("a.pdf", "application/pdf", 10, null);
        assertEquals(List.of(), new StoredObject(10, "application/pdf", null).differencesFrom(withoutChecksum));
    }
}
