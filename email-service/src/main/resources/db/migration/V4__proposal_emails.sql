-- A booking gets one email per kind, except a proposal: each proposal sent is announced once (a new proposal that
-- supersedes an earlier one is announced too). subject_id names the proposal; other kinds leave it null.
alter table email_jobs add column subject_id uuid;
alter table email_jobs drop constraint email_job_per_booking_kind;
create unique index email_job_per_booking_kind on email_jobs (tenant_id, booking_id, kind, coalesce(subject_id, booking_id));
