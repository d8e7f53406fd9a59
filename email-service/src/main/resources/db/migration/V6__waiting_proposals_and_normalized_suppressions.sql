-- A sent proposal whose booking has not arrived yet (the booking topic lags) waits here, as the record it came in,
-- instead of being dead-lettered at once: the booking's arrival or a periodic pass announces it, and after the
-- configured wait it goes to the dead-letter topic as that record.
create table waiting_proposals (
    event_id         uuid        not null,
    tenant_id        uuid        not null,
    booking_id       uuid        not null,
    record_key       text,
    record_value     bytea       not null,
    record_headers   jsonb       not null,
    source_partition int         not null,
    source_offset    bigint      not null,
    received_at      timestamptz not null,
    constraint waiting_proposal_pkey primary key (event_id)
);
call enable_tenant_rls('waiting_proposals');
create index waiting_proposals_of_booking on waiting_proposals (tenant_id, booking_id);
create index waiting_proposals_oldest on waiting_proposals (tenant_id, received_at);

-- Suppressions compare the normalized address (UserIds.normalizedEmail: trimmed, lower case); rows stored in another
-- spelling are rewritten to it. The owner lifts FORCE meanwhile: forced, it would see no tenant's rows. A procedure, so
-- a test can run exactly this on rows it wrote in the old spellings.
create procedure normalize_suppressed_addresses()
    language plpgsql
    as $$
begin
    alter table email_suppressions no force row level security;
    insert into email_suppressions (tenant_id, email, unsubscribed_at)
    select tenant_id, lower(btrim(email, E' \t\r\n')), min(unsubscribed_at)
    from email_suppressions
    where email <> lower(btrim(email, E' \t\r\n'))
    group by tenant_id, lower(btrim(email, E' \t\r\n'))
    on conflict do nothing;
    delete from email_suppressions where email <> lower(btrim(email, E' \t\r\n'));
    alter table email_suppressions force row level security;
end
$$;
revoke execute on procedure normalize_suppressed_addresses() from public;
call normalize_suppressed_addresses();
