#!/bin/sh
# setargs.sh: set the kernel command line of an Umbra disk image in place.
#
# Usage: tools/setargs.sh IMG 'ARGS...'
#
# Rewrites /boot/grub/umbra.cfg in partition 1 of IMG (an image made by
# tools/mkimage.sh) with `debugfs -w` -- no mount, no root -- so that it holds
#     set umbra_args="ARGS"
# grub.cfg sources that file and boots `multiboot2 /boot/kernel/kernel
# $umbra_args`; GRUB splits the value at blanks into words and hands the kernel
# the words joined by single spaces as its multiboot2 command line (without
# the kernel's path).  ARGS='' gives an empty command line.
#
# ARGS is escaped for GRUB's double-quoted strings (\ " $ get a backslash), so
# any printable text is stored literally; newlines and other control
# characters are refused.  The new file is read back and compared, and the
# file system is left e2fsck-clean.  Prints nothing on success.
set -eu

prog=setargs

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 IMG 'ARGS...'"
IMG=$1
ARGS=$2
[ -f "$IMG" ] || die "no such image: $IMG"
command -v debugfs >/dev/null 2>&1 || die "debugfs not found (install e2fsprogs)"

# Refuse control characters (newline, tab, CR, ESC ...): GRUB would not keep them.
case $ARGS in
*[[:cntrl:]]*) die "ARGS must not contain control characters" ;;
esac

# Start of partition 1, from the MBR (LBA, little endian, at byte 446+8).
start=$(od -An -t u4 -j 454 -N 4 -- "$IMG" | tr -d ' ')
case $start in '' | *[!0-9]* | 0) die "$IMG: no partition 1 in the MBR" ;; esac
fs="$IMG?offset=$((start * 512))"

# The temporary directory's path is given to debugfs, which splits its
# command lines at blanks: use a blank-free place.
tmpbase=${TMPDIR:-/tmp}
case $tmpbase in *[[:space:]]*) tmpbase=/tmp ;; esac
work=$(mktemp -d "$tmpbase/setargs.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

escaped=$(printf '%s' "$ARGS" | sed 's/[\\"$]/\\&/g')
printf 'set umbra_args="%s"\n' "$escaped" >"$work/umbra.cfg"
chmod 0644 "$work/umbra.cfg"

# debugfs exits 0 even when a request fails; errors are caught by reading the
# file back below.  `rm` of a missing file only complains, which is fine.
cat >"$work/cmds" <<EOF
cd /boot/grub
rm umbra.cfg
write $work/umbra.cfg umbra.cfg
sif umbra.cfg uid 0
sif umbra.cfg gid 0
sif umbra.cfg mode 0100644
EOF
debugfs -w -f "$work/cmds" "$fs" >"$work/log" 2>&1 || {
	cat "$work/log" >&2
	die "debugfs failed on $IMG"
}

debugfs -R 'cat /boot/grub/umbra.cfg' "$fs" >"$work/readback" 2>/dev/null || true
cmp -s "$work/umbra.cfg" "$work/readback" || {
	cat "$work/log" >&2
	die "$IMG: /boot/grub/umbra.cfg did not read back as written"
}
