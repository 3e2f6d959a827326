#!/bin/bash
# Throughput of `replygate run --once` beside the plain Angus pipeline and fetchmail, interleaved on
# the same freshly loaded mailbox (see README.md). Not part of .ci/run: it takes minutes.
#
# usage: bench/run.sh [-n N] [-r RUNS] [-w WARMUPS] [-e EARLIER] [-p]   N: messages per run (default 5000,
#   at most 20000)
#   -e: every replygate run starts on a store of EARLIER earlier records (prefill-store.sh, made once)
#   -p: one extra replygate run with a JFR recording (after the timed runs) into the results folder
# env: BENCH_HARNESS (default: ../shared/bench beside the repository), RG_JAR (default: target/replygate.jar,
#      built when missing), JAVA_OPTS (given to replygate after config/replygate.jvm-options, the service's
#      options, which they override: e.g. -Xmx128m), RUN_TIMEOUT (s per run), RG_CLASS_ARCHIVE (once.sh's:
#      none for starts without the class-data archive; by default it is made here first, as an install does).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
HARNESS="${BENCH_HARNESS:-$REPO/../shared/bench}"
N=5000; RUNS=3; WARM=1; PROFILE=0; EARLIER=0
while getopts "n:r:w:e:p" opt; do
  case $opt in n) N=$OPTARG;; r) RUNS=$OPTARG;; w) WARM=$OPTARG;; e) EARLIER=$OPTARG;; p) PROFILE=1;; *) exit 2;; esac
done
[ -x "$HARNESS/run-bench.sh" ] || { echo "no harness at $HARNESS (set BENCH_HARNESS; see bench/README.md)" >&2; exit 2; }
export RG_JAR="${RG_JAR:-$REPO/target/replygate.jar}"
[ -f "$RG_JAR" ] || (cd "$REPO" && mvn -B -q package -DskipTests)
if [ "${RG_CLASS_ARCHIVE:-}" != none ]; then
  archive="${RG_CLASS_ARCHIVE:-${RG_JAR%.jar}.jsa}"
  [ "$archive" -nt "$RG_JAR" ] || REPLYGATE_JAR="$RG_JAR" REPLYGATE_CLASS_ARCHIVE="$archive" \
    REPLYGATE_JVM_OPTIONS="$REPO/config/replygate.jvm-options" "$REPO/bin/replygate-class-archive"
fi
if [ "$EARLIER" -gt 0 ]; then
  export RG_EARLIER=/tmp/benchmail/earlier-$EARLIER
  [ -d "$RG_EARLIER" ] || "$REPO/bench/prefill-store.sh" "$EARLIER"
fi
OUT=/tmp/benchmail/results/replygate-$(date +%Y%m%d-%H%M%S)-n$N$([ "$EARLIER" -gt 0 ] && echo "-e$EARLIER" || true)
mkdir -p "$OUT"
"$HARNESS/start-servers.sh"
echo "load before: $(uptime)" | tee "$OUT/load.txt"
DAEMON_CMD="$REPO/bench/once.sh" "$HARNESS/run-bench.sh" -n "$N" -r "$RUNS" -w "$WARM" -o "$OUT" \
  java-pipeline fetchmail daemon
echo "load after: $(uptime)" | tee -a "$OUT/load.txt"
if [ "$PROFILE" = 1 ]; then
  "$HARNESS/load-mailbox.sh" "$N" > "$OUT/load-profile.log" 2>&1
  JAVA_OPTS="${JAVA_OPTS:-} -XX:StartFlightRecording=filename=$OUT/replygate.jfr,settings=profile" \
    /usr/bin/time -f "%e %U %S %M %x" -o "$OUT/profile.time" timeout "${RUN_TIMEOUT:-900}" \
    "$REPO/bench/once.sh" > "$OUT/profile.out" 2>&1 || true
  echo "JFR recording: $OUT/replygate.jfr (jfr print --events jdk.ExecutionSample / jdk.SocketRead ...)"
fi
