#!/bin/bash
# Makes a store holding COUNT earlier records (inbound records, answers, notifications, rate-limit rows:
# testsupport.EarlierRecords) for the run "20 000 over a store of 100 000 earlier records" (issue 12.3).
# The store is made once, in /tmp/benchmail/earlier-COUNT; `run.sh -e COUNT` (once.sh with RG_EARLIER)
# copies it as the store of every replygate run instead of starting empty.
#
# usage: bench/prefill-store.sh [COUNT]   (default 100000)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
COUNT="${1:-100000}"
DEST="/tmp/benchmail/earlier-$COUNT"
export RG_JAR="${RG_JAR:-$REPO/target/replygate.jar}"
[ -f "$RG_JAR" ] || (cd "$REPO" && mvn -B -q package -DskipTests)
[ -f "$REPO/target/test-classes/dev/replygate/testsupport/EarlierRecords.class" ] \
  || (cd "$REPO" && mvn -B -q test-compile)
rm -rf "$DEST.tmp"
RG_STORE="$DEST.tmp" timeout 1800 java -cp "$REPO/target/test-classes:$RG_JAR" \
  dev.replygate.testsupport.EarlierRecords "$REPO/bench/replygate-bench.yaml" "$COUNT"
rm -rf "$DEST"
mv "$DEST.tmp" "$DEST"
du -sh "$DEST"
