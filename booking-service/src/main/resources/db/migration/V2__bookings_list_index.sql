-- The consultations list (admin: the tenant's, soonest first) and its Row-Level Security filter share this index.
create index bookings_by_start on consultation_bookings (tenant_id, start_time, id);
