#!/bin/sh
# One `replygate run --once` over the loaded mailbox with a fresh store and bench/replygate-bench.yaml:
# the harness's replygate-once.sh with this folder's configuration, started as the service is: through
# bin/replygate, with the JVM options of config/replygate.jvm-options and the jar's class-data archive when
# there is one newer than the jar (bench/run.sh makes it first, as an install does; by hand:
# REPLYGATE_JAR=<jar> REPLYGATE_JVM_OPTIONS=config/replygate.jvm-options bin/replygate-class-archive).
# RG_JAR: the jar; JAVA_OPTS: JVM options after those, which win, e.g. -Xmx128m, or -XX:TieredStopAtLevel=4
# for the default JIT; RG_CLASS_ARCHIVE: another archive, or none to start without one. The store is
# emptied first: the generated mail is the same on every load. With RG_EARLIER (a store made by
# prefill-store.sh) the run starts on a copy of it instead of an empty store.
set -eu
: "${RG_JAR:?set RG_JAR to replygate.jar}"
here=$(cd "$(dirname "$0")" && pwd)
export RG_STORE=${RG_STORE:-/tmp/benchmail/replygate}
export REPLYGATE_JAR="$RG_JAR" REPLYGATE_JVM_OPTIONS="$here/../config/replygate.jvm-options"
export REPLYGATE_JAVA_OPTS="${JAVA_OPTS:-}"
if [ "${RG_CLASS_ARCHIVE:-}" = none ]; then
    export REPLYGATE_CLASS_ARCHIVE=/nonexistent/replygate.jsa
else
    export REPLYGATE_CLASS_ARCHIVE="${RG_CLASS_ARCHIVE:-${RG_JAR%.jar}.jsa}"
fi
rm -rf "$RG_STORE"
if [ -n "${RG_EARLIER:-}" ]; then cp -a "$RG_EARLIER" "$RG_STORE"; fi
exec "$here/../bin/replygate" run --once --config "$here/replygate-bench.yaml"
