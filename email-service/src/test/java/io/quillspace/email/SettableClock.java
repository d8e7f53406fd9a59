package io.quillspace.email;

import jakarta.inject.Singleton;

/** The module's Clock bean in tests: real time unless a test pins it to move through a booking's days. */
@Singleton
public class SettableClock extends io.quillspace.infra.testing.SettableClock {
}
