package io.quillspace.ingress.studio;

import io.quillspace.shared.problem.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StudioProfileTest {

    static final StudioProfile VALID = new StudioProfile("Ink & Quill", "Europe/Lisbon", "Ink & Quill Editors",
            "hello@inkquill.example", "https://cdn.inkquill.example/logo.png", "https://inkquill.example");

    @Test
    void aCompleteProfileAndAMinimalOneAreValid() {
        assertEquals(List.of(), VALID.problems());
        assertEquals(List.of(), new StudioProfile("North", "UTC", null, null, null, null).problems());
    }

    @Test
    void everyOffendingFieldIsListedAtOnce() {
        var profile = new StudioProfile(" ", "Mars/Olympus_Mons", "Ink\r\nBcc: victim@example.org", "not-an-email",
                "http://cdn.inkquill.example/logo.png", "https:///no-host");

        assertEquals(List.of("name", "timeZone", "senderDisplayName", "replyTo", "logoUrl", "website"),
                profile.problems().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void aTimeZoneMustBeARegionNotAnOffset() {
        assertEquals(List.of("timeZone"), fields(new StudioProfile("North", "+02:00", null, null, null, null)));
        assertEquals(List.of("timeZone"), fields(new StudioProfile("North", null, null, null, null, null)));
    }

    @Test
    void lengthsAreBounded() {
        var profile = new StudioProfile("n".repeat(StudioProfile.MAX_NAME + 1), "UTC",
                "d".repeat(StudioProfile.MAX_DISPLAY_NAME + 1), "a".repeat(StudioProfile.MAX_EMAIL) + "@x.example",
                "https://x.example/" + "l".repeat(StudioProfile.MAX_URL), null);

        assertEquals(List.of("name", "senderDisplayName", "replyTo", "logoUrl"), fields(profile));
        assertEquals("must be at most 120 characters", profile.problems().get(0).message());
    }

    @Test
    void aUrlWithAUserNameOrAnotherSchemeIsRefusedAndABlankOptionalFieldIsNotNone() {
        var profile = new StudioProfile("North", "UTC", "", "two@@at.example", "https://user@cdn.example/logo.png",
                "javascript:alert(1)");

        assertEquals(List.of("senderDisplayName", "replyTo", "logoUrl", "website"), fields(profile));
    }

    private static List<String> fields(StudioProfile profile) {
        return profile.problems().stream().map(Problem.FieldError::field).toList();
    }
}
