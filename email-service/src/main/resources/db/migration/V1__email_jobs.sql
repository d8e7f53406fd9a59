-- One row per email the sequence must send. (tenant, booking, kind) is unique: a redelivered booking event
-- finds its job and schedules nothing twice.
create table email_jobs (
    id             uuid primary key,
    tenant_id      uuid        not null,
    booking_id     uuid        not null,
    user_id        uuid        not null,
    kind           text        not null,
    status         text        not null,
    recipient      text        not null,
    -- What the template needs, captured from the event so sending never calls another service.
    context        jsonb       not null,
    scheduled_for  timestamptz not null,
    attempts       int         not null default 0,
    last_error     text,
    sent_at        timestamptz,
    created_at     timestamptz not null default now(),
    constraint email_job_per_booking_kind unique (tenant_id, booking_id, kind)
);
call enable_tenant_rls('email_jobs', 'user_id');
create index email_jobs_due on email_jobs (tenant_id, scheduled_for) where status = 'PENDING';
