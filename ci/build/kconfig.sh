#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/build/kconfig.sh OBJDIR FRAGMENT...
# Merge the fragments on top of allnoconfig with the kernel's own
# merge_config.sh, then fail if any option a fragment asks for did not
# survive olddefconfig (a missing dependency, a typo, a renamed symbol).
. "$(dirname "$0")/../lib.sh"

obj=$(realpath -m "$1"); shift
[ -d "$TREE" ] || die "no tree at $TREE: run 'make tree' first"
for f in "$@"; do [ -f "$f" ] || die "no such config fragment: $f"; done
frags=()
for f in "$@"; do frags+=("$(realpath "$f")"); done
set -- "${frags[@]}"
mkdir -p "$obj"

log "merging $(printf '%s ' "${@##*/}")onto allnoconfig in ${obj#$TOP/}"
(cd "$TREE" && scripts/kconfig/merge_config.sh -n -O "$obj" "$@") \
	> "$obj/merge_config.log" 2>&1 ||
	{ tail -30 "$obj/merge_config.log"; die "merge_config.sh failed"; }
make -s -C "$TREE" O="$obj" olddefconfig >> "$obj/merge_config.log" 2>&1 ||
	{ tail -30 "$obj/merge_config.log"; die "olddefconfig failed"; }

# Every CONFIG_X=v and '# CONFIG_X is not set' line must hold in the
# final .config; when several fragments name a symbol, the last one wins,
# as in merge_config.sh.
declare -A want=() from=()
for f in "$@"; do
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*) sym=${line%%=*} ;;
		"# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *} ;;
		*) continue ;;
		esac
		want[$sym]=$line from[$sym]=${f##*/}
	done < "$f"
done
bad=0
for sym in "${!want[@]}"; do
	line=${want[$sym]}
	case $line in
	CONFIG_*) grep -qxF -- "$line" "$obj/.config" && continue ;;
	*) grep -q "^$sym=" "$obj/.config" || continue ;;
	esac
	got=$(grep -E "^(# )?$sym[= ]" "$obj/.config" || echo "absent")
	printf 'config: %s asks for "%s", final .config has "%s"\n' \
		"${from[$sym]}" "$line" "$got" >&2
	bad=1
done
[ "$bad" = 0 ] || die "options above did not survive olddefconfig (see ${obj#$TOP/}/merge_config.log)"
log "config ok: $(grep -c '=y' "$obj/.config") options built in, $(grep -c '=m' "$obj/.config" || true) modules"
