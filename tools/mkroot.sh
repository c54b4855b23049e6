#!/bin/sh
# mkroot.sh: fill the staging root of the root file system with Umbra's
# userland (what tools/mkimage.sh puts in the ext2 partition).
#
# Usage: tools/mkroot.sh OBJDIR STAGEDIR
#
#   /sbin/init          OBJDIR/bin/init/init, the first user process
#   /tests/NAME         the test programs and data files, as in the boot
#                       module (tools/mkrescue.sh), so that exec finds them
#                       in the file system first and maps them from their
#                       files; the boot module keeps the same paths as a
#                       fallback
#   /lib64, /lib/x86_64-linux-gnu
#                       the dynamic loader and the libraries the dynamic
#                       test programs need (ldd), copied from the host's
#                       Debian libc6 (installed by tools/deps.sh)
#   /dev /tmp /proc     empty mount points
#
# Everything is owned by root (mke2fs -d with the build user's files:
# tools/mkimage.sh makes root own them).  Prints nothing on success.
set -eu

prog=mkroot

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 OBJDIR STAGEDIR"
OBJDIR=$1
STAGE=$2
[ -f "$OBJDIR/bin/init/init" ] || die "no $OBJDIR/bin/init/init"

mkdir -p "$STAGE"
rm -rf "$STAGE/sbin" "$STAGE/tests" "$STAGE/lib" "$STAGE/lib64" \
    "$STAGE/dev" "$STAGE/tmp" "$STAGE/proc"
mkdir -p "$STAGE/sbin" "$STAGE/tests" "$STAGE/dev" "$STAGE/tmp" \
    "$STAGE/proc"
chmod 1777 "$STAGE/tmp"
cp "$OBJDIR/bin/init/init" "$STAGE/sbin/init"
chmod 0555 "$STAGE/sbin/init"

for f in "$OBJDIR"/tests/sys/kern/* "$OBJDIR"/tests/sys/vm/* \
    "$OBJDIR"/tests/sys/fs/*; do
	case $f in *.d|*/utest.list) continue ;; esac
	[ -f "$f" ] || continue
	cp "$f" "$STAGE/tests/"
	if [ -x "$f" ]; then
		chmod 0555 "$STAGE/tests/${f##*/}"
	else
		chmod 0444 "$STAGE/tests/${f##*/}"
	fi
done

# The loader and libraries of every dynamic program staged.
for f in "$STAGE"/tests/*; do
	[ -x "$f" ] || continue
	file_out=$(od -An -c -N 4 "$f" | tr -d ' \n')
	[ "$file_out" = '177ELF' ] || continue
	ldd "$f" 2>/dev/null | while read -r a b c d; do
		case $a in
		/*) lib=$a ;;
		*) [ "$b" = "=>" ] && lib=$c || continue ;;
		esac
		case $lib in /*) ;; *) continue ;; esac
		mkdir -p "$STAGE$(dirname "$lib")"
		[ -f "$STAGE$lib" ] || cp -L "$lib" "$STAGE$lib"
		chmod 0755 "$STAGE$lib"
	done
done
