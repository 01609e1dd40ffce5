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
