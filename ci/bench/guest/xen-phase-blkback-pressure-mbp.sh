# SPDX-License-Identifier: GPL-2.0
# dom0 side of blkback-pressure's overhead test: this hook, run with PAGES,
# sets blkback's max_buffer_pages before the domU's next dd; with 0 every
# request allocates its pages and frees them again.
T=blkback-pressure
. /tests/lib.sh
. /tests/xen-lib.sh
echo "$1" > /sys/module/xen_blkback/parameters/max_buffer_pages
