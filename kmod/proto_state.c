// SPDX-License-Identifier: GPL-2.0
/*
 * TCP connection states as the kernel's IPVS tracks them (its tables, so
 * operators see the states and counts they know), UDP and ICMP as one state
 * each.
 */
#include "proto_state.h"

#define S_NO LBVS_S_NONE
#define S_ES LBVS_S_ESTABLISHED
#define S_SS LBVS_S_SYN_SENT
#define S_SR LBVS_S_SYN_RECV
#define S_FW LBVS_S_FIN_WAIT
#define S_TW LBVS_S_TIME_WAIT
#define S_CL LBVS_S_CLOSE
#define S_CW LBVS_S_CLOSE_WAIT
#define S_LA LBVS_S_LAST_ACK
#define S_LI LBVS_S_LISTEN
#define S_SA LBVS_S_SYNACK

#define TCP_STATES (LBVS_S_SYNACK + 1)

/* [direction][syn, fin, ack, rst][current state] */
static const u8 tcp_next[3][4][TCP_STATES] = {
	[LBVS_DIR_IN] = {
		/*        S_NO  S_ES  S_SS  S_SR  S_FW  S_TW  S_CL  S_CW  S_LA  S_LI  S_SA */
		/*syn*/ { S_SR, S_ES, S_ES, S_SR, S_SR, S_SR, S_SR, S_SR, S_SR, S_SR, S_SR },
		/*fin*/ { S_CL, S_CW, S_SS, S_TW, S_TW, S_TW, S_CL, S_CW, S_LA, S_LI, S_TW },
		/*ack*/ { S_ES, S_ES, S_SS, S_ES, S_FW, S_TW, S_CL, S_CW, S_CL, S_LI, S_ES },
		/*rst*/ { S_CL, S_CL, S_CL, S_SR, S_CL, S_CL, S_CL, S_CL, S_LA, S_LI, S_SR },
	},
	[LBVS_DIR_OUT] = {
		/*syn*/ { S_SS, S_ES, S_SS, S_SR, S_SS, S_SS, S_SS, S_SS, S_SS, S_LI, S_SR },
		/*fin*/ { S_TW, S_FW, S_SS, S_TW, S_FW, S_TW, S_CL, S_TW, S_LA, S_LI, S_TW },
		/*ack*/ { S_ES, S_ES, S_SS, S_ES, S_FW, S_TW, S_CL, S_CW, S_LA, S_ES, S_ES },
		/*rst*/ { S_CL, S_CL, S_SS, S_CL, S_CL, S_TW, S_CL, S_CL, S_CL, S_CL, S_CL },
	},
	[LBVS_DIR_IN_ONLY] = {
		/*syn*/ { S_SR, S_ES, S_ES, S_SR, S_SR, S_SR, S_SR, S_SR, S_SR, S_SR, S_SR },
		/*fin*/ { S_CL, S_FW, S_SS, S_TW, S_FW, S_TW, S_CL, S_CW, S_LA, S_LI, S_TW },
		/*ack*/ { S_ES, S_ES, S_SS, S_ES, S_FW, S_TW, S_CL, S_CW, S_CL, S_LI, S_ES },
		/*rst*/ { S_CL, S_CL, S_CL, S_SR, S_CL, S_CL, S_CL, S_CL, S_LA, S_LI, S_CL },
	},
};

/* closed: both ends have sent their FIN or a RST; no data can follow. */
static const struct {
	const char *name;
	u32 timeout;
	bool active;
	bool closed;
} states[LBVS_S_MAX + 1] = {
	[S_NO] = { "NONE",        2,       false, false },
	[S_ES] = { "ESTABLISHED", 15 * 60, true,  false },
	[S_SS] = { "SYN_SENT",    2 * 60,  true,  false },
	[S_SR] = { "SYN_RECV",    60,      true,  false },
	[S_FW] = { "FIN_WAIT",    2 * 60,  false, false },
	[S_TW] = { "TIME_WAIT",   2 * 60,  false, true },
	[S_CL] = { "CLOSE",       10,      false, true },
	[S_CW] = { "CLOSE_WAIT",  60,      false, false },
	[S_LA] = { "LAST_ACK",    30,      false, true },
	[S_LI] = { "LISTEN",      2 * 60,  false, false },
	[S_SA] = { "SYNACK",      2 * 60,  true,  false },
	[LBVS_S_UDP]  = { "UDP",  5 * 60, false, false },
	[LBVS_S_ICMP] = { "ICMP", 60,     false, false },
};

u8 lbvs_tcp_next_state(u8 state, enum lbvs_dir dir, u8 tcp_flags)
{
	int idx;

	if (state >= TCP_STATES || (unsigned int)dir > LBVS_DIR_IN_ONLY)
		return S_CL;
	if (tcp_flags & LBVS_TCPF_RST)
		idx = 3;
	else if (tcp_flags & LBVS_TCPF_SYN)
		idx = 0;
	else if (tcp_flags & LBVS_TCPF_FIN)
		idx = 1;
	else if (tcp_flags & LBVS_TCPF_ACK)
		idx = 2;
	else
		return S_CL;	/* no flag a state machine understands */
	return tcp_next[dir][idx][state];
}

bool lbvs_state_active(u8 state)
{
	return state <= LBVS_S_MAX && states[state].active;
}

bool lbvs_state_closed(u8 state)
{
	return state <= LBVS_S_MAX && states[state].closed;
}

u32 lbvs_state_default_timeout(u8 state)
{
	return state <= LBVS_S_MAX ? states[state].timeout : 0;
}

const char *lbvs_state_name(u8 state)
{
	return state <= LBVS_S_MAX ? states[state].name : "ERR!";
}
