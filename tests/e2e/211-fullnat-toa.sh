#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 600
#
# FULLNAT and the client's address: the real server (behind a router, no
# route to the client) sees a pool address as its peer, and recovers the
# true client address and port from the director's TCP option, both ways
# of docs/toa.md: the saved SYN (no module) and getpeername() with
# lbvs_toa loaded. IPv4 and IPv6. A client that forges the option itself
# is not believed (the director overwrites it). The SYN-ACK's MSS reaches
# the client lowered by the option's size (8, 20 bytes). With
# net.lbvs.fullnat_toa=0 no option is sent.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

PY=$LBVS_TOP/tests/e2e/py
toa_module

topo_fullnat 1
lbvs_load
nsx rs1 python3 "$PY/toa_server.py" 8004 >"$LBVS_OUT/server-8004.log" 2>&1 &
_PIDS+=($!)
wait_port rs1 8004
service46 80 1 8004 -b
lbd -P -t "$VIP4:80" -z "${LIP4[0]}"
lbd -P -t "[$VIP6]:80" -z "${LIP6[0]}"
raw_client client

n=0
# ask VIP SPORT [CLIENT-ARGS...]: one connection from port SPORT through
# the director, its server line in LINE. With arguments, by the raw client.
ask()
{
	local vip=$1 sport=$2 tag i fam=TCP4 a=$1 src=$CIP4
	shift 2
	n=$((n + 1))
	tag=c$n
	[[ $vip == *:* ]] && { fam=TCP6; a="[$vip]"; src=$CIP6; }
	if [ $# -gt 0 ]; then
		nsx client python3 "$PY/toa_client.py" --src "$src" --dst "$vip" --port 80 \
			--sport "$sport" --data "$tag" "$@" >/dev/null || fail "$tag: no handshake"
	else
		echo "$tag" | nsx client socat -t 2 - "$fam:$a:80,sourceport=$sport,reuseaddr" \
			>/dev/null 2>&1 || true
	fi
	LINE=$(wait_grep "$LBVS_OUT/server-8004.log" " data=$tag\$") ||
		fail "$tag: the real server did not report the connection"
	log "$tag to $vip from port $sport $*: $LINE"
}
# expect PEER SYN: accept() and getpeername() say PEER (a regex), the saved
# SYN's option says SYN.
expect()
{
	assert_match "$(field accept)" "$1" "c$n: accept()"
	assert_match "$(field peer)" "$1" "c$n: getpeername()"
	assert_eq "$(field syn)" "$2" "c$n: the client address in the saved SYN"
}
pool4="^${LIP4[0]//./\\.}:[0-9]+\$" pool6="^\\[${LIP6[0]}\\]:[0-9]+\$"

capture client "tcp[tcpflags] & tcp-syn != 0 or ip6"
log "without lbvs_toa: the pool address, and the client in the saved SYN"
ask "$VIP4" 41001;	expect "$pool4" "$CIP4:41001"
ask "$VIP6" 41002;	expect "$pool6" "[$CIP6]:41002"
capture_stop
mss=$(tcpdump -r "$LBVS_OUT/client.pcap" -n 2>/dev/null |
	awk '/Flags \[S\.\]/ { match($0, /mss [0-9]+/); print $3, substr($0, RSTART + 4, RLENGTH - 4) }' |
	sort -u | xargs)
log "SYN-ACK sources and MSS at the client: $mss"
assert_eq "$mss" "$VIP4.80 1452 $VIP6.80 1420" "the MSS lowered by 8 (IPv4) and 20 (IPv6) bytes"

insmod "$TOA_KO" trusted="${LIP4[0]},${LIP6[0]}" || fail "insmod $TOA_KO failed"
log "with lbvs_toa trusting the pool: getpeername() is the client"
ask "$VIP4" 41003;	expect "^$CIP4:41003\$" "$CIP4:41003"
ask "$VIP6" 41004;	expect "^\\[$CIP6\\]:41004\$" "[$CIP6]:41004"

log "a client vouching for itself is overwritten"
ask "$VIP4" 41005 --toa 198.18.0.7:4242;	expect "^$CIP4:41005\$" "$CIP4:41005"
# Its SYN (MSS + forged 20 bytes) leaves no room for the director's 20:
# the forgery is blanked and the SYN goes without; the ACK carries it.
ask "$VIP6" 41006 --toa '[2001:db8:ff::7]:4243';	expect "^\\[$CIP6\\]:41006\$" "-"

log "net.lbvs.fullnat_toa=0: no option"
nsx director sysctl -qw net.lbvs.fullnat_toa=0
ask "$VIP4" 41007;	expect "$pool4" "-"
log "a client's own option is blanked without the director's too"
ask "$VIP4" 41008 --toa 198.18.0.7:4242;	expect "$pool4" "-"
