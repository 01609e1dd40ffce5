# SPDX-License-Identifier: GPL-2.0
fullnat_SRCS := ../../kmod/lport.c ../../kmod/tcpopt.c
UNIT_TESTS += fullnat
