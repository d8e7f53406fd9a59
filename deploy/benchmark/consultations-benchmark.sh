#!/usr/bin/env bash
# GET /consultations p50/p99 through booking-service under Row-Level Security as the runtime role: an admin of a
# studio with 100 k bookings and a client with 20 of them. Knobs via BENCH_OPTS: -Dbookings=100000 -Duser.bookings=20
# -Dclients=2 -Dwarmup.seconds=20 -Dduration.seconds=30.
exec "$(dirname "$0")/run-benchmark.sh" ConsultationsListBenchmark
