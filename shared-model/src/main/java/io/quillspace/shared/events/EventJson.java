package io.quillspace.shared.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON setup of every event contract, so both sides of a topic read and write the same bytes whatever a
 * service configures for its REST layer: instants as ISO-8601 strings, unknown properties ignored (a consumer on an
 * older contract reads a newer producer's additions).
 */
final class EventJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    static final JsonFactory FACTORY = MAPPER.getFactory();

    private EventJson() {
    }

    /** The record value of an event, written as its contract (which names its variant in {@code type}). */
    static String write(FleetEvent event, Class<? extends FleetEvent> contract) {
        try {
            return MAPPER.writerFor(contract).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + event.type() + " " + event.eventId(), e);
        }
    }

    /** Reads a record value as {@code type}; anything that is not one is malformed. */
    static <T> T read(byte[] value, Class<T> type) {
        try {
            return MAPPER.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
