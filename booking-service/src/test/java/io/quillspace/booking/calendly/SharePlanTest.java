package io.quillspace.booking.calendly;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BookingHistoryEntry.Change;
import io.quillspace.shared.identity.UserIds;
import io.quillspace.shared.messaging.RecordOutcome;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharePlanTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final Instant EARLIER = Instant.parse("2026-03-10T14:02:10Z");
    private static final Instant LATER = Instant.parse("2026-03-12T08:15:41Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-13T09:00:00Z"), ZoneOffset.UTC);
    private static final String EMAIL = "ada@example.org";

    @Test
    void aCreateAndItsCancelInOneShareFoldIntoOneNewBookingWithBothStepsInOrder() {
        SharePlan plan = plan(List.of());

        assertEquals(RecordOutcome.APPLIED, plan.apply(booked("A", null), "trace-1"));
        assertEquals(RecordOutcome.APPLIED, plan.apply(canceled("A", LATER, false, null), "trace-2"));

        assertEquals(1, plan.created().size());
        Booking booking = plan.created().get(0);
        assertEquals(Booking.Status.CANCELED, booking.status);
        assertEquals(2, booking.eventSequence);
        assertEquals(UserIds.forEmail(TENANT, EMAIL), booking.userId);
        assertEquals(List.of(Change.CREATED, Change.CANCELED), plan.history().stream().map(entry -> entry.change).toList());
        assertEquals(List.of(Booking.Status.SCHEDULED, Booking.Status.CANCELED),
                plan.history().stream().map(entry -> entry.toStatus).toList());
        assertEquals(List.of("trace-1", "trace-2"), plan.events().stream().map(event -> event.traceParent()).toList());
    }

    @Test
    void aCancelBeforeItsCreateRecordsTheCreationFirstAndMakesTheLateCreateStale() {
        SharePlan plan = plan(List.of());

        assertEquals(RecordOutcome.APPLIED, plan.apply(canceled("A", LATER, false, null), "trace-1"));
        assertEquals(RecordOutcome.STALE, plan.apply(booked("A", null), "trace-2"));

        assertEquals(Booking.Status.CANCELED, plan.created().get(0).status);
        assertEquals(List.of(Change.CREATED, Change.CANCELED), plan.history().stream().map(entry -> entry.change).toList());
        assertEquals(List.of("trace-1", "trace-1"), plan.events().stream().map(event -> event.traceParent()).toList());
    }

    @Test
    void aStoredBookingIsChangedNotCreatedAndAnOlderCancelIsStale() {
        Booking stored = BookingMapper.newBooking(TENANT, UUID.randomUUID(), invitee("A", null), Booking.Status.SCHEDULED,
                LATER);
        stored.calendlyUpdatedAt = LATER;
        SharePlan plan = plan(List.of(stored));

        assertEquals(RecordOutcome.STALE, plan.apply(booked("A", null), null));
        assertEquals(RecordOutcome.STALE, plan.apply(canceled("A", EARLIER, false, null), null));
        assertEquals(List.of(), plan.created());
        assertEquals(List.of(), plan.changed());

        assertEquals(RecordOutcome.APPLIED, plan.apply(canceled("A", LATER, false, null), null));
        assertEquals(List.of(stored), plan.changed());
        assertEquals(List.of(), plan.created());
    }

    @Test
    void bothHalvesOfARescheduleLinkEachOtherInEitherOrderAndTheWorkOfAnOldBookingMoves() {
        for (boolean cancelFirst : new boolean[] {true, false}) {
            SharePlan plan = plan(List.of());
            CalendlyChange cancel = canceled("OLD", LATER, true, uri("NEW"));
            CalendlyChange create = booked("NEW", uri("OLD"));

            plan.apply(cancelFirst ? cancel : create, null);
            plan.apply(cancelFirst ? create : cancel, null);

            Booking old = plan.created().stream().filter(b -> b.inviteeUri.equals(uri("OLD"))).findFirst().orElseThrow();
            Booking replacing = plan.created().stream().filter(b -> b.inviteeUri.equals(uri("NEW"))).findFirst().orElseThrow();
            assertEquals(Booking.Status.RESCHEDULED, old.status);
            assertEquals(replacing.id, old.rescheduledToBookingId);
            assertEquals(old.id, replacing.rescheduledFromBookingId);
            // Whichever half comes second moves the old booking's brief and proposals, once.
            assertEquals(List.of(new SharePlan.Move(old.id, replacing.id, replacing.userId)), plan.moves());
        }
    }

    @Test
    void aNoShowClearedBeforeItsMarkTellsTheMarkFirstAndLeavesTheLateMarkStale() {
        Booking stored = BookingMapper.newBooking(TENANT, UUID.randomUUID(), invitee("A", null), Booking.Status.SCHEDULED,
                EARLIER);
        SharePlan plan = plan(List.of(stored));

        assertEquals(RecordOutcome.APPLIED, plan.apply(noShow("A", false), null));
        assertEquals(RecordOutcome.STALE, plan.apply(noShow("A", true), null));

        assertEquals(List.of(new NoShowRepository.Mark(uri("A") + "/no_show", uri("A"), null, true)),
                List.copyOf(plan.marks()));
        assertEquals(List.of(Change.NO_SHOW_MARKED, Change.NO_SHOW_CLEARED),
                plan.history().stream().map(entry -> entry.change).toList());
        assertEquals(false, plan.changed().get(0).noShow);
    }

    @Test
    void aMarkAndItsClearBeforeTheBookingAreToldAfterItsCreation() {
        SharePlan plan = plan(List.of());

        assertEquals(RecordOutcome.APPLIED, plan.apply(noShow("A", false), null));
        assertEquals(RecordOutcome.STALE, plan.apply(noShow("A", true), null));
        assertEquals(RecordOutcome.APPLIED, plan.apply(booked("A", null), null));

        assertEquals(List.of(Change.CREATED, Change.NO_SHOW_MARKED, Change.NO_SHOW_CLEARED),
                plan.history().stream().map(entry -> entry.change).toList());
        assertEquals(false, plan.created().get(0).noShow);
        assertEquals(3, plan.events().size());
    }

    @Test
    void aMarkReachesABookingCreatedAfterItWithItsOwnStep() {
        SharePlan plan = plan(List.of());

        assertEquals(RecordOutcome.APPLIED, plan.apply(noShow("A", true), null));
        assertEquals(RecordOutcome.APPLIED, plan.apply(booked("A", null), null));

        assertEquals(List.of(Change.CREATED, Change.NO_SHOW_MARKED), plan.history().stream().map(e -> e.change).toList());
        assertEquals(true, plan.created().get(0).noShow);
    }

    private static SharePlan plan(List<Booking> stored) {
        return new SharePlan(TENANT, CLOCK, stored, List.of(), Map.of(EMAIL, UserIds.forEmail(TENANT, EMAIL)));
    }

    private static String uri(String name) {
        return "https://api.calendly.com/scheduled_events/E/invitees/" + name;
    }

    private static CalendlyChange.Source source(String event, Instant updatedAt) {
        return new CalendlyChange.Source(TENANT, UUID.randomUUID(), event, updatedAt);
    }

    private static CalendlyChange.Invitee invitee(String name, String oldInviteeUri) {
        return new CalendlyChange.Invitee(uri(name), EMAIL, "Ada", "Europe/Paris", "https://api.calendly.com/scheduled_events/E",
                "Consultation", LATER, LATER.plusSeconds(1800), null, null, List.of(), null, null, oldInviteeUri);
    }

    private static CalendlyChange booked(String name, String oldInviteeUri) {
        return new CalendlyChange.Booked(source("invitee.created", EARLIER), invitee(name, oldInviteeUri));
    }

    private static CalendlyChange canceled(String name, Instant updatedAt, boolean rescheduled, String newInviteeUri) {
        return new CalendlyChange.Canceled(source("invitee.canceled", updatedAt), invitee(name, null),
                new CalendlyChange.Cancellation("Ada", "conflict", "invitee", updatedAt), rescheduled, newInviteeUri);
    }

    private static CalendlyChange noShow(String name, boolean marked) {
        return new CalendlyChange.NoShow(source(marked ? "invitee_no_show.created" : "invitee_no_show.deleted", LATER),
                uri(name) + "/no_show", uri(name), marked);
    }
}
