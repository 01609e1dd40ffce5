#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug: no (stock only: the debug subset covers its code paths)
#
# Without the module, lbadm says in one line that it is not loaded.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

! lbvs_loaded || lbvs_unload

expect_lbadm_fail 'lbvs.*not loaded|module.*not loaded' "$LBADM" -L -n
expect_lbadm_fail 'lbvs.*not loaded|module.*not loaded' "$LBADM" -A -t "$VIP4:80" -s rr
expect_lbadm_fail 'lbvs.*not loaded|module.*not loaded' "$LBADM" -C
