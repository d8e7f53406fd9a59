create table users (
    id         uuid primary key,
    tenant_id  uuid        not null,
    email      text        not null,
    name       text,
    created_at timestamptz not null default now(),
    constraint users_email_per_tenant unique (tenant_id, email)
);
call enable_tenant_rls('users', 'id');

create table consultation_bookings (
    id                  uuid primary key,
    tenant_id           uuid        not null,
    user_id             uuid        not null references users (id),
    invitee_uri         text        not null,
    event_uri           text        not null,
    event_name          text,
    status              text        not null,
    start_time          timestamptz not null,
    end_time            timestamptz not null,
    invitee_timezone    text        not null,
    intake              jsonb       not null default '{"answers": []}',
    cancel_url          text,
    reschedule_url      text,
    calendly_updated_at timestamptz,
    created_at          timestamptz not null default now(),
    -- A redelivered invitee.created finds its booking here instead of creating a second one.
    constraint bookings_invitee_per_tenant unique (tenant_id, invitee_uri)
);
call enable_tenant_rls('consultation_bookings', 'user_id');
create index bookings_by_user on consultation_bookings (tenant_id, user_id, start_time);

-- Transactional outbox: events are written with the state change and relayed to Kafka after commit.
create table outbox_events (
    id         uuid primary key,
    tenant_id  uuid        not null,
    topic      text        not null,
    record_key text        not null,
    event_type text        not null,
    payload    text        not null,
    created_at timestamptz not null default now()
);
call enable_tenant_rls('outbox_events');
create index outbox_in_order on outbox_events (tenant_id, created_at);
