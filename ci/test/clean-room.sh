#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The clean-room check: the README's quick start, `make`, run from a clean
# clone of the committed HEAD inside a brand-new Debian 12 (bookworm,
# minbase) root, as root, with nothing installed first but make and git.
# Why: every dev machine already had linux-source-6.12 and the build
# tools, so `make` once died on a fresh machine and no run of ours saw it.
# The root is build/clean-room/root (CLEAN_ROOM=DIR for another place),
# kept for inspection with the logs beside it; the next run deletes it.
# The host gets mmdebstrap if it lacks it, and nothing else.
. "$(dirname "$0")/../lib.sh"

CLEAN_ROOM=${CLEAN_ROOM:-$BUILD/clean-room}
ROOT=$CLEAN_ROOM/root
REPO=/root/mm-pressure	# the clone, as the chroot sees it

[ "$(id -u)" = 0 ] || die "the clean-room check needs root (mmdebstrap, mount, chroot)"

# Mount points at or under the root, deepest first.
mounts_under_root() {
	awk -v r="$ROOT" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}
# A busy mount (a process still inside) is detached lazily rather than
# left behind: a mount left under the root would survive the next run's
# rm -rf as a path into the host's /dev.
unmount_root() {
	local m
	for m in $(mounts_under_root); do
		umount "$m" 2>/dev/null || umount -l "$m"
	done
}

minutes() { printf '%d min %d s' $(($1 / 60)) $(($1 % 60)); }

# in_root CMD: CMD under /bin/sh in the chroot, from the clone, as root
# with an environment of its own, none of the host's (BUILD, TREE, CC...),
# niced so that other builds on the machine keep priority.
in_root() {
	nice -n 10 env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
		TERM=dumb DEBIAN_FRONTEND=noninteractive \
		chroot "$ROOT" /bin/sh -c "cd $REPO && $1"
}

# step NAME CMD: in_root CMD, its output in $CLEAN_ROOM/NAME.log; prints
# how long it took, or the log's tail and dies.
step() {
	local name=$1 cmd=$2 log=$CLEAN_ROOM/$1.log start
	log "clean room: $cmd (log: ${log#"$TOP"/})"
	start=$(date +%s)
	if ! in_root "$cmd" > "$log" 2>&1; then
		tail -40 "$log" >&2
		die "clean-room $name failed after $(minutes $(($(date +%s) - start))): '$cmd' (full log: ${log#"$TOP"/})"
	fi
	step_s=$(($(date +%s) - start))
	log "clean room: $cmd took $(minutes "$step_s")"
}

trap unmount_root EXIT
trap 'exit 1' INT TERM HUP

# A previous root goes first, its mounts before it.
unmount_root
[ -z "$(mounts_under_root)" ] || die "cannot unmount $(mounts_under_root | tr '\n' ' ')"
rm -rf --one-file-system "$CLEAN_ROOM"
mkdir -p "$CLEAN_ROOM"

if ! command -v mmdebstrap >/dev/null; then
	log "installing mmdebstrap on the host (log: ${CLEAN_ROOM#"$TOP"/}/host-apt.log)"
	{ apt-get update -qq && apt-get install -y -qq --no-install-recommends \
		-o DPkg::Lock::Timeout=300 mmdebstrap; } > "$CLEAN_ROOM/host-apt.log" 2>&1 ||
		{ tail -20 "$CLEAN_ROOM/host-apt.log" >&2
		  die "cannot install mmdebstrap on the host (apt-get install mmdebstrap failed): it builds the clean root"; }
fi

mapfile -t sources < <(host_debian_sources)
[ "${#sources[@]}" -gt 0 ] || die "the host's apt sources name no Debian bookworm suite to bootstrap from"
log "bootstrapping Debian 12 (bookworm, minbase) in ${ROOT#"$TOP"/} from the host's mirror:"
printf '    %s\n' "${sources[@]}" >&2
start=$(date +%s)
mmdebstrap --variant=minbase bookworm "$ROOT" "${sources[@]}" > "$CLEAN_ROOM/bootstrap.log" 2>&1 ||
	{ tail -40 "$CLEAN_ROOM/bootstrap.log" >&2
	  die "mmdebstrap failed (full log: ${CLEAN_ROOM#"$TOP"/}/bootstrap.log)"; }
bootstrap_s=$(($(date +%s) - start))
log "bootstrap took $(minutes "$bootstrap_s")"

# A clone, not a copy: only what is committed counts. Cloned from the
# host, since git is not in the root yet; ../shared is not needed by make.
log "cloning HEAD $(git -C "$TOP" log -1 --format='%h %s') into the root at $REPO"
[ -z "$(git -C "$TOP" status --porcelain)" ] ||
	log "(uncommitted changes in $TOP are not part of the check)"
git clone -q --no-hardlinks "$TOP" "$ROOT$REPO"

# The host's /dev goes in read-only (its device nodes still open for
# writing): an rm -rf of build/ while the root is mounted, such as a
# `make distclean` beside a running check, must not delete host devices.
mount -t proc proc "$ROOT/proc"
mount -t sysfs sysfs "$ROOT/sys"
mount --bind -o ro /dev "$ROOT/dev"
mount --bind -o ro /dev/pts "$ROOT/dev/pts"
mount -t tmpfs tmpfs "$ROOT/dev/shm"
# mmdebstrap removes the resolv.conf it used; apt in the root needs one.
[ -s "$ROOT/etc/resolv.conf" ] || cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"

# What a new user runs before the quick start: make itself (and git, to
# clone the repository) are not on every fresh Debian 12. Everything else
# is make's to install.
step first-steps "apt-get update && apt-get install -y make git"
first_s=$step_s
step make "make"
make_s=$step_s

[ -e "$ROOT$REPO/build/bzImage-plain" ] ||
	die "clean-room make succeeded but left no build/bzImage-plain (log: ${CLEAN_ROOM#"$TOP"/}/make.log)"
log "clean room ok: bootstrap $(minutes "$bootstrap_s"), apt-get install make git $(minutes "$first_s"), make $(minutes "$make_s"); ${CLEAN_ROOM#"$TOP"/} is $(du -sh --one-file-system "$CLEAN_ROOM" | cut -f1)"
