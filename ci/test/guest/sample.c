// SPDX-License-Identifier: GPL-2.0
/*
 * sample FILE PID [INTERVAL_US]
 *
 * Reads the number in FILE (a sysfs statistic) every INTERVAL_US
 * microseconds (default 1000) for as long as process PID runs (a zombie,
 * which its parent has not waited for yet, counts as ended), then
 * prints "samples N min MIN max MAX zeros Z". A shell loop forks a cat
 * per sample, a few a second under TCG; this sees short dips such as a
 * blkback pool emptied between two requests.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Is @pid alive and not a zombie? /proc/PID/stat: "pid (comm) S ..." */
static int running(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return 0;
	buf[len] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
}

int main(int argc, char **argv)
{
	long n, min = -1, max = -1, samples = 0, zeros = 0, us = 1000;
	char buf[64];
	ssize_t len;
	pid_t pid;
	int fd;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: sample FILE PID [INTERVAL_US]\n");
		return 2;
	}
	pid = atoi(argv[2]);
	if (argc == 4)
		us = atol(argv[3]);
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	while (running(pid)) {
		len = pread(fd, buf, sizeof(buf) - 1, 0);
		if (len <= 0) {
			perror(argv[1]);
			return 1;
		}
		buf[len] = '\0';
		n = atol(buf);
		if (min < 0 || n < min)
			min = n;
		if (n > max)
			max = n;
		zeros += n == 0;
		samples++;
		usleep(us);
	}
	printf("samples %ld min %ld max %ld zeros %ld\n", samples, min, max, zeros);
	return samples ? 0 : 1;
}
