-- Append-only audit trails of email jobs and templates, written by triggers in the transaction of each change: every
-- writer is covered (dispatcher, sequence appliers, admin retry, template API), and the dispatcher's batch statements
-- gain no statement and no round trip. The actor is the bound user (the token's sub), none for background work.

-- Every status change of an email job, and each claim by a dispatcher: from and to which status, and why (the SMTP
-- server's answer, the error, the reason it was withdrawn). A job held because its studio is suspended is not claimed,
-- so holding it changes nothing and records nothing.
create table email_job_history (
    id            bigint generated always as identity primary key,
    tenant_id     uuid        not null,
    job_id        uuid        not null,
    user_id       uuid        not null,
    -- CREATED, CLAIMED, RETRY (an attempt failed; due again at scheduled_for), SENT, FAILED, CANCELLED, SUPPRESSED,
    -- REQUEUED (pending again: an admin's retry, a reschedule's reinstatement).
    event         text        not null,
    from_status   text,
    to_status     text        not null,
    reason        text,
    scheduled_for timestamptz not null,
    actor         uuid,
    at            timestamptz not null default clock_timestamp()
);
call enable_tenant_rls('email_job_history', 'user_id');
create index email_job_history_of_job on email_job_history (tenant_id, job_id, id);

create function record_email_job_change() returns trigger
    language plpgsql
    as $$
declare
    event  text;
    reason text;
begin
    if tg_op = 'INSERT' then
        event := 'CREATED';
    elsif new.status is distinct from old.status then
        event := case when new.status = 'PENDING' then 'REQUEUED' else new.status end;
        reason := case when new.status = 'SENT' then new.smtp_response else new.last_error end;
    elsif new.claim_token is not null and new.claim_token is distinct from old.claim_token then
        event := 'CLAIMED';
        reason := 'leased until ' || new.locked_until;
    elsif old.claim_token is not null and new.claim_token is null and new.status = 'PENDING' then
        event := 'RETRY';
        reason := new.last_error;
    else
        -- A renewed lease, a moved due time: no status change.
        return null;
    end if;
    insert into email_job_history (tenant_id, job_id, user_id, event, from_status, to_status, reason, scheduled_for,
                                   actor)
    values (new.tenant_id, new.id, new.user_id, event, case when tg_op = 'UPDATE' then old.status end, new.status,
            reason, new.scheduled_for, app_current_user());
    return null;
end
$$;
create trigger email_job_status_changed after insert or update on email_jobs
    for each row execute function record_email_job_change();

-- Every edit and removal of a studio's template, with the version it replaced (none for the first).
create table email_template_history (
    id               bigint generated always as identity primary key,
    tenant_id        uuid        not null,
    kind             text        not null,
    change           text        not null,
    previous_subject text,
    previous_html    text,
    previous_text    text,
    changed_by       uuid,
    changed_at       timestamptz not null default clock_timestamp()
);
call enable_tenant_rls('email_template_history');
create index email_template_history_of_kind on email_template_history (tenant_id, kind, id);

create function record_email_template_change() returns trigger
    language plpgsql
    as $$
begin
    insert into email_template_history (tenant_id, kind, change, previous_subject, previous_html, previous_text,
                                        changed_by)
    values (coalesce(new.tenant_id, old.tenant_id), coalesce(new.kind, old.kind),
            case tg_op when 'INSERT' then 'CREATED' when 'UPDATE' then 'UPDATED' else 'DELETED' end,
            old.subject, old.html, old.text, app_current_user());
    return null;
end
$$;
create trigger email_template_history after insert or update or delete on email_templates
    for each row execute function record_email_template_change();

revoke update, delete on email_job_history from ${app_role};
revoke update, delete on email_template_history from ${app_role};
