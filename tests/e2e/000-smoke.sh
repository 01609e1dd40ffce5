#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
#
# The harness itself: namespaces, veth, bridge, routing through the director
# (no lbvs involved), the HTTP and UDP test servers over IPv4 and IPv6.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

topo_nat 2

nsx client ping -c 1 -W 5 "$DIP4" >/dev/null || fail "client cannot ping the director"
nsx client ping -c 1 -W 5 "${RIP4[2]}" >/dev/null || fail "client cannot ping rs2 over IPv4"
nsx client ping -6 -c 1 -W 5 "${RIP6[1]}" >/dev/null || fail "client cannot ping rs1 over IPv6"

http_server rs1 80 rs1
udp_server rs2 53 rs2
assert_eq "$(nsx client curl -sS -m 10 "http://${RIP4[1]}/")" rs1 "HTTP over IPv4"
assert_eq "$(nsx client curl -sS -m 10 "http://[${RIP6[1]}]/")" rs1 "HTTP over IPv6"
assert_eq "$(echo hi | nsx client socat -T 5 - "UDP4:${RIP4[2]}:53")" rs2 "UDP over IPv4"
assert_eq "$(echo hi | nsx client socat -T 5 - "UDP6:[${RIP6[2]}]:53")" rs2 "UDP over IPv6"

expect_fail 'no such file' ls /nonexistent
assert_match "TCP  $VIP4:80 rr" '^TCP +203\.0\.113\.100:80 rr$' "assert_match"
log "smoke OK"
