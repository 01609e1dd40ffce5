# SPDX-License-Identifier: GPL-2.0
syncookie_SRCS := ../../kmod/syncookie.c siphash.c
UNIT_TESTS += syncookie
test_syncookie: CFLAGS += -I. -fsanitize=address,undefined -fno-sanitize-recover=all
