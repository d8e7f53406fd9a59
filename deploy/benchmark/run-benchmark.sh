#!/usr/bin/env bash
# Builds the fleet and runs one benchmark main class of this module with BENCH_OPTS; the *-benchmark.sh scripts call it.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package
exec java ${BENCH_OPTS:-} -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dquillspace.root="$(pwd)" \
  -cp "deploy/benchmark/target/quillspace-benchmark-1.0.0-SNAPSHOT.jar:deploy/benchmark/target/lib/*" \
  "io.quillspace.benchmark.$1"
