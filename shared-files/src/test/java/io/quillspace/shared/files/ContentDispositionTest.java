package io.quillspace.shared.files;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContentDispositionTest {

    @Test
    void aPlainNameIsQuotedAndEncodedAsIs() {
        assertEquals("attachment; filename=\"Chapter 1.docx\"; filename*=UTF-8''Chapter%201.docx",
                ContentDisposition.attachment("Chapter 1.docx"));
    }

    @Test
    void quotesAndBackslashesNeverCloseTheQuotedName() {
        assertEquals("attachment; filename=\"say _hi_.pdf_; x=_y\"; filename*=UTF-8''say%20%22hi%22.pdf%22%3B%20x%3D%22y",
                ContentDisposition.attachment("say \"hi\".pdf\"; x=\"y"));
    }

    @Test
    void pathSeparatorsBecomeUnderscoresSoNoPathIsSuggested() {
        assertEquals("attachment; filename=\".._.._etc_passwd\"; filename*=UTF-8''.._.._etc_passwd",
                ContentDisposition.attachment("../..\\etc/passwd"));
    }

    @Test
    void aRightToLeftOverrideCannotDisguiseTheExtension() {
        assertEquals("attachment; filename=\"evil_fdp.exe\"; filename*=UTF-8''evil_fdp.exe",
                ContentDisposition.attachment("evil\u202Efdp.exe"));
    }

    @Test
    void nonAsciiLettersSurviveInTheEncodedForm() {
        assertEquals("attachment; filename=\"Man_scrit _.md\"; filename*=UTF-8''Man%C3%BAscrit%20%E6%9B%B8.md",
                ContentDisposition.attachment("Manúscrit 書.md"));
    }
}
