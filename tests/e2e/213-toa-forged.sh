#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: on debug, 211 has lbvs_toa_scrub() blank a forgery)
# timeout: 600
#
# A client cannot speak for itself: a client-address option it puts in its
# SYN, handshake ACK and first data is blanked by the director in every
# forwarding method (DR, NAT, TUN, FULLNAT on one service, as in 203), and
# lbvs_toa on the real servers believes the option only from its trusted
# sources (the FULLNAT pool). Twice: with the real servers trusting the
# pool, and trusting the clients' network too (a misconfiguration the
# director must still cover): the application always sees the true client.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

PY=$LBVS_TOP/tests/e2e/py
toa_module
FORGED=198.18.6.6:4242

topo_dr 1
nat_real_server rs2 2
tun_real_server rs3 3
routed_real_server rs4 4
lbvs_load
methods=(x -g -m -i -b)
lbd -A -t "$VIP4:8004" -s rr
for i in 1 2 3 4; do
	nsx rs$i python3 "$PY/toa_server.py" 8004 >"$LBVS_OUT/server-rs$i.log" 2>&1 &
	_PIDS+=($!)
	wait_port rs$i 8004
	lbd -a -t "$VIP4:8004" -r "${RIP4[i]}" "${methods[i]}"
done
lbd -P -t "$VIP4:8004" -z "$DIP4"
raw_client client

n=0
# round: one forged connection per server (rr); each server must report
# the true client (FULLNAT: the director's option) and a SYN whose
# client's option was blanked (FULLNAT: the director's own).
round()
{
	local i tag
	for i in 1 2 3 4; do
		n=$((n + 1))
		tag=c$n
		nsx client python3 "$PY/toa_client.py" --src "$CIP4" --dst "$VIP4" --port 8004 \
			--sport $((42000 + n)) --toa $FORGED --data "$tag" >/dev/null ||
			fail "$tag: no handshake"
	done
	for i in 1 2 3 4; do
		LINE=$(wait_grep "$LBVS_OUT/server-rs$i.log" " data=c$((n - 4 + i))\$") ||
			fail "rs$i did not report c$((n - 4 + i))"
		log "rs$i (${methods[i]}): $LINE"
		assert_match "$(field peer)" "^$CIP4:4[0-9]+\$" "rs$i (${methods[i]}): getpeername() is the true client"
		[ "$(field syn)" != "$FORGED" ] || fail "rs$i (${methods[i]}): the forged option reached the server"
	done
}

insmod "$TOA_KO" trusted="$DIP4" || fail "insmod $TOA_KO failed"
log "real servers trust the pool"
round
echo "$DIP4,${CIP4%.*}.0/24" >/sys/module/lbvs_toa/parameters/trusted
log "real servers trust the clients' network too"
round
