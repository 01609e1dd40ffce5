#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 400
#
# scripts/lbvs-healthcheck: a real server whose HTTP server dies gets weight
# 0 (traffic goes to the other), and its whole rule (weight, -m, -x, -y) back
# when it returns; with --remove it is deleted and re-added the same way.
# UDP services are probed with a datagram, fwmark services' servers on
# --fwmark-port (or said to be unprobed), and --command replaces the probe.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"
. "$(dirname "$0")/hc.sh"

topo_nat 2
lbvs_load
http_server rs1 8080 rs1
http_server rs2 8080 rs2
SVC="-t $VIP4:80"
RS1=${RIP4[1]}:8080 RS2=${RIP4[2]}:8080
lbd -A -t "$VIP4:80" -s rr
lbd -a -t "$VIP4:80" -r "$RS1" -m -w 3 -x 100 -y 50
lbd -a -t "$VIP4:80" -r "$RS2" -m -w 1

state=$(mktemp -d /tmp/hc-state.XXXXXX)
at_exit "rm -rf $state"

# run_checker LOG ARGS...: the checker in the director, in the background.
run_checker()
{
	local log=$1
	shift
	bg_in director env LBADM="$LBADM" "$HEALTHCHECK" -i 1 -T 1 -s "$state" "$@" \
		>"$LBVS_OUT/$log" 2>&1
	CHECKER=$BG_PID
}

stop_checker() { kill "$CHECKER"; wait "$CHECKER" 2>/dev/null || true; }

# --- weight 0 on failure -----------------------------------------------------
run_checker hc-weight.log -t "$VIP4:80"
sleep 3
assert_eq "$(lbd -S -n | grep -c -- ' -w 0')" 0 "healthy servers keep their weight"

stop_server rs1 8080
wait_rule director "$SVC" "$RS1" "-m -w 0 -x 100 -y 50"
t=$(tally client 6 "http://$VIP4/")
log "rs1 down: ${t//$'\n'/ }"
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "0 6" "weight 0: only rs2 answers"

http_server rs1 8080 rs1
wait_rule director "$SVC" "$RS1" "-m -w 3 -x 100 -y 50"
t=$(tally client 8 "http://$VIP4/")
log "rs1 back: ${t//$'\n'/ }"
[ "$(count_of rs1 "$t")" -gt 0 ] || fail "rs1 gets no traffic after it came back: $t"
stop_checker
grep -q "server $RS1 down (http check failed): weight 3 -> 0" "$LBVS_OUT/hc-weight.log" ||
	fail "no 'down' line in the checker's log: $(cat "$LBVS_OUT/hc-weight.log")"
grep -q "server $RS1 up: weight 3 restored" "$LBVS_OUT/hc-weight.log" ||
	fail "no 'up' line in the checker's log: $(cat "$LBVS_OUT/hc-weight.log")"

# --- removal on failure, TCP connect probe -----------------------------------
run_checker hc-remove.log --remove --check tcp
stop_server rs2 8080
wait_rule director "$SVC" "$RS2" absent
assert_eq "$(find "$state" -type f | wc -l)" 1 "the removed server's rule is kept in the state directory"
http_server rs2 8080 rs2
wait_rule director "$SVC" "$RS2" "-m -w 1"
stop_checker
grep -q "server $RS2 down (tcp check failed): removed" "$LBVS_OUT/hc-remove.log" ||
	fail "no 'removed' line: $(cat "$LBVS_OUT/hc-remove.log")"

# --- one-shot --down/--up, as keepalived's notify scripts call them ----------
nsx director env LBADM="$LBADM" "$HEALTHCHECK" -s "$state" -t "$VIP4:80" --down "$RS1"
wait_rule director "$SVC" "$RS1" "-m -w 0 -x 100 -y 50" 1
nsx director env LBADM="$LBADM" "$HEALTHCHECK" -s "$state" -t "$VIP4:80" --up "$RS1"
wait_rule director "$SVC" "$RS1" "-m -w 3 -x 100 -y 50" 1

# Bad usage: exit 2, one line.
expect_fail '^lbvs-healthcheck: unknown check "ping"' "$HEALTHCHECK" --check ping
expect_fail '^lbvs-healthcheck: --up needs one SERVICE and one SERVER' "$HEALTHCHECK" --up

# --- UDP: a datagram must be answered ----------------------------------------
for i in 1 2; do udp_server "rs$i" 5353 "rs$i"; done
USVC="-u $VIP4:53" URS1=${RIP4[1]}:5353
lbd -A -u "$VIP4:53" -s rr
lbd -a -u "$VIP4:53" -r "$URS1" -m -w 2
lbd -a -u "$VIP4:53" -r "${RIP4[2]}:5353" -m -w 1
run_checker hc-udp.log -u "$VIP4:53"
sleep 3
assert_eq "$(lbd -S -n | grep -- "-a $USVC" | grep -c -- ' -w 0')" 0 "UDP servers that answer keep their weight"
stop_server rs1 5353
wait_rule director "$USVC" "$URS1" "-m -w 0"
udp_server rs1 5353 rs1
wait_rule director "$USVC" "$URS1" "-m -w 2"
stop_checker
grep -q "server $URS1 down (udp check failed): weight 2 -> 0" "$LBVS_OUT/hc-udp.log" ||
	fail "no UDP 'down' line: $(cat "$LBVS_OUT/hc-udp.log")"

# --- fwmark: servers without a port, probed on --fwmark-port -----------------
# rs1's HTTP server went with its UDP one (stop_server empties the netns).
FSVC="-f 7"
lbd -A -f 7 -s rr
lbd -a -f 7 -r "${RIP4[1]}" -m -w 1
lbd -a -f 7 -r "${RIP4[2]}" -m -w 1
run_checker hc-fwm-noport.log -f 7 -1
wait "$CHECKER" || true
grep -q "server ${RIP4[1]}:0: no port to probe (give --fwmark-port or --command)" \
	"$LBVS_OUT/hc-fwm-noport.log" || fail "unprobed fwmark servers are not reported: $(cat "$LBVS_OUT/hc-fwm-noport.log")"
run_checker hc-fwm.log -f 7 --check tcp --fwmark-port 8080
wait_rule director "$FSVC" "${RIP4[1]}:0" "-m -w 0"
wait_rule director "$FSVC" "${RIP4[2]}:0" "-m -w 1" 1
stop_checker

# --- a command of the operator's: CMD ADDR PORT, exit 0 healthy --------------
printf '#!/bin/sh\n[ "$1" = %s ] && [ "$2" = 0 ]\n' "${RIP4[1]}" >"$state.cmd"
chmod +x "$state.cmd"
at_exit "rm -f $state.cmd"
run_checker hc-cmd.log -f 7 --command "$state.cmd"
wait_rule director "$FSVC" "${RIP4[2]}:0" "-m -w 0"
wait_rule director "$FSVC" "${RIP4[1]}:0" "-m -w 1"
stop_checker
expect_fail '^lbvs-healthcheck: not a port: "70000"' "$HEALTHCHECK" --fwmark-port 70000
