// SPDX-License-Identifier: GPL-2.0
/*
 * The client side of the connection-rate benchmark: WORKERS processes each
 * open a connection, send a small request, read the answer to EOF and
 * close, in a loop for SECONDS.  Prints the total:
 *   conns=N errors=N seconds=S rate=R
 *
 * usage: connrate ADDR PORT SECONDS [WORKERS]
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct tally {
	long ok;
	long errors;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One connection: 0 when the server answered and closed. */
static int one_conn(const struct sockaddr_in *a)
{
	static const char req[] = "GET\n";
	struct timeval tmo = { .tv_sec = 3 };
	char buf[64];
	int fd, n, got = 0;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	/* A lost SYN must not stall a worker for the whole run. */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof(tmo));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tmo, sizeof(tmo));
	if (connect(fd, (const struct sockaddr *)a, sizeof(*a)) ||
	    write(fd, req, sizeof(req) - 1) != sizeof(req) - 1) {
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		got += n;
	close(fd);
	return n == 0 && got > 0 ? 0 : -1;
}

static void worker(const struct sockaddr_in *a, double end, int out)
{
	struct tally t = { 0, 0 };

	while (now() < end) {
		if (one_conn(a))
			t.errors++;
		else
			t.ok++;
	}
	if (write(out, &t, sizeof(t)) != sizeof(t))
		exit(1);
	exit(0);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct tally t, sum = { 0, 0 };
	double secs, start, end;
	int workers, i, p[2];

	if (argc < 4 || inet_pton(AF_INET, argv[1], &a.sin_addr) != 1) {
		fprintf(stderr, "usage: connrate ADDR PORT SECONDS [WORKERS]\n");
		return 2;
	}
	a.sin_port = htons(atoi(argv[2]));
	secs = atof(argv[3]);
	workers = argc > 4 ? atoi(argv[4]) : 4;
	if (pipe(p))
		return 1;
	start = now();
	end = start + secs;
	for (i = 0; i < workers; i++)
		if (fork() == 0)
			worker(&a, end, p[1]);
	for (i = 0; i < workers; i++)
		if (read(p[0], &t, sizeof(t)) == sizeof(t)) {
			sum.ok += t.ok;
			sum.errors += t.errors;
		}
	while (wait(NULL) > 0)
		;
	secs = now() - start;
	printf("conns=%ld errors=%ld seconds=%.2f rate=%.1f\n", sum.ok, sum.errors,
	       secs, sum.ok / secs);
	return 0;
}
