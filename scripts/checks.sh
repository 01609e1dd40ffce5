# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by the install checks: check WHAT EXPR evaluates EXPR and counts
# it in $pass or $fail, printing "$CHECK_NAME: WHAT" when it fails.
pass=0 fail=0
check()
{
	if eval "$2"; then
		pass=$((pass + 1))
	else
		echo "$CHECK_NAME: $1"
		fail=$((fail + 1))
	fi
}
