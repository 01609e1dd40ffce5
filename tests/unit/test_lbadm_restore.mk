# SPDX-License-Identifier: GPL-2.0
# lbadm -R: the difference that rolls a failed restore back, and the
# parsing of restore input (malformed lines fail before any netlink use).
lbadm_restore_SRCS := ../../tools/lbadm/parse.c ../../tools/lbadm/fmt.c ../../tools/lbadm/opts.c \
	../../tools/lbadm/print.c ../../tools/lbadm/prom.c ../../tools/lbadm/msg.c ../../tools/lbadm/attr.c ../../tools/lbadm/nl.c \
	../../tools/lbadm/cmd.c ../../tools/lbadm/batch.c ../../tools/lbadm/restore.c ../../tools/lbadm/monitor.c
UNIT_TESTS += lbadm_restore
