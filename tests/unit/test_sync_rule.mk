# SPDX-License-Identifier: GPL-2.0
sync_rule_SRCS := ../../kmod/sync_rule.c
UNIT_TESTS += sync_rule
test_sync_rule: CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
