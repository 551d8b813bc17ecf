# SPDX-License-Identifier: GPL-2.0
# Negative control for the host runner (ci/test/boot-xen.sh): put a fake
# splat into this kernel's log, in dom0 and in the domU. The runner must
# fail both boots, which proves it reads both consoles.
. /tests/lib.sh
. /tests/xen-lib.sh
echo "BUG: mmp harness control in $XEN_SIDE, not a real bug" > /dev/kmsg
pass fake-splat "written to /dev/kmsg in $XEN_SIDE"
