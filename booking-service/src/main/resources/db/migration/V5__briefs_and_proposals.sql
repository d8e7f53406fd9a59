-- The consultation business after the call: the client's project brief (every submitted version kept) and the
-- studio's proposals. Both belong to a booking and its client (user_id: the owner column users are limited to).

create table project_briefs (
    id                    bigint generated always as identity primary key,
    tenant_id             uuid        not null,
    booking_id            uuid        not null,
    user_id               uuid        not null,
    project_name          text        not null,
    genre                 text,
    manuscript_word_count integer,
    budget_min            integer     not null,
    budget_max            integer     not null,
    desired_start_date    date        not null,
    goals                 text,
    contact_email         text        not null,
    submitted_by          uuid        not null,
    submitted_at          timestamptz not null default now(),
    constraint brief_of_booking_in_tenant foreign key (tenant_id, booking_id)
        references consultation_bookings (tenant_id, id),
    constraint brief_budget_ordered check (budget_min <= budget_max)
);
call enable_tenant_rls('project_briefs', 'user_id');
-- Versions of a booking's brief, oldest first; the latest wins.
create index briefs_of_booking on project_briefs (tenant_id, booking_id, id);

create table proposals (
    id            uuid primary key,
    tenant_id     uuid          not null,
    booking_id    uuid          not null,
    user_id       uuid          not null,
    status        text          not null,
    title         text          not null,
    scope_of_work text          not null,
    -- {"phases": [{order, name, estimatedDays, deliverables: [..]}]}: read and written whole, with the proposal.
    work_plan     jsonb         not null,
    price         numeric(12, 2) not null,
    currency      text          not null,
    valid_until   timestamptz   not null,
    -- Optimistic version: an edit names the version it started from, so two admins' edits cannot both win.
    version       integer       not null default 0,
    created_by    uuid          not null,
    created_at    timestamptz   not null default now(),
    updated_at    timestamptz   not null default now(),
    sent_at       timestamptz,
    decided_at    timestamptz,
    constraint proposal_of_booking_in_tenant foreign key (tenant_id, booking_id)
        references consultation_bookings (tenant_id, id),
    constraint proposal_status_known check (status in ('DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'SUPERSEDED'))
);
call enable_tenant_rls('proposals', 'user_id');
create index proposals_of_booking on proposals (tenant_id, booking_id, created_at);
-- At most one accepted proposal per booking, whatever races the application loses.
create unique index one_accepted_proposal_per_booking on proposals (tenant_id, booking_id) where status = 'ACCEPTED';
-- A draft is the studio's work in progress: a client never sees it, even of their own booking.
create policy drafts_for_staff_only on proposals as restrictive
    using ((select app_sees_whole_tenant()) or status <> 'DRAFT')
    with check ((select app_sees_whole_tenant()) or status <> 'DRAFT');

-- A client's request now raises events too (brief submitted, proposal accepted or declined), so every role may write
-- the outbox; reading and deleting it (the relay) stays with the service role, as V3 intended.
drop policy services_only on outbox_events;
create policy services_only_read on outbox_events as restrictive for select
    using (coalesce(current_setting('app.current_role', true), '') = 'service');
create policy services_only_delete on outbox_events as restrictive for delete
    using (coalesce(current_setting('app.current_role', true), '') = 'service');

-- Brief versions are never changed; a reschedule only moves them (and proposals) to the new booking.
revoke update, delete on project_briefs from ${app_role};
grant update (booking_id, user_id) on project_briefs to ${app_role};
revoke delete on proposals from ${app_role};

-- Every page of the consultations list also counts the caller's matches. With the columns that the filters and the
-- policies read inside the index, that count is an index-only scan instead of a visit to each of the tenant's rows.
drop index bookings_by_start;
create index bookings_by_start on consultation_bookings (tenant_id, start_time, id) include (user_id, status);
