#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 300
#
# Connection events: `lbadm --monitor -c` prints each entry once when it is
# made ([NEW], with the server the scheduler picked) and once when it goes
# ([DESTROY]): by its timeout, or by a flush; --json the same as JSON. The
# configuration monitor sees none of them. Above net.lbvs.conn_events_rate
# a second they are not sent but counted in conn_events_lost, and the
# listener is told; with no listener nothing is counted. A user without
# CAP_NET_ADMIN cannot listen.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=traffic.sh
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
nat_udp 2 53
lbd -A -t "$VIP4:80" -s rr
servers_begin	# both start at once
for i in 1 2; do
	http_server "rs$i" 80 "rs$i"
	lbd -a -t "$VIP4:80" -r "${RIP4[i]}:80" -m
done
servers_wait
mon=$(mktemp -d /tmp/monitor.XXXXXX)
at_exit "rm -rf $mon"
sysctl_lost() { nsx director cat /proc/sys/net/lbvs/conn_events_lost; }
set_rate() { nsx director sysctl -qw "net.lbvs.conn_events_rate=$1"; }

# monitor NAME [ARGS]: lbadm --monitor ARGS in the background into
# $mon/NAME; its pid in MON_PID (ip netns exec's, which execs lbadm).
monitor()
{
	local name=$1
	shift
	ip netns exec director "$LBADM" --monitor "$@" >"$mon/$name" 2>"$mon/$name.err" &
	MON_PID=$!
	_PIDS+=("$MON_PID")
}
monitor text -c
text_pid=$MON_PID
monitor json -c --json
json_pid=$MON_PID
monitor config

# Joined once a new entry shows in both: probe from ports 39001.., then
# flush the probes and keep only what comes after their ends.
probe=39000
joined()
{
	probe=$((probe + 1))
	udp_ask client "$VIP4" 53 "$probe" >/dev/null
	grep -q "NEW.*:$probe " "$mon/text" && grep -q "\"port\":$probe}" "$mon/json"
}
wait_until 60 joined || fail "the monitors never printed (text: $(cat "$mon/text.err"))"
lbd --flush-conns
probes=$((probe - 39000))
all_gone() { [ "$(grep -c DESTROY "$mon/text")" -ge "$probes" ]; }
wait_until 30 all_gone || fail "the probes' ends never came"
sleep 1
skip_text=$(grep -c '' "$mon/text")
skip_json=$(grep -c '' "$mon/json")
lost0=$(sysctl_lost)

# Four UDP flows from ports 40001..40004 and one TCP connection, each a
# [NEW] naming the server that answered it. The UDP ones end by their
# timeout (2 s), the TCP one by a flush.
lbd --set 0 0 2
t=$(nsx client python3 "$TALLY" udp "$VIP4" 53 4 40001 | paste -sd' ')
who_tcp=$(tally client 1 "http://$VIP4/" | awk '{ print $1 }')
log "UDP answers: $t; TCP: $who_tcp"
news() { tail -n +$((skip_text + 1)) "$mon/text" | grep -c '^    \[NEW\] ' || true; }
five_new() { [ "$(news)" -ge 5 ]; }
wait_until 30 five_new || fail "not every [NEW] arrived: $(cat "$mon/text")"
new=$(tail -n +$((skip_text + 1)) "$mon/text" | grep '^    \[NEW\] ')
log "$new"
assert_eq "$(grep -c '' <<<"$new")" 5 "one [NEW] per entry"
n=0
for answer in $t; do
	n=$((n + 1))
	rip=${RIP4[${answer#rs}]}
	assert_match "$new" "^    \[NEW\] UDP .* [0-9.]+:4000$n +$VIP4:53 +$rip:53$" \
		"port 4000$n: [NEW] to $answer, the server that answered"
done
assert_match "$new" "^    \[NEW\] TCP .* SYN_RECV .* $VIP4:80 +${RIP4[${who_tcp#rs}]}:80$" \
	"the TCP connection: [NEW] in SYN_RECV to $who_tcp"

udp_gone() { [ "$(grep -c '^\[DESTROY\] UDP' "$mon/text")" -ge $((probes + 4)) ]; }
wait_until 30 udp_gone || fail "the UDP entries' ends never came: $(cat "$mon/text")"
assert_match "$(lbd -L -n -c)" "TCP " "the TCP entry is still there"
lbd --flush-conns -t "$VIP4:80"
tcp_gone() { grep -q '^\[DESTROY\] TCP' "$mon/text"; }
wait_until 30 tcp_gone || fail "the TCP entry's end never came"
sleep 1
ends=$(tail -n +$((skip_text + 1)) "$mon/text" | grep '^\[DESTROY\] ')
log "$ends"
assert_eq "$(grep -c '' <<<"$ends")" 5 "one [DESTROY] per entry"
for n in 1 2 3 4; do
	assert_eq "$(grep -c "^\[DESTROY\] UDP .*:4000$n " <<<"$ends")" 1 "port 4000$n: one [DESTROY]"
done
assert_match "$ends" "^\[DESTROY\] TCP .* (TIME_WAIT|CLOSE|FIN_WAIT) " "the TCP entry ended closed"
json=$(tail -n +$((skip_json + 1)) "$mon/json")
assert_eq "$(python3 -c '
import collections, json, sys
n = collections.Counter()
for line in sys.stdin:
    e = json.loads(line)
    c = e["connection"]
    n[e["event"], c["protocol"], c["client"]["port"] >= 40001] += 1
print(" ".join(f"{k[0]}/{k[1]}={v}" for k, v in sorted(n.items())))' <<<"$json")" \
	"destroy/tcp=1 destroy/udp=4 new/tcp=1 new/udp=4" "--json: the same ten events"
assert_eq "$(sysctl_lost)" "$lost0" "no event lost at the default rate"
config=$(cat "$mon/config")
log "$config"
assert_match "$config" "--set 0 0 2$" "the configuration monitor saw the changes"
[[ $config != *NEW* && $config != *DESTROY* ]] || fail "connection events reached the configuration group"

# An IPv6 flow: its addresses in both kinds of event (a message of the
# other size).
lbd -A -u "[$VIP6]:53" -s rr
lbd -a -u "[$VIP6]:53" -r "[${RIP6[1]}]:53" -m
skip_text=$(grep -c '' "$mon/text")
skip_json=$(grep -c '' "$mon/json")
assert_eq "$(udp_ask client "$VIP6" 53 44001)" rs1 "the IPv6 flow answered by rs1"
since() { tail -n +$((skip_text + 1)) "$mon/text"; }
v6_new() { since | grep -q '^    \[NEW\] UDP'; }
wait_until 30 v6_new || fail "no [NEW] for the IPv6 flow: $(since)"
assert_match "$(since)" "^    \[NEW\] UDP .*:44001 +\[$VIP6\]:53 +\[${RIP6[1]}\]:53$" \
	"IPv6: [NEW] with the entry's addresses"
lbd --flush-conns -u "[$VIP6]:53"
v6_gone() { since | grep -q '^\[DESTROY\] UDP .*:44001 '; }
wait_until 30 v6_gone || fail "no [DESTROY] for the IPv6 flow: $(since)"
assert_match "$(tail -n +$((skip_json + 1)) "$mon/json")" \
	"\"virtual\":\\{\"address\":\"$VIP6\",\"port\":53\\}" "IPv6: the same in JSON"

# Over the rate: 3 a second. Twenty new flows in one burst send at most 3
# in each second the burst spans; the rest are counted, and the listener
# hears of the loss.
lbd --set 0 0 300
set_rate 3
skip_text=$(grep -c '' "$mon/text")
start=$(date +%s)
nsx client python3 "$TALLY" udp "$VIP4" 53 20 41001 >/dev/null
secs=$(($(date +%s) - start + 1))
sleep 1
sent=$(tail -n +$((skip_text + 1)) "$mon/text" | grep -c '^    \[NEW\] ' || true)
lost=$(($(sysctl_lost) - lost0))
log "burst over $secs s: $sent sent, $lost lost"
if [ "$sent" -lt 1 ] || [ "$sent" -gt $((3 * secs + 3)) ]; then
	fail "$sent events sent for 20 new flows at 3 a second over $secs s"
fi
assert_eq "$((sent + lost))" 20 "each event sent or counted lost"
assert_match "$(cat "$mon/text.err")" "events lost" "the listener was told"

# Rate 0: none sent, all counted.
set_rate 0
lost0=$(sysctl_lost)
skip_text=$(grep -c '' "$mon/text")
nsx client python3 "$TALLY" udp "$VIP4" 53 2 42001 >/dev/null
sleep 1
assert_eq "$(tail -n +$((skip_text + 1)) "$mon/text" | grep -c NEW || true)" 0 "rate 0: nothing sent"
assert_eq "$(($(sysctl_lost) - lost0))" 2 "rate 0: both counted"

# No listener: nothing to lose.
kill "$text_pid" "$json_pid"
wait "$text_pid" "$json_pid" 2>/dev/null || true
lost0=$(sysctl_lost)
nsx client python3 "$TALLY" udp "$VIP4" 53 2 43001 >/dev/null
assert_eq "$(sysctl_lost)" "$lost0" "no listener: no event built, none counted"

# Without CAP_NET_ADMIN: refused at the join.
bin=$(mktemp -d /tmp/lbadm.XXXXXX)
at_exit "rm -rf $bin"
cp "$LBADM" "$bin/lbadm"
chmod 755 "$bin" "$bin/lbadm"
expect_lbadm_fail "not permitted|permission" \
	setpriv --reuid=65534 --regid=65534 --clear-groups "$bin/lbadm" --monitor -c
