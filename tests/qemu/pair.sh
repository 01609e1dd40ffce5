# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by run.sh for --pair FILE: boots guests a and b at once, both
# running FILE, joined by two Ethernet links (front, back) made of QEMU
# socket netdevs: a listens on 127.0.0.1, b connects, so no packet leaves
# the host. Their results go to RES/a and RES/b; RES/shared is both
# guests' /tmp/lbvs-shared (9p, cache=none) for tests/pair/pair.sh's
# barriers. Needs run.sh's qemu_guest, write_config, report, log and die.

# free_ports N: N TCP ports of 127.0.0.1 free right now.
free_ports()
{
	python3 -c '
import socket, sys
ss = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in ss:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])' "$1"
}

# listening PORT...: each PORT has a listener on 127.0.0.1.
listening()
{
	local p
	for p in "$@"; do
		[ -n "$(ss -Hltn "sport = :$p")" ] || return 1
	done
}

# pair_guest ROLE MODE PORT...: guest ROLE in the background (pid in
# PAIR_PID[ROLE]), its NIC i on PORT i, MODE listen or connect; console
# lines "== NAME" become "  running NAME [ROLE]" on stderr.
declare -A PAIR_PID=()
pair_guest()
{
	local role=$1 mode=$2 i=0 p net=()
	shift 2
	for p in "$@"; do
		i=$((i + 1))
		net+=(-netdev "socket,id=lan$i,$mode=127.0.0.1:$p"
			-device "virtio-net-pci,netdev=lan$i,mac=52:54:00:00:0$role:0$i")
	done
	write_config >"$RES/$role/config"
	{
		set +e
		qemu_guest "$RES/$role" "$APPEND LBVS_MODDIR=$GUEST_MODDIR LBVS_ROLE=$role" \
			-name "lbvs-$role" -virtfs "local,path=$RES/shared,mount_tag=shared,security_model=none,multidevs=remap" \
			"${net[@]}" | sed -u -n "s/^== \(.*\)/  running \1 [$role]/p" >&2
		echo "${PIPESTATUS[0]}" >"$RES/$role/qemu-rc"
	} &
	PAIR_PID[$role]=$!
}

pair_run()
{
	local r ports t0 rc
	for r in a b shared; do
		mkdir -p "$RES/$r"
		chmod 777 "$RES/$r"
	done
	touch "$RES/a/summary" "$RES/b/summary"
	rm -f "$RES/summary"
	# shellcheck disable=SC2207 # two numbers
	ports=($(free_ports 2))
	log "booting a pair on the $KERNEL kernel $KVER (links on 127.0.0.1:${ports[*]}); results in $RES"
	t0=$SECONDS
	SCRIPT=$PAIR pair_guest a listen "${ports[@]}"
	# b connects once a listens (a port taken meanwhile: a fails at once).
	wait_until_listening "${ports[@]}" || die "guest a does not listen on 127.0.0.1:${ports[*]}"
	SCRIPT=$PAIR pair_guest b connect "${ports[@]}"
	for r in a b; do
		wait "${PAIR_PID[$r]}" || true
		rc=$(cat "$RES/$r/qemu-rc" 2>/dev/null || echo 1)
		if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
			log "guest $r did not finish within $TIMEOUT s: killed"
		fi
	done
	log "the pair ran for $((SECONDS - t0)) s"
	if report; then
		[ -n "${LBVS_KEEP:-}" ] || rm -rf "$RES"
	else
		log "results kept in $RES"
		exit 1
	fi
}

# wait_until_listening PORT...: up to 30 s, while guest a runs.
wait_until_listening()
{
	local i
	for i in $(seq 150); do
		listening "$@" && return 0
		kill -0 "${PAIR_PID[a]}" 2>/dev/null || return 1
		sleep 0.2
	done
	return 1
}
