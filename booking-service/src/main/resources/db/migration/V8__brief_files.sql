-- Files of a consultation's brief (a manuscript sample, a cover). The bytes live in the object store; a row holds what
-- was declared and checked, and which brief version was current at upload (versions are append-only). A row is never
-- deleted: an admin's deletion removes the object and records who and when, so the history stays.
create table brief_files (
    id              uuid primary key,
    tenant_id       uuid        not null,
    booking_id      uuid        not null,
    -- The booking's client, who owns the file whoever uploaded it.
    user_id         uuid        not null,
    -- Null when no brief had been submitted yet.
    brief_version   integer,
    -- As the user gave it: data, never part of the object key.
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
    constraint brief_file_of_booking_in_tenant foreign key (tenant_id, booking_id)
        references consultation_bookings (tenant_id, id),
    constraint brief_file_status_known check (status in ('PENDING', 'ATTACHED', 'DELETED')),
    constraint brief_file_size_bounded check (size_bytes between 1 and 104857600)
);
call enable_tenant_rls('brief_files', 'user_id');
create index brief_files_of_booking on brief_files (tenant_id, booking_id, created_at);
revoke delete on brief_files from ${app_role};
