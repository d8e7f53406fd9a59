-- A client's data rights (GDPR Art. 15 and 17, see README "Client data: export and erasure").

-- Clients whose personal data was erased here: a later accepted proposal of theirs starts no project.
create table erased_clients (
    tenant_id uuid        not null,
    user_id   uuid        not null,
    erased_at timestamptz not null default now(),
    constraint erased_client primary key (tenant_id, user_id)
);
call enable_tenant_rls('erased_clients');
revoke update, delete on erased_clients from ${app_role};

-- The erasure is recorded in each of the client's projects' history, about the client and without the data.
alter table project_history drop constraint history_subject_known;
alter table project_history add constraint history_subject_known check (subject in ('PROJECT', 'PHASE', 'DELIVERABLE', 'CLIENT'));

-- Erasure rewrites rows the runtime role may only append (history) or never delete, so it runs as the owner of this
-- migration, in the caller's tenant only: the tables force Row-Level Security on their owner too, and the caller's
-- transaction binds the tenant. Ids, statuses, dates and prices stay, so counts and the plan's shape survive.
create function erase_client(p_user uuid) returns void
    language plpgsql
    security definer
    set search_path = public, pg_temp
    as $$
begin
    insert into project_history (tenant_id, project_id, user_id, subject, subject_id, subject_name, from_status,
                                 to_status, occurred_at)
    select tenant_id, id, user_id, 'CLIENT', user_id, 'client.erased', null, 'erased', now()
    from projects where user_id = p_user and client_email <> 'erased@erased.invalid';
    update projects
    set client_email = 'erased@erased.invalid', client_name = 'erased', name = 'erased', scope_of_work = 'erased',
        updated_at = now()
    where user_id = p_user;
    -- A project's own history entries are named after it (the client's working title).
    update project_history set subject_name = 'erased' where user_id = p_user and subject = 'PROJECT';
    update deliverable_files set file_name = 'erased' where user_id = p_user;
    insert into erased_clients (tenant_id, user_id) values (app_current_tenant(), p_user) on conflict do nothing;
end
$$;
revoke execute on function erase_client(uuid) from public;
grant execute on function erase_client(uuid) to ${app_role};
