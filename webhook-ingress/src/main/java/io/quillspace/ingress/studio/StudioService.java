package io.quillspace.ingress.studio;

import io.quillspace.ingress.entity.Studio;
import io.quillspace.ingress.repository.StudioRepository;
import io.quillspace.shared.outbox.Outbox;
import io.quillspace.shared.problem.Problem;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The studio registry's changes. Each runs in the studio's own tenant transaction, which also appends the change's
 * {@code StudioEventV1} to the outbox and its {@link StudioHistory} entry, so the registry, its topic and its audit
 * trail never disagree. A deleted studio is absent.
 */
@ApplicationScoped
public class StudioService {

    public static final int MAX_PAGE_SIZE = 100;

    /** One page of studios, and how many there are in all. */
    public record Page(List<Studio> items, long total) {
    }

    private final StudioRepository studios;
    private final Clock clock;
    private final StudioHistory history;

    public StudioService(StudioRepository studios, Clock clock, StudioHistory history) {
        this.studios = studios;
        this.clock = clock;
        this.history = history;
    }

    /** A new studio, active, with a new id. */
    public Uni<Studio> create(StudioProfile profile) {
        validate(profile);
        Studio studio = new Studio();
        studio.id = UUID.randomUUID();
        apply(studio, profile);
        studio.status = Studio.Status.ACTIVE;
        studio.createdAt = clock.instant();
        studio.updatedAt = studio.createdAt;
        studio.version = 1;
        StudioHistory.Actor actor = history.currentActor();
        return TenantTransactions.inTenant(TenantContext.service(studio.id), () -> TenantTransactions.registerTenant(studio.id)
                .chain(() -> studios.persist(studio))
                .chain(() -> history.record(studio, StudioChange.CREATED.name(), null, actor, studio.createdAt))
                .chain(() -> Outbox.append(StudioChange.CREATED.event(studio, studio.createdAt)))
                .replaceWith(studio));
    }

    /**
     * Inserts a configured studio (its webhooks arrive under {@code slug}) unless the registry has it: named by its
     * slug, in UTC, active, until an operator or its admin says otherwise. True when this call inserted it.
     */
    public Uni<Boolean> seed(UUID id, String slug) {
        Studio studio = new Studio();
        studio.id = id;
        studio.name = slug;
        studio.timeZone = "UTC";
        studio.status = Studio.Status.ACTIVE;
        studio.version = 1;
        return TenantTransactions.inTenant(TenantContext.service(id), () -> TenantTransactions.registerTenant(id)
                .chain(() -> studios.insertIfAbsent(studio))
                .call(inserted -> inserted ? history.record(studio, StudioChange.CREATED.name(), null,
                                StudioHistory.Actor.SERVICE, clock.instant())
                        .chain(() -> Outbox.append(StudioChange.CREATED.event(studio, clock.instant())))
                        : Uni.createFrom().voidItem()));
    }

    /** Studios not deleted, oldest first. */
    public Uni<Page> page(int page, int size) {
        return StudioRepository.asPlatform(() -> studios.page(page, size)
                .chain(items -> studios.countListed().map(total -> new Page(items, total))));
    }

    /** The studio as its operator sees it. */
    public Uni<Studio> get(UUID id) {
        return TenantTransactions.inTenant(TenantContext.service(id), () -> studios.find(id).map(StudioService::present));
    }

    /** The studio as {@code caller} sees it: its own studio only, another is absent. */
    public Uni<Studio> profile(TenantContext caller, UUID id) {
        ownOnly(caller, id);
        return TenantTransactions.inTenant(caller, () -> studios.find(id).map(StudioService::present));
    }

    /** {@code caller} (its studio's admin) rewrites its studio's profile. */
    public Uni<Studio> updateProfile(TenantContext caller, UUID id, StudioProfile profile) {
        ownOnly(caller, id);
        validate(profile);
        return change(caller, id, StudioChange.UPDATED, studio -> apply(studio, profile));
    }

    /** Suspends the studio; a suspended one stays as it is (no event). */
    public Uni<Studio> suspend(UUID id) {
        return toStatus(id, Studio.Status.SUSPENDED, StudioChange.SUSPENDED);
    }

    /** Resumes the studio; an active one stays as it is (no event). */
    public Uni<Studio> resume(UUID id) {
        return toStatus(id, Studio.Status.ACTIVE, StudioChange.RESUMED);
    }

    public Uni<Studio> delete(UUID id) {
        return toStatus(id, Studio.Status.DELETED, StudioChange.DELETED);
    }

    private Uni<Studio> toStatus(UUID id, Studio.Status status, StudioChange change) {
        return change(TenantContext.service(id), id, change, studio -> studio.status = status);
    }

    /** Applies {@code edit} to the locked studio, raises its version and appends the event, unless nothing changed. */
    private Uni<Studio> change(TenantContext context, UUID id, StudioChange change, Consumer<Studio> edit) {
        StudioHistory.Actor actor = history.currentActor();
        return TenantTransactions.inTenant(context, () -> studios.findForChange(id).map(StudioService::present)
                .call(studio -> {
                    Studio.Status before = studio.status;
                    StudioHistory.Snapshot profileBefore = StudioHistory.Snapshot.of(studio);
                    edit.accept(studio);
                    if (change != StudioChange.UPDATED && studio.status == before) {
                        return Uni.createFrom().voidItem();
                    }
                    Instant now = clock.instant();
                    studio.updatedAt = now;
                    studio.version++;
                    return history.record(studio, change.name(), change == StudioChange.UPDATED
                                    ? profileBefore.changedIn(StudioHistory.Snapshot.of(studio)) : null, actor, now)
                            .chain(() -> Outbox.append(change.event(studio, now)));
                }));
    }

    private static void apply(Studio studio, StudioProfile profile) {
        studio.name = profile.name().strip();
        studio.timeZone = profile.timeZone();
        studio.senderDisplayName = profile.senderDisplayName();
        studio.replyTo = profile.replyTo();
        studio.logoUrl = profile.logoUrl();
        studio.website = profile.website();
    }

    private static void validate(StudioProfile profile) {
        List<Problem.FieldError> problems = profile == null
                ? List.of(new Problem.FieldError("body", "must be a studio profile")) : profile.problems();
        if (!problems.isEmpty()) {
            throw new InvalidProfileException(problems);
        }
    }

    /** A studio's admin reaches its own studio only; any other is as absent as an unknown one. */
    private static void ownOnly(TenantContext caller, UUID id) {
        if (!caller.tenantId().equals(id)) {
            throw new NotFoundException("no studio of that id");
        }
    }

    private static Studio present(Studio studio) {
        if (studio == null || studio.status == Studio.Status.DELETED) {
            throw new NotFoundException("no studio of that id");
        }
        return studio;
    }
}
