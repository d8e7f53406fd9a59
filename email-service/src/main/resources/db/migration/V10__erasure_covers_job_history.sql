-- Erasure (V8) also covers the job history that arrived in V9: an SMTP answer or error that echoed the client's address
-- keeps its text without it. The history stays append-only for the runtime role; this function runs as its owner.
create or replace function erase_client(p_user uuid) returns void
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
    -- The job history (V9) keeps each SMTP answer and error as written, which may echo the address: read before the
    -- jobs lose it below.
    update email_job_history history
    set reason = replace(history.reason, job.recipient, 'erased@erased.invalid')
    from email_jobs job
    where job.id = history.job_id and job.user_id = p_user and history.reason is not null;
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
