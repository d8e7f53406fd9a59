package io.quillspace.booking.calendly;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BookingHistoryEntry;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.identity.UserIds;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.outbox.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's share of deliveries decided in memory, in offset order, by {@link BookingLifecycle}:
 * each delivery sees the bookings as the deliveries before it left them, so records of one invitee fold into one final
 * row per booking, and the history entries and events they raise are collected in order for one write each.
 */
final class SharePlan {

    /** A reschedule's brief and proposals to carry from the old booking to the one that replaced it. */
    record Move(UUID fromBookingId, UUID toBookingId, UUID toUserId) {
    }

    private final UUID tenantId;
    private final Clock clock;
    private final Map<String, Booking> byInvitee = new HashMap<>();
    private final Map<UUID, Booking> byId = new HashMap<>();
    private final Set<UUID> stored = new HashSet<>();
    private final Map<String, NoShowRepository.Mark> marks = new HashMap<>();
    private final Map<String, NoShowRepository.Mark> changedMarks = new LinkedHashMap<>();
    private final Map<String, UUID> userIds;
    private final Map<UUID, Booking> written = new LinkedHashMap<>();
    private final List<BookingHistoryEntry> history = new ArrayList<>();
    private final List<Outbox.Traced> events = new ArrayList<>();
    private final List<Move> moves = new ArrayList<>();

    /**
     * @param current the tenant's bookings of the share's invitees as stored
     * @param marks   the no-show marks of the share's invitees and marks as stored
     * @param userIds the users of the bookings the share creates, by normalized e-mail
     */
    SharePlan(UUID tenantId, Clock clock, Collection<Booking> current, Collection<NoShowRepository.Mark> marks,
              Map<String, UUID> userIds) {
        this.tenantId = tenantId;
        this.clock = clock;
        this.userIds = userIds;
        current.forEach(booking -> {
            know(booking);
            stored.add(booking.id);
        });
        marks.forEach(mark -> this.marks.put(mark.uri(), mark));
    }

    /** The invitees a share's changes name: their own, and the other half of a reschedule. */
    static Set<String> inviteesOf(List<CalendlyChange> changes) {
        Set<String> uris = new LinkedHashSet<>();
        for (CalendlyChange change : changes) {
            if (change instanceof CalendlyChange.Booked booked) {
                uris.add(booked.invitee().uri());
                if (booked.invitee().oldInviteeUri() != null) {
                    uris.add(booked.invitee().oldInviteeUri());
                }
            } else if (change instanceof CalendlyChange.Canceled canceled) {
                uris.add(canceled.invitee().uri());
                if (canceled.newInviteeUri() != null) {
                    uris.add(canceled.newInviteeUri());
                }
            } else {
                uris.add(((CalendlyChange.NoShow) change).inviteeUri());
            }
        }
        return uris;
    }

    /** The clients the share's bookings and cancellations are about, by delivery (a no-show names no client). */
    static Map<UUID, UUID> clientsOf(UUID tenantId, List<CalendlyChange> changes) {
        Map<UUID, UUID> clients = new HashMap<>();
        for (CalendlyChange change : changes) {
            CalendlyChange.Invitee invitee = change instanceof CalendlyChange.Booked booked ? booked.invitee()
                    : change instanceof CalendlyChange.Canceled canceled ? canceled.invitee() : null;
            if (invitee != null) {
                clients.put(change.source().deliveryId(), UserIds.forEmail(tenantId, invitee.email()));
            }
        }
        return clients;
    }

    /** The no-show marks a share's changes name by their own URI. */
    static Set<String> marksOf(List<CalendlyChange> changes) {
        Set<String> uris = new LinkedHashSet<>();
        for (CalendlyChange change : changes) {
            if (change instanceof CalendlyChange.NoShow noShow) {
                uris.add(noShow.noShowUri());
            }
        }
        return uris;
    }

    /**
     * The users the share's new bookings need: the first change of each invitee not stored creates its booking, in
     * either lifecycle (a create, or a cancel that arrives first), unless it is a duplicate.
     */
    static Collection<ShareStatements.NewUser> newUsers(UUID tenantId, List<CalendlyChange> changes, Set<UUID> duplicates,
                                                        Collection<Booking> current) {
        Set<String> known = new HashSet<>();
        current.forEach(booking -> known.add(booking.inviteeUri));
        Set<UUID> seen = new HashSet<>(duplicates);
        Map<String, ShareStatements.NewUser> users = new LinkedHashMap<>();
        for (CalendlyChange change : changes) {
            CalendlyChange.Invitee invitee = change instanceof CalendlyChange.Booked booked ? booked.invitee()
                    : change instanceof CalendlyChange.Canceled canceled ? canceled.invitee() : null;
            // A no-show never creates a booking.
            if (seen.add(change.source().deliveryId()) && invitee != null && known.add(invitee.uri())) {
                String email = UserIds.normalizedEmail(invitee.email());
                users.putIfAbsent(email, new ShareStatements.NewUser(UserIds.forEmail(tenantId, email), email,
                        invitee.name()));
            }
        }
        return users.values();
    }

    /** Decides one change (not a duplicate) after those before it; {@code traceParent} is its span's. */
    RecordOutcome apply(CalendlyChange change, String traceParent) {
        if (change instanceof CalendlyChange.Booked booked) {
            return booked(booked, traceParent);
        }
        if (change instanceof CalendlyChange.Canceled canceled) {
            return canceled(canceled, traceParent);
        }
        return noShow((CalendlyChange.NoShow) change, traceParent);
    }

    /** The bookings the share created, in their final state. */
    List<Booking> created() {
        return written.values().stream().filter(booking -> !stored.contains(booking.id)).toList();
    }

    /** The stored bookings the share changed, once each, in their final state. */
    List<Booking> changed() {
        return written.values().stream().filter(booking -> stored.contains(booking.id)).toList();
    }

    /** The no-show marks the share recorded or cleared, in their final state. */
    Collection<NoShowRepository.Mark> marks() {
        return changedMarks.values();
    }

    List<BookingHistoryEntry> history() {
        return history;
    }

    List<Outbox.Traced> events() {
        return events;
    }

    /** The moves, to make once the bookings are written. */
    List<Move> moves() {
        return moves;
    }

    private void know(Booking booking) {
        byInvitee.put(booking.inviteeUri, booking);
        byId.put(booking.id, booking);
    }

    private RecordOutcome booked(CalendlyChange.Booked change, String traceParent) {
        CalendlyChange.Invitee invitee = change.invitee();
        Booking existing = byInvitee.get(invitee.uri());
        return BookingLifecycle.onBooked(existing == null ? null : existing.status).map(step -> {
            Booking booking = create(change.source(), invitee, step, traceParent);
            // Marks that arrived before the booking are told in order: one cleared meanwhile was set first.
            if (hasClearedMark(invitee.uri())) {
                setNoShow(booking, true, change.source(), traceParent);
                setNoShow(booking, false, change.source(), traceParent);
            }
            if (isMarked(invitee.uri())) {
                setNoShow(booking, true, change.source(), traceParent);
            }
            return RecordOutcome.APPLIED;
        }).orElse(RecordOutcome.STALE);
    }

    private RecordOutcome canceled(CalendlyChange.Canceled change, String traceParent) {
        CalendlyChange.Invitee invitee = change.invitee();
        CalendlyChange.Source source = change.source();
        Booking known = byInvitee.get(invitee.uri());
        // A cancel that overtook its create: the invitee was booked first, so history and events tell it in that order.
        Booking existing = known != null ? known
                : create(source, invitee, BookingLifecycle.onBooked(null).orElseThrow(), traceParent);
        return BookingLifecycle.onCanceled(existing.status, known == null ? null : known.calendlyUpdatedAt,
                        source.updatedAt(), change.rescheduled())
                .map(step -> {
                    UUID replacement = change.rescheduled() ? idOfInvitee(change.newInviteeUri()) : null;
                    cancel(existing, source, invitee, step, change.cancellation(), replacement, traceParent);
                    return RecordOutcome.APPLIED;
                }).orElse(RecordOutcome.STALE);
    }

    /** The id of the invitee's booking if one exists, else the id it will have. */
    private UUID idOfInvitee(String inviteeUri) {
        Booking booking = byInvitee.get(inviteeUri);
        return booking == null ? Booking.idFor(tenantId, inviteeUri) : booking.id;
    }

    private Booking create(CalendlyChange.Source source, CalendlyChange.Invitee invitee, BookingLifecycle.Step step,
                           String traceParent) {
        Instant now = clock.instant();
        UUID replaced = invitee.oldInviteeUri() == null ? null : idOfInvitee(invitee.oldInviteeUri());
        UUID userId = userIds.get(UserIds.normalizedEmail(invitee.email()));
        Booking booking = BookingMapper.newBooking(tenantId, userId, invitee, step.to(), now);
        booking.rescheduledFromBookingId = replaced;
        booking.calendlyUpdatedAt = source.updatedAt();
        know(booking);
        record(booking, step, source, invitee, null, now, traceParent);
        Booking old = replaced == null ? null : byId.get(replaced);
        if (old != null) {
            moves.add(new Move(old.id, booking.id, booking.userId));
        }
        return booking;
    }

    private void cancel(Booking booking, CalendlyChange.Source source, CalendlyChange.Invitee invitee,
                        BookingLifecycle.Step step, CalendlyChange.Cancellation cancellation, UUID replacement,
                        String traceParent) {
        Instant now = clock.instant();
        booking.status = step.to();
        recordCancellation(booking, cancellation, replacement);
        booking.calendlyUpdatedAt = latest(booking.calendlyUpdatedAt, source.updatedAt());
        booking.updatedAt = now;
        record(booking, step, source, invitee, cancellation, now, traceParent);
        Booking replacing = replacement == null ? null : byId.get(replacement);
        if (replacing != null) {
            moves.add(new Move(booking.id, replacing.id, replacing.userId));
        }
    }

    private static void recordCancellation(Booking booking, CalendlyChange.Cancellation cancellation, UUID replacement) {
        booking.canceledBy = cancellation.canceledBy();
        booking.cancelReason = cancellation.reason();
        booking.cancelerType = cancellation.cancelerType();
        booking.canceledAt = cancellation.canceledAt();
        booking.rescheduledToBookingId = replacement;
    }

    /** Collects the step's history entry and event, and the booking to write. */
    private void record(Booking booking, BookingLifecycle.Step step, CalendlyChange.Source source,
                        CalendlyChange.Invitee invitee, CalendlyChange.Cancellation cancellation, Instant now,
                        String traceParent) {
        Instant occurredAt = source.updatedAt() == null ? now : source.updatedAt();
        BookingEventV1 event = switch (step.change()) {
            case CREATED -> BookingMapper.createdEvent(booking, invitee, occurredAt);
            case CANCELED -> BookingMapper.canceledEvent(booking, invitee, occurredAt);
            case RESCHEDULED -> BookingMapper.rescheduledEvent(booking, invitee, occurredAt);
            case NO_SHOW_MARKED, NO_SHOW_CLEARED, CLIENT_ERASED ->
                    throw new IllegalStateException("not a status step: " + step);
        };
        history.add(cancellation == null
                ? BookingMapper.historyEntry(booking, step.from(), step.change(), source, invitee.name(), "invitee", null, now)
                : BookingMapper.historyEntry(booking, step.from(), step.change(), source, cancellation.canceledBy(),
                        cancellation.cancelerType(), cancellation.reason(), now));
        events.add(new Outbox.Traced(event, traceParent));
        written.put(booking.id, booking);
    }

    /**
     * A mark is recorded once and cleared once, in whichever order the two deliveries arrive: a clear that comes first
     * leaves a cleared mark, and the late recording then changes nothing (stale). Applied even while the booking is
     * unknown: its creation reads the marks.
     */
    private RecordOutcome noShow(CalendlyChange.NoShow change, String traceParent) {
        CalendlyChange.Source source = change.source();
        NoShowRepository.Mark mark = marks.get(change.noShowUri());
        if (change.marked() ? mark != null : mark != null && mark.cleared()) {
            return RecordOutcome.STALE;
        }
        NoShowRepository.Mark now = change.marked()
                ? new NoShowRepository.Mark(change.noShowUri(), change.inviteeUri(), source.updatedAt(), false)
                : new NoShowRepository.Mark(change.noShowUri(), mark == null ? change.inviteeUri() : mark.inviteeUri(),
                        mark == null ? null : mark.markedAt(), true);
        marks.put(now.uri(), now);
        changedMarks.put(now.uri(), now);
        Booking booking = byInvitee.get(change.inviteeUri());
        if (booking != null) {
            if (mark == null && !change.marked()) {
                // A clear that overtook its mark: the host marked first, so history and events tell it in that order.
                setNoShow(booking, true, source, traceParent);
            }
            setNoShow(booking, isMarked(change.inviteeUri()), source, traceParent);
        }
        return RecordOutcome.APPLIED;
    }

    private boolean hasClearedMark(String inviteeUri) {
        return marks.values().stream().anyMatch(mark -> mark.inviteeUri().equals(inviteeUri) && mark.cleared());
    }

    private boolean isMarked(String inviteeUri) {
        return marks.values().stream().anyMatch(mark -> mark.inviteeUri().equals(inviteeUri) && !mark.cleared());
    }

    /** Sets the booking's no-show mark, with its own history entry and event if it changes. */
    private void setNoShow(Booking booking, boolean marked, CalendlyChange.Source source, String traceParent) {
        BookingLifecycle.onNoShow(booking.noShow, marked).ifPresent(change -> {
            Instant now = clock.instant();
            booking.noShow = marked;
            booking.updatedAt = now;
            BookingEventV1 event = BookingMapper.noShowEvent(booking, source.updatedAt() == null ? now : source.updatedAt());
            history.add(BookingMapper.historyEntry(booking, booking.status, change, source, null, "host", null, now));
            events.add(new Outbox.Traced(event, traceParent));
            written.put(booking.id, booking);
        });
    }

    private static Instant latest(Instant stored, Instant delivered) {
        return stored == null || (delivered != null && delivered.isAfter(stored)) ? delivered : stored;
    }
}
