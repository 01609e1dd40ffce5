#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
#
# An unprivileged user can change nothing: every change fails with a
# permission error and the configuration stays as it was.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

lbvs_load
"$LBADM" -A -t "$VIP4:80" -s rr
"$LBADM" -a -t "$VIP4:80" -r 192.0.2.11:80 -m
before=$(lbadm_list)

# A copy nobody can surely execute, so an exec failure cannot pass as the
# permission error under test.
bin=$(mktemp -d /tmp/lbadm.XXXXXX)
at_exit "rm -rf $bin"
cp "$LBADM" "$bin/lbadm"
chmod 755 "$bin" "$bin/lbadm"
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
nobody "$bin/lbadm" -h >/dev/null 2>&1 || nobody test -x "$bin/lbadm" ||
	fail "nobody cannot run $bin/lbadm"

for args in \
	"-A -t "$VIP4:81" -s rr" \
	"-E -t "$VIP4:80" -s wrr" \
	"-D -t $VIP4:80" \
	"-a -t "$VIP4:80" -r 192.0.2.12:80 -m" \
	"-e -t "$VIP4:80" -r 192.0.2.11:80 -m -w 5" \
	"-d -t "$VIP4:80" -r 192.0.2.11:80" \
	"-C"; do
	# shellcheck disable=SC2086 # split the arguments on purpose
	expect_lbadm_fail 'permission|not permitted' nobody "$bin/lbadm" $args
done
assert_eq "$(lbadm_list)" "$before" "the configuration changed"

# --- root of its own user and network namespace ---------------------------

knob=/proc/sys/kernel/unprivileged_userns_clone	# Debian's switch
if [ -e $knob ]; then
	at_exit "echo $(cat $knob) >$knob"
	echo 1 >$knob
fi
out=$(mktemp -d /tmp/userns.XXXXXX)
at_exit "rm -rf $out"
chmod 777 "$out"
# Each attempt leaves its stderr in $out/N, a success a line in $out/ok;
# then the namespace stays (sleep) for a look from outside.
cat >"$bin/try.sh" <<EOF
i=0
try() { i=\$((i + 1)); "\$@" 2>"$out/\$i" && echo "\$*" >>"$out/ok"; }
try "$bin/lbadm" -A -t "$VIP4:80" -s rr
try "$bin/lbadm" -a -t "$VIP4:80" -r 192.0.2.11:80 -m
try "$bin/lbadm" --set 10 20 30
try sh -c 'echo 1000 >/proc/sys/net/lbvs/conn_max'
echo \$\$ >"$out/pid"
echo \$i >"$out/done"
exec sleep 60
EOF
nobody unshare -Urn sh "$bin/try.sh" &
at_exit "kill $! 2>/dev/null"
wait_until 15 test -s "$out/done" || fail "the attempts in a user namespace did not finish"
pid=$(cat "$out/pid")	# not $!: that is the subshell running nobody()
at_exit "kill $pid"
[ "$(readlink "/proc/$pid/ns/net")" != "$(readlink /proc/self/ns/net)" ] ||
	fail "the attempts ran in the initial network namespace"
[ ! -e "$out/ok" ] || fail "root of its own user namespace did: $(cat "$out/ok")"
for i in $(seq "$(cat "$out/done")"); do
	grep -Eqi 'permission|not permitted' "$out/$i" ||
		fail "attempt $i in a user namespace: no permission error: $(cat "$out/$i")"
done
log "refused in a user namespace: $(cat "$out"/[0-9]* | tr '\n' '|')"
assert_eq "$(nsenter -t "$pid" -n "$LBADM" -L -n | tail -n +4)" "" \
	"the user namespace has a service"
assert_eq "$(nsenter -t "$pid" -n cat /proc/sys/net/lbvs/conn_max)" \
	"$(cat /proc/sys/net/lbvs/conn_max)" "the user namespace changed its conn_max"
