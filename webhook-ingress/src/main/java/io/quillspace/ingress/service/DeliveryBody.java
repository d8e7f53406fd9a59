package io.quillspace.ingress.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * What the ingress needs from a verified Calendly body, read in one streaming pass: the event name, the few payload
 * fields that identify and order the delivery, and where the {@code payload} object lies in the body. The payload is
 * published as those exact bytes, so it is never built into a tree or written out again.
 *
 * @param uri       {@code payload.uri}
 * @param invitee   {@code payload.invitee} (set on no-shows: the invitee they mark)
 * @param updatedAt {@code payload.updated_at} as sent
 * @param createdAt {@code payload.created_at} as sent
 */
record DeliveryBody(String event, String uri, String invitee, String updatedAt, String createdAt,
                    int payloadOffset, int payloadLength) {

    /** Thrown for a body that is not well-formed JSON or not an object with a string {@code event} and an object {@code payload}. */
    static final class NotADeliveryException extends Exception {
        NotADeliveryException(String message) {
            super(message, null, false, false);
        }
    }

    static DeliveryBody read(JsonFactory json, byte[] body) throws NotADeliveryException {
        try (JsonParser parser = json.createParser(body)) {
            // A key given twice means two readers may see two different deliveries (first wins vs last wins): refused.
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notADelivery();
            }
            Builder delivery = new Builder();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "event" -> delivery.event = stringOrNull(parser, value);
                    case "payload" -> readPayload(parser, value, delivery);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new NotADeliveryException("body is not valid JSON: content after the top-level object");
            }
            if (delivery.event == null || delivery.payloadOffset < 0) {
                throw notADelivery();
            }
            return delivery.build();
        } catch (IOException e) {
            // Strict duplicate detection: two readers of a repeated key could disagree on which value counts.
            boolean repeatedKey = e.getMessage() != null && e.getMessage().startsWith("Duplicate field");
            throw new NotADeliveryException(repeatedKey ? "body repeats a key" : "body is not valid JSON");
        }
    }

    private static void readPayload(JsonParser parser, JsonToken payload, Builder delivery) throws IOException {
        if (payload != JsonToken.START_OBJECT) {
            delivery.payloadOffset = -1;
            parser.skipChildren();
            return;
        }
        delivery.payloadOffset = Math.toIntExact(parser.currentTokenLocation().getByteOffset());
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "uri" -> delivery.uri = stringOrNull(parser, value);
                case "invitee" -> delivery.invitee = stringOrNull(parser, value);
                case "updated_at" -> delivery.updatedAt = stringOrNull(parser, value);
                case "created_at" -> delivery.createdAt = stringOrNull(parser, value);
                default -> parser.skipChildren();
            }
        }
        long end = parser.currentTokenLocation().getByteOffset() + 1;
        delivery.payloadLength = Math.toIntExact(end - delivery.payloadOffset);
    }

    /** Only the fields kept become Strings: the payload's other values are skipped without being decoded. */
    private static String stringOrNull(JsonParser parser, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? parser.getText() : null;
    }

    private static NotADeliveryException notADelivery() {
        return new NotADeliveryException("body is not a Calendly delivery: it needs 'event' and an object 'payload'");
    }

    private static final class Builder {
        String event;
        String uri;
        String invitee;
        String updatedAt;
        String createdAt;
        int payloadOffset = -1;
        int payloadLength;

        DeliveryBody build() {
            return new DeliveryBody(event, uri, invitee, updatedAt, createdAt, payloadOffset, payloadLength);
        }
    }
}
