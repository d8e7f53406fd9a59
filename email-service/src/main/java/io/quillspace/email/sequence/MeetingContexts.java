package io.quillspace.email.sequence;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.ProjectEventV1;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The meeting an email shows, captured from the booking event that scheduled it. */
final class MeetingContexts {

    private MeetingContexts() {
    }

    static EmailJob.MeetingContext of(BookingEventV1.Created event, Instant previousStart, String calendarUid,
                                      int calendarSequence) {
        BookingEventV1.MeetingLocation location = event.location();
        return new EmailJob.MeetingContext(event.inviteeName(), event.eventName(), event.startTime(), event.endTime(),
                event.inviteeTimeZone(), event.cancelUrl(), event.rescheduleUrl(),
                location == null ? null : new EmailJob.Location(location.type(), location.location(), location.joinUrl()),
                previousStart, calendarUid, calendarSequence, null, null, null);
    }

    static EmailJob.MeetingContext of(BookingEventV1.Canceled event, String calendarUid, int calendarSequence) {
        return new EmailJob.MeetingContext(event.inviteeName(), event.eventName(), event.startTime(), event.endTime(),
                event.inviteeTimeZone(), null, null, null, null, calendarUid, calendarSequence, null, null, null);
    }

    /** For a booking this service only ever heard was moved away: nothing about it is ever sent. */
    static EmailJob.MeetingContext unknownMeeting(String inviteeName, String calendarUid) {
        return new EmailJob.MeetingContext(inviteeName, null, null, null, "UTC", null, null, null, null, calendarUid, 0, null,
                null, null);
    }

    static EmailJob.MeetingContext of(ProjectEventV1.KickedOff event) {
        return new EmailJob.MeetingContext(event.clientName(), null, null, null,
                event.clientTimeZone() == null ? "UTC" : event.clientTimeZone(), null, null, null, null,
                event.projectId() + "@quillspace.email", 0, new EmailJob.ProjectPlan(event.projectName(),
                        event.kickoffDate(), event.phases().stream()
                                .sorted(java.util.Comparator.comparingInt(ProjectEventV1.Phase::order))
                                .map(phase -> new EmailJob.PlanPhase(phase.name(), phase.start(), phase.end(),
                                        phase.deliverables().stream()
                                                .map(deliverable -> new EmailJob.PlanDeliverable(deliverable.name(),
                                                        deliverable.due()))
                                                .toList()))
                                .toList()), null, null);
    }

    /** A delivery email: no meeting, only the project's client and the file the studio attached. */
    static EmailJob.MeetingContext of(ProjectEventV1.DeliverableFileAttached event) {
        return new EmailJob.MeetingContext(event.clientName(), null, null, null, "UTC", null, null, null, null,
                event.fileId() + "@quillspace.email", 0, null, null,
                new EmailJob.DeliveredFile(event.projectName(), event.deliverableName(), event.fileName()));
    }

    /** The booking's meeting as the projection knows it, with the proposal the email announces. */
    static EmailJob.MeetingContext withProposal(EmailJob.MeetingContext meeting, EmailJob.ProposalSummary proposal) {
        return new EmailJob.MeetingContext(meeting.inviteeName(), meeting.eventName(), meeting.startTime(),
                meeting.endTime(), meeting.inviteeTimeZone(), meeting.cancelUrl(), meeting.rescheduleUrl(),
                meeting.location(), meeting.previousStartTime(), meeting.calendarUid(), meeting.calendarSequence(),
                null, proposal, null);
    }

    /** The recipient's zone; UTC when the event named none or one this JVM does not know. */
    static ZoneId zoneOf(EmailJob.MeetingContext meeting) {
        if (meeting == null || meeting.inviteeTimeZone() == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(meeting.inviteeTimeZone());
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    static EmailJob.MeetingContext withCalendarSequence(EmailJob.MeetingContext context, int calendarSequence) {
        return new EmailJob.MeetingContext(context.inviteeName(), context.eventName(), context.startTime(),
                context.endTime(), context.inviteeTimeZone(), context.cancelUrl(), context.rescheduleUrl(),
                context.location(), context.previousStartTime(), context.calendarUid(), calendarSequence, context.project(),
                context.proposal(), context.delivered());
    }
}
