-- A claim is a token, not a time: the dispatcher renews its claim on one job just before handing it to SMTP and settles
-- it only while the token is still its own, so a job whose lease ran out and was claimed again is never sent twice.
alter table email_jobs add column claim_token uuid;

-- A job is due "now" when its row is written, not when its transaction began: scheduled_for comes from the application
-- clock after the transaction started, so comparing with now() (the transaction's start) never signalled a job due at
-- once and the confirmation waited for the scheduled pass. clock_timestamp() is the wall clock at the write.
create or replace function notify_due_email() returns trigger
    language plpgsql
    as $$
begin
    if new.status = 'PENDING' and new.scheduled_for <= clock_timestamp() then
        perform pg_notify('email_jobs_due', new.tenant_id::text);
    end if;
    return null;
end
$$;
