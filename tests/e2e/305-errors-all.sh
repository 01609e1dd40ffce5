#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 400
#
# Every bad input of every command (005-errors's pattern, for all of them):
# lbadm prints exactly one line "lbadm: ..." that names the bad value, exits
# 2 for usage/parse errors (nothing sent) or 1 for what the kernel refused,
# and the configuration (rules and timeouts) is unchanged.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

lbvs_load
ns_add lbvs
# checks, below, runs in the namespace, in one shell: lbadm three times a
# refusal, without an `ip netns exec` each time.
checks()
{
	l() { "$LBADM" "$@"; }
	l --set 900 120 300
	l -A -t "$V:80" -s rr
	l -a -t "$V:80" -r 192.0.2.11:80 -m -w 2 -x 10 -y 5
	l -A -u "$V:53" -s wrr -p 60 -M 255.255.255.0
	l -A -f 7 -6 -s sh
	l -a -f 7 -6 -r "[2001:db8:2::11]:0" -g

	state() { l -S -n; l -L --timeout; }
	# (The checks of the error below with builtins: no exec.)
	before=$(state)
	checked=0

	# rejected RC VALUE ARGS...: lbadm ARGS exits RC with one "lbadm:" line
	# containing VALUE, and changes nothing.
	rejected()
	{
		local want=$1 value=$2 rc=0 err
		shift 2
		err=$(l "$@" 2>&1 >/dev/null) || rc=$?
		[ "$rc" -eq "$want" ] || fail "lbadm $*: exit status $rc, want $want (stderr: $err)"
		[[ $err != *$'\n'* ]] || fail "lbadm $*: more than one line:"$'\n'"$err"
		[[ $err == "lbadm: "* ]] || fail "lbadm $*: not an lbadm: line: $err"
		[[ $err == *"$value"* ]] || fail "lbadm $*: \"$err\" does not name \"$value\""
		assert_eq "$(state)" "$before" "configuration changed after: lbadm $*"
		log "exit $rc: lbadm $* -> $err"
		checked=$((checked + 1))
	}

	# rejected_restore RC VALUE LINE...: the same for -R with these lines; the
	# error names the failing line's number too (always the last line here).
	rejected_restore()
	{
		local want=$1 value=$2 rc=0 err
		shift 2
		err=$(printf '%s\n' "$@" | l -R 2>&1 >/dev/null) || rc=$?
		[ "$rc" -eq "$want" ] || fail "-R: exit status $rc, want $want (stderr: $err)"
		[[ $err != *$'\n'* ]] || fail "-R: more than one line:"$'\n'"$err"
		[[ $err == "lbadm: restore line $#: "* ]] || fail "-R: \"$err\" does not name line $#"
		[[ $err == *"$value"* ]] || fail "-R: \"$err\" does not name \"$value\""
		assert_eq "$(state)" "$before" "configuration changed after -R of: $*"
		log "exit $rc: -R -> $err"
		checked=$((checked + 1))
	}

	# -A: addresses, ports, schedulers, persistence, masks, marks, options.
	rejected 2 300.1.1.1 -A -t 300.1.1.1:80 -s rr
	rejected 2 99999 -A -t "$V:99999"
	rejected 2 http -A -t "$V:http"
	rejected 2 www.example.com -A -t www.example.com:80
	rejected 2 '[2001:db8::1:80' -A -t '[2001:db8::1:80'
	rejected 2 2001:db8::1:80 -A -t 2001:db8::1:80
	rejected 2 nosuch -A -t "$V:81" -s nosuch
	rejected 2 'persistence timeout 0' -A -t "$V:81" -p 0
	rejected 2 abc -A -t "$V:81" -p abc
	rejected 2 99999999 -A -t "$V:81" -p 99999999
	rejected 2 255.0.255.0 -A -t "$V:81" -p 60 -M 255.0.255.0
	rejected 2 33 -A -t "$V:81" -p 60 -M 33
	rejected 2 129 -A -t '[2001:db8::1]:80' -p 60 -M 129
	rejected 2 'fwmark 0' -A -f 0
	rejected 2 abc -A -f abc
	rejected 2 4294967296 -A -f 4294967296
	rejected 2 -6 -A -t "$V:81" -6
	rejected 2 '-t, -u or -f' -A -s rr
	rejected 2 "$V:0" -A -t "$V:0"
	rejected 2 extra -A -t "$V:81" extra
	rejected 2 --bogus -A -t "$V:81" --bogus
	rejected 2 -w/--weight -A -t "$V:81" -w 1
	rejected 2 -s/--scheduler -A -t "$V:81" -s rr -s wrr
	rejected 2 -u/--udp-service -A -t "$V:81" -u "$V:81"
	rejected 2 'UDP and fwmark services' -A -t "$V:81" -o
	# ipvsadm's options lbvs lacks: named, never "unknown option".
	rejected 2 'option --pe is not supported by lbvs: persistence engines' -A -u "$V:5060" -p --pe sip
	rejected 2 'option --sctp-service is not supported by lbvs: SCTP services' -A --sctp-service "$V:80"
	# The sync daemons: each bad value named, before any request.
	rejected 2 slave --start-daemon slave
	rejected 2 'sync ID 256' --start-daemon master --syncid 256
	rejected 2 'sync message length 65508' --start-daemon master --sync-maxlen 65508
	rejected 2 192.0.2.1 --start-daemon master --mcast-group 192.0.2.1
	rejected 2 'multicast port 0' --start-daemon backup --mcast-port 0
	rejected 2 'multicast TTL 256' --start-daemon backup --mcast-ttl 256
	rejected 2 192.0.2.300 --start-daemon master --sync-peer 192.0.2.300
	rejected 2 224.0.0.81 --start-daemon backup --sync-peer 224.0.0.81
	rejected 2 192.0.2.9 --start-daemon master --sync-peer 192.0.2.1 --sync-peer 192.0.2.2 \
		--sync-peer 192.0.2.3 --sync-peer 192.0.2.4 --sync-peer 192.0.2.5 --sync-peer 192.0.2.6 \
		--sync-peer 192.0.2.7 --sync-peer 192.0.2.8 --sync-peer 192.0.2.9
	rejected 2 2001:db8::2 --start-daemon master --sync-peer 192.0.2.2 --sync-peer 2001:db8::2
	rejected 2 --mcast-group --start-daemon master --sync-peer 192.0.2.2 --mcast-group 224.0.0.81
	rejected 2 --sync-peer --stop-daemon master --sync-peer 192.0.2.2
	rejected 2 0123456789abcdef --start-daemon master --mcast-interface 0123456789abcdef
	rejected 2 --mcast-interface --stop-daemon master --mcast-interface eth0
	rejected 2 --rate -L --daemon --rate
	rejected 2 '--tun-port is for --tun-type gue, not ipip' -a -t "$V:80" -r 192.0.2.12 -i --tun-port 6080
	rejected 2 '--tun-type gue needs --tun-port' -a -t "$V:80" -r 192.0.2.12 -i --tun-type gue
	rejected 2 'tunnel options need -i/--ipip' -a -t "$V:80" -r 192.0.2.12 -m --tun-type gre
	rejected 1 "TCP $V:80" -A -t "$V:80" -s rr
	rejected 1 "FWM 7 IPv6" -A -f 7 -6
	# -E
	rejected 2 bad -E -t "$V:80" -s bad
	rejected 2 abc -E -t "$V:80" -p abc
	rejected 1 "TCP $V:82" -E -t "$V:82" -s rr
	rejected 1 "FWM 8" -E -f 8 -s rr
	# -D
	rejected 1 "TCP $V:82" -D -t "$V:82"
	rejected 1 "$V:0" -D -t "$V"
	rejected 1 "UDP $V:80" -D -u "$V:80"
	rejected 2 -s/--scheduler -D -t "$V:80" -s rr
	rejected 2 300.1.1.1 -D -t 300.1.1.1:80
	# -C
	rejected 2 extra -C extra
	rejected 2 -t/--tcp-service -C -t "$V:80"
	# -a
	rejected 2 'weight -1' -a -t "$V:80" -r 192.0.2.12 -w -1
	rejected 2 'weight 2147483648' -a -t "$V:80" -r 192.0.2.12 -w 2147483648
	rejected 2 abc -a -t "$V:80" -r 192.0.2.12 -w abc
	rejected 2 abc -a -t "$V:80" -r 192.0.2.12 -x abc
	rejected 2 2147483648 -a -t "$V:80" -r 192.0.2.12 -x 2147483648
	rejected 2 'lower threshold 9' -a -t "$V:80" -r 192.0.2.12 -x 5 -y 9
	rejected 2 192.0.2.300 -a -t "$V:80" -r 192.0.2.300
	rejected 2 -r/--real-server -a -t "$V:80"
	rejected 2 '[2001:db8::2]:80' -a -t "$V:80" -r '[2001:db8::2]:80' -m
	rejected 2 -g/--gatewaying -a -t "$V:80" -r 192.0.2.12 -m -g
	rejected 2 0x50 -a -t "$V:80" -r 192.0.2.12:0x50
	rejected 1 192.0.2.11:80 -a -t "$V:80" -r 192.0.2.11:80 -m
	rejected 1 "TCP $V:82" -a -t "$V:82" -r 192.0.2.11:80 -m
	# DR and TUN cannot map ports (issue 4): both ports named, nothing sent.
	rejected 2 'port 8080 of direct-routing server 192.0.2.12 must equal the service port 80' \
		-a -t "$V:80" -r 192.0.2.12:8080 -g
	rejected 2 'port 8080 of direct-routing server 192.0.2.12 must equal the service port 80' \
		-a -t "$V:80" -r 192.0.2.12:8080
	rejected 2 'port 5353 of tunnelled server 192.0.2.12 must equal the service port 53' \
		-a -u "$V:53" -r 192.0.2.12:5353 -i
	# -e
	rejected 2 2147483648 -e -t "$V:80" -r 192.0.2.11:80 -w 2147483648
	rejected 2 -p/--persistent -e -t "$V:80" -r 192.0.2.11:80 -p
	rejected 1 192.0.2.12:80 -e -t "$V:80" -r 192.0.2.12:80 -m -w 1
	rejected 1 "TCP $V:82" -e -t "$V:82" -r 192.0.2.11:80 -m
	rejected 2 'port 8080 of direct-routing server 192.0.2.11' -e -t "$V:80" -r 192.0.2.11:8080 -g
	# -d
	rejected 2 -r/--real-server -d -t "$V:80"
	rejected 2 -w/--weight -d -t "$V:80" -r 192.0.2.11 -w 1
	rejected 1 192.0.2.12:80 -d -t "$V:80" -r 192.0.2.12:80
	rejected 1 "TCP $V:82" -d -t "$V:82" -r 192.0.2.11:80
	# -P -Q -G (FULLNAT local addresses): what lbadm refuses itself.
	rejected 2 -z/--laddr -P -t "$V:80"
	rejected 2 192.0.2.1:80 -P -t "$V:80" -z 192.0.2.1:80
	rejected 2 '[2001:db8::fe]' -P -t "$V:80" -z '[2001:db8::fe]'
	rejected 2 192.0.2.300 -Q -t "$V:80" -z 192.0.2.300
	rejected 2 '-t, -u or -f' -Q -z 192.0.2.1
	rejected 2 -z/--laddr -G -z 192.0.2.1
	rejected 2 --stats -G --stats
	# -L
	rejected 2 x -L -t "$V:x"
	rejected 2 -c -L -c --stats
	rejected 2 -w/--weight -L -w 1
	rejected 2 --timeout -L --timeout --rate
	rejected 2 --json=1 -L -n --json=1
	rejected 1 "TCP $V:82" -L -n -t "$V:82"
	# -Z
	rejected 2 abc -Z -t "$V:abc"
	rejected 2 -w/--weight -Z -w 1
	rejected 1 "TCP $V:82" -Z -t "$V:82"
	# --set
	rejected 2 'got 2' --set 1 2
	rejected 2 '"x"' --set 1 2 x
	rejected 2 99999999 --set 1 2 99999999
	# -S
	rejected 2 -w/--weight -S -w 1
	rejected 2 -t/--tcp-service -S -t "$V:80"
	# -R: the option itself, and bad lines (parse errors and kernel refusals;
	# the lines before the bad one are undone).
	rejected 2 -t/--tcp-service -R -t "$V:80"
	rejected_restore 2 99999 "-A -t $V:99999"
	rejected_restore 2 '-L is not allowed' "-A -t $V:90 -s rr" "-L -n"
	rejected_restore 2 'weight 2147483648' "-A -t $V:90 -s rr" "" "# comment" "-a -t $V:90 -r 192.0.2.1 -w 2147483648"
	rejected_restore 1 "TCP $V:80" "-A -t $V:90 -s rr" "-a -t $V:90 -r 192.0.2.1 -m" "-A -t $V:80 -s rr"
	rejected_restore 1 "$V:90" "-A -t $V:90 -s rr" "-a -t $V:90 -r 192.0.2.1:90 -m" "--set 1 1 1" "-a -t $V:90 -r 192.0.2.1:90 -m"
	rejected_restore 1 "TCP $V:91" "-D -t $V:80" "-C" "-A -t $V:90 -s rr" "-D -t $V:91"
	rejected_restore 2 '192.0.2.1:90' "-A -t $V:90 -s rr" "-P -t $V:90 -z 192.0.2.1:90"
	rejected_restore 2 'service port 90' "-A -t $V:90 -s rr" "-a -t $V:90 -r 192.0.2.1:9090 -g"
	rejected_restore 2 '--start-daemon is not allowed' "-A -t $V:90 -s rr" \
		"--start-daemon master --sync-peer 192.0.2.2"
	# An unknown option letter.
	rejected 2 '"-j"' -j
	log "$checked bad inputs rejected with one line each, nothing changed"
}
export LBADM LBVS_OUT V=$VIP4
export -f checks fail log assert_eq
# stdin as the harness gives it (/dev/null).
nsx lbvs bash -euo pipefail -c checks </dev/null || fail "the checks failed"
