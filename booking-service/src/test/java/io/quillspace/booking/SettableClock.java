package io.quillspace.booking;

import jakarta.inject.Singleton;

/** The module's Clock bean in tests: real time unless a test pins it (to sign an upload that has already expired). */
@Singleton
public class SettableClock extends io.quillspace.infra.testing.SettableClock {
}
