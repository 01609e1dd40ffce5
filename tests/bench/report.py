#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""docs/benchmarks.md from the raw output of scripts/bench.sh.

usage: report.py DIR   (DIR holds meta, sched and guest*; see scripts/bench.sh)

Medians over the repetitions, the spread (min..max), and ratios.  A ratio
"vs X" is median(lbvs) / median(X); "paired" is the median of the per-round
ratios, each round having run every configuration back to back.
"""
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read_lines(path):
    try:
        with open(path) as f:
            return f.read().splitlines()
    except OSError:
        return []


def parse(d):
    meta, info, mem, notes = {}, {}, {}, []
    samples = {}  # (test, param, config) -> {rep: value}
    for line in read_lines(os.path.join(d, 'meta')):
        k, _, v = line.partition(' ')
        meta[k] = v
    guest = []
    for name in sorted(os.listdir(d)):
        if name.startswith('guest'):
            guest += read_lines(os.path.join(d, name))
            meta.setdefault('parts', []).append(name)
    for line in guest:
        w = line.split()
        if not w:
            continue
        if w[0] == 'RES' and len(w) == 6:
            samples.setdefault((w[1], w[2], w[3]), {})[int(w[4])] = float(w[5])
        elif w[0] == 'MEM' and len(w) >= 4:
            mem.setdefault(w[1], {})[w[2]] = ' '.join(w[3:])
        elif w[0] == 'INFO' and len(w) >= 3:
            info[w[1]] = ' '.join(w[2:])
        elif w[0] == 'NOTE':
            notes.append(line[5:])
    status = [ln for ln in guest if ln.startswith(('PASS ', 'FAIL '))]
    return meta, info, mem, notes, samples, status


def fmt(v):
    if v is None:
        return '-'
    if v >= 100:
        return f'{v:,.0f}'
    return f'{v:.1f}'


def ratio(a, b):
    return f'{a / b:.2f}x' if a and b else '-'


def paired(sa, sb):
    """Median of per-round ratios a/b over the rounds both have."""
    r = [sa[k] / sb[k] for k in sa if k in sb and sb[k]]
    return f'{statistics.median(r):.2f}x' if r else '-'


def stats(s):
    v = sorted(s.values())
    return statistics.median(v), v[0], v[-1]


def peer_of(cfg):
    """What an lbvs configuration is compared with: IPVS's same method."""
    lb, _, method = cfg.partition('-')
    if lb != 'lbvs':
        return None
    # IPVS has no SYN proxy: a proxied flow is compared with IPVS's plain one.
    method = method.removesuffix('-synproxy')
    return 'ipvs-nat' if method == 'fullnat' else 'ipvs-' + method


ORDER = ['route', 'lbvs-nat', 'ipvs-nat', 'lbvs-dr', 'ipvs-dr', 'lbvs-tun', 'ipvs-tun',
         'lbvs-fullnat', 'lbvs-nat-synproxy', 'lbvs-fullnat-synproxy']


def proxy_section(samples, out, ratios):
    """The SYN proxy on against off, same method, paired by round (issue 18)."""
    rows = []
    for test, unit in (('conn', 'TCP connections/s'), ('bulk', 'Mbit/s')):
        for m in ('nat', 'fullnat'):
            off = samples.get((test, '1', f'lbvs-{m}'))
            on = samples.get((test, '1', f'lbvs-{m}-synproxy'))
            if not off or not on:
                continue
            a, b = stats(on), stats(off)
            ratios[(test, 'synproxy', m)] = a[0] / b[0]
            rows.append(f'| {unit}, lbvs-{m} | {fmt(b[0])} ({fmt(b[1])}..{fmt(b[2])}) '
                        f'| {fmt(a[0])} ({fmt(a[1])}..{fmt(a[2])}) | {ratio(a[0], b[0])} '
                        f'({paired(on, off)}) | {len(on)} |')
    if not rows:
        out.append('(no samples)\n')
        return
    out.append('| | proxy off, median (min..max) | proxy on | ratio (paired) | n |')
    out.append('|---|---:|---:|---|---:|')
    out.extend(rows)
    out.append('')


def table(samples, test, param, unit, out, ratios):
    rows = {c: s for (t, p, c), s in samples.items() if t == test and p == param}
    if not rows:
        out.append('(no samples)\n')
        return
    out.append(f'| configuration | median {unit} | min..max | n | vs IPVS (paired) '
               '| vs routing (paired) |')
    out.append('|---|---:|---|---:|---|---|')
    for cfg in sorted(rows, key=lambda c: ORDER.index(c) if c in ORDER else 99):
        s = rows[cfg]
        med, lo, hi = stats(s)
        peer = peer_of(cfg)
        vs_ipvs = vs_route = ''
        if peer in rows:
            vs_ipvs = f'{ratio(med, stats(rows[peer])[0])} ({paired(s, rows[peer])})'
            ratios[(test, param, cfg, 'ipvs')] = med / stats(rows[peer])[0]
        if cfg != 'route' and 'route' in rows:
            vs_route = f'{ratio(med, stats(rows["route"])[0])} ({paired(s, rows["route"])})'
            ratios[(test, param, cfg, 'route')] = med / stats(rows['route'])[0]
        out.append(f'| {cfg} | {fmt(med)} | {fmt(lo)}..{fmt(hi)} | {len(s)} '
                   f'| {vs_ipvs} | {vs_route} |')
    if 'route' in rows and unit == 'packets/s':
        route = stats(rows['route'])[0]
        extra = []
        for cfg in sorted(rows, key=lambda c: ORDER.index(c) if c in ORDER else 99):
            if cfg == 'route':
                continue
            med = stats(rows[cfg])[0]
            extra.append(f'{cfg} {1e9 / med - 1e9 / route:+,.0f} ns')
        out.append('')
        out.append('Time per packet over plain routing (1/median - 1/median(route)), '
                   'the load balancer\'s own cost: ' + ', '.join(extra) + '.')
    out.append('')


def mem_section(mem, samples, out, ratios):
    out.append('| | lbvs | IPVS |')
    out.append('|---|---:|---:|')
    per = {}
    for lb in ('lbvs', 'ipvs'):
        m = mem.get(lb, {})
        try:
            n = int(m['entries_1000000'])
            slab = int(m['slab_size'])
            buckets = int(m['buckets'])
        except (KeyError, ValueError):
            per[lb] = None
            continue
        tables = 2 if lb == 'lbvs' else 1
        per[lb] = {
            'n': n, 'slab': slab, 'obj': int(m.get('object_size', 0)),
            'tab': tables * buckets * 8 / n if n else 0,
            'delta': int(m.get('kmem_delta_kb', 0)) * 1024 / n if n else 0,
            'buckets': buckets, 'tables': tables,
            'merged': m.get('merged_into', '?'), 'cache': m.get('cache', '?'),
            'fill': m.get('fill_seconds', '?'), 'unload': m.get('unload_seconds', '?'),
        }

    def row(name, f):
        cells = [f(per[lb]) if per.get(lb) else '-' for lb in ('lbvs', 'ipvs')]
        out.append(f'| {name} | {cells[0]} | {cells[1]} |')

    row('entries in the table', lambda p: f'{p["n"]:,}')
    row('slab cache (merged into)', lambda p: f'{p["cache"]} ({p["merged"]})')
    row('object size / slab size, bytes', lambda p: f'{p["obj"]} / {p["slab"]}')
    row('hash buckets', lambda p: f'{p["tables"]} x {p["buckets"]:,} x 8 bytes')
    row('bucket bytes per entry', lambda p: f'{p["tab"]:.1f}')
    row('**bytes per connection** (slab + buckets)',
        lambda p: f'**{p["slab"] + p["tab"]:.1f}**')
    if per.get('ipvs') and per['ipvs']['buckets'] != 4096:
        p = per['ipvs']
        out.append(f'| bytes per connection with Debian\'s default IPVS table (4,096 buckets) '
                   f'| | {p["slab"] + 4096 * 8 / p["n"]:.1f} |')
    row('measured: growth of Slab+VmallocUsed+Percpu per entry',
        lambda p: f'{p["delta"]:.1f}')
    row('seconds for pktgen to send the 1,000,001 flows once',
        lambda p: f'{float(p["fill"]):.1f}')
    row('seconds to unload with the table full', lambda p: f'{float(p["unload"]):.1f}')
    for lb in ('lbvs', 'ipvs'):
        if per.get(lb):
            ratios[('mem', lb)] = per[lb]['slab'] + per[lb]['tab']
    look = {}
    for lb in ('lbvs', 'ipvs'):
        for n in ('1000', '1000000'):
            s = samples.get(('lookup', n, lb))
            if s:
                look[(lb, n)] = stats(s)
    for n, label in (('1000', '1,000'), ('1000000', '1,000,000')):
        cells = []
        for lb in ('lbvs', 'ipvs'):
            v = look.get((lb, n))
            cells.append(f'{fmt(v[0])} ({fmt(v[1])}..{fmt(v[2])})' if v else '-')
        out.append(f'| packets/s, flows over {label} entries | {cells[0]} | {cells[1]} |')
    cells = []
    for lb in ('lbvs', 'ipvs'):
        a, b = look.get((lb, '1000000')), look.get((lb, '1000'))
        cells.append(ratio(a[0], b[0]) if a and b else '-')
        if a and b:
            ratios[('lookup', lb)] = a[0] / b[0]
    out.append(f'| rate at 1M / rate at 1k | {cells[0]} | {cells[1]} |')
    out.append('')


def sched_section(d, out, ratios):
    lines = read_lines(os.path.join(d, 'sched'))
    if not lines:
        out.append('(not run)\n')
        return
    out.append('```')
    out.extend(lines)
    out.append('```')
    picks = {}
    for ln in lines:
        w = ln.split()
        if len(w) == 5 and w[1].isdigit():
            picks.setdefault(w[0], {})[int(w[1])] = float(w[2])
    worst = [(a, p[10000] / p[10]) for a, p in picks.items() if 10 in p and 10000 in p]
    if worst:
        out.append('')
        out.append('Pick at 10,000 servers / pick at 10: ' +
                   ', '.join(f'{a} {r:.2f}x' for a, r in worst) + '.')
        ratios[('sched',)] = max(r for _, r in worst)
    out.append('')


def sync_section(samples, out, ratios):
    """The sync master's cost (paired with none running) and the resync time."""
    rows = []
    for test, param, unit in (('syncpkt', '8', 'packets/s (8 servers)'),
                              ('syncconn', '1', 'TCP connections/s')):
        off = samples.get((test, param, 'lbvs-nat'))
        on = samples.get((test, param, 'lbvs-nat-sync'))
        if not off or not on:
            continue
        a, b = stats(on), stats(off)
        ratios[(test, 'sync')] = a[0] / b[0]
        rows.append(f'| {unit} | {fmt(b[0])} ({fmt(b[1])}..{fmt(b[2])}) '
                    f'| {fmt(a[0])} ({fmt(a[1])}..{fmt(a[2])}) | {ratio(a[0], b[0])} '
                    f'({paired(on, off)}) | {len(on)} |')
    if rows:
        out.append('| lbvs-nat | no sync daemon, median (min..max) | sync master running '
                   '| ratio (paired) | n |')
        out.append('|---|---:|---:|---|---:|')
        out.extend(rows)
        out.append('')
    ms = samples.get(('resync', '100000', 'lbvs'))
    got = samples.get(('resync_entries', '100000', 'lbvs'))
    if ms:
        m = stats(ms)
        ratios[('resync',)] = m[0]
        out.append('| full-table resync | median (min..max) | n |')
        out.append('|---|---:|---:|')
        out.append(f'| ms from the backup\'s request to the end marker | {fmt(m[0])} '
                   f'({fmt(m[1])}..{fmt(m[2])}) | {len(ms)} |')
        if got:
            g = stats(got)
            out.append(f'| entries in the backup\'s table then | {fmt(g[0])} '
                       f'({fmt(g[1])}..{fmt(g[2])}) | {len(got)} |')
        out.append('')
    if not rows and not ms:
        out.append('(not run: `BENCH_PARTS=sync`)\n')


def targets(ratios, out):
    def get(*k):
        return ratios.get(k)

    rows = []
    for m in ('nat', 'dr', 'tun'):
        for n in ('1', '8'):
            rows.append((f'packet rate lbvs-{m} >= 1.10x IPVS ({n} server{"s" if n != "1" else ""})',
                         get('pkt', n, f'lbvs-{m}', 'ipvs'), lambda r: r >= 1.10, 'x'))
    for m in ('dr', 'tun'):
        for n in ('1', '8'):
            rows.append((f'packet rate lbvs-{m} >= 0.95x routing ({n})',
                         get('pkt', n, f'lbvs-{m}', 'route'), lambda r: r >= 0.95, 'x'))
    for m in ('nat', 'dr'):
        rows.append((f'TCP connection rate lbvs-{m} >= 1.10x IPVS',
                     get('conn', '1', f'lbvs-{m}', 'ipvs'), lambda r: r >= 1.10, 'x'))
    rows.append(('packet rate with a sync master >= 0.9x without (issue 16)',
                 get('syncpkt', 'sync'), lambda r: r >= 0.9, 'x'))
    rows.append(('TCP connection rate with a sync master >= 0.9x without (issue 16)',
                 get('syncconn', 'sync'), lambda r: r >= 0.9, 'x'))
    for m in ('nat', 'fullnat'):
        rows.append((f'TCP connection rate lbvs-{m} with the SYN proxy >= 0.8x without (issue 18)',
                     get('conn', 'synproxy', m), lambda r: r >= 0.8, 'x'))
    rows.append(('<= 128 bytes per IPv4 connection', get('mem', 'lbvs'),
                 lambda r: r <= 128, ' B'))
    rows.append(('lookup rate at 1M >= 0.8x at 1k', get('lookup', 'lbvs'),
                 lambda r: r >= 0.8, 'x'))
    rows.append(('every pick at 10,000 servers <= 2x at 10 (worst)', get('sched'),
                 lambda r: r <= 2.0, 'x'))
    out.append('| target | measured | met |')
    out.append('|---|---:|---|')
    for name, v, ok, unit in rows:
        if v is None:
            out.append(f'| {name} | not measured | - |')
        else:
            shown = f'{v:.1f}{unit}' if unit == ' B' else f'{v:.2f}{unit}'
            out.append(f'| {name} | {shown} | {"yes" if ok(v) else "**no**"} |')
    out.append('')


def main():
    d = sys.argv[1]
    meta, info, mem, notes, samples, status = parse(d)
    ratios = {}
    body = []
    body.append('## 1. Packet rate through the director\n')
    body.append('UDP, 64-byte payload, 10,000 source ports (one client address), generated by '
                'pktgen on the client\'s veth; counted as packets the director transmitted to the '
                'real servers, which drop them at ingress. rr over 1 or 8 real servers.\n')
    for n in ('1', '8'):
        body.append(f'### {n} real server{"s" if n != "1" else ""}\n')
        table(samples, 'pkt', n, 'packets/s', body, ratios)
    body.append('## 2. TCP connection rate\n')
    body.append('4 client processes in a loop: connect, send 4 bytes, read the answer to EOF '
                '(the server closes first), close (tests/bench/connrate.c against '
                'tests/bench/connsrv.c, 2 server processes, 1 real server).\n')
    table(samples, 'conn', '1', 'connections/s', body, ratios)
    body.append('## 3. Bulk TCP throughput\n')
    body.append('iperf3, one stream, client to 1 real server.\n')
    table(samples, 'bulk', '1', 'Mbit/s', body, ratios)
    body.append('### The SYN proxy on and off\n')
    body.append('The same loads as above with `--synproxy` on the service (the director '
                'answers the SYN, then opens the connection to the server and translates every '
                'segment); the proxy costs one extra round trip per connection on the '
                'director\'s side.\n')
    proxy_section(samples, body, ratios)
    body.append('### A SYN flood absorbed\n')
    body.append('hping3 `--flood -S` from one spoofed address, a new source port each SYN, to '
                'the NAT service (1 server). Per second: with the SYN proxy, the SYN-ACKs the '
                'director answers with (no entry made); without it (lbvs, IPVS), the SYNs it '
                'forwards to the real server (an entry each). Limited by what hping3 sends on '
                'the same vCPUs.\n')
    table(samples, 'syn', '1', 'SYNs/s', body, ratios)
    body.append('## 4. Memory per connection and lookup rate\n')
    body.append('UDP NAT service, UDP timeout 600 s; IPVS loaded with conn_tab_bits='
                + str(int(mem.get('ipvs', {}).get('buckets', '4096')).bit_length() - 1)
                + ' (`BENCH_IPVS_TAB_BITS`; Debian\'s default 12 leaves 244 entries a chain '
                'at 1M and makes the fill take minutes under TCG). First 1,000 flows (one address, 1,000 ports), '
                'then 1,000,001 (101 addresses x 9,901 ports), each sent once by pktgen (the '
                'entries line shows how many reached the table: under load the director\'s '
                'input backlog drops some); the rate is measured while pktgen cycles through the flows of each set, all of them already '
                'in the table. "Bytes per connection" is the slab object (as allocated) plus the '
                'hash buckets divided by the entries; the measured line is the growth of the '
                'kernel\'s slab, vmalloc and percpu memory over the whole test divided by the '
                'entries.\n')
    mem_section(mem, samples, body, ratios)
    body.append('## 5. Scheduler pick cost\n')
    body.append('`scripts/sched-bench.sh`: instructions (callgrind Ir) per call of the '
                'userspace build of kmod/sched_algo.c.\n')
    sched_section(d, body, ratios)

    body.append('## 6. Connection sync\n')
    body.append('`BENCH_PARTS=sync`. The cost of a sync master to the packet path: lbvs-nat '
                'with and without a master sending to a second director (peer, no backup '
                'running), interleaved, the same loads as sections 1 (8 servers) and 2. Then a '
                'full-table resync: the director holds about 100,000 UDP entries (11 sources '
                'x 9,091 ports, each sent once by pktgen), the peer starts a backup, '
                'and its `resync_ms` (first request to the end marker, which the backup reads '
                'after every entry before it) is the time; the peer is made afresh each '
                'round.\n')
    sync_section(samples, body, ratios)

    out = ['<!-- SPDX-License-Identifier: GPL-2.0 -->',
           '<!-- Generated by scripts/bench.sh (make bench); the analysis comes from '
           'tests/bench/analysis.md. -->',
           '# Benchmarks', '']
    out.append(f'Run {meta.get("date", "?")}, lbvs commit {meta.get("commit", "?")}, guest kernel '
               f'Debian {info.get("kernel", "?")} (stock) under QEMU TCG, {info.get("guest_cpus", "?")} '
               f'vCPUs, 4 GiB; host {meta.get("host_cpu", "?")}, {meta.get("host_cpus", "?")} cores, '
               f'load average before/after {meta.get("load_before", "?")} / '
               f'{meta.get("load_after", "?")}, other QEMU processes at the start: '
               f'{meta.get("qemu_others", "?")}. Guest time: {info.get("total_seconds", "?")} s.'
               + (f' Results merged from separate boots ({", ".join(meta["parts"])}, '
                  '`BENCH_PARTS`); the line above describes the last one.'
                  if len(meta.get('parts', [])) > 1 else ''))
    out.append('')
    out.append('Reproduce: `make bench` (`BENCH_REPS=N BENCH_SECS=S make bench` to change the '
               'repetitions and the seconds per sample; `scripts/bench.sh --report-only` rewrites '
               'this file from `out/bench/`). Everything runs in one guest boot on one topology '
               '(tests/e2e/lib.sh `topo_nat 8`: client, director, 8 real servers, each a network '
               'namespace, veth and a bridge); the configurations run interleaved, one sample each '
               'per round, and only the load balancer being measured is loaded. Under TCG '
               'emulation the absolute numbers mean little; the ratios within one run are the '
               'result. Every number includes the client\'s and the servers\' work on the same two '
               'vCPUs, which compresses the ratios towards 1: the "time per packet over routing" '
               'line isolates the director\'s extra work.')
    out.append('')
    out.append('## Targets (issue 6)\n')
    targets(ratios, out)
    out.extend(body)
    if notes or status:
        out.append('## Not measured\n')
        out.extend(f'- {n}' for n in notes)
        out.extend(f'- guest run: {s}' for s in status if s.startswith('FAIL'))
        out.append('')
    analysis = read_lines(os.path.join(HERE, 'analysis.md'))
    if analysis:
        out.extend(analysis)
    print('\n'.join(out).rstrip() + '\n')


if __name__ == '__main__':
    main()
