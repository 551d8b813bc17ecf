// SPDX-License-Identifier: GPL-2.0
/*
 * gntdev-race SECONDS: race IOCTL_GNTDEV_MAP_GRANT_REF's failure path
 * against IOCTL_GNTDEV_UNMAP_GRANT_REF of the same index (the
 * regression test for patch 0001, run in dom0 by tests/xen-gntdev.sh).
 *
 * The main thread maps one grant with its ioctl argument on a read-only
 * page: copy_from_user() of the request works, copy_to_user() of the
 * result fails, so every map takes the -EFAULT path, which drops
 * priv->lock to copy and takes it again to undo the map. A second thread
 * unmaps index 0 in a loop; when it wins, it removes and puts the map
 * inside that window. A kernel that undoes the map without a reference
 * of its own then does list_del() on freed memory and puts it twice
 * (list-debug and refcount splats, which the host runner fails on).
 *
 * Mapping a grant ref only records it: nothing is mapped until mmap(),
 * so no other domain is needed, and the grant ref is never used.
 *
 * Prints "maps=N efault=N unmapped=N leftover=N"; exits 0 only if every
 * map failed with EFAULT, the unmap thread won the race at least once
 * (else the window was never exercised), and no map was left listed.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
/* The UAPI header uses Xen's own names for these, as libxengnttab does. */
#include <stdint.h>
typedef uint32_t grant_ref_t;
typedef uint16_t domid_t;
#include <xen/gntdev.h>

static int fd;
static atomic_int stop;
static atomic_long unmapped;

static void *unmapper(void *arg)
{
	struct ioctl_gntdev_unmap_grant_ref op = { .index = 0, .count = 1 };

	(void)arg;
	while (!atomic_load(&stop))
		if (ioctl(fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &op) == 0)
			atomic_fetch_add(&unmapped, 1);
	return NULL;
}

int main(int argc, char **argv)
{
	struct ioctl_gntdev_unmap_grant_ref unmap = { .index = 0, .count = 1 };
	struct ioctl_gntdev_map_grant_ref *ro;
	long maps = 0, efault = 0, leftover = 0;
	int seconds = argc > 1 ? atoi(argv[1]) : 10;
	struct timespec t0, t;
	pthread_t thread;

	fd = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "gntdev-race: /dev/xen/gntdev: %s\n", strerror(errno));
		return 2;
	}
	ro = mmap(NULL, getpagesize(), PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro == MAP_FAILED) {
		perror("gntdev-race: mmap");
		return 2;
	}
	ro->count = 1;
	ro->refs[0].domid = 0;
	ro->refs[0].ref = 1;
	if (mprotect(ro, getpagesize(), PROT_READ)) {
		perror("gntdev-race: mprotect");
		return 2;
	}
	if (pthread_create(&thread, NULL, unmapper, NULL)) {
		fprintf(stderr, "gntdev-race: pthread_create failed\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		maps++;
		if (ioctl(fd, IOCTL_GNTDEV_MAP_GRANT_REF, ro) < 0 && errno == EFAULT)
			efault++;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (t.tv_sec - t0.tv_sec < seconds);
	atomic_store(&stop, 1);
	pthread_join(thread, NULL);

	/* Whatever the failure paths left listed is a leak. */
	while (ioctl(fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &unmap) == 0)
		leftover++;
	printf("maps=%ld efault=%ld unmapped=%ld leftover=%ld\n", maps, efault,
	       atomic_load(&unmapped), leftover);
	close(fd);
	return efault == maps && atomic_load(&unmapped) > 0 && leftover == 0 ? 0 : 1;
}
