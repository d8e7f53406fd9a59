-- Where each studio's last completed reconciliation sweep started: the next one reads from there (less an overlap)
-- instead of the whole look-back window, also after a restart.
create table reconciliation_watermarks (
    tenant_id        uuid        primary key,
    swept_from       timestamptz not null,
    sweep_started_at timestamptz not null,
    completed_at     timestamptz not null,
    events           integer     not null,
    invitees         integer     not null
);
call enable_tenant_rls('reconciliation_watermarks');

-- The runtime role records and moves watermarks; it never deletes one (a lost watermark only costs a longer sweep,
-- but nothing here needs to), and studios it has seen stay known.
revoke delete on reconciliation_watermarks from ${app_role};
revoke update, delete on tenants from ${app_role};
