#!/usr/bin/env bash
# How soon a confirmation leaves: 50 signed bookings posted one at a time to the packaged fleet, webhook accepted ->
# SMTP accepted p50/p99 (target on a 2-core machine: p50 <= 150 ms, p99 <= 400 ms), split at the job's commit.
# Knobs via BENCH_OPTS: -Dbookings=50 -Dwarmup.bookings=10.
exec "$(dirname "$0")/run-benchmark.sh" ConfirmationLatencyProbe
