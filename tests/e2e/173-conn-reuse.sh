#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 120
#
# net.lbvs.conn_reuse_mode: a SYN reusing the tuple of a flow in TIME_WAIT
# is scheduled afresh (mode 1, default); with mode 0 it follows the old flow.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
for i in 1 2; do http_server "rs$i" 80 "rs$i"; done
lbd -A -t "$VIP4:80" -s rr
for i in 1 2; do lbd -a -t "$VIP4:80" -r "${RIP4[i]}:80" -m; done
# get PORT: one HTTP request from client port PORT; prints the body. The
# client may hold the tuple in TIME_WAIT itself (who closes first is a
# race): SO_REUSEADDR, net.ipv4.tcp_tw_reuse and a second between the
# requests let it connect again, as a busy client reusing ports would.
nsx client sysctl -qw net.ipv4.tcp_tw_reuse=1
get()
{
	sleep 1.1
	nsx client python3 - "$CIP4" "$1" "$VIP4" <<'PY'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.settimeout(5)
s.bind((sys.argv[1], int(sys.argv[2])))
s.connect((sys.argv[3], 80))
s.sendall(b"GET / HTTP/1.0\r\n\r\n")
data = b""
while True:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
print(data.split(b"\r\n\r\n", 1)[1].decode().strip())
PY
}

a=$(get 45000)
b=$(get 45000)
[ "$a" != "$b" ] || fail "mode 1: the reused port was not rescheduled ($a, $b)"

nsx director sysctl -qw net.lbvs.conn_reuse_mode=0
c=$(get 45001)
d=$(get 45001)
assert_eq "$d" "$c" "mode 0: the reused port follows its old flow"
