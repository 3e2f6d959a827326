#!/usr/bin/env python3
"""Where a replygate run leaves the cores idle: every 0.25 s until PID ends, the machine's idle share and the CPU
of replygate's threads by kind (the reading thread `main`, the examination workers, delivery, the collector, the
JIT, the rest) and of Dovecot's and smtp-sink's processes, in % of one core. Writes one line per sample to OUT
and prints a summary of the samples after the first 2 s (the start): the means, and the idle share where the
examination workers were all but idle (the batch's recording, MOVE and next FETCH) and where they were busy.

    bench/cpu-timeline.py PID OUT          e.g. after `bench/once.sh & ` with the java process's PID

Linux only (/proc). Not part of the benchmark's timed runs: it reads /proc four times a second.
"""
import os
import sys
import time

PERIOD = 0.25
KINDS = ['main', 'exam', 'deliv', 'gc', 'jit', 'other']
SERVERS = ('imap', 'dovecot', 'smtp-sink', 'auth', 'anvil', 'log')
HZ = os.sysconf('SC_CLK_TCK')


def machine():
    """(idle and iowait ticks, all ticks) of all cores."""
    fields = list(map(int, open('/proc/stat').readline().split()[1:]))
    return fields[3] + fields[4], sum(fields)


def kind(name):
    if name == 'java':
        return 'main'
    if name.startswith('examine-'):
        return 'exam'
    if name.startswith('deliver-'):
        return 'deliv'
    if 'GC' in name:
        return 'gc'
    if 'Compiler' in name:
        return 'jit'
    return 'other'


def ticks(stat):
    fields = stat[stat.rindex(')') + 2:].split()
    return int(fields[11]) + int(fields[12])


def threads(pid):
    """CPU ticks of the process's threads by kind; None once it has ended."""
    try:
        tids = os.listdir(f'/proc/{pid}/task')
    except FileNotFoundError:
        return None
    by_kind = dict.fromkeys(KINDS, 0)
    for tid in tids:
        try:
            stat = open(f'/proc/{pid}/task/{tid}/stat').read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        by_kind[kind(stat[stat.index('(') + 1:stat.rindex(')')])] += ticks(stat)
    return by_kind


def servers():
    total = 0
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            stat = open(f'/proc/{entry}/stat').read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if stat[stat.index('(') + 1:stat.rindex(')')].startswith(SERVERS):
            total += ticks(stat)
    return total


def main():
    pid, out_path = sys.argv[1], sys.argv[2]
    start = time.time()
    idle0, all0 = machine()
    threads0, servers0 = threads(pid), servers()
    if threads0 is None:
        sys.exit(f'no process {pid}')
    samples = []
    with open(out_path, 'w') as out:
        while True:
            time.sleep(PERIOD)
            now = threads(pid)
            if now is None:
                break
            idle1, all1 = machine()
            servers1 = servers()
            cores = os.cpu_count()
            row = {'t': time.time() - start,
                   'idle': 100.0 * cores * (idle1 - idle0) / max(all1 - all0, 1)}
            for k in KINDS:
                row[k] = 100.0 * (now[k] - threads0[k]) / HZ / PERIOD
            row['servers'] = 100.0 * (servers1 - servers0) / HZ / PERIOD
            out.write('%6.2f ' % row['t'] + ' '.join('%s=%3.0f' % (k, v) for k, v in row.items() if k != 't') + '\n')
            samples.append(row)
            idle0, all0, threads0, servers0 = idle1, all1, now, servers1
    # servers' children reaped between samples can make a sample's difference negative: leave those out
    kept = [s for s in samples if s['t'] > 2.0 and all(v >= 0 for v in s.values())]
    if not kept:
        sys.exit('too few samples')
    print(f'{len(kept)} samples after the first 2 s, % of one core ({os.cpu_count()} cores):')
    print('  means: ' + ' '.join(f'{k}={sum(s[k] for s in kept) / len(kept):.0f}'
                                 for k in ['idle'] + KINDS + ['servers']))
    for label, chosen in (('examination workers under 10 %', [s for s in kept if s['exam'] < 10]),
                          ('examination workers at 80 % or more', [s for s in kept if s['exam'] >= 80])):
        if chosen:
            print(f'  {label}: {len(chosen)} samples, idle {sum(s["idle"] for s in chosen) / len(chosen):.0f}')


if __name__ == '__main__':
    main()
