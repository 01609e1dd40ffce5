// SPDX-License-Identifier: GPL-2.0
/*
 * TCP connection states as the kernel's IPVS tracks them (its tables, so
 * operators see the states and counts they know), UDP and ICMP as one state
 * each.
 */
#include "proto_state.h"

#define sNO LBVS_S_NONE
#define sES LBVS_S_ESTABLISHED
#define sSS LBVS_S_SYN_SENT
#define sSR LBVS_S_SYN_RECV
#define sFW LBVS_S_FIN_WAIT
#define sTW LBVS_S_TIME_WAIT
#define sCL LBVS_S_CLOSE
#define sCW LBVS_S_CLOSE_WAIT
#define sLA LBVS_S_LAST_ACK
#define sLI LBVS_S_LISTEN
#define sSA LBVS_S_SYNACK

#define TCP_STATES (LBVS_S_SYNACK + 1)

/* [direction][syn, fin, ack, rst][current state] */
static const u8 tcp_next[3][4][TCP_STATES] = {
	[LBVS_DIR_IN] = {
		/*        sNO  sES  sSS  sSR  sFW  sTW  sCL  sCW  sLA  sLI  sSA */
		/*syn*/ { sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR },
		/*fin*/ { sCL, sCW, sSS, sTW, sTW, sTW, sCL, sCW, sLA, sLI, sTW },
		/*ack*/ { sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES },
		/*rst*/ { sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sSR },
	},
	[LBVS_DIR_OUT] = {
		/*syn*/ { sSS, sES, sSS, sSR, sSS, sSS, sSS, sSS, sSS, sLI, sSR },
		/*fin*/ { sTW, sFW, sSS, sTW, sFW, sTW, sCL, sTW, sLA, sLI, sTW },
		/*ack*/ { sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sLA, sES, sES },
		/*rst*/ { sCL, sCL, sSS, sCL, sCL, sTW, sCL, sCL, sCL, sCL, sCL },
	},
	[LBVS_DIR_IN_ONLY] = {
		/*syn*/ { sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR },
		/*fin*/ { sCL, sFW, sSS, sTW, sFW, sTW, sCL, sCW, sLA, sLI, sTW },
		/*ack*/ { sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES },
		/*rst*/ { sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sCL },
	},
};

static const struct {
	const char *name;
	u32 timeout;
	bool active;
} states[LBVS_S_MAX + 1] = {
	[sNO] = { "NONE",        2,       false },
	[sES] = { "ESTABLISHED", 15 * 60, true },
	[sSS] = { "SYN_SENT",    2 * 60,  true },
	[sSR] = { "SYN_RECV",    60,      true },
	[sFW] = { "FIN_WAIT",    2 * 60,  false },
	[sTW] = { "TIME_WAIT",   2 * 60,  false },
	[sCL] = { "CLOSE",       10,      false },
	[sCW] = { "CLOSE_WAIT",  60,      false },
	[sLA] = { "LAST_ACK",    30,      false },
	[sLI] = { "LISTEN",      2 * 60,  false },
	[sSA] = { "SYNACK",      2 * 60,  true },
	[LBVS_S_UDP]  = { "UDP",  5 * 60, false },
	[LBVS_S_ICMP] = { "ICMP", 60,     false },
};

u8 lbvs_tcp_next_state(u8 state, enum lbvs_dir dir, u8 tcp_flags)
{
	int idx;

	if (state >= TCP_STATES || (unsigned int)dir > LBVS_DIR_IN_ONLY)
		return sCL;
	if (tcp_flags & LBVS_TCPF_RST)
		idx = 3;
	else if (tcp_flags & LBVS_TCPF_SYN)
		idx = 0;
	else if (tcp_flags & LBVS_TCPF_FIN)
		idx = 1;
	else if (tcp_flags & LBVS_TCPF_ACK)
		idx = 2;
	else
		return sCL;	/* no flag a state machine understands */
	return tcp_next[dir][idx][state];
}

bool lbvs_state_active(u8 state)
{
	return state <= LBVS_S_MAX && states[state].active;
}

u32 lbvs_state_default_timeout(u8 state)
{
	return state <= LBVS_S_MAX ? states[state].timeout : 0;
}

const char *lbvs_state_name(u8 state)
{
	return state <= LBVS_S_MAX ? states[state].name : "ERR!";
}
