# SPDX-License-Identifier: GPL-2.0
# dom0 side of xen-pool-ram, before the domU's I/O.
T=xen-pool-ram
. /tests/lib.sh
. /tests/xen-lib.sh
ram_note start
