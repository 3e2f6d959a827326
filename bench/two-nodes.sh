#!/bin/bash
# Issue 13's scale check: `replygate run` daemons (Quartz clustered on one PostgreSQL) over four IMAP
# mailboxes, first one node alone, then two nodes on a fresh load of the same mail; prints msg/s of
# each, the ratio, and reconciles the counts (see README.md, "Two nodes"). Not part of .ci/run.
#
# usage: bench/two-nodes.sh [-m PER_MAILBOX] [-r ROUNDS] [-p] [-a] [-q CPUS]
#   -m: messages loaded into each of the four mailboxes (default 1000; 1..5000)
#   -r: rounds of (one node, two nodes), each on fresh loads (default 1)
#   -p: pin each node to one core (`taskset -c 0` / `-c 1`), standing for one machine each; the servers
#       stay unpinned. Without -p nothing is pinned.
#   -a: the mail arrives while the nodes run: they start on empty mailboxes, and once each says it runs the
#       four mailboxes' messages are moved into them at once (then Dovecot indexes them as they are read);
#       the time is from that moment. Without -a the mailboxes are loaded and indexed first, and the time
#       is from the start of the nodes' JVMs.
#   -q: each node (the lone node too) runs in a cgroup v1 CPU quota of its own, CPUS of one core (0.05..4, e.g.
#       0.5: 50 ms of CPU every 100 ms), standing for a host of its own with that much CPU; the servers are not
#       limited and have the rest of the machine. The JVM is started from a shell already in the cgroup, so all
#       its threads are in it (and it sizes itself for ceil(CPUS) processors); the cgroups are removed at the
#       end. Needs /sys/fs/cgroup/cpu writable (root, cgroup v1).
# env: BENCH_HARNESS (default ../shared/bench beside the repository: its gen-messages.py and Dovecot
#      configuration), RG_JAR (default target/replygate.jar, built when missing), JAVA_OPTS (given to
#      each node after config/replygate.jvm-options, the service's options), RUN_TIMEOUT (s a phase may
#      take, default 1200), BATCHES_PER_RUN (each mailbox's batches-per-run; unset: the default, 2
#      batches of 500; before session 14 the default batch was 100, so bench/README's two-node runs with
#      BATCHES_PER_RUN=2 read parts of 200).
#
# Its own servers, on ports of its own, under /tmp/benchmail/two-nodes: Dovecot (IMAP 127.0.0.1:12143,
# users box1..box4), smtp-sink (127.0.0.1:12025, every answer dumped to a file), a throwaway PostgreSQL
# cluster made like the tests' (127.0.0.1:12432, trust, fsync off), one fresh database per phase.
# Run it as root (Dovecot's master and the cluster's own account need it), under the bench lock:
#   flock /tmp/bench.lock bench/two-nodes.sh -m 1000
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
HARNESS="${BENCH_HARNESS:-$REPO/../shared/bench}"
PER=1000; ROUNDS=1; PIN=0; ARRIVE=0; QUOTA=""
while getopts "m:r:paq:" opt; do
  case $opt in m) PER=$OPTARG;; r) ROUNDS=$OPTARG;; p) PIN=1;; a) ARRIVE=1;; q) QUOTA=$OPTARG;; *) exit 2;; esac
done
if ! [[ "$PER" =~ ^[0-9]+$ ]] || [ "$PER" -lt 1 ] || [ "$PER" -gt 5000 ]; then
  echo "-m must be 1..5000" >&2; exit 2
fi
CPU_CGROUPS=/sys/fs/cgroup/cpu
QUOTA_US=""
if [ -n "$QUOTA" ]; then
  QUOTA_US=$(python3 -c "import sys; q = float(sys.argv[1]); print(int(q * 100000) if 0.05 <= q <= 4 else '')" "$QUOTA" \
    2>/dev/null || true)
  [ -n "$QUOTA_US" ] || { echo "-q must be a number of CPUs, 0.05..4" >&2; exit 2; }
  [ -w "$CPU_CGROUPS" ] || { echo "-q needs a writable cgroup v1 cpu hierarchy at $CPU_CGROUPS" >&2; exit 2; }
fi
[ -f "$HARNESS/gen-messages.py" ] || { echo "no harness at $HARNESS (set BENCH_HARNESS)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root (Dovecot's master, the PostgreSQL cluster's account)" >&2; exit 2; }
export RG_JAR="${RG_JAR:-$REPO/target/replygate.jar}"
[ -f "$RG_JAR" ] || (cd "$REPO" && mvn -B -q package -DskipTests)
JAVA_OPTS="${JAVA_OPTS:-}"
RUN_TIMEOUT="${RUN_TIMEOUT:-1200}"

D=/tmp/benchmail/two-nodes
IMAP_PORT=12143; POP3_PORT=12110; SMTP_PORT=12025; PG_PORT=12432
BOXES=(box1 box2 box3 box4)
NODE_NAMES=(node-a node-b)
PG_BIN=$(dirname "$(readlink -f "$(command -v initdb)")")
MAIL_UID=$(id -u mail); MAIL_GID=$(id -g mail)
HZ=$(getconf CLK_TCK)
DA=(doveadm -c "$D/dovecot.conf")
PSQL=(psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U postgres)
OUT=/tmp/benchmail/results/two-nodes-$(date +%Y%m%d-%H%M%S)-m$PER$([ "$PIN" = 1 ] && echo -pinned || true)$([ "$ARRIVE" = 1 ] && echo -arrive || true)$([ -n "$QUOTA" ] && echo "-q$QUOTA" || true)
NODE_PIDS=()

pg() { runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; }

stop_pid_file() { # TERM, then KILL after 10 s, exactly the recorded process
  local file=$1 pid
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

stop_all() {
  for pid in "${NODE_PIDS[@]:-}"; do [ -n "$pid" ] && pkill -9 -P "$pid" 2>/dev/null || true; done
  stop_pid_file "$D/dovecot.pid"
  stop_pid_file "$D/smtp-sink.pid"
  if [ -f "$D/pg/data/postmaster.pid" ]; then pg pg_ctl stop -D "$D/pg/data" -m fast -w -t 60 >/dev/null || true; fi
  remove_cgroups
}

cgroup_of() { echo "$CPU_CGROUPS/rg-two-nodes-$1"; }

make_cgroup() { # -q: a fresh CPU quota for node $1
  local dir; dir=$(cgroup_of "$1")
  [ -d "$dir" ] || mkdir "$dir"
  echo 100000 > "$dir/cpu.cfs_period_us"
  echo "$QUOTA_US" > "$dir/cpu.cfs_quota_us"
}

remove_cgroups() { # once their processes are gone (a cgroup with a process in it cannot be removed)
  [ -n "$QUOTA" ] || return 0
  local name dir
  for name in "${NODE_NAMES[@]}"; do
    dir=$(cgroup_of "$name")
    [ -d "$dir" ] || continue
    for _ in $(seq 1 50); do [ -n "$(cat "$dir/cgroup.procs")" ] || break; sleep 0.2; done  # (its size reads 0)
    rmdir "$dir" 2>/dev/null || echo "cgroup $dir not removed: $(tr '\n' ' ' < "$dir/cgroup.procs")" >&2
  done
}
trap stop_all EXIT
trap 'exit 1' INT TERM

cpu_of() { # CPU seconds of a process and its reaped children (utime+stime+cutime+cstime)
  [ -r "/proc/$1/stat" ] || { echo 0; return; }
  sed 's/.*) //' "/proc/$1/stat" | awk -v hz="$HZ" '{printf "%.2f", ($12+$13+$14+$15)/hz}'
}

start_servers() {
  stop_all
  rm -rf "$D"; mkdir -p "$D"/{run,state,log,sink,home,gen} "$OUT"
  sed -e "s#/tmp/benchmail#$D#g" -e "s/port = 10143/port = $IMAP_PORT/" -e "s/port = 10110/port = $POP3_PORT/" \
    "$HARNESS/dovecot/dovecot.conf" > "$D/dovecot.conf"
  : > "$D/users"
  for box in "${BOXES[@]}"; do
    echo "$box:{PLAIN}bench:$MAIL_UID:$MAIL_GID::$D/home/$box::" >> "$D/users"
    mkdir -p "$D/home/$box"
  done
  chmod 644 "$D/users"; chown -R "$MAIL_UID:$MAIL_GID" "$D/home"
  dovecot -F -c "$D/dovecot.conf" >> "$D/log/dovecot.stdout" 2>&1 &
  echo $! > "$D/dovecot.pid"
  chown nobody "$D/sink"
  # -c: a running count of mail transactions (mesg=N); -D: every transaction appended to one file (-d would
  # name its files by session and second, and a session's transactions within one second overwrite each other)
  smtp-sink -u nobody -c -D "$D/sink/received" -m 1000 "127.0.0.1:$SMTP_PORT" 256 > "$D/log/smtp-sink.log" 2>&1 &
  echo $! > "$D/smtp-sink.pid"
  mkdir -p "$D/pg"; chown postgres "$D/pg"
  pg initdb -D "$D/pg/data" -U postgres -A trust --no-locale -E UTF8 --no-sync > "$D/log/initdb.log"
  printf "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 50\n" \
    "$D/pg" >> "$D/pg/data/postgresql.conf"
  pg pg_ctl start -D "$D/pg/data" -l "$D/pg/postgres.log" -o "-p $PG_PORT" -w -t 60 > /dev/null
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$IMAP_PORT") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "servers did not come up; see $D/log" >&2; exit 1
}

generate() { # 4 × PER messages once; mailbox k gets messages k·PER … (k+1)·PER−1 (senders, tickets, ids differ)
  python3 "$HARNESS/gen-messages.py" "$D/gen" "$((4 * PER))" --seed 42 > /dev/null
  python3 - "$D/gen" "$PER" <<'EOF'
import os, re, sys
gen, per = sys.argv[1], int(sys.argv[2])
for name in os.listdir(os.path.join(gen, "cur")):
    box = int(re.search(r"\.M(\d+)P", name).group(1)) // per
    os.makedirs(os.path.join(gen, f"box{box + 1}"), exist_ok=True)
    os.rename(os.path.join(gen, "cur", name), os.path.join(gen, f"box{box + 1}", name))
EOF
}

load() { # a fresh copy of each mailbox's messages, synced and indexed by Dovecot (-a: staged beside it)
  rm -rf "$D/stage"
  for box in "${BOXES[@]}"; do
    rm -rf "$D/home/$box/Maildir"; mkdir -p "$D/home/$box/Maildir"/{new,tmp}
    if [ "$ARRIVE" = 1 ]; then
      mkdir -p "$D/home/$box/Maildir/cur" "$D/stage"; cp -r "$D/gen/$box" "$D/stage/$box"
    else
      cp -r "$D/gen/$box" "$D/home/$box/Maildir/cur"
    fi
  done
  chown -R "$MAIL_UID:$MAIL_GID" "$D/home"
  [ "$ARRIVE" = 1 ] && chown -R "$MAIL_UID:$MAIL_GID" "$D/stage"
  for box in "${BOXES[@]}"; do
    "${DA[@]}" mailbox status -u "$box" messages INBOX > /dev/null
    [ "$ARRIVE" = 1 ] || timeout 600 "${DA[@]}" index -u "$box" INBOX
  done
  rm -f "$D"/sink/*
}

arrive() { # -a: once every node of this phase says it runs, all the staged mail lands in the mailboxes
  local dir=$1 f
  for _ in $(seq 1 600); do
    local running=1
    for f in "$dir"/node-*.log; do grep -q "replygate running" "$f" || running=0; done
    [ "$running" = 1 ] && break
    sleep 0.2
  done
  t0=$(date +%s.%N)
  for box in "${BOXES[@]}"; do find "$D/stage/$box" -type f -exec mv -t "$D/home/$box/Maildir/cur" {} +; done
}

sink_count() { # transactions the sink has received since it started
  local n
  n=$(tr '\r' '\n' < "$D/log/smtp-sink.log" | grep -o 'mesg=[0-9]*' | tail -1 | cut -d= -f2)
  echo "${n:-0}"
}

answered_kinds() { # messages the generator makes that replygate answers: index mod 10 in 0–6 or 9
  python3 -c "print(sum(1 for i in range($((4 * PER))) if i % 10 not in (7, 8)))"
}

node_config() { # $1 node name, $2 database
  cat <<EOF
instance:
  name: $1
  domain: support.example
portal:
  name: Bench Hosting
  ticket-url: https://portal.support.example/viewticket.php?tid={ticket}
  new-ticket-url: https://portal.support.example/submitticket.php
  signup-url: https://portal.support.example/register.php
  client-area-url: https://portal.support.example/clientarea.php
store:
  url: jdbc:postgresql://127.0.0.1:$PG_PORT/$2
  username: postgres
  password: ""
smtp:
  host: 127.0.0.1
  port: $SMTP_PORT
sender:
  from: "Bench Support <support@support.example>"
signing:
  active-key: k1
  keys:
    - id: k1
      secret: bench-only-secret-bench-only-secret-0123456789
mailboxes:
EOF
  for box in "${BOXES[@]}"; do
    cat <<EOF
  - name: $box
    host: 127.0.0.1
    port: $IMAP_PORT
    security: none
    username: $box
    password: bench
    idle: false
    poll-interval: 1s
    addresses: [support@support.example]
${BATCHES_PER_RUN:+    batches-per-run: $BATCHES_PER_RUN}
EOF
  done
  cat <<EOF
inbound:
  trusted-authserv-ids: [mail.support.example]
  subject-patterns:
    - name: bench
      pattern: '\[Ticket #(?<ticket>\d+)\]'
  max-answers-per-mailbox-per-hour: 1000000
  max-answers-per-domain-per-hour: 1000000
  # the generator's senders are customer0..2999: past -m 2000 some get more than the default 5 a day
  max-answers-per-sender-per-day: 1000000
EOF
}

inbox_total() {
  local total=0 n
  for box in "${BOXES[@]}"; do
    n=$("${DA[@]}" -f tab mailbox status -u "$box" messages INBOX | tail -1 | cut -f2)
    total=$((total + n))
  done
  echo "$total"
}

unsent() { "${PSQL[@]}" -d "$1" -c "SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')" 2>/dev/null || echo '?'; }

# one phase: $1 = number of nodes (1 or 2), $2 = label; prints one result line to $OUT/results.txt
phase() {
  local nodes=$1 label=$2 db="rg_${2//-/_}" dir="$OUT/$2" expected loaded t0 t1 i
  mkdir -p "$dir"
  load
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $db"
  loaded=$((4 * PER)); expected=$(answered_kinds)
  local sink_before; sink_before=$(sink_count)
  local pg_pid dv_pid sink_pid pg0 dv0 sk0
  pg_pid=$(head -1 "$D/pg/data/postmaster.pid"); dv_pid=$(cat "$D/dovecot.pid"); sink_pid=$(cat "$D/smtp-sink.pid")
  pg0=$(cpu_of "$pg_pid"); dv0=$(cpu_of "$dv_pid"); sk0=$(cpu_of "$sink_pid")
  local load_before; load_before=$(cut -d' ' -f1 /proc/loadavg)
  NODE_PIDS=()
  t0=$(date +%s.%N)
  for i in $(seq 1 "$nodes"); do
    local name=${NODE_NAMES[$((i - 1))]}
    node_config "$name" "$db" > "$dir/$name.yaml"
    local pin=() quota=()
    [ "$PIN" = 1 ] && pin=(taskset -c $((i - 1)))
    if [ -n "$QUOTA" ]; then
      make_cgroup "$name"
      # the shell moves itself into the cgroup, then becomes the JVM: every thread the JVM starts is in it
      # shellcheck disable=SC2016
      quota=(sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$(cgroup_of "$name")")
    fi
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S %M" -o "$dir/$name.time" "${pin[@]}" "${quota[@]}" \
      java @"$REPO/config/replygate.jvm-options" $JAVA_OPTS -jar "$RG_JAR" run --config "$dir/$name.yaml" --pid-file "$dir/$name.pid" \
      > "$dir/$name.log" 2>&1 &
    NODE_PIDS+=($!)
  done
  [ "$ARRIVE" = 1 ] && arrive "$dir"
  local deadline=$(( $(date +%s) + RUN_TIMEOUT )) answers left waiting
  while :; do
    left=$(inbox_total); answers=$(( $(sink_count) - sink_before )); waiting=$(unsent "$db")
    if [ "$left" = 0 ] && [ "$answers" -ge "$expected" ] && [ "$waiting" = 0 ]; then break; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "$label: not done within ${RUN_TIMEOUT}s: $left in INBOX, $answers/$expected answers, $waiting unsent" >&2
      break
    fi
    for pid in "${NODE_PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "$label: a node exited; see $dir" >&2; break 2; }
    done
    sleep 0.5
  done
  t1=$(date +%s.%N)
  local load_after; load_after=$(cut -d' ' -f1 /proc/loadavg)
  for f in "$dir"/node-*.pid; do kill -TERM "$(head -n 1 "$f")" 2>/dev/null || true; done  # the JVMs, not time(1)
  for pid in "${NODE_PIDS[@]}"; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    pkill -9 -P "$pid" 2>/dev/null || true
  done
  NODE_PIDS=()
  # -q: how long the kernel held each node back at its quota (cpu.stat); 0 means the quota was never the limit
  local throttled="-"
  if [ -n "$QUOTA" ]; then
    throttled=$(for i in $(seq 1 "$nodes"); do
      awk '/^throttled_time/ {printf "%.1f\n", $2 / 1e9}' "$(cgroup_of "${NODE_NAMES[$((i - 1))]}")/cpu.stat"
    done | paste -sd+)
    remove_cgroups
  fi
  local pg1 dv1 sk1; pg1=$(cpu_of "$pg_pid"); dv1=$(cpu_of "$dv_pid"); sk1=$(cpu_of "$sink_pid")
  reconcile "$db" "$loaded" "$expected" "$(( $(sink_count) - sink_before ))" > "$dir/reconcile.txt"
  python3 - "$label" "$nodes" "$loaded" "$t0" "$t1" "$dir" "$pg0" "$pg1" "$dv0" "$dv1" "$sk0" "$sk1" \
    "$load_before" "$load_after" "$throttled" "$(cat "$dir/reconcile.txt" | tail -1)" >> "$OUT/results.txt" <<'EOF'
import glob, re, sys
label, nodes, loaded, t0, t1, d, pg0, pg1, dv0, dv1, sk0, sk1, lb, la, throttled, rec = sys.argv[1:]
wall = float(t1) - float(t0)
cpu = []
for f in sorted(glob.glob(d + "/node-*.time")):
    parts = open(f).read().split()[-4:]
    cpu.append(float(parts[1]) + float(parts[2]))
# the poll runs that read mail, per node (each a part of a mailbox's backlog: batches-per-run batches at most)
reads = re.compile(r"found \d+, processed [1-9]")
runs = [sum(1 for line in open(f, errors="replace") if reads.search(line)) for f in sorted(glob.glob(d + "/node-*.log"))]
print(f"{label}\t{nodes}\t{loaded}\t{wall:.1f}\t{int(loaded) / wall:.1f}\t"
      f"{'+'.join(f'{c:.1f}' for c in cpu)}\t{throttled}\t{'+'.join(str(n) for n in runs)}\t"
      f"{float(pg1) - float(pg0):.1f}\t{float(dv1) - float(dv0):.1f}\t"
      f"{float(sk1) - float(sk0):.1f}\t{lb}→{la}\t{rec}")
EOF
  tail -1 "$OUT/results.txt"
}

# what the servers and the store hold after a phase; the last line is the verdict
reconcile() {
  local db=$1 loaded=$2 expected=$3 received=$4 box
  : > "$D/folders.tsv"
  for box in "${BOXES[@]}"; do
    "${DA[@]}" -f tab fetch -u "$box" 'mailbox hdr.message-id' ALL | tail -n +2 | sed "s/^/$box\t/" >> "$D/folders.tsv"
  done
  grep -h -i '^In-Reply-To:' "$D/sink/received" 2>/dev/null | tr -d '\r' | sort > "$D/answered.txt" || true
  "${PSQL[@]}" -d "$db" -F $'\t' -c "SELECT action, count(*) FROM inbound_message GROUP BY action ORDER BY 1" \
    > "$D/records.tsv"
  "${PSQL[@]}" -d "$db" -F $'\t' -c "SELECT state, count(*) FROM outbox GROUP BY state ORDER BY 1" > "$D/outbox.tsv"
  python3 - "$D" "$loaded" "$expected" "$received" <<'EOF'
import collections, sys
d, loaded, expected, received = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
folders = collections.defaultdict(set)     # (box, message-id) -> folders holding it
per_folder = collections.Counter()
for line in open(d + "/folders.tsv"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 3:
        continue
    box, folder, mid = parts[0], parts[1], parts[2]
    folders[(box, mid)].add(folder)
    per_folder[folder] += 1
answers = [line.split(":", 1)[1].strip() for line in open(d + "/answered.txt")]
records = dict(line.rstrip("\n").split("\t") for line in open(d + "/records.tsv") if "\t" in line)
outbox = dict(line.rstrip("\n").split("\t") for line in open(d + "/outbox.tsv") if "\t" in line)
in_inbox = per_folder.get("INBOX", 0)
in_two = sum(1 for f in folders.values() if len(f) > 1)
copies = sum(per_folder.values()) - len(folders)
placed = sum(n for f, n in per_folder.items() if f != "INBOX")
twice = len(answers) - len(set(answers))
stored = sum(int(n) for n in records.values())
print("folders:", dict(per_folder))
print("store records by action:", records, "outbox by state:", outbox)
ok = (placed == loaded and in_inbox == 0 and in_two == 0 and copies == 0 and len(answers) == expected
      and received == expected and twice == 0 and stored == loaded and int(records.get("redirect", 0)) == expected
      and int(outbox.get("sent", 0)) == expected and len(outbox) == 1)
print(f"{'OK' if ok else 'MISMATCH'}: {placed}/{loaded} in disposition folders, {in_inbox} left in INBOX, "
      f"{in_two} in two folders, {copies} extra copies; {received}/{expected} answers at the sink "
      f"({len(set(answers))} distinct In-Reply-To), "
      f"{twice} twice; {stored} store records, {records.get('redirect', 0)} redirects, "
      f"{outbox.get('sent', 0)} sent")
EOF
}

start_servers
generate
{
  echo "# two-node bench, $PER per mailbox × 4, $(nproc) cores$([ "$PIN" = 1 ] && echo ', each node pinned to one core' || true)$([ -n "$QUOTA" ] && echo ", each node in a CPU quota of $QUOTA core" || true)$([ "$ARRIVE" = 1 ] && echo ', mail arriving while the nodes run' || true), jar $RG_JAR"
  printf 'phase\tnodes\tmessages\twall s\tmsg/s\tnode CPU s\tthrottled s\tpoll runs per node\tpostgres CPU s\tdovecot CPU s\tsink CPU s\tload 1 min\treconciliation\n'
} > "$OUT/results.txt"
for round in $(seq 1 "$ROUNDS"); do
  phase 1 "one-$round"
  phase 2 "two-$round"
done
python3 - "$OUT/results.txt" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l[0] not in "#p"]
one = [float(r[4]) for r in rows if r[1] == "1"]
two = [float(r[4]) for r in rows if r[1] == "2"]
print(f"one node {statistics.median(one):.1f} msg/s, two nodes {statistics.median(two):.1f} msg/s: "
      f"ratio {statistics.median(two) / statistics.median(one):.2f} (medians of {len(one)})")
EOF
cat "$OUT/results.txt"
echo "results: $OUT"
