package io.quillspace.ingress;

import jakarta.inject.Singleton;

/** The module's Clock bean in tests: real time unless a test pins it. */
@Singleton
public class SettableClock extends io.quillspace.infra.testing.SettableClock {
}
