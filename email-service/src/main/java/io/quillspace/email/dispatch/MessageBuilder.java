package io.quillspace.email.dispatch;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.entity.StudioProjection;
import io.quillspace.email.repository.StudioProjectionRepository;
import io.quillspace.email.template.EmailTemplates;
import io.quillspace.email.template.StudioView;
import io.quillspace.email.unsubscribe.Unsubscribes;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The message a job sends: its studio's template rendered with the job's context, the fixed Message-ID every (re)send
 * of the job carries, the one-click unsubscribe headers of non-transactional kinds, and the calendar invitation.
 */
@ApplicationScoped
public class MessageBuilder {

    /** The registry refuses them in a profile; a header is never the place to find out it did not. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** Names the job a message was sent for. */
    public static final String JOB_ID_HEADER = "X-QuillSpace-Email-Job";

    /** The template could not produce the message: trying again renders the same, so the job fails for good. */
    static final class Unrenderable extends RuntimeException {
        Unrenderable(Throwable cause) {
            super("the email could not be rendered: " + (cause.getMessage() == null ? cause : cause.getMessage()), cause);
        }
    }

    private final EmailTemplates templates;
    private final Unsubscribes unsubscribes;
    private final StudioProjectionRepository studios;
    private final Clock clock;
    private final String from;

    public MessageBuilder(EmailTemplates templates, Unsubscribes unsubscribes, StudioProjectionRepository studios,
                          Clock clock, @ConfigProperty(name = "quarkus.mailer.from") String from) {
        this.templates = templates;
        this.studios = studios;
        this.unsubscribes = unsubscribes;
        this.clock = clock;
        this.from = from;
    }

    /**
     * Renders the job, sent in its studio's name; fails with {@link Unrenderable} when its template cannot, and as is
     * when the database fails.
     */
    Uni<MailMessage> build(EmailJob job) {
        String unsubscribeUrl = job.kind.transactional() ? null : unsubscribes.url(job.tenantId, job.recipient);
        return TenantTransactions.inTenant(TenantContext.service(job.tenantId), () -> studios.find(job.tenantId))
                .chain(studio -> Uni.createFrom().deferred(() -> templates.render(job.tenantId, job.kind,
                                EmailTemplates.Data.of(job.context, unsubscribeUrl, StudioView.of(studio))))
                        .onFailure(failure -> !DatabaseFailures.isDatabase(failure)).transform(Unrenderable::new)
                        .map(rendered -> message(sender(from, studio), job, rendered, unsubscribeUrl, clock.instant()))
                        .invoke(message -> studio.map(StudioProjection::replyTo)
                                .filter(replyTo -> !CONTROL.matcher(replyTo).find())
                                .ifPresent(replyTo -> message.getHeaders().add("Reply-To", replyTo))));
    }

    /**
     * The {@code From} of a studio's emails: its display name with the configured address (the one SPF and DKIM cover;
     * a studio's own domain could not be sent from), or the configured sender before the studio's first event arrived.
     */
    static String sender(String configured, Optional<StudioProjection> studio) {
        return studio.map(known -> "\"" + CONTROL.matcher(known.displayName()).replaceAll(" ").replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\" <" + organizer(configured) + ">").orElse(configured);
    }

    static MailMessage message(String from, EmailJob job, EmailTemplates.Rendered rendered, String unsubscribeUrl,
                               Instant stamp) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Message-ID", job.messageId)
                .add(JOB_ID_HEADER, job.id.toString());
        if (unsubscribeUrl != null) {
            headers.add("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            headers.add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        MailMessage message = new MailMessage().setFrom(from).setTo(job.recipient).setSubject(rendered.subject())
                .setHtml(rendered.html()).setText(rendered.text()).setHeaders(headers);
        invitation(job, organizer(from), stamp).ifPresent(ics -> message.setAttachment(List.of(ics)));
        return message;
    }

    /** The calendar invitation confirmations and reschedules carry, and the cancellation that removes it. */
    private static Optional<MailAttachment> invitation(EmailJob job, String organizer, Instant stamp) {
        IcsCalendar.Method method = switch (job.kind) {
            case CONFIRMATION, RESCHEDULED -> IcsCalendar.Method.REQUEST;
            case CANCELLATION -> IcsCalendar.Method.CANCEL;
            default -> null;
        };
        if (method == null) {
            return Optional.empty();
        }
        EmailJob.MeetingContext meeting = job.context;
        EmailJob.Location location = meeting.location();
        String where = location == null ? null : location.joinUrl() != null ? location.joinUrl() : location.location();
        String ics = IcsCalendar.render(method, meeting.calendarUid(), meeting.calendarSequence(), meeting.startTime(),
                meeting.endTime(), stamp, meeting.eventName() == null ? "Consultation" : meeting.eventName(),
                where, organizer);
        return Optional.of(MailAttachment.create()
                .setData(Buffer.buffer(ics))
                .setContentType("text/calendar; method=" + method + "; charset=UTF-8")
                .setName(method == IcsCalendar.Method.CANCEL ? "cancel.ics" : "invite.ics"));
    }

    private static String organizer(String from) {
        int open = from.indexOf('<');
        return open < 0 ? from.trim() : from.substring(open + 1, from.indexOf('>', open)).trim();
    }
}
