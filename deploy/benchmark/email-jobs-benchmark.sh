#!/usr/bin/env bash
# email-service turning booking events into email jobs (one instance, real broker, database and SMTP): booking events
# applied per second from a backlog. Knobs via BENCH_OPTS: -Dbookings=10000 -Dtenants=20 -Dwarmup.bookings=3000.
exec "$(dirname "$0")/run-benchmark.sh" EmailJobsBenchmark
