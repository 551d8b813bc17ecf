#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/build/deb.sh
# `make deb`: the fork as Debian binary packages, built by the kernel's
# own bindeb-pkg (linux-image-*, linux-headers-*, linux-libc-dev) into
# build/deb/, with a distro-shaped config:
#   1. Debian's own amd64 config, from the linux-config-6.12 package;
#   2. configs/debian.config merged onto it (module signing with a key
#      made at build time, no debug info, the KUnit suite as a module);
#   3. localmodconfig with configs/debian-vm.modules: Debian's built-in
#      options stay built in, and of its 4,000 modules only those a
#      virtualised Debian system loads, the helper's users and the Xen
#      backends are built. Debian's whole config takes hours on 2 cores.
# Any option of debian.config that does not survive fails the build, as
# does a helper user that is not a module. The packages are reused while
# the tree, Debian's config, the fragment and the list are unchanged.
. "$(dirname "$0")/../lib.sh"

out=$BUILD/deb LOGS=$BUILD/logs
mkdir -p "$LOGS"
obj=$out/obj
frag=$TOP/configs/debian.config
list=$TOP/configs/debian-vm.modules
"$TOP/ci/build/setup.sh" linux-config-6.12 dpkg-dev debhelper libssl-dev openssl bc rsync kmod cpio \
	> "$LOGS/deb-setup.log" 2>&1 ||
	{ tail -5 "$LOGS/deb-setup.log"; die "installing linux-config-6.12 and bindeb-pkg's tools failed"; }
cfg=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
[ -f "$cfg" ] || die "$cfg is missing: linux-config-6.12 has no amd64 config"
[ -d "$TREE/.git" ] || die "no tree at build/linux: run 'make tree' first"

# The version: Debian's upstream version, a local version naming the
# fork, and a package revision from the tree's HEAD.
version=$(make -s -C "$TREE" kernelversion)
localversion=-mm-pressure
head=$(tree_git rev-parse --short=12 HEAD)
pkgversion=$version-1~mmp.$(tree_git rev-list --count upstream..HEAD).g$head
stamp=$(cat "$cfg" "$frag" "$list" | sha256sum | cut -c1-16)-$head
if [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ] &&
   ls "$out"/linux-image-"$version$localversion"_*.deb > /dev/null 2>&1; then
	log "build/deb is up to date ($(cd "$out" && echo ./*.deb | sed 's|\./||g'))"
	exit 0
fi
rm -f "$out"/*.deb "$out"/*.buildinfo "$out"/*.changes "$out/stamp"
mkdir -p "$obj"

cc=gcc
command -v ccache > /dev/null && cc="ccache gcc" && export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1
when=$(tree_git log -1 --format=%cd)
kmake() {
	make -C "$TREE" O="$obj" ARCH=x86 CC="$cc" LOCALVERSION="$localversion" \
		KBUILD_BUILD_USER=mm-pressure KBUILD_BUILD_HOST=ci KBUILD_BUILD_TIMESTAMP="$when" "$@"
}

log "config: Debian's amd64 config + ${frag#"$TOP"/}, localmodconfig with ${list#"$TOP"/} ($(grep -cv '^#' "$list") modules)"
xz -dc "$cfg" > "$obj/.config"
(cd "$TREE" && ARCH=x86 scripts/kconfig/merge_config.sh -m -O "$obj" "$obj/.config" "$frag") \
	> "$obj/config.log" 2>&1 || { tail -20 "$obj/config.log"; die "merging ${frag#"$TOP"/} onto Debian's config failed"; }
kmake olddefconfig >> "$obj/config.log" 2>&1 || { tail -20 "$obj/config.log"; die "olddefconfig failed"; }
grep -v '^#' "$list" | awk 'NF { print $1 }' > "$obj/lsmod"
kmake LSMOD="$obj/lsmod" localmodconfig > "$obj/localmodconfig.log" 2>&1 ||
	{ tail -20 "$obj/localmodconfig.log"; die "localmodconfig failed"; }
# A listed module the config does not know is a typo or a rename.
unknown=$(sed -n 's/^\(.*\) config not found!!$/\1/p' "$obj/localmodconfig.log" | tr '\n' ' ')
[ -z "$unknown" ] || die "${list#"$TOP"/} names modules Debian's config does not build: $unknown"
bad=
while IFS= read -r line; do
	case $line in CONFIG_*=*) ;; *) continue ;; esac
	grep -qxF "$line" "$obj/.config" || bad="$bad ${line%%=*}"
done < "$frag"
[ -z "$bad" ] || die "options of ${frag#"$TOP"/} did not survive in the final config:$bad"
log "config ok: $(grep -c '=y' "$obj/.config") options built in, $(grep -c '=m' "$obj/.config") modules (Debian's: $(xz -dc "$cfg" | grep -c '=y') and $(xz -dc "$cfg" | grep -c '=m'))"

start=$(date +%s)
log "building the packages (make -j$(nproc) bindeb-pkg, version $pkgversion, CC=\"$cc\"); log: ${obj#"$TOP"/}/build.log"
if ! kmake -j"$(nproc)" KDEB_PKGVERSION="$pkgversion" bindeb-pkg > "$obj/build.log" 2>&1; then
	grep -E 'error|Error' "$obj/build.log" | head -20 >&2
	tail -15 "$obj/build.log" >&2
	die "bindeb-pkg failed (full log: ${obj#"$TOP"/}/build.log)"
fi
# bindeb-pkg writes the packages beside the object directory.
ls "$out"/linux-image-"$version$localversion"_*.deb > /dev/null 2>&1 ||
	die "bindeb-pkg succeeded but wrote no linux-image package to ${out#"$TOP"/}"
echo "$stamp" > "$out/stamp"
log "built in $(( $(date +%s) - start )) s:"
for d in "$out"/*.deb; do
	log "  ${d#"$TOP"/} ($(du -h "$d" | cut -f1))"
done
