#!/usr/bin/env bash
# A reconciliation sweep of one studio (webhook-ingress, booking-service, email-service; real broker, database, SMTP;
# Calendly's API a WireMock stand-in): 1,000 meetings x 2 invitees whose webhooks were all lost, then the same data
# again. Prints each sweep's wall time and Calendly API calls, and proof in numbers that the second changed nothing
# and sent no email. Knobs via BENCH_OPTS: -Dmeetings=1000 -Dinvitees=2.
exec "$(dirname "$0")/run-benchmark.sh" ReconciliationBenchmark
