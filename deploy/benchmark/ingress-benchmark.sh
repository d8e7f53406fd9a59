#!/usr/bin/env bash
# webhook-ingress: full signed path with the real broker vs a bare 202 endpoint in the same process.
# Builds a variant of webhook-ingress with the baseline endpoint into target/benchmark-app (the normal build never
# has it), starts embedded Kafka/PostgreSQL/SMTP and the service, and prints throughput and p50/p99.
# Knobs via BENCH_OPTS: -Dwarmup.seconds=90 -Dsaturation.seconds=20 -Dconstant.seconds=30 -Din.flight=256 -Dconnections=256.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests install
./mvnw -B -q -DskipTests package -pl webhook-ingress \
  -Dquillspace.ingress.benchmark-baseline=true -Dquarkus.package.output-directory=benchmark-app
exec java ${BENCH_OPTS:-} -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dquillspace.root="$(pwd)" \
  -cp "deploy/benchmark/target/quillspace-benchmark-1.0.0-SNAPSHOT.jar:deploy/benchmark/target/lib/*" \
  io.quillspace.benchmark.IngressBenchmark
