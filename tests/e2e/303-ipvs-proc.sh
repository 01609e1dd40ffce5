#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 120
#
# /proc/net/ip_vs, ip_vs_stats and ip_vs_conn of the IPVS personality
# (modprobe lbvs ipvs_api=1, kmod/proc.c) against IPVS's own: one
# configuration (IPv4 and IPv6, TCP, UDP, fwmark, persistence with a
# netmask, several schedulers and weights, each forwarding method, -o)
# and the same traffic (N requests through a NAT service), first in IPVS,
# then in lbvs (they cannot be loaded together), the files compared.
#
# Normalised, with the reason:
#  * the order of services, and of servers within one: IPVS lists its hash
#    table's order and servers newest first, lbvs creation order;
#  * the banner's size=: IPVS prints its fixed table size, lbvs its table's
#    buckets now;
#  * ip_vs_conn's expire column (counts down) and the client ports and
#    line order (each run's clients pick their own ports);
#  * ip_vs_stats' packet and byte counters and rates: the same requests,
#    but a last ACK or a retransmission may come before or after the
#    reading (and IPVS's copy lags by up to 2 s): the connections must be
#    equal, the packets within a tenth of IPVS's.
# Also: a parser of node_exporter's kind reads sane totals; without
# ipvs_api=1 the files do not exist; each namespace sees its own; rmmod
# with a file open does not crash.
. "$(dirname "$0")/lib.sh"

N=10
IPVSADM=/usr/sbin/ipvsadm
OUT=$LBVS_OUT/303
mkdir -p "$OUT"

topo_nat 2
http_server rs1 80 rs1
http_server rs2 80 rs2

CONF="-A -t $VIP4:80 -s wrr
-a -t $VIP4:80 -r ${RIP4[1]}:80 -m -w 3
-a -t $VIP4:80 -r ${RIP4[2]}:80 -m -w 2
-A -u $VIP4:53 -s rr -p 300 -M 255.255.255.0
-a -u $VIP4:53 -r ${RIP4[1]}:53 -g -w 1
-a -u $VIP4:53 -r ${RIP4[2]}:53 -i -w 0
-A -u 203.0.113.101:53 -s sh -o
-a -u 203.0.113.101:53 -r ${RIP4[1]}:53 -g
-A -t [$VIP6]:443 -s lc -p
-a -t [$VIP6]:443 -r [${RIP6[1]}]:443 -m -w 5
-a -t [$VIP6]:443 -r [${RIP6[2]}]:443 -g -w 7
-A -t [$VIP6]:80 -s wlc
-a -t [$VIP6]:80 -r [${RIP6[1]}]:80 -i -w 2
-A -f 7 -s dh -p 60
-a -f 7 -r ${RIP4[1]}:0 -m -w 4
-A -f 8 -6 -s rr -p 120 -M 64
-a -f 8 -6 -r [${RIP6[2]}]:0 -g"

# sorted_blocks: service lines with their servers, blocks and servers sorted.
sorted_blocks()
{
	awk 'NR <= 3 { sub(/size=[0-9]+/, "size=X"); print; next }
	     /^  ->/ { print key "\t" $0; next }
	     { key = $0; print key }' | sort
}

norm_conn()
{
	sed -E '2,$ { s/^(.{13}).{4}/\1PORT/; s/.{7}$/EXPIRE/ }' | sort
}

hexcol() { printf '%d' "0x$1"; }

traffic()
{
	local i
	for i in $(seq $N); do
		nsx client curl -s -m 5 "http://$VIP4/" >/dev/null || fail "request $i failed"
	done
}

tot_conns()
{
	hexcol "$(nsx director sed -n 3p /proc/net/ip_vs_stats | awk '{ print $1 }')"
}

# IPVS's counters in its files are the estimator's copy, every 2 s.
counted() { [ "$(tot_conns)" = "$N" ]; }

snap()
{
	local dir=$OUT/$1
	mkdir -p "$dir"
	wait_until 10 counted || fail "$1: ip_vs_stats has $(tot_conns) connections, want $N"
	nsx director cat /proc/net/ip_vs | sorted_blocks >"$dir/ip_vs"
	nsx director cat /proc/net/ip_vs_conn | norm_conn >"$dir/ip_vs_conn"
	nsx director cat /proc/net/ip_vs_stats >"$dir/ip_vs_stats.raw"
	# conns, in packets, out packets; bytes and rates vary
	sed -n 3p "$dir/ip_vs_stats.raw" | awk '{ print $1, $2, $3 }' >"$dir/ip_vs_stats"
}

apply() { while read -r line; do
	# shellcheck disable=SC2086 # one command's words
	nsx director "$1" $line || fail "$1 $line"
done <<<"$CONF"; }

# --- phase 1: IPVS ----------------------------------------------------
modprobe ip_vs || skip "no ip_vs module to compare with"
for s in rr wrr lc wlc sh dh; do
	modprobe "ip_vs_$s" || skip "no ip_vs_$s module"
done
at_exit ipvs_unload
apply $IPVSADM
traffic
snap ipvs
nsx director $IPVSADM -C
ipvs_unload || fail "cannot unload ip_vs: $(grep '^ip_vs' /proc/modules)"

# --- without ipvs_api=1: no files ------------------------------------
lbvs_load
for f in ip_vs ip_vs_conn ip_vs_stats; do
	[ ! -e "/proc/net/$f" ] || fail "/proc/net/$f exists without ipvs_api=1"
done
lbvs_unload

# --- phase 2: lbvs ipvs_api=1 ----------------------------------------
insmod "$LBVS_KO" ipvs_api=1 || fail "insmod ipvs_api=1"
_LOADED=true
apply "$LBADM"
traffic
snap lbvs

for f in ip_vs ip_vs_conn; do
	diff -u "$OUT/ipvs/$f" "$OUT/lbvs/$f" || fail "$f differs from IPVS's"
done
read -r ic ii io <"$OUT/ipvs/ip_vs_stats"
read -r lc li lo <"$OUT/lbvs/ip_vs_stats"
assert_eq "$lc" "$ic" "ip_vs_stats: connections as IPVS's"
for pair in "$ii $li" "$io $lo"; do
	read -r a b <<<"$pair"
	a=$(hexcol "$a") b=$(hexcol "$b")
	if [ $((b * 10)) -lt $((a * 9)) ] || [ $((b * 10)) -gt $((a * 11)) ]; then
		fail "ip_vs_stats: packets $b, IPVS's $a"
	fi
done
log "ip_vs, ip_vs_conn as IPVS's; ip_vs_stats: $(cat "$OUT/lbvs/ip_vs_stats") (IPVS: $(cat "$OUT/ipvs/ip_vs_stats"))"

# node_exporter's reading: totals in hex, per server weight/active/inactive.
LINE=$(sed -n 3p "$OUT/lbvs/ip_vs_stats.raw")
read -r c _ <<<"$LINE"
assert_eq "$(hexcol "$c")" "$N" "ip_vs_stats: total connections"
# shellcheck disable=SC2016 # awk's fields
read -r act inact <<<"$(nsx director awk '/^TCP  CB007164:0050/ { s = 1; next }
	/^[A-Z]/ { s = 0 } s && /->/ { a += $5; i += $6 } END { print a + 0, i + 0 }' /proc/net/ip_vs)"
assert_eq "$((act + inact))" "$N" "ip_vs: ActiveConn + InActConn of the NAT service"
assert_eq "$(nsx director grep -c ' CB007164 0050 ' /proc/net/ip_vs_conn)" "$N" \
	"ip_vs_conn: the NAT service's connections"

# --- per namespace ---------------------------------------------------
ns_add other
nsx other "$LBADM" -A -t 198.51.100.1:80 -s rr
assert_eq "$(nsx other tail -n +4 /proc/net/ip_vs)" "TCP  C6336401:0050 rr  " "other netns: its own service only"
assert_eq "$(nsx other sed -n 3p /proc/net/ip_vs_stats | awk '{ print $1 }')" "0" "other netns: no connections"

# --- rmmod with the files open and being read ------------------------
for f in ip_vs ip_vs_conn ip_vs_stats; do
	nsx director python3 -c '
import sys, time
f = open(sys.argv[1], "rb", buffering=0)
f.read(10)
time.sleep(2)
try:
    f.read(100000)
except OSError:
    pass
' "/proc/net/$f" &
	_PIDS+=($!)
done
sleep 0.5
ip netns delete other
rmmod lbvs || fail "rmmod lbvs with files open"
for pid in "${_PIDS[@]: -3}"; do
	wait "$pid" || true
done
log "rmmod with files open: ok"
