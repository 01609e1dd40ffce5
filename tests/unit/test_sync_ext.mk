# SPDX-License-Identifier: GPL-2.0
sync_ext_SRCS := ../../kmod/sync_ext.c ../../kmod/sync_msg.c
UNIT_TESTS += sync_ext
test_sync_ext: CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
