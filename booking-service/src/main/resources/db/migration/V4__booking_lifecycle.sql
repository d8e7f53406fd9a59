-- The whole Calendly lifecycle of a booking: cancellation, reschedule links, no-shows, where and how it was booked,
-- and the per-booking sequence its events carry.
alter table consultation_bookings
    add column location                    jsonb,
    add column tracking                    jsonb,
    add column canceled_by                 text,
    add column cancel_reason               text,
    add column canceler_type               text,
    add column canceled_at                 timestamptz,
    -- Booking ids are derived from (tenant, invitee URI), so either half of a reschedule names the other's booking
    -- before it exists; no foreign key, because the other half may not have arrived yet.
    add column rescheduled_from_booking_id uuid,
    add column rescheduled_to_booking_id   uuid,
    add column no_show                     boolean     not null default false,
    add column event_sequence              bigint      not null default 0,
    add column updated_at                  timestamptz not null default now(),
    add constraint booking_status_known check (status in ('SCHEDULED', 'CANCELED', 'RESCHEDULED'));

-- Foreign-key checks bypass Row-Level Security: a reference must carry the tenant, or a row could point across tenants.
alter table users add constraint users_id_in_tenant unique (tenant_id, id);
alter table consultation_bookings drop constraint consultation_bookings_user_id_fkey;
alter table consultation_bookings add constraint bookings_user_in_tenant
    foreign key (tenant_id, user_id) references users (tenant_id, id);
alter table consultation_bookings add constraint bookings_id_in_tenant unique (tenant_id, id);

-- Append-only: every state change of a booking, with the delivery that caused it.
create table booking_history (
    id             bigint generated always as identity primary key,
    tenant_id      uuid        not null,
    booking_id     uuid        not null,
    user_id        uuid        not null,
    change         text        not null,
    from_status    text,
    to_status      text        not null,
    no_show        boolean     not null,
    delivery_id    uuid,
    calendly_event text,
    actor          text,
    actor_type     text,
    reason         text,
    occurred_at    timestamptz,
    recorded_at    timestamptz not null default now(),
    constraint history_of_booking_in_tenant foreign key (tenant_id, booking_id)
        references consultation_bookings (tenant_id, id)
);
call enable_tenant_rls('booking_history', 'user_id');
create index booking_history_of_booking on booking_history (tenant_id, booking_id, id);

-- Deliveries already applied (or deliberately skipped): a redelivery with the same id changes nothing.
create table processed_deliveries (
    tenant_id    uuid        not null,
    delivery_id  uuid        not null,
    event        text        not null,
    outcome      text        not null,
    processed_at timestamptz not null default now(),
    constraint processed_delivery primary key (tenant_id, delivery_id)
);
call enable_tenant_rls('processed_deliveries');

-- No-show marks by their own Calendly URI: a mark cleared before its creation arrives stays cleared.
create table invitee_no_shows (
    tenant_id   uuid        not null,
    uri         text        not null,
    invitee_uri text        not null,
    marked_at   timestamptz,
    cleared     boolean     not null default false,
    constraint no_show_in_tenant primary key (tenant_id, uri)
);
call enable_tenant_rls('invitee_no_shows');
create index no_shows_of_invitee on invitee_no_shows (tenant_id, invitee_uri);

-- The relay publishes in write order (a database sequence, not an application clock) and learns of each commit
-- through a notification instead of waiting for its next sweep.
alter table outbox_events
    add column schema_version int    not null default 1,
    add column position       bigint generated always as identity;
drop index outbox_in_order;
create index outbox_in_write_order on outbox_events (tenant_id, position);
create function notify_outbox() returns trigger
    language plpgsql
    as $$
begin
    perform pg_notify('outbox', new.tenant_id::text);
    return null;
end
$$;
create trigger outbox_committed after insert on outbox_events for each row execute function notify_outbox();

-- The runtime role gets what the code needs and no more. Changing or deleting a tenant row would silently stop that
-- tenant's background jobs; history and the dedupe log are append-only; outbox rows are written and deleted, never changed.
revoke update, delete on tenants from ${app_role};
revoke update, delete on booking_history from ${app_role};
revoke update, delete on processed_deliveries from ${app_role};
revoke update on outbox_events from ${app_role};
