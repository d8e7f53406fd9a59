-- A client's data rights (GDPR Art. 15 and 17, see README "Client data: export and erasure").

-- A client's export, assembled here from every service's part (client-events.v1), kept for
-- quillspace.booking.client-data.export-retention, then purged. The client may read their own (user_id is the owner).
create table client_exports (
    id           uuid        primary key,
    tenant_id    uuid        not null,
    user_id      uuid        not null,
    requested_by uuid        not null,
    requested_at timestamptz not null,
    -- {"<service>": <its part>}, one key per part arrived.
    parts        jsonb       not null default '{}',
    updated_at   timestamptz not null
);
call enable_tenant_rls('client_exports', 'user_id');
create index client_exports_by_age on client_exports (tenant_id, requested_at);

-- Clients whose personal data was erased: a later delivery about them (a webhook, a reconciliation) is dropped.
create table erased_clients (
    tenant_id uuid        not null,
    user_id   uuid        not null,
    erased_at timestamptz not null default now(),
    constraint erased_client primary key (tenant_id, user_id)
);
call enable_tenant_rls('erased_clients');
revoke update, delete on erased_clients from ${app_role};

-- Erasure rewrites rows the runtime role may only append (history, brief versions), so it runs as the owner of this
-- migration, in the caller's tenant only: the tables force Row-Level Security on their owner too, and the caller's
-- transaction binds the tenant. Ids, statuses, times, budgets and prices stay, so counts and the lifecycle survive.
-- The user's email becomes a unique address that names no one (users_email_per_tenant is unique).
create function erase_client(p_user uuid) returns void
    language plpgsql
    security definer
    set search_path = public, pg_temp
    as $$
begin
    if exists (select 1 from erased_clients where user_id = p_user) then
        return;
    end if;
    update users set email = 'erased-' || id || '@erased.invalid', name = null where id = p_user;
    update consultation_bookings
    set intake = '{"answers": []}', location = null, tracking = null, canceled_by = null, cancel_reason = null,
        cancel_url = null, reschedule_url = null, updated_at = now()
    where user_id = p_user;
    update booking_history set actor = null, reason = null where user_id = p_user;
    insert into booking_history (tenant_id, booking_id, user_id, change, from_status, to_status, no_show, occurred_at)
    select tenant_id, id, user_id, 'CLIENT_ERASED', status, status, no_show, now()
    from consultation_bookings where user_id = p_user;
    update project_briefs
    set project_name = 'erased', genre = null, goals = null, contact_email = 'erased@erased.invalid'
    where user_id = p_user;
    update proposals set title = 'erased', scope_of_work = 'erased' where user_id = p_user;
    update brief_files set file_name = 'erased' where user_id = p_user;
    delete from client_exports where user_id = p_user;
    delete from outbox_events
    where topic = 'client-events.v1' and record_key = app_current_tenant() || ':' || p_user;
    insert into erased_clients (tenant_id, user_id) values (app_current_tenant(), p_user);
end
$$;
revoke execute on function erase_client(uuid) from public;
grant execute on function erase_client(uuid) to ${app_role};
