-- The transactional outbox of io.quillspace.shared.outbox (Outbox writes it, OutboxRelay reads and deletes it), for
-- services whose Flyway locations include classpath:db/outbox. booking-service predates this file and built the same
-- table in its own migrations V1, V3 to V5.
create table outbox_events (
    id             uuid        primary key,
    tenant_id      uuid        not null,
    topic          text        not null,
    record_key     text        not null,
    event_type     text        not null,
    schema_version int         not null,
    payload        text        not null,
    -- Write order: the relay publishes a tenant's events in the order their transactions wrote them.
    position       bigint      generated always as identity,
    created_at     timestamptz not null default now(),
    -- W3C traceparent of the span that appended the event (null outside a trace): the relayed record continues it.
    trace_parent   text
);
call enable_tenant_rls('outbox_events');
create index outbox_in_write_order on outbox_events (tenant_id, position);

-- Payloads carry clients' names and e-mails: any request may write an event with its change, but only the service
-- role (the relay) reads and deletes them.
create policy services_only_read on outbox_events as restrictive for select
    using (coalesce(current_setting('app.current_role', true), '') = 'service');
create policy services_only_delete on outbox_events as restrictive for delete
    using (coalesce(current_setting('app.current_role', true), '') = 'service');
revoke update on outbox_events from ${app_role};

-- Commit wakes the relay at once (a notification is delivered at commit, never for a rollback).
create function notify_outbox() returns trigger
    language plpgsql
    as $$
begin
    perform pg_notify('outbox', new.tenant_id::text);
    return null;
end
$$;
create trigger outbox_committed after insert on outbox_events for each row execute function notify_outbox();
