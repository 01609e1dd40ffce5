#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
# timeout: 420
#
# The real-server side of FULLNAT without a director: a raw-socket client
# (py/toa_client.py) does the TCP handshake by hand and puts the client-
# address option (kind 254) on its SYN, ACK and first data packet, the way
# the director does.  The server (py/toa_server.py) reports accept()'s and
# getpeername()'s address and the option found in the saved SYN.  Checks:
# without lbvs_toa the real address, with it the option's (IPv4, IPv6,
# IPv4 on a dual-stack socket), malformed option lists ignored, the entries
# dropped when the sockets go, rmmod clean even with a connection pending,
# and the real address again after it.
. "$(dirname "$0")/lib.sh"

PY=$LBVS_TOP/tests/e2e/py
ENTRIES=/sys/module/lbvs_toa/parameters/entries
C4=198.51.100.1 S4=198.51.100.2 C6=2001:db8:40::1 S6=2001:db8:40::2
F4=198.18.0.7:4242 F6='[2001:db8:ff::7]:4243'	# what the option says

toa_module

ns_add client
ns_add server
veth client eth0 server eth0
ip -n client addr add $C4/24 dev eth0
ip -n server addr add $S4/24 dev eth0
ip -n client addr add $C6/64 dev eth0 nodad
ip -n server addr add $S6/64 dev eth0 nodad
raw_client client

# 8004: IPv4 socket (inet_getname); 8006: dual-stack IPv6 socket
# (inet6_getname, IPv4 clients as ::ffff:a.b.c.d); 8009: never accepts.
nsx server python3 "$PY/toa_server.py" --listen 0.0.0.0 8004 >"$LBVS_OUT/server-8004.log" 2>&1 &
_PIDS+=($!)
nsx server python3 "$PY/toa_server.py" --listen :: 8006 >"$LBVS_OUT/server-8006.log" 2>&1 &
_PIDS+=($!)
nsx server python3 "$PY/toa_server.py" --hold 8009 >"$LBVS_OUT/server-8009.log" 2>&1 &
hold_pid=$!
_PIDS+=("$hold_pid")
for p in 8004 8006 8009; do wait_port server $p; done

# conn PORT FAMILY WHO SYN CLIENT-ARGS...: one connection, queued; conns
# makes the queued ones with one client process (a python start takes ~5 s
# on the debug kernel) and checks each: accept() and getpeername() say WHO
# (real4/real6: the client's own address, any port), the saved SYN's
# option says SYN.
n=0 QUEUE=() WANT=()
conn()
{
	local port=$1 fam=$2 who=$3 syn=$4 ends
	shift 4
	n=$((n + 1))
	if [ "$fam" = 4 ]; then ends="--src $C4 --dst $S4"; else ends="--src $C6 --dst $S6"; fi
	QUEUE+=("$ends --port $port --data c$n $(printf '%q ' "$@")")
	WANT+=("c$n $port $who $syn")
}
conns()
{
	local w tag port who syn f
	printf '%s\n' "${QUEUE[@]}" | nsx client python3 "$PY/toa_client.py" --batch >/dev/null ||
		fail "a handshake failed"
	for w in "${WANT[@]}"; do
		read -r tag port who syn <<<"$w"
		LINE=$(wait_grep "$LBVS_OUT/server-$port.log" " data=$tag\$") ||
			fail "$tag: the server on $port did not report the connection"
		log "$tag -> $port: $LINE"
		for f in accept peer; do
			case $who in
			real4) assert_match "$(field $f)" "^$C4:[0-9]+\$" "$tag: $f= is the client's own address" ;;
			real6) assert_match "$(field $f)" "^\\[$C6\\]:[0-9]+\$" "$tag: $f= is the client's own address" ;;
			*) assert_eq "$(field $f)" "$who" "$tag: $f= is the option's address" ;;
			esac
		done
		assert_eq "$(field syn)" "$syn" "$tag: the saved SYN's option"
	done
	QUEUE=() WANT=()
}

log "without lbvs_toa: the real address; the saved SYN has the option"
conn 8004 4 real4 $F4 --toa $F4
conn 8006 6 real6 "$F6" --toa "$F6"
conns

insmod "$TOA_KO" || fail "insmod $TOA_KO failed"
toa_loaded || fail "lbvs_toa is not loaded"
TRUSTED=/sys/module/lbvs_toa/parameters/trusted
log "with lbvs_toa, no source trusted yet (the default): the real address"
conn 8004 4 real4 $F4 --toa $F4
conn 8006 6 real6 "$F6" --toa "$F6"
conns
echo "198.51.100.128/25, 2001:db8:40::2" >$TRUSTED
assert_eq "$(cat $TRUSTED)" "198.51.100.128/25,2001:db8:40::2/128" "the trusted list reads back"
conn 8004 4 real4 $F4 --toa $F4		# C4 is outside the /25
conn 8006 6 real6 "$F6" --toa "$F6"
conns
echo "not-an-address" >$TRUSTED 2>/dev/null && fail "a bad trusted list was taken"
assert_eq "$(cat $TRUSTED)" "198.51.100.128/25,2001:db8:40::2/128" "a bad list changes nothing"
# Here the client plays the director.
echo "198.51.100.0/25,$C6" >$TRUSTED
log "with lbvs_toa, the client's addresses trusted: the option's address"
conn 8004 4 $F4 $F4 --toa $F4
conn 8006 4 $F4 $F4 --toa $F4		# ::ffff:198.18.0.7 on the socket
conn 8006 6 "$F6" "$F6" --toa "$F6"
conn 8006 4 "$F6" "$F6" --toa "$F6"	# IPv6 client, IPv4 connection
# An IPv6 client does not fit in an IPv4 socket's sockaddr_in.
conn 8004 4 real4 "$F6" --toa "$F6"
# A kind-254 option of another length is skipped, the next one is used.
conn 8004 4 $F4 $F4 --opt fe04aaaa --toa $F4

log "malformed option lists are ignored"
conn 8004 4 real4 - --opt fe03aa			# length 3
conn 8006 6 real6 - --opt "fe1e$(printf '11%.0s' $(seq 28))"	# length 30
# Length 8 but only 2 bytes left in the header: the rest would be the
# payload's first bytes (a valid port and address), which must not be read.
conn 8006 4 real4 - --opt 010101010101fe08 --prefix 1092c61200070a
conn 8004 4 real4 - --opt 010101fe			# no length byte
conn 8006 6 real6 - --opt 0101fe00 --toa "$F6"	# length 0 stops the walk
conns

# Every server socket above was closed (reset): no entry is left.
for i in $(seq 50); do
	[ "$(cat $ENTRIES)" = 0 ] && break
	sleep 0.1
done
assert_eq "$(cat $ENTRIES)" 0 "entries once the connections are closed"

log "rmmod with a connection waiting in an accept queue"
nsx client python3 "$PY/toa_client.py" --src $C4 --dst $S4 --port 8009 --toa $F4 >/dev/null ||
	fail "handshake to the holding server failed"
for i in $(seq 50); do
	[ "$(cat $ENTRIES)" = 1 ] && break
	sleep 0.1
done
assert_eq "$(cat $ENTRIES)" 1 "entries with one connection pending"
rmmod lbvs_toa || fail "rmmod lbvs_toa failed"
toa_loaded && fail "lbvs_toa is still loaded"
kill $hold_pid	# its pending socket now goes without the module

log "after rmmod: the real address again"
conn 8004 4 real4 $F4 --toa $F4
conn 8006 6 real6 "$F6" --toa "$F6"
conns
