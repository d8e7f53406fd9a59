package io.quillspace.project.service;

import io.quillspace.project.entity.DeliverableFile;
import io.quillspace.shared.files.ClientFiles;
import io.quillspace.shared.privacy.ClientData;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * What project-service holds about a client: their projects with phases, deliverables, files (without the object's
 * key, an internal address) and history. Erasure deletes the deliverable files' objects ({@link ClientFiles}), then
 * runs the migration's {@code erase_client} (V4).
 */
// A singleton: nothing here needs a client proxy, and ClientData has no constructor one could call.
@Singleton
public class ClientDataRights extends ClientData {

    private final ClientFiles files;

    public ClientDataRights(ClientFiles files) {
        super("project", """
                select cast(jsonb_build_object('projects', coalesce(jsonb_agg(to_jsonb(p) || jsonb_build_object(
                    'phases', coalesce((select jsonb_agg(to_jsonb(ph) order by ph.position) from project_phases ph
                                        where ph.project_id = p.id), cast('[]' as jsonb)),
                    'deliverables', coalesce((select jsonb_agg(to_jsonb(d) order by d.position)
                                              from project_deliverables d where d.project_id = p.id), cast('[]' as jsonb)),
                    'files', coalesce((select jsonb_agg(to_jsonb(f) - 'object_key' order by f.created_at)
                                       from deliverable_files f where f.project_id = p.id), cast('[]' as jsonb)),
                    'history', coalesce((select jsonb_agg(to_jsonb(h) order by h.id) from project_history h
                                         where h.project_id = p.id), cast('[]' as jsonb)))
                    order by p.created_at), cast('[]' as jsonb))) as text)
                from projects p where p.user_id = :user""");
        this.files = files;
    }

    @Override
    public Uni<Void> erase(UUID userId) {
        return files.erase(DeliverableFile.class, userId).chain(() -> super.erase(userId));
    }
}
