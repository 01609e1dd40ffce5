# SPDX-License-Identifier: GPL-2.0
sync_msg_SRCS := ../../kmod/sync_msg.c
UNIT_TESTS += sync_msg
# The hostile-input test relies on these to turn an overread into a failure.
test_sync_msg: CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
