# SPDX-License-Identifier: GPL-2.0
# dom0 side of xen-unpopulated, before the domU's I/O.
T=xen-unpopulated
. /tests/lib.sh
. /tests/xen-lib.sh
ram_note start
