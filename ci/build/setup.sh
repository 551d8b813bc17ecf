#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the build and the tests need, any packages
# named as arguments (a target's own needs: make bench's gnuplot-nox), and
# the pinned upstream source. Idempotent: installs only what is missing
# and says what. ARCHES="arm64 ppc64le ..." (or "all") adds each foreign
# architecture's cross compiler, its libc for the static guest programs,
# and its QEMU (arch_vars in ci/lib.sh): `make check` asks for arm64,
# `make matrix` for all; a plain `make` for none of them.
. "$(dirname "$0")/../lib.sh"
load_upstream
cross= arches=${ARCHES:-}
[ "$arches" != all ] || arches=$ALL_ARCHES
for a in $arches; do
	arch_vars "$a"
	[ "$a" = x86_64 ] || cross="$cross $ARCH_PKGS"
done

# Build tools, the guest userland (busybox-static) and QEMU, the static
# checkers, and what `make series` and the tests call.
PACKAGES="build-essential bc bison flex libelf-dev libssl-dev cpio kmod
xz-utils perl python3 python3-ply python3-git git rsync ccache sparse coccinelle busybox-static
qemu-system-x86 $cross $*"

SUDO=
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || die "not root and no sudo: run 'make deps' as root"
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive

updated=
apt_update() {
	[ -n "$updated" ] && return
	log "apt-get update"
	$SUDO apt-get update -qq >/dev/null 2>"$BUILD/apt-update.err" || {
		cat "$BUILD/apt-update.err" >&2
		die "cannot reach the Debian package archive (apt-get update failed): check the network or the apt sources"
	}
	updated=1
}

mkdir -p "$BUILD"
missing=
for p in $PACKAGES; do
	[ -n "$(installed_version "$p")" ] || missing="$missing $p"
done
if [ -n "$missing" ]; then
	apt_update
	log "installing:$missing"
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing \
		> "$BUILD/apt-install.log" 2>&1 ||
		{ tail -20 "$BUILD/apt-install.log" >&2; die "apt-get install failed for:$missing"; }
fi

# The pinned source: exactly $VERSION when the archive still serves it,
# else the newest, loudly.
have=$(installed_version "$UPSTREAM_PACKAGE")
if [ "$have" != "$UPSTREAM_VERSION" ]; then
	apt_update
	if apt-cache madison "$UPSTREAM_PACKAGE" | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' |
			grep -qxF "$UPSTREAM_VERSION"; then
		log "installing $UPSTREAM_PACKAGE=$UPSTREAM_VERSION (the pin)"
		$SUDO apt-get install -y -qq --no-install-recommends --allow-downgrades \
			"$UPSTREAM_PACKAGE=$UPSTREAM_VERSION" ||
			die "apt-get install $UPSTREAM_PACKAGE=$UPSTREAM_VERSION failed"
	else
		newest=$(apt-cache policy "$UPSTREAM_PACKAGE" | awk '/Candidate:/ { print $2 }')
		[ -n "$newest" ] && [ "$newest" != "(none)" ] ||
			die "the archive serves no $UPSTREAM_PACKAGE at all"
		warn "the archive no longer serves $UPSTREAM_PACKAGE $UPSTREAM_VERSION (pinned in linux/UPSTREAM); using $newest instead. The series may not apply; update the pin once it does."
		if [ "$have" != "$newest" ]; then
			$SUDO apt-get install -y -qq --no-install-recommends "$UPSTREAM_PACKAGE" ||
				die "apt-get install $UPSTREAM_PACKAGE failed"
		fi
	fi
	have=$(installed_version "$UPSTREAM_PACKAGE")
fi

[ -f "$UPSTREAM_TARBALL" ] || die "$UPSTREAM_PACKAGE $have is installed but $UPSTREAM_TARBALL is missing"
sum=$(sha256sum "$UPSTREAM_TARBALL" | cut -d' ' -f1)
if [ "$sum" != "$UPSTREAM_SHA256" ]; then
	msg="$UPSTREAM_TARBALL ($UPSTREAM_PACKAGE $have) has sha256 $sum, the pin in linux/UPSTREAM says $UPSTREAM_SHA256"
	# The pinned version with another checksum is a corrupt or altered
	# package: refuse it. A newer version differs by nature: say so.
	[ "$have" = "$UPSTREAM_VERSION" ] && die "$msg"
	warn "$msg"
fi
printf '%s %s\n' "$have" "$sum" > "$BUILD/upstream.installed"
log "deps ok: $UPSTREAM_PACKAGE $have, tools: $(echo $PACKAGES | wc -w) packages present"
