// SPDX-License-Identifier: GPL-2.0
/*
 * memhog MIB [HOLD_MS [CYCLES]]
 *
 * CYCLES times (default 1): map MIB MiB of anonymous memory, write to
 * every page, keep it HOLD_MS milliseconds (default 0) and unmap it.
 * Prints "memhog: touched MIB MiB" each time every page was written and
 * "memhog: done MIB MiB x CYCLES" at the end, then exits 0; a task the
 * OOM killer picks dies of SIGKILL before that.
 * The balloon tests use it to allocate more than the guest has free;
 * MAP_NORESERVE keeps the overcommit heuristic from refusing the mapping
 * outright when the balloon took pages from MemTotal (deflate-on-oom=off).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long mib, hold_ms = 0, cycles = 1, c;
	long page = sysconf(_SC_PAGESIZE);
	struct timespec ts;
	size_t len, off;
	char *p;

	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: memhog MIB [HOLD_MS [CYCLES]]\n");
		return 2;
	}
	mib = atol(argv[1]);
	if (argc > 2)
		hold_ms = atol(argv[2]);
	if (argc > 3)
		cycles = atol(argv[3]);
	len = (size_t)mib << 20;
	ts.tv_sec = hold_ms / 1000;
	ts.tv_nsec = (hold_ms % 1000) * 1000000L;

	for (c = 0; c < cycles; c++) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p == MAP_FAILED) {
			perror("memhog: mmap");
			return 1;
		}
		for (off = 0; off < len; off += page)
			p[off] = (char)(off / page + c + 1);
		/* Read back, so a lost page cannot go unnoticed. */
		for (off = 0; off < len; off += page)
			if (p[off] != (char)(off / page + c + 1)) {
				fprintf(stderr, "memhog: bad byte at %zu\n", off);
				return 1;
			}
		printf("memhog: touched %ld MiB\n", mib);
		fflush(stdout);
		nanosleep(&ts, NULL);
		munmap(p, len);
	}
	printf("memhog: done %ld MiB x %ld\n", mib, cycles);
	return 0;
}
