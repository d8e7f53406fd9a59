-- Per studio: where its last completed reconciliation sweep started (the next one reads from there, less an overlap,
-- instead of the whole look-back window, also after a restart), and which replica's scheduled sweep holds it now.
-- The row appears with the first claim, before any sweep completed.
create table reconciliation_watermarks (
    tenant_id        uuid primary key,
    swept_from       timestamptz,
    sweep_started_at timestamptz,
    completed_at     timestamptz,
    events           integer,
    invitees         integer,
    -- Until then, other replicas' scheduled sweeps leave the studio alone.
    claimed_until    timestamptz
);
call enable_tenant_rls('reconciliation_watermarks');

-- The runtime role claims and moves watermarks; it never deletes one, and studios it has seen stay known.
revoke delete on reconciliation_watermarks from ${app_role};
revoke update, delete on tenants from ${app_role};
