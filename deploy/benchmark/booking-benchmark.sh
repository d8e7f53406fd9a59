#!/usr/bin/env bash
# booking-service applying Calendly deliveries (one instance, real broker and database): deliveries applied per second
# and outbox relay lag p50/p99. Knobs via BENCH_OPTS: -Dbookings=10000 -Dtenants=20 -Dwarmup.bookings=3000.
exec "$(dirname "$0")/run-benchmark.sh" BookingLifecycleBenchmark
