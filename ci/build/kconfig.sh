#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: [KCONFIG_ARCH=arm64] ci/build/kconfig.sh OBJDIR FRAGMENT...
# Merge the fragments on top of allnoconfig with the kernel's own
# merge_config.sh, and fail on what its own report says did not survive.
. "$(dirname "$0")/../lib.sh"

obj=$(realpath -m "$1"); shift
[ -d "$TREE" ] || die "no tree at $TREE: run 'make tree' first"
for f in "$@"; do [ -f "$f" ] || die "no such config fragment: $f"; done
frags=()
for f in "$@"; do frags+=("$(realpath "$f")"); done
set -- "${frags[@]}"
mkdir -p "$obj"

# KCONFIG_ARCH: the architecture (arch_vars in ci/lib.sh), x86_64 unless
# set; merge_config.sh's make reads ARCH and CROSS_COMPILE from the
# environment.
arch_vars "${KCONFIG_ARCH:-x86_64}"
log "merging $(printf '%s ' "${@##*/}")onto $KARCH allnoconfig in ${obj#$TOP/}"
(cd "$TREE" && ARCH=$KARCH CROSS_COMPILE=$CROSS scripts/kconfig/merge_config.sh -n -O "$obj" "$@") \
	> "$obj/merge_config.log" 2>&1 ||
	{ tail -30 "$obj/merge_config.log"; die "merge_config.sh failed"; }
# merge_config.sh's allnoconfig run resolves the dependencies, then it
# reports every requested value the final .config lacks (a missing
# dependency, a typo, a renamed symbol); the last fragment naming a symbol
# wins. A symbol asked to be off that is gone because what it depends on
# is off is off: that report is not a failure, every other one is.
bad=$(awk '/^Value requested for / { sym = $4 }
	/^Requested value:/ { req = substr($0, 19) }
	/^Actual value:/ { act = substr($0, 19)
		if (!(req ~ / is not set$/ && act == ""))
			printf "config: %s requested \"%s\", final .config has \"%s\"\n", sym, req, act }' \
	"$obj/merge_config.log")
[ -z "$bad" ] || { printf '%s\n' "$bad" >&2; die "options above did not survive (see ${obj#$TOP/}/merge_config.log)"; }
log "config ok: $(grep -c '=y' "$obj/.config") options built in, $(grep -c '=m' "$obj/.config" || true) modules"
