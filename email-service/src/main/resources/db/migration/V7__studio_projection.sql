-- What email-service knows of each studio, from studio-events.v1 (webhook-ingress keeps the registry): how its emails
-- name it (From display name, Reply-To), its logo, whether it is suspended (its jobs are held, not sent), and the
-- version of the newest event applied (an older one arriving late changes nothing).
create table studios (
    tenant_id           uuid        primary key,
    name                text        not null,
    sender_display_name text,
    reply_to            text,
    logo_url            text,
    status              text        not null,
    version             bigint      not null,
    updated_at          timestamptz not null default now()
);
call enable_tenant_rls('studios');
-- A deleted studio stays as a row with its status: the projection follows the registry, which never deletes one.
revoke delete on studios from ${app_role};
