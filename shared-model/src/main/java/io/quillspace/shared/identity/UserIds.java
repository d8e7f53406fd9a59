package io.quillspace.shared.identity;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * A client's user id, derived from what both sides know: the name-based UUID of {@code "<tenant>:<lower-case email>"}.
 * booking-service gives a client who books on Calendly this id; the API gateway puts the same value in the {@code sub}
 * of that client's tokens, so bookings and tokens meet without a lookup.
 */
public final class UserIds {

    private UserIds() {
    }

    public static UUID forEmail(UUID tenant, String email) {
        return UUID.nameUUIDFromBytes((tenant + ":" + normalizedEmail(email)).getBytes(StandardCharsets.UTF_8));
    }

    /** The one spelling of an e-mail address that identities are derived from. */
    public static String normalizedEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
