-- A studio's Calendly connection (PUT /studios/{id}/calendly) and its webhook signing keys. The token and the keys are
-- stored sealed with AES-GCM under a key-encryption key (KEK) from a Kubernetes Secret; *_kek names the KEK that
-- sealed each ciphertext (nonce || ciphertext || tag), so a KEK rotation can re-seal row by row. Like studios, a row
-- is its tenant's, and the platform role (the webhook door's key cache, KEK re-sealing) sees every studio's.
create table calendly_connections (
    tenant_id     uuid        primary key,
    organization  text        not null,
    -- Null for a studio seeded from configuration, whose token was never checked here.
    calendly_user text,
    token         bytea       not null,
    token_kek     text        not null,
    -- The organization-scope webhook subscription this service created for the studio (its Calendly URI).
    subscription  text,
    connected_at  timestamptz not null,
    updated_at    timestamptz not null
);

-- Generation 1, 2, ...: the newest is the one the studio's subscription signs with; an older one is still accepted
-- until accepted_until (null: no end yet), for deliveries signed before the rotation that Calendly still retries.
create table signing_keys (
    tenant_id      uuid        not null,
    generation     integer     not null check (generation > 0),
    signing_key    bytea       not null,
    signing_key_kek text       not null,
    created_at     timestamptz not null,
    accepted_until timestamptz,
    primary key (tenant_id, generation)
);

do $$
declare
    target text;
begin
    foreach target in array array['calendly_connections', 'signing_keys'] loop
        execute format('alter table %I enable row level security', target);
        execute format('alter table %I force row level security', target);
        execute format('create policy own_studio_or_platform on %I'
                       ' using (tenant_id = (select app_current_tenant())'
                       ' or coalesce(current_setting(''app.current_role'', true), '''') = ''platform'')'
                       ' with check (tenant_id = (select app_current_tenant())'
                       ' or coalesce(current_setting(''app.current_role'', true), '''') = ''platform'')', target);
    end loop;
end
$$;

-- Keys retire by their accepted_until, never by deletion: a row is the record of which key signed when.
revoke delete on signing_keys from ${app_role};
revoke delete on calendly_connections from ${app_role};

-- A change on any replica refreshes every replica's in-memory keys of the studio (connection/SigningKeyCache).
create function notify_signing_key_change() returns trigger
    language plpgsql
    as $$
begin
    perform pg_notify('signing_keys', new.tenant_id::text);
    return null;
end
$$;
create trigger signing_keys_changed after insert or update on signing_keys
    for each row execute function notify_signing_key_change();
