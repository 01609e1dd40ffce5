#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
# timeout: 400
#
# -S / -R: what `ipvsadm -S -n` saves from the kernel's IPVS restores into
# lbvs unchanged (lbadm -S -n then prints the same file); `lbadm -S | lbadm
# -R` into an empty table is an exact round trip; a restore that fails
# part-way names the line and leaves the configuration as it was (all or
# nothing), including what it deleted, edited or cleared before the failure.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

lbvs_load
ns_add lbvs
l() { nsx lbvs "$LBADM" "$@"; }
tmp=$(mktemp -d /tmp/restore.XXXXXX)
at_exit "rm -rf $tmp"

# The rules: every kind of service and server option ipvsadm saves.
cat >"$tmp/rules" <<RULES
-A -t $VIP4:80 -s rr
-a -t $VIP4:80 -r 192.0.2.11:8080 -m -w 3
-a -t $VIP4:80 -r 192.0.2.12:80 -g -w 0
-a -t $VIP4:80 -r 192.0.2.13:80 -i -w 1
-A -t $VIP4:443 -s wrr -p 360 -M 255.255.255.0
-a -t $VIP4:443 -r 192.0.2.11:443 -m -w 65535
-A -u $VIP4:53 -s sh -p 30
-a -u $VIP4:53 -r 192.0.2.11:5353 -m -w 1
-A -f 7 -s dh
-a -f 7 -r 192.0.2.14:0 -g -w 4
-A -f 8 -6 -s lc -p 120 -M 64
-a -f 8 -6 -r [2001:db8:2::11]:0 -g -w 1
-A -t [$VIP6]:80 -s wlc
-a -t [$VIP6]:80 -r [2001:db8:2::12]:8080 -m -w 2
RULES

# 1. ipvsadm -S -n output (from the real IPVS) restores into lbvs unchanged.
if modprobe ip_vs 2>/dev/null; then
	at_exit 'modprobe -r ip_vs_rr ip_vs_wrr ip_vs_sh ip_vs_dh ip_vs_lc ip_vs_wlc ip_vs 2>/dev/null'
	ns_add ipvs
	nsx ipvs ipvsadm -R <"$tmp/rules" || fail "ipvsadm -R refused the rules"
	nsx ipvs ipvsadm -S -n >"$tmp/ipvsadm.saved"
	l -R <"$tmp/ipvsadm.saved" || fail "lbadm -R refused ipvsadm -S -n output"
	assert_eq "$(l -S -n)" "$(cat "$tmp/ipvsadm.saved")" "lbadm -S -n after restoring ipvsadm -S -n output"
	log "ipvsadm -S -n output restored unchanged ($(wc -l <"$tmp/ipvsadm.saved") lines)"
else
	log "no ip_vs module: the ipvsadm -S part is skipped"
	l -R <"$tmp/rules"
fi

# 2. lbadm -S | lbadm -R round trip (thresholds included), into a fresh netns.
l -a -t "$VIP4:80" -r 192.0.2.15:8080 -m -w 1 -x 100 -y 20
l -S -n >"$tmp/saved"
ns_add lbvs2
nsx lbvs2 "$LBADM" -R <"$tmp/saved"
assert_eq "$(nsx lbvs2 "$LBADM" -S -n)" "$(cat "$tmp/saved")" "lbadm -S | lbadm -R round trip"
assert_eq "$(nsx lbvs2 "$LBADM" -L -n | tail -n +2)" "$(l -L -n | tail -n +2)" "-L -n after the round trip"
assert_eq "$(l -S)" "$(cat "$tmp/saved")" "-S equals -S -n (lbadm never resolves names)"

# 3. All or nothing: line 10 fails (the service exists); lines 3-9 delete,
# edit, add and set timeouts, and must all be undone.
l --set 900 120 300
before=$(l -S -n)
before_to=$(l -L --timeout)
cat >"$tmp/bad" <<BAD
# a comment, then a blank line

-D -u $VIP4:53
-E -t $VIP4:443 -s rr
-e -t $VIP4:80 -r 192.0.2.11:8080 -m -w 9
-d -t $VIP4:80 -r 192.0.2.12:80
-A -t $VIP4:8080 -s rr
-a -t $VIP4:8080 -r 192.0.2.11:8080 -m
--set 1 2 3
-A -t $VIP4:80 -s rr
-A -t $VIP4:9090 -s rr
BAD
rc=0
err=$(l -R <"$tmp/bad" 2>&1) || rc=$?
log "failed restore: $err"
assert_eq "$rc" 1 "exit status of a restore the kernel refused"
assert_match "$err" "^lbadm: restore line 10: add service TCP $VIP4:80: " "the error names line 10 and the service"
assert_eq "$(wc -l <<<"$err")" 1 "one line of error"
assert_eq "$(l -S -n)" "$before" "rules after a failed restore"
assert_eq "$(l -L --timeout)" "$before_to" "timeouts after a failed restore"

# -C before the failing line: everything comes back.
rc=0
err=$(printf -- '-C\n-A -t %s:1 -s rr\n-a -t %s:2 -r 192.0.2.1\n' "$VIP4" "$VIP4" | l -R 2>&1) || rc=$?
assert_eq "$rc" 1 "exit status"
assert_match "$err" "^lbadm: restore line 3: add real server 192.0.2.1:2 to TCP $VIP4:2: " "-R after -C: error"
assert_eq "$(l -S -n)" "$before" "rules after a failed restore that cleared everything"

# A parse error anywhere: nothing is sent at all.
rc=0
err=$(printf -- '-C\n-A -t %s:1 -s rr\n-A -t %s:2 -s nosuch\n' "$VIP4" "$VIP4" | l -R 2>&1) || rc=$?
assert_eq "$rc" 2 "exit status of a restore with a malformed line"
assert_match "$err" '^lbadm: restore line 3: unknown scheduler "nosuch"' "parse error message"
assert_eq "$(l -S -n)" "$before" "rules after a malformed restore"

# Comments and blank lines only: success, nothing changes.
printf '# nothing\n\n' | l -R
assert_eq "$(l -S -n)" "$before" "rules after an empty restore"

# 4. Servers travel in lists (LBVS_ATTR_DEST_LIST, up to 256 a request):
# the kernel's refusal of one server in the middle of a list names its line,
# the whole restore is undone; runs interleaved between services, and runs
# longer than one list, restore exactly.
l -C
l -A -t "$VIP4:81" -s rr
{
	echo "-A -t $VIP4:82 -s wrr"
	for i in $(seq 1 300); do
		echo "-a -t $VIP4:82 -r 198.18.$((i / 250)).$((i % 250 + 1)):80 -m -w $i"
	done
	echo "-a -t $VIP4:81 -r 192.0.2.21:80 -m -w 1"
	echo "-a -t $VIP4:82 -r 198.19.0.1:80 -m -w 1"
	echo "-a -t $VIP4:81 -r 192.0.2.22:80 -m -w 2"
} >"$tmp/lists"
l -R <"$tmp/lists"
assert_eq "$(l -S -n | grep -c -- "-a -t $VIP4:82 ")" 301 "servers of the service with 301"
assert_eq "$(l -S -n | grep -c -- "-a -t $VIP4:81 ")" 2 "servers of the interleaved service"
l -S -n >"$tmp/lists.saved"
nsx lbvs2 "$LBADM" -C
nsx lbvs2 "$LBADM" -R <"$tmp/lists.saved"
assert_eq "$(nsx lbvs2 "$LBADM" -S -n)" "$(cat "$tmp/lists.saved")" "round trip of 303 servers"

before=$(l -S -n)
# Line 280 repeats line 272's server: both in the second list of the run
# (lines 3-258 are the first), after a list of another service and a
# whole list of this one were accepted.
{
	echo "-a -t $VIP4:81 -r 192.0.2.23:80 -m"
	echo "-A -t $VIP4:83 -s rr"
	for i in $(seq 1 300); do
		j=$i
		[ "$i" != 278 ] || j=270
		echo "-a -t $VIP4:83 -r 198.18.$((j / 250)).$((j % 250 + 1)):80 -m"
	done
} >"$tmp/dup"
rc=0
err=$(l -R <"$tmp/dup" 2>&1) || rc=$?
log "refused list: $err"
assert_eq "$rc" 1 "exit status of a restore with a duplicate server"
assert_eq "$err" "lbadm: restore line 280: add real server 198.18.1.21:80 to TCP $VIP4:83: real server already exists in this service" "the error names the duplicate's line"
assert_eq "$(l -S -n)" "$before" "rules after a list refused in its middle"
