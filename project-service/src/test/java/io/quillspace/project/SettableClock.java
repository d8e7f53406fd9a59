package io.quillspace.project;

import jakarta.inject.Singleton;

/** The module's Clock bean in tests: real time unless a test pins it to a day of the project's plan. */
@Singleton
public class SettableClock extends io.quillspace.infra.testing.SettableClock {
}
