// SPDX-License-Identifier: GPL-2.0
/*
 * mmp-pattern SEED MIB      write MIB MiB of a pseudo-random stream made
 *                           from SEED (xorshift64*) to stdout
 * mmp-pattern -c SEED MIB   read MIB MiB from stdin and compare them with
 *                           that stream; exit 1 and say where on a mismatch
 *
 * The same arguments always give the same bytes, so a Xen domU and its
 * dom0 can each check what the domU wrote to its disk without passing
 * the data or a checksum around.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (1 << 20)

static uint64_t want[CHUNK / sizeof(uint64_t)], got[CHUNK / sizeof(uint64_t)];

static void fill(uint64_t *x)
{
	size_t i;

	for (i = 0; i < CHUNK / sizeof(uint64_t); i++) {
		*x ^= *x >> 12;
		*x ^= *x << 25;
		*x ^= *x >> 27;
		want[i] = *x * 0x2545f4914f6cdd1dULL;
	}
}

/* Loop over short reads and writes; returns the bytes moved. */
static size_t xfer(int fd, void *buf, int out)
{
	char *p = buf;
	size_t done = 0;

	while (done < CHUNK) {
		ssize_t n = out ? write(fd, p + done, CHUNK - done) :
				  read(fd, p + done, CHUNK - done);

		if (n <= 0)
			break;
		done += n;
	}
	return done;
}

int main(int argc, char **argv)
{
	unsigned long mib, n, bad = 0, first = 0;
	int check = argc > 1 && !strcmp(argv[1], "-c");
	uint64_t x;

	if (argc != 3 + check) {
		fprintf(stderr, "usage: %s [-c] SEED MIB\n", argv[0]);
		return 2;
	}
	x = strtoull(argv[1 + check], NULL, 0) * 0x9e3779b97f4a7c15ULL + 1;
	mib = strtoul(argv[2 + check], NULL, 0);
	for (n = 0; n < mib; n++) {
		fill(&x);
		if (!check) {
			if (xfer(1, want, 1) != CHUNK) {
				perror("mmp-pattern: write");
				return 1;
			}
			continue;
		}
		if (xfer(0, got, 0) != CHUNK) {
			printf("input ends in MiB %lu of %lu\n", n, mib);
			return 1;
		}
		if (memcmp(want, got, CHUNK)) {
			size_t i = 0;

			while (want[i] == got[i])
				i++;
			if (!bad++)
				first = n * CHUNK + i * sizeof(uint64_t);
		}
	}
	if (bad) {
		printf("%lu of %lu MiB differ, the first near byte %lu\n", bad, mib, first);
		return 1;
	}
	if (check)
		printf("%lu MiB match the pattern\n", mib);
	return 0;
}
