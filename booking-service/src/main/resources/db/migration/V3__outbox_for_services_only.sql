-- Outbox payloads carry clients' names and e-mails: only the service role (the relay, the consumers that write them)
-- may see them, never a person's request, even an admin's.
create policy services_only on outbox_events as restrictive
    using (coalesce(current_setting('app.current_role', true), '') = 'service')
    with check (coalesce(current_setting('app.current_role', true), '') = 'service');
