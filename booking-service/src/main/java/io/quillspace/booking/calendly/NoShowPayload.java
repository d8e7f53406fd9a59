package io.quillspace.booking.calendly;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** Calendly's no-show payload: the mark's own URI and the invitee it marks. */
@JsonIgnoreProperties(ignoreUnknown = true)
record NoShowPayload(String uri, String invitee, @JsonProperty("created_at") Instant createdAt) {
}
