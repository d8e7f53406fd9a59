-- A client's data rights (GDPR Art. 15 and 17, see README "Client data: export and erasure").

-- Clients whose personal data was erased here. Whatever path later writes one of their jobs or their booking's
-- projection (a late booking, proposal or project event), the row is written as a tombstone: no address, no context,
-- and a pending email cancelled, so nothing is sent to them. The row is still written, so the appliers' statements see
-- the row counts they expect and their records are not retried.
create table erased_clients (
    tenant_id uuid        not null,
    user_id   uuid        not null,
    erased_at timestamptz not null default now(),
    constraint erased_client primary key (tenant_id, user_id)
);
call enable_tenant_rls('erased_clients');
revoke update, delete on erased_clients from ${app_role};

create function tombstone_erased_client() returns trigger
    language plpgsql
    as $$
begin
    if exists (select 1 from erased_clients e where e.tenant_id = new.tenant_id and e.user_id = new.user_id) then
        new.recipient := 'erased@erased.invalid';
        new.context := '{}';
        if tg_table_name = 'email_jobs' and new.status = 'PENDING' then
            new.status := 'CANCELLED';
        end if;
    end if;
    return new;
end
$$;
create trigger no_email_to_erased_client before insert or update on email_jobs
    for each row execute function tombstone_erased_client();
create trigger no_address_of_erased_client before insert or update on booking_projection
    for each row execute function tombstone_erased_client();

-- Erasure deletes suppressions (an address is all they hold) and rewrites rows the runtime role may not delete, so it
-- runs as the owner of this migration, in the caller's tenant only (the tables force Row-Level Security on their owner
-- too). Jobs keep their ids, kinds, statuses, times and message ids, so counts and the sending record survive; pending
-- ones are cancelled.
create function erase_client(p_user uuid) returns void
    language plpgsql
    security definer
    set search_path = public, pg_temp
    as $$
begin
    delete from email_suppressions
    where email in (select lower(btrim(recipient)) from email_jobs where user_id = p_user
                    union select lower(btrim(recipient)) from booking_projection where user_id = p_user);
    delete from waiting_proposals
    where booking_id in (select booking_id from email_jobs where user_id = p_user
                         union select booking_id from booking_projection where user_id = p_user);
    update email_jobs
    -- The SMTP server's answer stays as the record of sending, without the address it may echo.
    set recipient = 'erased@erased.invalid', context = '{}', last_error = null,
        smtp_response = replace(smtp_response, recipient, 'erased@erased.invalid'),
        status = case when status = 'PENDING' then 'CANCELLED' else status end, updated_at = now()
    where user_id = p_user;
    update booking_projection set recipient = 'erased@erased.invalid', context = '{}', updated_at = now()
    where user_id = p_user;
    delete from outbox_events
    where topic = 'client-events.v1' and record_key = app_current_tenant() || ':' || p_user;
    insert into erased_clients (tenant_id, user_id) values (app_current_tenant(), p_user) on conflict do nothing;
end
$$;
revoke execute on function erase_client(uuid) from public;
grant execute on function erase_client(uuid) to ${app_role};
