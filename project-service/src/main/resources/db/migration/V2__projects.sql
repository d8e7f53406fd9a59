-- A project starts from an accepted proposal: its plan (phases in order, deliverables per phase, with dates) and every
-- status change since. Each row carries its client (user_id), the owner column clients are limited to.

create table projects (
    id             uuid          primary key,
    tenant_id      uuid          not null,
    user_id        uuid          not null,
    booking_id     uuid          not null,
    proposal_id    uuid          not null,
    name           text          not null,
    status         text          not null,
    kickoff_date   date          not null,
    -- IANA zone the client booked in: "today", due and overdue are the client's days.
    time_zone      text          not null,
    client_email   text          not null,
    client_name    text          not null,
    scope_of_work  text          not null,
    price          numeric(12, 2),
    currency       text,
    accepted_at    timestamptz   not null,
    -- Number of the project's last event: its events leave numbered 1, 2, ... in order.
    event_sequence bigint        not null default 0,
    created_at     timestamptz   not null default now(),
    updated_at     timestamptz   not null default now(),
    -- One project per proposal, however often proposal.accepted is delivered or replayed.
    constraint one_project_per_proposal unique (tenant_id, proposal_id),
    constraint projects_in_tenant unique (tenant_id, id),
    constraint project_status_known check (status in ('KICKOFF', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED'))
);
call enable_tenant_rls('projects', 'user_id');
-- The list, newest first; with the columns the filter and the policies read, its count is an index-only scan.
create index projects_newest_first on projects (tenant_id, created_at, id) include (user_id, status);

create table project_phases (
    id             uuid    primary key,
    tenant_id      uuid    not null,
    project_id     uuid    not null,
    user_id        uuid    not null,
    position       integer not null,
    name           text    not null,
    estimated_days integer not null,
    status         text    not null,
    planned_start  date    not null,
    planned_end    date    not null,
    actual_start   date,
    actual_end     date,
    updated_at     timestamptz not null default now(),
    constraint phase_of_project_in_tenant foreign key (tenant_id, project_id) references projects (tenant_id, id),
    constraint phases_in_tenant unique (tenant_id, id),
    constraint one_phase_per_position unique (project_id, position),
    constraint phase_dates_ordered check (planned_start <= planned_end),
    constraint phase_status_known check (status in ('PENDING', 'IN_PROGRESS', 'COMPLETED'))
);
call enable_tenant_rls('project_phases', 'user_id');

create table project_deliverables (
    id           uuid    primary key,
    tenant_id    uuid    not null,
    project_id   uuid    not null,
    phase_id     uuid    not null,
    user_id      uuid    not null,
    position     integer not null,
    name         text    not null,
    status       text    not null,
    due_date     date    not null,
    done_on      date,
    updated_at   timestamptz not null default now(),
    constraint deliverable_of_project_in_tenant foreign key (tenant_id, project_id) references projects (tenant_id, id),
    constraint deliverable_of_phase_in_tenant foreign key (tenant_id, phase_id) references project_phases (tenant_id, id),
    constraint one_deliverable_per_position unique (phase_id, position),
    constraint deliverable_status_known check (status in ('PENDING', 'IN_PROGRESS', 'IN_REVIEW', 'DONE'))
);
call enable_tenant_rls('project_deliverables', 'user_id');
create index deliverables_of_project on project_deliverables (tenant_id, project_id);

-- Every status change of the project, a phase or a deliverable, appended and never changed.
create table project_history (
    id           bigint generated always as identity primary key,
    tenant_id    uuid        not null,
    project_id   uuid        not null,
    user_id      uuid        not null,
    subject      text        not null,
    subject_id   uuid        not null,
    subject_name text        not null,
    from_status  text,
    to_status    text        not null,
    -- The admin who made the change; null for the kickoff, which the accepted proposal made.
    changed_by   uuid,
    occurred_at  timestamptz not null,
    constraint history_of_project_in_tenant foreign key (tenant_id, project_id) references projects (tenant_id, id),
    constraint history_subject_known check (subject in ('PROJECT', 'PHASE', 'DELIVERABLE'))
);
call enable_tenant_rls('project_history', 'user_id');
create index history_of_project on project_history (tenant_id, project_id, id);

-- The runtime role changes statuses; it never deletes a project or its plan, and history is append-only.
revoke delete on projects, project_phases, project_deliverables from ${app_role};
revoke update, delete on project_history from ${app_role};
