#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 240
#
# ICMP errors sent to the VIP about a DR or TUN flow reach that flow's real
# server: a server answers late, after the client's socket is gone; the
# client's port unreachable goes to the VIP, i.e. the director, which
# forwards it by the flow's method (rs1: direct routing, rs2: IPIP /
# IPv6-in-IPv6). The server's socket (IP_RECVERR) reports ECONNREFUSED.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_dr 1
tun_real_server rs2 2
lbvs_load

# late_server NS ADDR PORT: answers each datagram a second late and logs
# "errno N" for the error that comes back, or "no error" (the IPv4 and
# IPv6 servers of one port share the log: the test asks one at a time).
late_server()
{
	nsx "$1" python3 -c '
import socket, struct, sys, time
addr, port = sys.argv[1], int(sys.argv[2])
if ":" in addr:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, 25, 1)   # IPV6_RECVERR
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, 11, 1)     # IP_RECVERR
s.bind((addr, port))
while True:
    data, peer = s.recvfrom(100)
    time.sleep(1)
    s.sendto(b"late\n", peer)
    res = "no error"
    for _ in range(50):
        try:
            _, anc, _, _ = s.recvmsg(100, 1024, socket.MSG_ERRQUEUE | socket.MSG_DONTWAIT)
            res = "errno %d" % struct.unpack("I", anc[0][2][:4])[0]
            break
        except BlockingIOError:
            time.sleep(0.1)
    print(res, flush=True)
' "$2" "$3" >>"$LBVS_OUT/late-$1-$3.log" 2>&1 &
	_PIDS+=($!)
	wait_port "$1" "$3"
}

# hit_and_run ADDR PORT: one datagram from a socket closed at once.
hit_and_run()
{
	nsx client python3 -c '
import socket, sys
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.sendto(b"x", (sys.argv[1], int(sys.argv[2])))
s.close()
' "$1" "$2"
}

declare -A method=([rs1]=-g [rs2]=-i) port=([rs1]=53 [rs2]=54)
for rs in rs1 rs2; do
	p=${port[$rs]}
	late_server "$rs" "$VIP4" "$p"
	late_server "$rs" "$VIP6" "$p"
	lbd -A -u "$VIP4:$p" -s rr
	lbd -A -u "[$VIP6]:$p" -s rr
done
lbd -a -u "$VIP4:53" -r "${RIP4[1]}" -g
lbd -a -u "[$VIP6]:53" -r "[${RIP6[1]}]" -g
lbd -a -u "$VIP4:54" -r "${RIP4[2]}" -i
lbd -a -u "[$VIP6]:54" -r "[${RIP6[2]}]" -i

for rs in rs1 rs2; do
	p=${port[$rs]}
	for vip in "$VIP4" "$VIP6"; do
		hit_and_run "$vip" "$p"
		sleep 7	# the answer after 1 s, then up to 5 s for the error
	done
	got=$(cat "$LBVS_OUT/late-$rs-$p.log")
	log "$rs (${method[$rs]}): $(echo $got)"
done
for rs in rs1 rs2; do
	p=${port[$rs]}
	assert_eq "$(cat "$LBVS_OUT/late-$rs-$p.log")" "errno 111"$'\n'"errno 111" \
		"$rs (${method[$rs]}) learns of the client's port unreachable, IPv4 and IPv6"
done
