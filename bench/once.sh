#!/bin/sh
# One `replygate run --once` over the loaded mailbox with a fresh store and bench/replygate-bench.yaml:
# the harness's replygate-once.sh with this folder's configuration, started as the service is: with the JVM
# options of config/replygate.jvm-options (RG_JAR: the jar; JAVA_OPTS: JVM options after those, which win,
# e.g. -Xmx128m, or -XX:TieredStopAtLevel=4 for the default JIT). The store is emptied first: the generated
# mail is the same on every load. With RG_EARLIER (a store made by prefill-store.sh) the run starts on a
# copy of it instead of an empty store.
set -eu
: "${RG_JAR:?set RG_JAR to replygate.jar}"
export RG_STORE=${RG_STORE:-/tmp/benchmail/replygate}
rm -rf "$RG_STORE"
if [ -n "${RG_EARLIER:-}" ]; then cp -a "$RG_EARLIER" "$RG_STORE"; fi
exec java @"$(dirname "$0")/../config/replygate.jvm-options" ${JAVA_OPTS:-} -jar "$RG_JAR" run --once --config "$(dirname "$0")/replygate-bench.yaml"
