-- The delivery log grows by one row per Calendly delivery, for ever. Calendly retries a delivery for 24 hours and
-- reconciliation replays the same state whenever it likes; past the retention (30 days by default) the booking
-- lifecycle's stale rule alone keeps a replay harmless. The runtime role may therefore delete old entries; it still
-- never changes one.
grant delete on processed_deliveries to ${app_role};
create index processed_deliveries_by_age on processed_deliveries (tenant_id, processed_at);
