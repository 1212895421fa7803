#!/usr/bin/env bash
# The suite's two commands, and the checks CI runs.
#   ./suite.sh run           build if needed, start PostgreSQL, Kafka and the five services, load the demo month
#   ./suite.sh test          every test: unit, @QuarkusTest per service (real broker and database), end to end
#   ./suite.sh native-check  Quarkus native build steps for every service (sources only: no GraalVM needed)
#   ./suite.sh bench-ingest  ingest throughput against a raw COPY baseline measured in the same run
#   ./suite.sh bench-reconcile  reconcile-service on a generated month: consumption, end to end, run time, RSS
#   ./suite.sh chaos         faults while a month streams in (CHAOS_TRACES, 1,000,000): nothing lost or counted twice
#   ./suite.sh soak          SOAK_RATE traces/s (2,500) for SOAK_MINUTES (30): RSS, p99, backlog and lag, start vs end
#   ./suite.sh token --role team-member --teams a,b   a bearer token of the local suite's demo issuer
#   ./suite.sh render-topics   deploy/kubernetes/kafka/topics.yaml (Strimzi KafkaTopics) from the topic list in code
set -euo pipefail
cd "$(dirname "$0")"

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = \([0-9]*\).*/\1/p'; }

find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for d in /usr/lib/jvm/*; do [ -d "$d" ] && candidates+=("$d"); done
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ]; then
      local major; major=$(java_major "$home/bin/java")
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$home"; return 0; fi
    fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk); then
  echo "error: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH and /usr/lib/jvm/*)." >&2
  echo "       Install one (e.g. apt-get install openjdk-21-jdk or Temurin 21+) or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
MVN=(./mvnw -B --no-transfer-progress)

case "${1:-}" in
  run)
    if [ ! -f local-infra/suite/target/suite.classpath ] || [ "${REBUILD:-}" = 1 ] \
       || ! ls ./*/target/quarkus-app/quarkus-run.jar >/dev/null 2>&1; then
      echo "Building the suite (tests skipped; ./suite.sh test runs them) ..."
      "${MVN[@]}" -q install -DskipTests
    fi
    exec java -Dsuite.root="$PWD" -cp "local-infra/suite/target/classes:$(cat local-infra/suite/target/suite.classpath)" \
      io.lcpr.suite.Suite
    ;;
  bench-ingest)
    if [ ! -f local-infra/suite/target/suite.classpath ] || [ ! -f ingest-service/target/quarkus-app/quarkus-run.jar ]; then
      "${MVN[@]}" -q install -DskipTests
    fi
    exec java -Dsuite.root="$PWD" -cp "local-infra/suite/target/classes:$(cat local-infra/suite/target/suite.classpath)" \
      io.lcpr.suite.IngestBenchmark
    ;;
  bench-reconcile)
    if [ ! -f local-infra/suite/target/suite.classpath ] || [ ! -f reconcile-service/target/quarkus-app/quarkus-run.jar ]; then
      "${MVN[@]}" -q install -DskipTests
    fi
    # PostgreSQL's own buffers at 2 GB (its default is 128 MB): a machine that reclaims idle page cache sends the
    # fold's index pages back to disk otherwise (docs/benchmarks/reconcile.md, session 23); pg_stat_statements for the
    # statement profile printed per phase, planning counted too (session 31). Set LCPR_PG_SERVER_CONFIG to compare (the
    # profile is off without the module)
    export LCPR_PG_SERVER_CONFIG="${LCPR_PG_SERVER_CONFIG:-shared_buffers=2GB,shared_preload_libraries=pg_stat_statements,pg_stat_statements.track_planning=on}"
    # Huge pages (BENCH_HUGE_PAGES): PostgreSQL maps its shared memory in 2 MB pages when the kernel has enough
    # reserved (its huge_pages=try), and took about a quarter less CPU folding alone with them (session 37: fewer TLB
    # misses and page faults over 2 GB of buffers). "try" (the default) uses what the machine has reserved; "on"
    # reserves them for the run (vm.nr_hugepages, root), gives them back after, and has PostgreSQL refuse to start
    # without them; "off" keeps PostgreSQL off them whatever the machine has. The benchmark prints which it got.
    case "${BENCH_HUGE_PAGES:-try}" in
      try) ;;
      off) LCPR_PG_SERVER_CONFIG="$LCPR_PG_SERVER_CONFIG,huge_pages=off" ;;
      on)
        needed=1152 # 2 GB of buffers and the rest of PostgreSQL's shared memory (2,152 MB) in 2 MB pages, with room
        current=$(cat /proc/sys/vm/nr_hugepages)
        if [ "$current" -lt "$needed" ]; then
          (echo "$needed" > /proc/sys/vm/nr_hugepages) 2>/dev/null || true
          got=$(cat /proc/sys/vm/nr_hugepages)
          if [ "$got" != "$current" ]; then
            trap 'echo "'"$current"'" > /proc/sys/vm/nr_hugepages' EXIT
          fi
          if [ "$got" -lt "$needed" ]; then
            # not writable (not root), or the kernel found fewer free 2 MB blocks than asked for
            echo "bench-reconcile: BENCH_HUGE_PAGES=on needs $needed huge pages reserved and the kernel has $got;" \
              "run: sudo sysctl vm.nr_hugepages=$needed (after a reboot if memory is fragmented)" >&2
            exit 1
          fi
          echo "bench-reconcile: reserved $got huge pages (vm.nr_hugepages was $current; set back after)"
        fi
        LCPR_PG_SERVER_CONFIG="$LCPR_PG_SERVER_CONFIG,huge_pages=on" ;;
      *) echo "bench-reconcile: BENCH_HUGE_PAGES is try, on or off, not '$BENCH_HUGE_PAGES'" >&2; exit 1 ;;
    esac
    echo "bench-reconcile: PostgreSQL settings $LCPR_PG_SERVER_CONFIG"
    # not exec: the trap above gives the huge pages back when the benchmark ends, however it ends
    java -Dsuite.root="$PWD" -cp "local-infra/suite/target/classes:$(cat local-infra/suite/target/suite.classpath)" \
      io.lcpr.suite.ReconcileBenchmark
    ;;
  chaos)
    if [ ! -f local-infra/suite/target/suite.classpath ] || ! ls ./*/target/quarkus-app/quarkus-run.jar >/dev/null 2>&1; then
      "${MVN[@]}" -q install -DskipTests
    fi
    exec java -Dsuite.root="$PWD" -cp "local-infra/suite/target/classes:$(cat local-infra/suite/target/suite.classpath)" \
      io.lcpr.suite.Chaos
    ;;
  soak)
    if [ ! -f local-infra/suite/target/suite.classpath ] || ! ls ./*/target/quarkus-app/quarkus-run.jar >/dev/null 2>&1; then
      "${MVN[@]}" -q install -DskipTests
    fi
    exec java -Dsuite.root="$PWD" -cp "local-infra/suite/target/classes:$(cat local-infra/suite/target/suite.classpath)" \
      io.lcpr.suite.Soak
    ;;
  token)
    shift
    if [ ! -f local-infra/suite/target/suite.classpath ]; then "${MVN[@]}" -q install -DskipTests; fi
    exec java -Dsuite.root="$PWD" -cp "local-infra/suite/target/classes:$(cat local-infra/suite/target/suite.classpath)" \
      io.lcpr.suite.Tokens "$@"
    ;;
  render-topics)
    if [ ! -f local-infra/suite/target/suite.classpath ]; then "${MVN[@]}" -q install -DskipTests; fi
    exec java -Dsuite.root="$PWD" -cp "local-infra/suite/target/classes:$(cat local-infra/suite/target/suite.classpath)" \
      io.lcpr.suite.KafkaTopicManifests
    ;;
  test)
    shift
    exec "${MVN[@]}" verify "$@"
    ;;
  native-check)
    shift
    exec "${MVN[@]}" package -DskipTests -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true \
      -pl ingest-service,pricing-service,reconcile-service,chargeback-service,graphql-api -am "$@"
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
