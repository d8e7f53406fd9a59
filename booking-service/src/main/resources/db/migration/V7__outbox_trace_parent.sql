-- The W3C traceparent of the span that appended the event (null outside any trace): the relayed record continues the
-- trace of the webhook or request that caused it.
alter table outbox_events add column trace_parent text;
