#!/bin/sh
# debroot.sh: put the Debian userland into the staging root: glibc,
# busybox (as /bin/sh and its applets), kyua, ATF and their libraries,
# taken from Debian's own packages.
#
# Usage: tools/debroot.sh DEBDIR STAGEDIR
#
#   DEBDIR    the package cache (obj/deb): each .deb is fetched once with
#             `apt-get download` and kept there under apt's file name
#             (NAME_VERSION_ARCH.deb, the epoch's colon as %3a); a later
#             build finds it and fetches nothing
#   STAGEDIR  the staging root; the packages are unpacked into it with
#             `dpkg-deb -x` (no maintainer scripts run, nothing is
#             registered in a dpkg database)
#
# The packages: the roots in ROOTS below and their dependency closure
# (Depends and Pre-Depends, recursively: `apt-cache depends --recurse`),
# at the host's candidate versions.  Then:
#   - busybox's applets become symlinks to /bin/busybox at the paths
#     `busybox --list-full` gives (run on the host: it is static), as
#     `busybox --install -s` does, except where a file already exists
#     and except init (/sbin/init is Umbra's, bin/init);
#   - documentation, manuals and message catalogues are removed;
#   - every ELF file in the stage is checked: its interpreter and every
#     DT_NEEDED library must be in the stage (in /lib/x86_64-linux-gnu,
#     /usr/lib/x86_64-linux-gnu, /lib or /usr/lib, ld.so's default
#     directories), or the build fails naming what is missing.
#
# Environment: DEBROOT_EXTRA, more root packages (space-separated).
# Prints nothing on success; fails with a message naming the package
# when apt cannot fetch it.
set -eu

prog=debroot

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 DEBDIR STAGEDIR"
DEBDIR=$1
STAGE=$2

ROOTS="libc6 busybox-static kyua libatf-c-1 libatf-c++-2 atf-sh \
${DEBROOT_EXTRA:-}"
# Packages never unpacked: they carry nothing the guest runs (the
# compiler's base package holds only documentation).
SKIP="gcc-12-base"

for t in apt-get apt-cache dpkg-deb readelf; do
	command -v "$t" >/dev/null 2>&1 || die "$t not found (run tools/deps.sh)"
done
mkdir -p "$DEBDIR" "$STAGE"
DEBDIR=$(cd "$DEBDIR" && pwd)

# --- the closure ---------------------------------------------------------------
# shellcheck disable=SC2086
pkgs=$(apt-cache depends --recurse --no-recommends --no-suggests \
    --no-conflicts --no-breaks --no-replaces --no-enhances $ROOTS 2>&1 |
    grep -v '^ ' | grep -v '^<' | sort -u) ||
	die "apt-cache depends failed (no package lists? run apt-get update)"
for p in $ROOTS; do
	echo "$pkgs" | grep -qx "$p" ||
	    die "package $p is unknown to apt (run apt-get update)"
done
want=
for p in $pkgs; do
	case " $SKIP " in *" $p "*) continue ;; esac
	want="$want $p"
done

# --- fetch what the cache lacks ----------------------------------------------------
# apt-cache show gives the candidate's version and architecture; apt's
# download name is NAME_VERSION_ARCH.deb with ':' written %3a.
# shellcheck disable=SC2086
files=$(apt-cache show --no-all-versions $want | awk '
	/^Package: / { p = $2 }
	/^Version: / { v = $2; gsub(":", "%3a", v) }
	/^Architecture: / { print p " " p "_" v "_" $2 ".deb" }')
missing=
for p in $want; do
	f=$(echo "$files" | awk -v p="$p" '$1 == p { print $2; exit }')
	[ -n "$f" ] || die "no candidate version of $p (run apt-get update)"
	[ -s "$DEBDIR/$f" ] || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "$prog: fetching$missing" >&2
	# apt-get download writes into the current directory; a partial
	# fetch leaves no file behind under the final name.
	# shellcheck disable=SC2086
	(cd "$DEBDIR" && apt-get download -q $missing >/dev/null 2>"$DEBDIR/.apt.log") || {
		sed 's/^/  /' "$DEBDIR/.apt.log" >&2
		die "apt-get download failed for:$missing (network? apt-get update?)"
	}
	for p in $missing; do
		f=$(echo "$files" | awk -v p="$p" '$1 == p { print $2; exit }')
		[ -s "$DEBDIR/$f" ] || die "apt-get download left no $DEBDIR/$f"
	done
fi

# --- unpack --------------------------------------------------------------------------
for p in $want; do
	f=$(echo "$files" | awk -v p="$p" '$1 == p { print $2; exit }')
	dpkg-deb -x "$DEBDIR/$f" "$STAGE" || die "dpkg-deb -x $f failed"
done
rm -rf "$STAGE/usr/share/doc" "$STAGE/usr/share/man" \
    "$STAGE/usr/share/info" "$STAGE/usr/share/lintian" \
    "$STAGE/usr/share/locale" "$STAGE/usr/share/bug"

# --- busybox's applets ---------------------------------------------------------------
bb=$STAGE/bin/busybox
[ -x "$bb" ] || die "busybox-static left no /bin/busybox"
"$bb" --list-full >"$DEBDIR/.applets" || die "$bb --list-full failed"
while read -r path; do
	case $path in
	'' | */init | init | linuxrc) continue ;;
	esac
	[ -e "$STAGE/$path" ] || [ -L "$STAGE/$path" ] && continue
	mkdir -p "$STAGE/$(dirname "$path")"
	ln -s /bin/busybox "$STAGE/$path"
done <"$DEBDIR/.applets"
[ -L "$STAGE/bin/sh" ] || [ -f "$STAGE/bin/sh" ] || die "no /bin/sh"
