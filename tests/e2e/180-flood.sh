#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: a flood's timing means nothing on the debug kernel)
# timeout: 300
#
# Pressure mode (issue 18): a random-source flood (SYN to a NAT service,
# SYN to a DR service, UDP) fills the connection table (conn_max
# 20,000), and still a separate client's new flows are
# served (>= 95%, each within 3 s), an established connection keeps
# exchanging data, the table never holds more than conn_max, and the drop
# counters account for the flood. With pressure mode off the same flood
# shuts new clients out, as before it existed: that proves the flood is
# real and what keeps the service up is the eviction. With the SYN proxy
# on (net.lbvs.synproxy) the same SYN flood adds no entry at all. The same SYN flood
# against the kernel's IPVS, with and without drop_entry, is reported
# beside lbvs's at the end.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

command -v hping3 >/dev/null || skip "hping3 is not installed"
PROBE=$LBVS_TOP/tests/e2e/py/probe.py
MAX=20000 STRICT=1
# On the debug kernel (run once by hand: --script): a table the slower
# flood fills, and the service levels reported, not required; the bounds,
# the evictions and a clean kernel log are what it is for.
if debug_kernel; then MAX=1000 STRICT=0; fi

# The client behind a router; rs1 by DR on the director's switch (port 81),
# rs2 by NAT behind the director (80, 9000, UDP 53 and 54).
ipq_begin
topo_dr 1
nat_real_server rs2 2
ipq_end
lbvs_load
servers_begin
http_server rs1 81 rs1
http_server rs2 80 rs2
echo_server rs2 9000 rs2
udp_server rs2 53 rs2
servers_wait
NAT_RULES=("-A -t $VIP4:80 -s rr" "-a -t $VIP4:80 -r ${RIP4[2]}:80 -m"
	"-A -t $VIP4:9000 -s rr" "-a -t $VIP4:9000 -r ${RIP4[2]}:9000 -m")
printf '%s\n' "${NAT_RULES[@]}" "-A -t $VIP4:81 -s rr" "-a -t $VIP4:81 -r ${RIP4[1]}:81 -g" \
	"-A -u $VIP4:53 -s rr" "-a -u $VIP4:53 -r ${RIP4[2]}:53 -m" \
	"-A -u $VIP4:54 -s rr" "-a -u $VIP4:54 -r ${RIP4[2]}:54 -m" | lbd -R
nsx director sysctl -qw net.lbvs.conn_max=$MAX

hold_open est client "$VIP4" 9000
assert_eq "$(hold_name est)" rs2 "the established connection"

drop() { lbd -L --drops | awk -v r="$1" '$1 == r { print $2 }'; }
# The guest's input backlog drops (before lbvs sees a packet): the flood
# shares the client's link and CPUs, and some of the client's packets are
# lost there, as at a NIC; its retransmissions carry it through.
backlog_drops()
{
	local _c d _r s=0
	while read -r _c d _r; do s=$((s + 16#$d)); done </proc/net/softnet_stat
	echo "$s"
}

# flood SECS KIND: hping3 from the client's namespace, random sources: a
# SYN flood to NAT (syn) or DR (dr), or UDP. The UDP flood goes to a
# second UDP service of the same table: rs2's one Python server could not
# answer it, and rs2's capacity is not under test.
flood()
{
	local opts=(-S -p 80)
	[ "$2" = dr ] && opts=(-S -p 81)
	[ "$2" = udp ] && opts=(--udp -p 54)
	nsx client timeout "$1" hping3 --flood --rand-source -q "${opts[@]}" "$VIP4" \
		>/dev/null 2>&1 &
	_PIDS+=($!)
}

# The connection table's size: lbvs's (conn_count), or IPVS's (read from
# /proc/net/ip_vs_conn once, at the end: at 100,000 entries it is slow).
SIZE=conn_count
ipvs_size() { nsx director awk 'END { print NR - 1 }' /proc/net/ip_vs_conn; }
_filled() { [ "$($SIZE)" -ge $((MAX * 9 / 10)) ]; }
# With the SYN proxy the table stays empty: the flood shows in syn_proxied.
_proxying() { [ "$(drop syn_proxied)" -ge $((PROXIED + MAX / 20)) ]; }
_emptied() { [ "$($SIZE)" -le $((MAX / 2)) ]; }

# observe SECS: once a second, the table's size (the largest kept in
# $LBVS_OUT/max) and a line through the established connection (the
# count that came back in $LBVS_OUT/echoed).
observe()
{
	local i max=0 n echoed=0
	for i in $(seq "$1"); do
		if [ "$SIZE" = conn_count ]; then
			n=$(conn_count)
			[ "$n" -gt "$max" ] && max=$n
		fi
		hold_echo est "tick $i" 2 && echoed=$((echoed + 1))
		sleep 0.5
	done
	[ "$SIZE" = conn_count ] || max=$($SIZE)
	echo "$max" >"$LBVS_OUT/max"
	echo "$echoed" >"$LBVS_OUT/echoed"
}

# run NAME SECS KIND: a flood of KIND (syn, udp) for SECS, probed by new
# flows of the matching kind; sets OK, TOTAL, SLOWEST, SEEN (the table's
# largest size), ECHOED, and adds a line to the report.
REPORT=()
run()
{
	local name=$1 secs=$2 kind=$3 proto=http port=80 wpid extra=""
	[ "$kind" = dr ] && port=81
	[ "$kind" = udp ] && { proto=udp; port=53; }
	flood "$((secs + 2))" "$kind"
	if [ "$kind" = proxy ]; then
		wait_until 10 _proxying || fail "$name: syn_proxied $(drop syn_proxied)"
	else
		wait_until 10 _filled || fail "$name: the flood did not fill the table ($($SIZE))"
	fi
	observe "$secs" &
	wpid=$!
	read -r OK TOTAL SLOWEST <<<"$(nsx client python3 "$PROBE" "$proto" "$VIP4" "$port" "$secs")"
	wait "$wpid"
	SEEN=$(cat "$LBVS_OUT/max") ECHOED=$(cat "$LBVS_OUT/echoed")
	[ "$SIZE" = conn_count ] &&
		extra=", evicted $(drop evicted), table_full $(drop table_full)"
	REPORT+=("$(printf '%-28s %3s of %3s served (slowest %5s ms), table %6s, established echoed %2s of %s%s' \
		"$name:" "$OK" "$TOTAL" "$SLOWEST" "$SEEN" "$ECHOED" "$secs" "$extra")")
	log "${REPORT[-1]}; backlog drops $(backlog_drops)"
	# IPVS's entries live their 60 s: only lbvs's table empties in time.
	if [ "$SIZE" = conn_count ]; then wait_until 15 _emptied || true; fi
}

# --- pressure mode off: the flood shuts new clients out --------------------
nsx director sysctl -qw net.lbvs.pressure_level=0
run "syn flood, pressure off" 8 syn
[ "$STRICT" = 0 ] || [ "$OK" -le $((TOTAL / 2)) ] ||
	fail "without pressure mode $OK of $TOTAL were served: no flood?"
[ "$SEEN" -le "$MAX" ] || fail "the table held $SEEN entries, conn_max $MAX"
full_before=$(drop table_full)
[ "$full_before" -gt $((STRICT * 1000)) ] || fail "table_full counted $full_before of the flood"

# --- pressure mode on ---------------------------------------------------------
# held SECS EVICTED NAME: what pressure mode must hold through the last
# run (SECS long; EVICTED the count before it).
held()
{
	local secs=$1 evicted=$2
	[ "$SEEN" -le "$MAX" ] || fail "$3: the table held $SEEN entries, conn_max $MAX"
	[ "$(drop evicted)" -gt $((evicted + STRICT * 999)) ] ||
		fail "$3: evicted $(($(drop evicted) - evicted))"
	[ "$STRICT" = 1 ] || return 0
	[ $((OK * 100)) -ge $((TOTAL * 95)) ] || fail "$3: $OK of $TOTAL new flows served"
	[ "$ECHOED" -ge $((secs * 9 / 10)) ] || fail "$3: the established connection echoed $ECHOED of $secs"
}

nsx director sysctl -qw net.lbvs.pressure_level=80
for kind in syn dr udp; do
	evicted=$(drop evicted)
	run "$kind flood, pressure on" 15 "$kind"
	held 15 "$evicted" "$kind flood"
done
# --- the SYN proxy on: the flood makes no entry -------------------------------
# net.lbvs.synproxy: the NAT service on 80 is proxied (the DR one is not).
nsx director sysctl -qw net.lbvs.synproxy=1
PROXIED=$(drop syn_proxied) before=$(conn_count)
run "syn flood, proxy on" 15 proxy
# The UDP flood's entries are still leaving: the flood must add none.
[ "$SEEN" -le $((before + MAX / 10)) ] || fail "proxy on: the table grew from $before to $SEEN entries"
[ "$STRICT" = 0 ] || [ $((OK * 100)) -ge $((TOTAL * 95)) ] || fail "proxy on: $OK of $TOTAL new flows served"
[ "$STRICT" = 0 ] || [ "$ECHOED" -ge 13 ] || fail "proxy on: the established connection echoed $ECHOED of 15"
nsx director sysctl -qw net.lbvs.synproxy=0
hold_echo est "after the floods" || fail "the established connection broke"
hold_close est

# --- the same SYN flood against IPVS, in the same boot (reported only) ------
lbd -C
lbvs_unload
# Not on the debug kernel: the comparison means nothing there, and it
# would outlast the test's timeout.
if [ "$STRICT" = 1 ] && modprobe ip_vs 2>/dev/null; then
	SIZE=ipvs_size
	printf '%s\n' "${NAT_RULES[@]}" | nsx director ipvsadm -R
	hold_open est client "$VIP4" 9000
	assert_eq "$(hold_name est)" rs2 "the established connection through IPVS"
	run "IPVS, syn flood" 15 syn
	# drop_entry 3: always on (1 and 2 wait for memory to run low).
	nsx director sysctl -qw net.ipv4.vs.drop_entry=3
	run "IPVS drop_entry, syn flood" 15 syn
	hold_close est
	nsx director ipvsadm -C
	ipvs_unload || true
fi
log "side by side (conn_max $MAX for lbvs; IPVS has no bound):"
printf '#   %s\n' "${REPORT[@]}"
