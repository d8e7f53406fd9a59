-- Append-only: every change of a studio (created, updated with the profile fields it changed, suspended, resumed,
-- deleted), who made it (the token's subject and role; service for the seeding at start-up) and the version it
-- produced. Written in the change's transaction (studio/StudioHistory); tenant_id is the studio's id.
create table studio_history (
    id             bigint generated always as identity primary key,
    tenant_id      uuid        not null,
    change         text        not null,
    -- An update's changed profile fields: {"names": [name, timeZone, senderDisplayName, replyTo, logoUrl, website]}.
    changed_fields jsonb,
    status         text        not null,
    version        bigint      not null,
    actor          text,
    actor_role     text        not null,
    at             timestamptz not null
);
call enable_tenant_rls('studio_history');
create index studio_history_of_studio on studio_history (tenant_id, id);

revoke update, delete on studio_history from ${app_role};
