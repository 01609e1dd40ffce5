#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# lbvs.service's commands (scripts/lbvs-rules start|stop, as ExecStart and
# ExecStop run them; the guest has no systemd): start makes the table the
# rules file and traffic flows; a file the kernel refuses fails the start
# and leaves the table as it was; stop with SAVE_ON_STOP=yes saves what
# lbadm changed and clears the table, and the next start brings it back;
# a stop that cannot save keeps the old file; without the module, start
# fails by name.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/traffic.sh"

topo_nat 2
lbvs_load
http_server rs1 8080 rs1
http_server rs2 8080 rs2
etc=$(mktemp -d /tmp/lbvs-etc.XXXXXX)
at_exit "rm -rf $etc"
cat >"$etc/default" <<EOF2
RULES=$etc/rules
SAVE_ON_STOP=yes
EOF2
RULES="-A -t $VIP4:80 -s rr
-a -t $VIP4:80 -r ${RIP4[1]}:8080 -m -w 1
-A -u $VIP4:53 -s wlc
"
printf '%s' "$RULES" >"$etc/rules"

# unit ACTION: what systemd runs, in the director (its own table).
unit()
{
	nsx director env LBADM="$LBADM" LBVS_DEFAULT="$etc/default" \
		MODPROBE="${MODPROBE:-modprobe}" "$LBVS_TOP/scripts/lbvs-rules" "$@"
}
saved() { lbd -S -n; }

# A table that start must replace, not add to.
lbd -A -t "$VIP4:443" -s rr
unit start || fail "start with a good rules file failed"
assert_eq "$(saved)" "$(printf '%s' "$RULES" | sed '/^$/d')" "start: the table is the rules file"
t=$(tally client 4 "http://$VIP4/")
assert_eq "$(count_of rs1 "$t")" 4 "traffic through the restored service"

# Refused by the kernel on its last line: nothing changes.
before=$(saved)
printf '%s-a -t %s:80 -r %s:8080 -m -w 1\n' "$RULES" "$VIP4" "${RIP4[1]}" >"$etc/rules"
expect_fail 'refused' unit start
assert_eq "$(saved)" "$before" "a refused start leaves the table as it was"
printf '%s' "$RULES" >"$etc/rules"

# stop saves what lbadm changed since, then clears; start restores it.
lbd -a -t "$VIP4:80" -r "${RIP4[2]}:8080" -m -w 2
want=$(saved)
unit stop || fail "stop failed"
assert_eq "$(saved)" "" "stop clears the table"
assert_eq "$(cat "$etc/rules")" "$want" "stop saved the table to the rules file"
unit start || fail "start after stop failed"
assert_eq "$(saved)" "$want" "start brings back what stop saved"
t=$(tally client 6 "http://$VIP4/")
assert_eq "$(count_of rs1 "$t") $(count_of rs2 "$t")" "3 3" "both servers after the restart"

# Without the module: stop keeps the old file, start says why it failed.
unit stop || fail "second stop failed"
lbvs_unload
expect_fail 'not loaded' unit stop
assert_eq "$(cat "$etc/rules")" "$want" "a stop without lbvs keeps the rules file"
# modprobe as it fails where lbvs is not installed (install-check.sh tests
# that an installed lbvs resolves); here it would find what the host has.
MODPROBE=false expect_fail 'cannot load the lbvs module' unit start
expect_fail 'usage: lbvs-rules start\|stop\|save' unit reload
