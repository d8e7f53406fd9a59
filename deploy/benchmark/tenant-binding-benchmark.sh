#!/usr/bin/env bash
# Cost of Row-Level Security with the transaction-local tenant binding: tenant-scoped list query as the runtime role
# vs the same query as a BYPASSRLS role. Knobs: -Dduration.seconds=20 -Dthreads=4 via BENCH_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests install
exec java ${BENCH_OPTS:-} -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dquillspace.root="$(pwd)" \
  -cp "deploy/benchmark/target/quillspace-benchmark-1.0.0-SNAPSHOT.jar:deploy/benchmark/target/lib/*" \
  io.quillspace.benchmark.TenantBindingBenchmark
