# SPDX-License-Identifier: GPL-2.0
# dom0 only: the regression test for 0001 (xen/gntdev: do not
# copy_to_user() while holding priv->lock). gntdev-race maps a grant whose
# result cannot be copied back while a second thread unmaps the same
# index; the old fix then did list_del() on freed memory and put the map
# twice, which the host runner sees as a list-debug or refcount splat.
# Here: every map failed with EFAULT, the unmap thread hit the window at
# least once (else the test proved nothing) and nothing was left listed.
. /tests/lib.sh
. /tests/xen-lib.sh
[ "$XEN_SIDE" = dom0 ] || { pass skipped "dom0-only test"; exit; }
out=$(gntdev-race "$(mmp_arg gntdev_secs 10)" 2>&1)
rc=$?
check map-unmap-race "${out:-no output} (exit $rc)" test "$rc" = 0
