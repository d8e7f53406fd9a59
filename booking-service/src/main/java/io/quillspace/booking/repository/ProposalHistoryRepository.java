package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quillspace.booking.entity.ProposalHistoryEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

@ApplicationScoped
public class ProposalHistoryRepository implements PanacheRepositoryBase<ProposalHistoryEntry, Long> {

    /** The proposal's history, oldest first (empty when the caller may not see the proposal). */
    public Uni<List<ProposalHistoryEntry>> ofProposal(UUID proposalId) {
        return list("proposalId", Sort.by("id"), proposalId);
    }

    /**
     * Appends the entry, built once the session's pending changes are written: the proposal row it refers to must
     * exist, and the proposal's version is then the one the change produced.
     */
    public Uni<Void> append(Supplier<ProposalHistoryEntry> entry) {
        return flush().chain(() -> persist(entry.get())).replaceWithVoid();
    }
}
