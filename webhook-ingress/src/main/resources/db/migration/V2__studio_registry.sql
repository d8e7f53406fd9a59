-- The studio registry: every studio (tenant) of the platform, its profile and its lifecycle. A studio's own row is its
-- tenant's (id = the bound tenant); the platform operator's work (listing, creating, the webhook door's status cache)
-- binds the role 'platform' and no tenant, and sees no other table's rows.
create table studios (
    id                  uuid        primary key,
    name                text        not null,
    time_zone           text        not null,
    sender_display_name text,
    reply_to            text,
    logo_url            text,
    website             text,
    status              text        not null default 'active' check (status in ('active', 'suspended', 'deleted')),
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    -- Raised by every change; the sequence of the change's StudioEventV1.
    version             bigint      not null default 1
);
alter table studios enable row level security;
alter table studios force row level security;
create policy own_studio_or_platform on studios
    using (id = (select app_current_tenant()) or coalesce(current_setting('app.current_role', true), '') = 'platform')
    with check (id = (select app_current_tenant()) or coalesce(current_setting('app.current_role', true), '') = 'platform');
create index studios_in_creation_order on studios (created_at, id);

-- A deleted studio keeps its row (status deleted): its id stays taken, and the outbox still relays its last event.
revoke delete on studios from ${app_role};

-- A change on any replica refreshes every replica's in-memory status of the studio (studio/StudioStatuses).
create function notify_studio_change() returns trigger
    language plpgsql
    as $$
begin
    perform pg_notify('studios', new.id::text);
    return null;
end
$$;
create trigger studios_changed after insert or update on studios for each row execute function notify_studio_change();
