package io.quillspace.email.template;

import io.quarkus.qute.EvalContext;
import io.quarkus.qute.Results;
import io.quarkus.qute.ValueResolver;
import io.quillspace.email.entity.EmailJob;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a template may name: the roots an email kind provides, each view's own properties, and what each property
 * leads to. The validator walks this tree and the sandbox engine resolves with it, so what is allowed and what can be
 * reached are one list.
 */
final class TemplateVocabulary {

    /** What a name leads to. */
    sealed interface Shape permits Text, View, ListOf {
    }

    /** A value a template shows (HTML-escaped in the html part) or tests with {@code #if}; it has no properties. */
    record Text() implements Shape {
    }

    /** One view object: only its listed properties can be read. */
    record View(Class<?> type, Map<String, Property> properties) implements Shape {
    }

    /** One of the view's own collections: the only thing a loop may iterate. */
    record ListOf(View element) implements Shape {
    }

    /** A property: how it is read from its view, and what it leads to. */
    record Property(Function<Object, Object> read, Shape shape) {
    }

    static final Text TEXT = new Text();

    /** The iteration metadata a loop offers as {@code <alias>_<key>} ({@code phase_count}): numbers and flags. */
    static final Set<String> LOOP_METADATA = Set.of("count", "index", "indexParity", "hasNext", "isFirst", "isLast",
            "isOdd", "odd", "isEven", "even");

    static final View DELIVERABLE = view(ProjectView.Deliverable.class, Map.of(
            "name", text(ProjectView.Deliverable::name),
            "due", text(ProjectView.Deliverable::due)));

    static final View PHASE = view(ProjectView.Phase.class, Map.of(
            "name", text(ProjectView.Phase::name),
            "start", text(ProjectView.Phase::start),
            "end", text(ProjectView.Phase::end),
            "deliverables", list(ProjectView.Phase::deliverables, DELIVERABLE)));

    static final View PROJECT = view(ProjectView.class, Map.of(
            "name", text(ProjectView::name),
            "kickoffDay", text(ProjectView::kickoffDay),
            "phases", list(ProjectView::phases, PHASE)));

    static final View PROPOSAL = view(ProposalView.class, Map.of(
            "title", text(ProposalView::title),
            "price", text(ProposalView::price),
            "currency", text(ProposalView::currency),
            "validUntil", text(ProposalView::validUntil),
            "url", text(ProposalView::url)));

    static final View DELIVERY = view(DeliveryView.class, Map.of(
            "projectName", text(DeliveryView::projectName),
            "deliverableName", text(DeliveryView::deliverableName),
            "fileName", text(DeliveryView::fileName)));

    static final View MEETING = view(EmailView.class, Map.ofEntries(
            Map.entry("inviteeName", text(EmailView::inviteeName)),
            Map.entry("eventName", text(EmailView::eventName)),
            Map.entry("day", text(EmailView::day)),
            Map.entry("startTime", text(EmailView::startTime)),
            Map.entry("endTime", text(EmailView::endTime)),
            Map.entry("timeZone", text(EmailView::timeZone)),
            Map.entry("joinUrl", text(EmailView::joinUrl)),
            Map.entry("address", text(EmailView::address)),
            Map.entry("phone", text(EmailView::phone)),
            Map.entry("cancelUrl", text(EmailView::cancelUrl)),
            Map.entry("rescheduleUrl", text(EmailView::rescheduleUrl)),
            Map.entry("previousDay", text(EmailView::previousDay)),
            Map.entry("previousStartTime", text(EmailView::previousStartTime))));

    static final View STUDIO = view(StudioView.class, Map.of(
            "name", text(StudioView::name),
            "logoUrl", text(StudioView::logoUrl)));

    private static final List<View> VIEWS = List.of(MEETING, PROJECT, PHASE, DELIVERABLE, PROPOSAL, DELIVERY, STUDIO);

    private TemplateVocabulary() {
    }

    /**
     * The names a template of the kind starts from: {@code meeting} and {@code studio} always, {@code project} in kickoff emails,
     * {@code proposal} in proposal emails, {@code delivery} in delivery emails, {@code unsubscribeUrl} in non-transactional email. Each is filled for exactly
     * those kinds ({@link EmailTemplates.Data#of}), so a template never names a value its emails lack.
     */
    static Map<String, Shape> roots(EmailJob.Kind kind) {
        Map<String, Shape> roots = new LinkedHashMap<>();
        roots.put("meeting", MEETING);
        roots.put("studio", STUDIO);
        if (kind == EmailJob.Kind.KICKOFF) {
            roots.put("project", PROJECT);
        }
        if (kind == EmailJob.Kind.PROPOSAL_SENT) {
            roots.put("proposal", PROPOSAL);
        }
        if (kind == EmailJob.Kind.FILE_DELIVERED) {
            roots.put("delivery", DELIVERY);
        }
        if (!kind.transactional()) {
            roots.put("unsubscribeUrl", TEXT);
        }
        return roots;
    }

    /** One resolver per view, reading only the listed properties; nothing else of any object can be resolved. */
    static List<ValueResolver> resolvers() {
        return VIEWS.stream().map(TemplateVocabulary::resolver).toList();
    }

    private static ValueResolver resolver(View view) {
        return ValueResolver.builder().applyToBaseClass(view.type()).applyToNoParameters()
                .resolveSync(context -> read(view, context)).build();
    }

    private static Object read(View view, EvalContext context) {
        Property property = view.properties().get(context.getName());
        return property == null ? Results.NotFound.from(context) : property.read().apply(context.getBase());
    }

    private static View view(Class<?> type, Map<String, Property> properties) {
        return new View(type, properties);
    }

    @SuppressWarnings("unchecked")
    private static <T> Property text(Function<T, String> read) {
        return new Property(base -> read.apply((T) base), TEXT);
    }

    @SuppressWarnings("unchecked")
    private static <T> Property list(Function<T, List<?>> read, View element) {
        return new Property(base -> read.apply((T) base), new ListOf(element));
    }
}
