#!/usr/bin/env bash
# Cost of Row-Level Security with the transaction-local tenant binding: tenant-scoped list query as the runtime role
# vs the same query as a BYPASSRLS role. Knobs: -Dduration.seconds=20 -Dthreads=4 via BENCH_OPTS.
exec "$(dirname "$0")/run-benchmark.sh" TenantBindingBenchmark
