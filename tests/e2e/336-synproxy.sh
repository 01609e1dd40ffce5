#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 600
#
# The SYN proxy (--synproxy) on NAT and FULLNAT services, IPv4 and IPv6:
# the director answers SYNs with cookies and keeps nothing for them; a
# forged ACK makes nothing and is counted; a client that completes the
# handshake is served (rr over two servers), with its options replayed to
# the server (capture) and bulk data both ways arriving whole, also with
# 3% loss, where the client's SACK blocks and timestamp echoes must reach
# the server in its own sequence space and clock; an ICMP error about a
# proxied flow reaches the server in its space too; a client's third
# packet carrying data, or sent twice, and a zero window's probes work; a
# tuple whose old socket the server keeps in TIME_WAIT is reset and used;
# a server that refuses gives the client a RST at once, one that never
# answers gives it a RST once it sends again after 3 s. What cannot be
# proxied (DR and TUN servers, UDP) is refused with its reason.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

command -v hping3 >/dev/null || skip "hping3 is not installed"
topo_nat 2
lbvs_load
# FULLNAT's pool, on the director's server side.
LIP4=192.0.2.50 LIP6=2001:db8:2::50
ipn director addr add $LIP4/24 dev br0
ipn director addr add $LIP6/64 dev br0 nodad

servers_begin
for i in 1 2; do
	http_server "rs$i" 80 "rs$i"
	sink_server "rs$i" 9000
	ip netns exec "rs$i" socat TCP6-LISTEN:9001,ipv6only=0,fork,reuseaddr \
		SYSTEM:"head -c 2000000 /dev/zero" >/dev/null 2>&1 &
	_started "rs$i" 9001 $!
done
servers_wait

# NAT on 80 and 9000/9001, FULLNAT on 81; 82's server has no listener, 83's
# server does not exist.
for vip in "$VIP4" "[$VIP6]"; do
	for port in 80 81 9000 9001; do
		lbd -A -t "$vip:$port" -s rr --synproxy
	done
	lbd -A -t "$vip:82" -s rr --synproxy
	lbd -A -t "$vip:83" -s rr --synproxy
done
for i in 1 2; do
	for port in 80 9000 9001; do
		lbd -a -t "$VIP4:$port" -r "${RIP4[i]}:$port" -m
		lbd -a -t "[$VIP6]:$port" -r "[${RIP6[i]}]:$port" -m
	done
	lbd -a -t "$VIP4:81" -r "${RIP4[i]}:80" -b
	lbd -a -t "[$VIP6]:81" -r "[${RIP6[i]}]:80" -b
done
lbd -P -t "$VIP4:81" -z $LIP4
lbd -P -t "[$VIP6]:81" -z $LIP6
lbd -a -t "$VIP4:82" -r "${RIP4[1]}:82" -m
lbd -a -t "[$VIP6]:82" -r "[${RIP6[1]}]:82" -m
lbd -a -t "$VIP4:83" -r 192.0.2.99:83 -m
lbd -a -t "[$VIP6]:83" -r "[2001:db8:2::99]:83" -m
assert_match "$(lbadm_list director)" "TCP  $VIP4:80 rr synproxy" "listed with synproxy"
assert_match "$(lbd -S -n)" "-A -t $VIP4:80 -s rr --synproxy" "saved with --synproxy"
assert_match "$(lbd -L -n --json)" '"synproxy":true' "JSON says synproxy"
# What cannot be proxied is refused, with the reason.
expect_lbadm_fail "needs NAT or FULLNAT servers" lbd -a -t "$VIP4:80" -r 192.0.2.13:80 -g
lbd -A -t "$VIP4:85" -s rr
lbd -a -t "$VIP4:85" -r 192.0.2.13:85 -i
expect_lbadm_fail "needs NAT or FULLNAT servers" lbd -E -t "$VIP4:85" -s rr --synproxy
expect_lbadm_fail "for TCP and fwmark services" lbd -A -u "$VIP4:85" --synproxy
expect_fail "Invalid argument" nsx director sysctl -w net.lbvs.synproxy=2
lbd -D -t "$VIP4:85"

drop() { lbd -L --drops | awk -v r="$1" '$1 == r { print $2 }'; }

# --- SYNs alone: answered, nothing kept ----------------------------------
capture client "tcp port 80"
before=$(conn_count)
nsx client hping3 -q -S -p 80 -c 5 -i u100000 "$VIP4" >/dev/null 2>&1 || true
nsx client hping3 -q -S -p 80 -s 4444 -k -M 1000 -c 2 -i u100000 "$VIP4" >/dev/null 2>&1 || true
capture_stop
assert_eq "$(conn_count)" "$before" "SYNs alone leave no entry"
[ "$(drop syn_proxied)" -ge 7 ] || fail "syn_proxied counted $(drop syn_proxied) of 7"
synacks=$(tcpdump -r "$LBVS_OUT/client.pcap" -n -S 2>/dev/null | grep -c "Flags \[S\.\]" || true)
log "SYN-ACKs the client saw: $synacks"
[ "$synacks" -ge 7 ] || fail "the client saw $synacks SYN-ACKs for 7 SYNs"
# A retransmitted SYN gets the same cookie.
seqs=$(tcpdump -r "$LBVS_OUT/client.pcap" -n -S 2>/dev/null |
	awk '/\.80 > .*\.4444: Flags \[S\.\]/ { for (i = 1; i < NF; i++) if ($i == "seq") print $(i + 1) }' |
	sort -u | wc -l)
assert_eq "$seqs" 1 "a repeated SYN is answered with the same cookie"

# --- forged ACKs: no cookie, no entry ------------------------------------
nsx client hping3 -q -A -p 80 -c 5 -i u100000 "$VIP4" >/dev/null 2>&1 || true
assert_eq "$(conn_count)" "$before" "forged ACKs leave no entry"
[ "$(drop cookie_invalid)" -ge 5 ] || fail "cookie_invalid counted $(drop cookie_invalid) of 5"

# --- served, NAT and FULLNAT, IPv4 and IPv6 --------------------------------
capture rs1 "tcp port 80"
for vip in "$VIP4" "[$VIP6]"; do
	for port in 80 81; do
		t=$(tally client 10 "http://$vip:$port/")
		log "TCP to $vip:$port: ${t//$'\n'/ }"
		assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "5 5" "rr via the proxy to $vip:$port"
	done
done
capture_stop
# The server saw the client's options in our SYN: MSS, SACK, timestamps, shift.
syn=$(tcpdump -r "$LBVS_OUT/rs1.pcap" -n -v 2>/dev/null | grep -m 1 "Flags \[S\]," || true)
log "a SYN at rs1: $syn"
for o in "mss " "sackOK" "TS val" "wscale "; do
	assert_match "$syn" "$o" "the server's SYN carries $o"
done
# FULLNAT's SYN comes from the pool.
grep -q "IP $LIP4\.[0-9]* > ${RIP4[1]}\.80: Flags \[S\]" <<<"$(tcpdump -r "$LBVS_OUT/rs1.pcap" -n 2>/dev/null)" ||
	fail "no FULLNAT SYN from the pool at rs1"

# --- bulk both ways ---------------------------------------------------------
uploads_whole client 9000 "$VIP4" "$VIP6"
for a in "$VIP4" "$VIP6"; do
	fam=TCP4 h=$a
	[[ $a == *:* ]] && { fam=TCP6; h="[$a]"; }
	got=$(nsx client socat -u -t 20 "$fam:$h:9001,connect-timeout=5" - | wc -c)
	assert_eq "$got" 2000000 "2 MB download from $a"
done

# --- an ICMP error about a proxied flow --------------------------------------
# A router on the client's side finds the server's segments too big. The
# error quotes a segment as the client got it; the server believes it
# (and learns the path MTU) only if the quoted sequence number reaches it
# in its own space; else it ignores it (OutOfWindowIcmps) and its big
# segments go on vanishing.
for a in "$VIP4" "$VIP6"; do
	nsx client python3 "$LBVS_TOP/tests/e2e/py/mtu_error.py" "$a" 9000 1280 >/dev/null ||
		fail "py/mtu_error.py failed for $a"
	c=$CIP4
	[[ $a == *:* ]] && c=$CIP6
	got=$(for i in 1 2; do ip -n "rs$i" route get "$c"; done | grep -c "mtu 1280" || true)
	assert_eq "$got" 1 "a server learned the path MTU from an error about its proxied flow ($a)"
done
for i in 1 2; do
	got=$(nsx "rs$i" nstat -asz TcpExtOutOfWindowIcmps | awk '$1 == "TcpExtOutOfWindowIcmps" { print $2 }')
	assert_eq "$got" 0 "rs$i took no ICMP error as out of its window"
done

# --- what a client sends when packets are lost --------------------------------
# By hand (py/proxy_client.py): the handshake's ACK twice, or the request
# on the third packet, twice, while the proxy may still wait for the
# server; then the request again once answered. The answer must come at
# the cookie's numbers, the request be acknowledged at the client's.
raw_client client
for third in ack data; do
	for a in "$CIP4 $VIP4" "$CIP6 $VIP6"; do
		read -r src dst <<<"$a"
		got=$(nsx client python3 "$LBVS_TOP/tests/e2e/py/proxy_client.py" \
			--src "$src" --dst "$dst" --port 80 --third $third 2>&1)
		assert_eq "$got" answered "third packet $third, sent again, to $dst"
	done
done
nsx client nft delete table inet toa

# --- a zero window: the server's probes and the client's answers -------------
# The client reads nothing for 3 s with a small buffer: its window closes,
# the server probes it (zero-length segments, the only ones it sends
# without data here), and the download ends whole once the client reads.
capture client "tcp port 9001"
got=$(nsx client python3 - "$VIP4" <<'PY'
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
s.connect((sys.argv[1], 9001))
time.sleep(3)
n = 0
while True:
    b = s.recv(65536)
    if not b:
        break
    n += len(b)
print(n)
PY
)
capture_stop
assert_eq "$got" 2000000 "2 MB download after a zero window"
tcpdump -r "$LBVS_OUT/client.pcap" -n 2>/dev/null >"$LBVS_OUT/client-zero.txt"
# The server's segments without data once the window closed: its probes.
read -r zero probes <<<"$(awk -v c="$CIP4" -v v="$VIP4" '
	index($0, " " c ".") && index($0, " > " v ".9001: Flags [.],") && / win 0,/ { z++ }
	z && index($0, " " v ".9001 > " c ".") && /Flags \[\.\], ack [0-9]+, win .*length 0$/ { p++ }
	END { print z + 0, p + 0 }' "$LBVS_OUT/client-zero.txt")"
log "zero windows advertised: $zero, the server's probes: $probes"
[ "$zero" -gt 0 ] || fail "the client never advertised a zero window"
[ "$probes" -gt 0 ] || fail "no window probe from the server reached the client"

# --- SACK and timestamps under loss ------------------------------------------
# 3% of the servers' segments lost: the client's SACK blocks and timestamp
# echoes reach the server in its own sequence space and clock, translated.
for i in 1 2; do nsx "rs$i" tc qdisc add dev eth0 root netem loss 3%; done
capture rs1 "tcp port 9001"
for i in 1 2; do
	got=$(nsx client socat -u -t 20 "TCP4:$VIP4:9001,connect-timeout=5" - | wc -c)
	assert_eq "$got" 2000000 "2 MB download under loss ($i)"
done
capture_stop
for i in 1 2; do nsx "rs$i" tc qdisc del dev eth0 root; done
tcpdump -r "$LBVS_OUT/rs1.pcap" -n -S 2>/dev/null >"$LBVS_OUT/rs1-loss.txt"
sack=$(python3 - "${RIP4[1]}.9001" "$LBVS_OUT/rs1-loss.txt" <<'PY'
import re, sys
srv, path = sys.argv[1], sys.argv[2]
lo, hi, vals, edges, ecrs = None, None, set(), [], []
# Only the flows that began in the capture: an earlier one's last
# segments may echo what the server sent before it.
began = set()
for line in open(path):
    m = re.search(r' IP (\S+) > (\S+): Flags \[([^\]]*)\]', line)
    if not m:
        continue
    if m.group(2) == srv and m.group(3) == 'S':
        began.add(m.group(1))
    if srv == m.group(1) and m.group(2) not in began or \
            srv == m.group(2) and m.group(1) not in began:
        continue
    ts = re.search(r'TS val (\d+) ecr (\d+)', line)
    if m.group(1) == srv:
        seq = re.search(r'seq (\d+)(?::(\d+))?', line)
        if seq and 'S' not in m.group(3):
            a = int(seq.group(1)); b = int(seq.group(2) or a)
            b += 'F' in m.group(3)  # a FIN takes a number: SACK may cover it
            lo = a if lo is None else min(lo, a)
            hi = b if hi is None else max(hi, b)
        if ts:
            vals.add(int(ts.group(1)))
    elif m.group(2) == srv:
        edges += [int(x) for p in re.findall(r'\{([\d:]+)\}', line) for x in p.split(':')]
        if ts and 'S' not in m.group(3) and int(ts.group(2)):
            ecrs.append(int(ts.group(2)))
bad = [e for e in edges if lo is None or not lo <= e <= hi]
# Within the server's clock as the capture saw it: under TCG tcpdump may
# miss a segment, whose value the client then echoes.
alien = [e for e in ecrs if not vals or not min(vals) <= e <= max(vals)]
print(len(edges), len(bad), len(ecrs), len(alien))
PY
)
log "SACK edges, out of the server's range, echoes, not the server's: $sack"
read -r n_edges n_bad n_ecr n_alien <<<"$sack"
[ "$n_edges" -gt 0 ] || fail "no SACK block reached rs1 under loss"
assert_eq "$n_bad" 0 "every SACK edge at the server is in its sequence space"
[ "$n_ecr" -gt 0 ] || fail "no timestamp echo reached rs1"
assert_eq "$n_alien" 0 "every timestamp echo at the server is in its clock"

# --- a tuple the server still holds in TIME_WAIT -----------------------------
# FULLNAT with 4 local ports and the table flushed after each flow: new
# flows take (pool address, port) pairs whose old sockets the servers keep
# in TIME_WAIT, which may answer our SYN with a bare ACK. A client in
# SYN_SENT resets such a socket and sends its SYN again; so must the proxy
# (before it did, some of these flows hung until the client was reset).
range=$(nsx director sysctl -n net.lbvs.fullnat_port_range)
nsx director sysctl -qw net.lbvs.fullnat_port_range="40000 40003"
no_answer=$(drop proxy_no_answer) ok=0
for i in $(seq 24); do
	nsx client curl -s -o /dev/null --max-time 2 "http://$VIP4:81/" && ok=$((ok + 1))
	lbd --flush-conns
done
nsx director sysctl -qw net.lbvs.fullnat_port_range="${range//$'\t'/ }"
assert_eq "$ok" 24 "flows on tuples the servers hold in TIME_WAIT"
assert_eq "$(drop proxy_no_answer)" "$no_answer" "no client reset for want of an answer"

# --- a server that refuses, one that never answers ---------------------------
for a in "$VIP4" "[$VIP6]"; do
	start=$(date +%s%N)
	rc=0
	nsx client curl -s -o /dev/null --max-time 10 "http://$a:82/" || rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	log "refused at $a: curl exit $rc in $ms ms"
	# Reset at once: refused, or a failed send or receive if the
	# request had left.
	case $rc in 7 | 55 | 56) ;; *) fail "curl exit $rc: the server's refusal did not reach the client ($a)" ;; esac
	[ "$ms" -lt 3000 ] || fail "the refusal took $ms ms"
done
no_answer=$(drop proxy_no_answer)
for a in "$VIP4" "[$VIP6]"; do
	rc=0
	nsx client curl -s -o /dev/null --max-time 15 "http://$a:83/" || rc=$?
	log "no answer at $a: curl exit $rc"
	assert_eq "$rc" 56 "a server that never answers: the client is reset ($a)"
done
[ "$(drop proxy_no_answer)" -ge $((no_answer + 2)) ] ||
	fail "proxy_no_answer counted $(($(drop proxy_no_answer) - no_answer)) of 2"

log "$(lbd -L --drops)"
