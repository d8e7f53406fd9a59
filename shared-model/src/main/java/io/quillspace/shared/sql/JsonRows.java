package io.quillspace.shared.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Rows for set-based statements, bound as one JSON text parameter and unpacked with {@code jsonb_to_recordset} or
 * {@code jsonb_array_elements_text}: the SQL text has one shape whatever the number of rows, so the statement is
 * planned once, and values stay bound parameters. Bind it as {@code cast(cast(:p as text) as jsonb)}: a parameter typed
 * {@code jsonb} would take the text as one JSON string. A null value is left out, which the recordset reads as NULL.
 */
public final class JsonRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayNode rows = JsonNodeFactory.instance.arrayNode();

    /** Adds a row; fill it with {@link #put}. */
    public ObjectNode add() {
        return rows.addObject();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rows as the JSON text to bind. */
    public String json() {
        return rows.toString();
    }

    /** Sets a column of a row; instants, UUIDs and enums as their text, records and collections as JSON. */
    public static void put(ObjectNode row, String column, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String || value instanceof Instant || value instanceof UUID || value instanceof Enum<?>) {
            row.put(column, value instanceof Enum<?> e ? e.name() : value.toString());
        } else if (value instanceof Boolean b) {
            row.put(column, b);
        } else if (value instanceof Long l) {
            row.put(column, l);
        } else if (value instanceof Integer i) {
            row.put(column, i);
        } else {
            row.set(column, JSON.valueToTree(value));
        }
    }

    /** A JSON array of the values' text, for {@code x in (select jsonb_array_elements_text(...))}. */
    public static String array(Collection<?> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(value -> array.add(value.toString()));
        return array.toString();
    }
}
