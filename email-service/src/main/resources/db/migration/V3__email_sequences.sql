-- email-service's own view of each booking, kept from booking events: the dispatcher re-checks it just before every
-- send, so a reminder never goes out for a booking canceled after its job was scheduled or claimed.
create table booking_projection (
    tenant_id         uuid        not null,
    booking_id        uuid        not null,
    user_id           uuid        not null,
    status            text        not null,
    no_show           boolean     not null default false,
    -- The per-booking sequence of the last event applied; older events are stale.
    last_sequence     bigint      not null,
    -- Who to write to and what to show, as the last booking event described them.
    recipient         text        not null,
    context           jsonb       not null,
    -- The calendar entry the client's invitations update: a reschedule moves the old booking's entry.
    calendar_uid      text        not null,
    calendar_sequence int         not null default 0,
    updated_at        timestamptz not null default now(),
    constraint booking_projection_pkey primary key (booking_id),
    constraint booking_status_known check (status in ('SCHEDULED', 'CANCELED', 'RESCHEDULED'))
);
call enable_tenant_rls('booking_projection', 'user_id');

-- Claims are leases: a worker owns a job until locked_until, holding no row lock while it talks to SMTP; a crashed
-- worker's jobs return when the lease ends. message_id is fixed per job, so a resend is recognisably the same message.
alter table email_jobs
    add column locked_until  timestamptz,
    add column message_id    text,
    add column smtp_response text,
    add column updated_at    timestamptz not null default now();
update email_jobs set message_id = '<' || id || '@quillspace.email>';
alter table email_jobs alter column message_id set not null;
drop index email_jobs_due;
create index email_jobs_due on email_jobs (tenant_id, scheduled_for) where status = 'PENDING';
create index email_jobs_of_booking on email_jobs (tenant_id, booking_id);

-- A job due now is sent the moment it commits: the dispatcher listens for this signal (the scheduled tick remains the
-- safety net for future and retried jobs).
create function notify_due_email() returns trigger
    language plpgsql
    as $$
begin
    if new.status = 'PENDING' and new.scheduled_for <= now() then
        perform pg_notify('email_jobs_due', new.tenant_id::text);
    end if;
    return null;
end
$$;
create trigger email_job_due after insert or update of status, scheduled_for on email_jobs
    for each row execute function notify_due_email();

-- A studio's own wording of an email kind; the built-in template serves every kind without one.
create table email_templates (
    tenant_id  uuid        not null,
    kind       text        not null,
    subject    text        not null,
    html       text        not null,
    text       text        not null,
    updated_at timestamptz not null default now(),
    constraint email_template_per_kind primary key (tenant_id, kind)
);
call enable_tenant_rls('email_templates');
-- Every replica caches compiled templates; a change anywhere evicts the tenant's entries everywhere.
create function notify_template_change() returns trigger
    language plpgsql
    as $$
begin
    perform pg_notify('email_templates', coalesce(new.tenant_id, old.tenant_id)::text);
    return null;
end
$$;
create trigger email_template_changed after insert or update or delete on email_templates
    for each row execute function notify_template_change();

-- Addresses that unsubscribed from non-transactional email (follow-ups), per studio.
create table email_suppressions (
    tenant_id       uuid        not null,
    email           text        not null,
    unsubscribed_at timestamptz not null default now(),
    constraint email_suppression_per_address primary key (tenant_id, email)
);
call enable_tenant_rls('email_suppressions');
revoke update, delete on email_suppressions from ${app_role};
