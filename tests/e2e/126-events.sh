#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 300
#
# Events: `lbadm --monitor` prints every configuration change once, in the
# order made, as the rule that made it, with the requester's pid and name;
# a refused request and a read print nothing; a -R batch prints one line
# per server of its list; --json prints the same as JSON. Only the
# namespace's own changes reach it, and a user without CAP_NET_ADMIN
# cannot listen.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

lbvs_load
ns_add other
mon=$(mktemp -d /tmp/monitor.XXXXXX)
at_exit "rm -rf $mon"

# monitor NAME [ARGS]: lbadm --monitor ARGS in the background, into
# $mon/NAME, until the test ends.
monitor()
{
	local name=$1
	shift
	nsx director "$LBADM" --monitor "$@" >"$mon/$name" 2>"$mon/$name.err" &
	_PIDS+=($!)
}
ns_add director
ip -n director addr add 198.51.100.254/32 dev lo	# for -P
monitor text
monitor json --json
nsx other "$LBADM" --monitor >"$mon/other" 2>&1 &
_PIDS+=($!)
# Joined once a change made now shows: poll with changes of no harm, and
# keep only what comes after.
joined()
{
	lbd -Z
	nsx other "$LBADM" -Z
	grep -q -- '-Z$' "$mon/text" && grep -q '"-Z"' "$mon/json" &&
		grep -q -- '-Z$' "$mon/other"
}
wait_until 30 joined || fail "the monitors never printed (text: $(cat "$mon/text.err"))"
sleep 1
skip_text=$(grep -c '' "$mon/text")
skip_json=$(grep -c '' "$mon/json")
seen_other=$(cat "$mon/other")

changes=(
	"-A -t $VIP4:80 -s wrr"
	"-a -t $VIP4:80 -r 192.0.2.11:8080 -m -w 3"
	"-e -t $VIP4:80 -r 192.0.2.11:8080 -m -w 0 -x 100 -y 50"
	"-a -t $VIP4:80 -r 192.0.2.12:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum"
	"-A -u [$VIP6]:53 -s rr -p 600"
	"-a -u [$VIP6]:53 -r [2001:db8:2::11]:53 -g -w 2"
	"-E -t $VIP4:80 -s sh -b sh-port"
	"--set 900 120 300"
	"-A -t $VIP4:443 -s rr"
	"-P -t $VIP4:443 -z 198.51.100.254"
	"-Q -t $VIP4:443 -z 198.51.100.254"
	"-d -t $VIP4:80 -r 192.0.2.11:8080"
	"--flush-conns -u [$VIP6]:53"
	"-D -u [$VIP6]:53"
	"-Z -t $VIP4:80"
)
for c in "${changes[@]}"; do
	# shellcheck disable=SC2086 # split the arguments on purpose
	lbd $c
done
# Refused and read-only requests: no event.
expect_lbadm_fail "already exists" lbd -A -t "$VIP4:80" -s rr
expect_lbadm_fail "no such" lbd -d -t "$VIP4:80" -r 192.0.2.99:80
lbd -L -n >/dev/null
lbd -S -n >/dev/null
# Known pid: the shell that execs lbadm.
# shellcheck disable=SC2016 # $$ and $0 are the inner shell's
pid=$(nsx director bash -c 'echo $$; exec "$0" -A -t 203.0.113.100:8080 -s rr' "$LBADM")
# A batch: one event, its list, printed a line a server.
printf '%s\n' "-a -t $VIP4:8080 -r 192.0.2.11:80 -m -w 1" \
	"-a -t $VIP4:8080 -r 192.0.2.12:80 -m -w 1" | lbd -R
lbd -C

want=$(printf '%s\n' "${changes[@]}" "-A -t $VIP4:8080 -s rr" \
	"-a -t $VIP4:8080 -r 192.0.2.11:80 -m -w 1" \
	"-a -t $VIP4:8080 -r 192.0.2.12:80 -m -w 1" -C)
done_all() { grep -q -- '-C$' "$mon/text" && grep -q '"-C"' "$mon/json"; }
wait_until 30 done_all || fail "the last event did not arrive"$'\n'"$(cat "$mon/text")"
text=$(tail -n +$((skip_text + 1)) "$mon/text")
log "$text"
# shellcheck disable=SC2001 # a regular expression, per line
assert_eq "$(sed 's/^\[[0-9]* [^]]*\] //' <<<"$text")" "$want" "every change once, in order, as its rule"
assert_eq "$(grep -c '^\[[0-9]* lbadm\] ' <<<"$text")" "$(grep -c '' <<<"$want")" "each with a pid and lbadm's name"
assert_match "$text" "^\[$pid lbadm\] -A -t $VIP4:8080 -s rr$" "the requester's pid ($pid)"
# The JSON lines carry the same rules.
json=$(tail -n +$((skip_json + 1)) "$mon/json")
rules=$(python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    assert e["comm"] == "lbadm" and e["pid"] > 0, e
    print(e["rule"])' <<<"$json") || fail "--monitor --json printed what is not JSON"
assert_eq "$rules" "$want" "--json: the same events"
assert_match "$(head -1 <<<"$json")" '"command":"add-service"' "--json names the command"
assert_eq "$(cat "$mon/other")" "$seen_other" "another namespace's monitor saw none of them"

# Without CAP_NET_ADMIN: refused at the join.
bin=$(mktemp -d /tmp/lbadm.XXXXXX)
at_exit "rm -rf $bin"
cp "$LBADM" "$bin/lbadm"
chmod 755 "$bin" "$bin/lbadm"
expect_lbadm_fail "not permitted|permission" \
	setpriv --reuid=65534 --regid=65534 --clear-groups "$bin/lbadm" --monitor
