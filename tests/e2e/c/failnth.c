// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD shim for lbadm: fails the Nth kernel allocation made while
 * the kernel handles one LBVS request, through the fault-injection
 * framework's per-task fail-nth (needs CONFIG_FAULT_INJECTION and
 * failslab / fail_page_alloc set to count the allocations).
 *
 *   LBVS_FAIL_NTH=N     the Nth allocation fails (unset: the shim is idle)
 *   LBVS_FAIL_REQ=M     in the Mth send() of an LBVS request that is not
 *                       GET_INFO (default 1; a -R batch is one send per chunk)
 *   LBVS_FAIL_REPORT=F  appends "unreached" to F when the request made
 *                       fewer than N allocations: the sweep is complete
 *
 * The kernel handles a Generic Netlink request inside the sender's
 * send(), so setting fail-nth just before it and reading it back just
 * after covers exactly that request, ACK included.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/genetlink.h>
#include <linux/lbvs.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static ssize_t (*real_send)(int, const void *, size_t, int);
static int sends;

static void report_unreached(void)
{
	const char *path = getenv("LBVS_FAIL_REPORT");
	FILE *f = path ? fopen(path, "a") : NULL;

	if (f) {
		fputs("unreached\n", f);
		fclose(f);
	}
}

/*
 * Not faulted: the control family's lookup (GETFAMILY) and GET_INFO, which
 * -R sends before its batch; they change nothing.
 */
static int armed(const void *buf, size_t len)
{
	const struct nlmsghdr *h = buf;
	const struct genlmsghdr *g = NLMSG_DATA(h);
	const char *req = getenv("LBVS_FAIL_REQ");

	if (!getenv("LBVS_FAIL_NTH") || len < NLMSG_HDRLEN + GENL_HDRLEN ||
	    h->nlmsg_type == GENL_ID_CTRL || g->cmd == LBVS_CMD_GET_INFO)
		return 0;
	return ++sends == (req ? atoi(req) : 1);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	char left[16] = "";
	int nth = -1, saved;
	ssize_t ret;

	if (!real_send)
		real_send = (ssize_t (*)(int, const void *, size_t, int))dlsym(RTLD_NEXT, "send");
	if (armed(buf, len))
		nth = open("/proc/thread-self/fail-nth", O_RDWR);
	if (nth >= 0 && write(nth, getenv("LBVS_FAIL_NTH"), strlen(getenv("LBVS_FAIL_NTH"))) < 0) {
		close(nth);
		nth = -1;
	}
	ret = real_send(fd, buf, len, flags);
	if (nth < 0)
		return ret;
	saved = errno;
	/* Nonzero: that many allocations were still to come. */
	if (pread(nth, left, sizeof(left) - 1, 0) > 0 && atoi(left) != 0)
		report_unreached();
	if (pwrite(nth, "0", 1, 0) < 0)
		perror("fail-nth");
	close(nth);
	errno = saved;
	return ret;
}
