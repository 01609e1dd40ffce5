# SPDX-License-Identifier: GPL-2.0
lbadm_daemon_SRCS := $(addprefix ../../tools/lbadm/,parse.c fmt.c opts.c print.c prom.c \
	msg.c attr.c nl.c cmd.c monitor.c)
UNIT_TESTS += lbadm_daemon
