-- Append-only: every change of a proposal (created, edited, sent, superseded, accepted, declined, moved by a
-- reschedule), who made it, and for an acceptance the SHA-256 of the exact content accepted (ProposalContent).
alter table proposals add constraint proposals_id_in_tenant unique (tenant_id, id);

create table proposal_history (
    id              bigint generated always as identity primary key,
    tenant_id       uuid        not null,
    proposal_id     uuid        not null,
    -- The booking the proposal belonged to after the change; a move also names the booking it left.
    booking_id      uuid        not null,
    from_booking_id uuid,
    change          text        not null,
    from_status     text,
    to_status       text        not null,
    -- The proposal's version after the change.
    version         integer     not null,
    -- An edit's changed fields: {"names": [title, scopeOfWork, phases, price, currency, validUntil]}.
    changed_fields  jsonb,
    content_sha256  text,
    -- Who changed it: the caller's user id and role; a reschedule's move is the service's, with no user.
    actor           uuid,
    actor_role      text        not null,
    recorded_at     timestamptz not null default now(),
    constraint history_of_proposal_in_tenant foreign key (tenant_id, proposal_id)
        references proposals (tenant_id, id),
    constraint proposal_change_known
        check (change in ('CREATED', 'EDITED', 'SENT', 'SUPERSEDED', 'ACCEPTED', 'DECLINED', 'MOVED'))
);
call enable_tenant_rls('proposal_history');
-- A proposal's history is seen by whoever may see the proposal itself (its client once sent, the tenant's admins):
-- the subquery obeys the proposals' own policies, drafts included.
create policy with_its_proposal on proposal_history as restrictive
    using (exists (select 1 from proposals p where p.tenant_id = proposal_history.tenant_id
                   and p.id = proposal_history.proposal_id))
    with check (exists (select 1 from proposals p where p.tenant_id = proposal_history.tenant_id
                        and p.id = proposal_history.proposal_id));
create index proposal_history_of_proposal on proposal_history (tenant_id, proposal_id, id);

revoke update, delete on proposal_history from ${app_role};
