// SPDX-License-Identifier: GPL-2.0
/*
 * The server side of the connection-rate benchmark: accept, read one
 * request, answer "ok\n", close first (so TIME_WAIT stays here and the
 * client never runs out of ports).  WORKERS processes share one listening
 * socket; a preforked C server keeps the real server from being the
 * bottleneck, as a Python one would be.
 *
 * usage: connsrv PORT [WORKERS]
 */
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static int listen_on(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int one = 1, fd;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 4096)) {
		perror("connsrv: listen");
		exit(1);
	}
	return fd;
}

static void serve(int lfd)
{
	static const char answer[] = "ok\n";
	char buf[256];
	int fd;

	for (;;) {
		fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			continue;
		if (read(fd, buf, sizeof(buf)) > 0 &&
		    write(fd, answer, sizeof(answer) - 1) < 0)
			perror("connsrv: write");
		close(fd);
	}
}

int main(int argc, char **argv)
{
	int lfd, workers, i;

	if (argc < 2) {
		fprintf(stderr, "usage: connsrv PORT [WORKERS]\n");
		return 2;
	}
	workers = argc > 2 ? atoi(argv[2]) : 2;
	lfd = listen_on(atoi(argv[1]));
	signal(SIGPIPE, SIG_IGN);
	for (i = 1; i < workers; i++)
		if (fork() == 0) {
			/* Killing the first process ends them all. */
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			break;
		}
	serve(lfd);
	return 0;
}
