#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: yes
#
# Wrong commands fail with one clear line and change nothing.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

lbvs_load
"$LBADM" -A -t "$VIP4:80" -s rr
"$LBADM" -a -t "$VIP4:80" -r 192.0.2.11:80 -m
before=$(lbadm_list)

# rejected REGEX ARGS...: lbadm ARGS fails, says REGEX, changes nothing.
rejected()
{
	local re=$1
	shift
	expect_lbadm_fail "$re" "$LBADM" "$@"
	assert_eq "$(lbadm_list)" "$before" "listing changed after: lbadm $*"
}

rejected 'exist' -A -t "$VIP4:80" -s rr
rejected 'exist' -a -t "$VIP4:80" -r 192.0.2.11:80 -m
rejected 'no such|not found|not exist|does not' -D -t "$VIP4:81"
rejected 'no such|not found|not exist|does not' -d -t "$VIP4:80" -r 192.0.2.12:80
rejected 'no such|not found|not exist|does not' -d -t "$VIP4:81" -r 192.0.2.11:80
rejected 'no such|not found|not exist|does not' -E -t "$VIP4:81" -s wrr
rejected 'port' -A -t "$VIP4:99999" -s rr
rejected 'address|host' -A -t 300.1.1.1:80 -s rr
rejected 'port|address' -A -t "$VIP4" -s rr
rejected 'sched' -A -t 203.0.113.101:80 -s nosuch
rejected 'weight' -a -t "$VIP4:80" -r 192.0.2.12:80 -m -w -1
rejected 'weight' -a -t "$VIP4:80" -r 192.0.2.12:80 -m -w 2147483648
