#!/bin/sh
# mkrescue.sh: pack the boot module, the "rescue" archive of static
# programs the kernel runs before there is a file system.
#
# Usage: tools/mkrescue.sh OBJDIR OUT
#
# OUT is a newc cpio archive (what the kernel's sys/kern/subr_cpio.c
# reads), built from the programs under OBJDIR:
#
#   init               OBJDIR/bin/init/init (the first user process)
#   tests/utest.list   the guest's list (umbra.utest=1):
#                      OBJDIR/tests/sys/kern/utest.list, then the lines of
#                      OBJDIR/tests/sys/vm/utest.list marked "guest"
#   tests/NAME         every other file built in OBJDIR/tests/sys/kern and
#                      OBJDIR/tests/sys/vm (the programs, data files),
#                      except make's dependency files (*.d); a name built
#                      in both directories is an error
#
# tests/sys/vm's programs are packed, but a line of its list reaches the
# guest only with a fourth field "guest" ("NAME exit 0 guest"): the
# lead engineer marks each one as the kernel implements the calls.
#
# Files are owned by root, mode 0555 (executable when built) or 0444;
# times are zero
# (touch -d @0), so the same programs give the same archive.  GRUB
# loads it with `module2 /boot/rescue.cpio rescue` (tools/mkimage.sh).
set -eu

prog=mkrescue

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 OBJDIR OUT"
OBJDIR=$1
OUT=$2
command -v cpio >/dev/null 2>&1 || die "cpio not found (run tools/deps.sh)"
list=$OBJDIR/tests/sys/kern/utest.list
vmlist=$OBJDIR/tests/sys/vm/utest.list
fslist=$OBJDIR/tests/sys/fs/utest.list
[ -f "$OBJDIR/bin/init/init" ] || die "no $OBJDIR/bin/init/init"
[ -f "$list" ] || die "no $list"
[ -f "$vmlist" ] || die "no $vmlist"
[ -f "$fslist" ] || die "no $fslist"

work=$(mktemp -d "${TMPDIR:-/tmp}/mkrescue.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root/tests"
cp "$OBJDIR/bin/init/init" "$work/root/init"
chmod 0555 "$work/root/init"
for f in "$OBJDIR"/tests/sys/kern/* "$OBJDIR"/tests/sys/vm/* \
    "$OBJDIR"/tests/sys/fs/*; do
	case $f in *.d|*/utest.list) continue ;; esac
	[ -f "$f" ] || continue
	[ ! -e "$work/root/tests/${f##*/}" ] || die "two files named ${f##*/}"
	cp "$f" "$work/root/tests/"
	if [ -x "$f" ]; then
		chmod 0555 "$work/root/tests/${f##*/}"
	else
		chmod 0444 "$work/root/tests/${f##*/}"
	fi
done
{
	cat "$list"
	echo "# From tests/sys/vm/utest.list, the lines marked guest:"
	awk '$1 !~ /^#/ && $4 == "guest" { print $1 "\t" $2 " " $3 " " $5 }' "$vmlist"
	echo "# From tests/sys/fs/utest.list, the lines marked guest:"
	awk '$1 !~ /^#/ && $4 == "guest" { print $1 "\t" $2 " " $3 " " $5 }' "$fslist"
} >"$work/root/tests/utest.list"
chmod 0444 "$work/root/tests/utest.list"
grep -v '^[[:space:]]*\(#\|$\)' "$work/root/tests/utest.list" |
    while read -r name _; do
	[ -f "$work/root/tests/$name" ] || die "utest.list names $name, which was not built"
done
find "$work/root" -exec touch -h -d @0 {} +
(cd "$work/root" && find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc --quiet --owner 0:0 --reproducible) >"$work/out.cpio"
mv -f "$work/out.cpio" "$OUT"
echo "$prog: $OUT ($(($(wc -c <"$OUT") / 1024)) KiB)"
