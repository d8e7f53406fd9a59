#!/usr/bin/env bash
# email-service in the whole local fleet: webhook accepted -> confirmation received by SMTP (p50/p99 at a constant
# rate), and mails/s from a due backlog with one and with two email-service instances (duplicates, oldest due age).
# Then each service's start-up (all four together) and RSS after the run. Knobs via BENCH_OPTS: -Drate=100
# -Dwarmup.seconds=15 -Dseconds=60 -Dbacklog=3000.
exec "$(dirname "$0")/run-benchmark.sh" EmailBenchmark
