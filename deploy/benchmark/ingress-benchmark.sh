#!/usr/bin/env bash
# webhook-ingress: full signed path with the real broker vs a bare 202 endpoint in the same process.
# Builds a variant of webhook-ingress with the baseline endpoint into target/benchmark-app (the normal build never
# has it), starts the embedded broker in its own JVM, then the service, and prints throughput and p50/p99, with the
# CPU that the service, the broker and the generator each spent per request.
# Knobs via BENCH_OPTS: -Dwarmup.seconds=90 -Dsaturation.seconds=20 -Drounds=5 -Dconstant.seconds=20
# -Din.flight=256 -Dconnections=256, and -Dalso.rate=<req/s> for one more comparison at a rate of your choice.
# BENCH_BROKER_DIR: where the broker keeps its log (default /dev/shm, see below).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests install
./mvnw -B -q -DskipTests package -pl webhook-ingress \
  -Dquillspace.ingress.benchmark-baseline=true -Dquarkus.package.output-directory=benchmark-app
classpath="deploy/benchmark/target/quillspace-benchmark-1.0.0-SNAPSHOT.jar:deploy/benchmark/target/lib/*"
logging=(-Djava.util.logging.manager=org.jboss.logmanager.LogManager)
ready="deploy/benchmark/target/broker.address"
rm -f "$ready"
# The JVM options kafka-server-start.sh gives a broker: a fixed 1 GB heap and G1 aiming at 20 ms pauses.
broker_jvm=(-Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent)
# The broker's log lives in memory by default. Sharing the service's two cores, a broker on disk flushes each rolled
# 1 GB segment at once, and that fsync's writeback stalls the service under test for 100-600 ms: a cost of putting
# the broker on the service's machine, which production does not do. BENCH_BROKER_DIR=/tmp measures it on disk.
broker_dir="${BENCH_BROKER_DIR:-$([[ -d /dev/shm ]] && echo /dev/shm || echo /tmp)}"
broker_jvm+=("-Djava.io.tmpdir=$broker_dir")
java "${broker_jvm[@]}" "${logging[@]}" -cp "$classpath" io.quillspace.benchmark.StandaloneKafkaBroker "$ready" \
  > deploy/benchmark/target/broker.log 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do [[ -f "$ready" ]] && break; kill -0 $broker || { cat deploy/benchmark/target/broker.log; exit 1; }; sleep 1; done
QUILLSPACE_KAFKA_BOOTSTRAP_SERVERS="$(cat "$ready")" java ${BENCH_OPTS:-} "${logging[@]}" -Dquillspace.root="$(pwd)" -Dbenchmark.broker.pid=$broker \
  -cp "$classpath" io.quillspace.benchmark.IngressBenchmark
