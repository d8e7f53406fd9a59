-- Files the studio hands over with a deliverable (the editorial letter, the annotated manuscript). The bytes live in
-- the object store; a row holds what was declared and checked. A row is never deleted: an admin's deletion removes the
-- object and records who and when, so the history stays.

-- A file's deliverable must be of the file's tenant: the foreign key below names both columns.
alter table project_deliverables add constraint deliverables_in_tenant unique (tenant_id, id);

create table deliverable_files (
    id              uuid        primary key,
    tenant_id       uuid        not null,
    project_id      uuid        not null,
    deliverable_id  uuid        not null,
    -- The project's client, who owns the file (and may download it).
    user_id         uuid        not null,
    file_name       text        not null,
    content_type    text        not null,
    size_bytes      bigint      not null,
    checksum_sha256 text,
    object_key      text        not null,
    status          text        not null,
    uploaded_by     uuid        not null,
    created_at      timestamptz not null,
    attached_at     timestamptz,
    deleted_by      uuid,
    deleted_at      timestamptz,
    constraint deliverable_file_of_project_in_tenant foreign key (tenant_id, project_id)
        references projects (tenant_id, id),
    constraint deliverable_file_of_deliverable foreign key (tenant_id, deliverable_id)
        references project_deliverables (tenant_id, id),
    constraint deliverable_file_status_known check (status in ('PENDING', 'ATTACHED', 'DELETED')),
    constraint deliverable_file_size_bounded check (size_bytes between 1 and 104857600)
);
call enable_tenant_rls('deliverable_files', 'user_id');
create index deliverable_files_of_deliverable on deliverable_files (tenant_id, deliverable_id, created_at);
revoke delete on deliverable_files from ${app_role};
