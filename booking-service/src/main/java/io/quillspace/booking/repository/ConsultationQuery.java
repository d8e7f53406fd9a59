package io.quillspace.booking.repository;

import io.quillspace.booking.entity.Booking;

import java.time.Instant;
import java.util.UUID;

/**
 * Which consultations a list asks for: optionally one status and a {@code [from, to)} range of start times; {@code owner}
 * is the calling user's id, or null for an admin, who sees the tenant's.
 */
public record ConsultationQuery(Booking.Status status, Instant from, Instant to, UUID owner) {
}
