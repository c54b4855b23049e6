#!/bin/sh
# mkroot.sh: fill the staging root of the root file system with Umbra's
# userland (what tools/mkimage.sh puts in the ext2 partition).
#
# Usage: tools/mkroot.sh OBJDIR STAGEDIR
#
# The stage is rebuilt from nothing each time (STAGEDIR/boot, which
# tools/mkimage.sh owns, is kept):
#
#   the Debian userland  tools/debroot.sh: glibc (/lib64/ld-linux-x86-64.so.2,
#                       /lib/x86_64-linux-gnu), busybox as /bin/sh and its
#                       applets, kyua, ATF and their libraries, from the
#                       packages cached in OBJDIR/deb
#   /sbin/init          OBJDIR/bin/init/init, the first user process
#                       (replaces busybox's init link)
#   /tests/NAME         the test programs and data files, as in the boot
#                       module (tools/mkrescue.sh), so that exec finds them
#                       in the file system first and maps them from their
#                       files; the boot module keeps the same paths as a
#                       fallback
#   /usr/tests          Kyua's test suites, as FreeBSD installs them:
#                       OBJDIR/usr/tests as share/mk/umbra.prog.mk built
#                       it (programs, atf-sh scripts, a Kyuafile a
#                       directory)
#   /etc                passwd, group (root), hosts, nsswitch.conf (files),
#                       profile (PATH), rc (empty: bin/init runs it)
#   /dev /tmp /proc /root   mount points (tmpfs goes on /tmp) and root's home
#   /var/tmp            a scratch directory on the root file system (ext2)
#
# Last, tools/elfcheck.sh checks that every dynamic program and library
# in the stage finds its interpreter and libraries there.
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
TOOLS=$(dirname "$0")
SRCTOP=$(cd "$TOOLS/.." && pwd)
[ -f "$OBJDIR/bin/init/init" ] || die "no $OBJDIR/bin/init/init"

mkdir -p "$STAGE"
find "$STAGE" -mindepth 1 -maxdepth 1 ! -name boot -exec rm -rf {} +
"$TOOLS/debroot.sh" "$OBJDIR/deb" "$STAGE"

mkdir -p "$STAGE/sbin" "$STAGE/tests" "$STAGE/dev" "$STAGE/tmp" \
    "$STAGE/proc" "$STAGE/root" "$STAGE/etc" "$STAGE/var/tmp"
chmod 1777 "$STAGE/tmp" "$STAGE/var/tmp"
chmod 0700 "$STAGE/root"
# rm first: the path may be a symlink to busybox, which cp would follow.
rm -f "$STAGE/sbin/init"
cp "$OBJDIR/bin/init/init" "$STAGE/sbin/init"
chmod 0555 "$STAGE/sbin/init"

for f in "$OBJDIR"/tests/sys/kern/* "$OBJDIR"/tests/sys/vm/* \
    "$OBJDIR"/tests/sys/fs/*; do
	case $f in *.d|*/utest.list|*/Kyuafile|*/atf_*) continue ;; esac
	[ -f "$f" ] || continue
	cp "$f" "$STAGE/tests/"
	if [ -x "$f" ]; then
		chmod 0555 "$STAGE/tests/${f##*/}"
	else
		chmod 0444 "$STAGE/tests/${f##*/}"
	fi
done

# /usr/tests: Kyua's test tree, built in $OBJDIR/usr/tests by
# share/mk/umbra.prog.mk (the programs, atf-sh scripts and Kyuafiles).
[ -f "$OBJDIR/usr/tests/Kyuafile" ] || die "no $OBJDIR/usr/tests (make userland)"
mkdir -p "$STAGE/usr/tests"
cp -R "$OBJDIR/usr/tests/." "$STAGE/usr/tests/"
find "$STAGE/usr/tests" -name Kyuafile -exec chmod 0444 {} +

# /etc: what glibc, busybox and a login shell read.
cat >"$STAGE/etc/passwd" <<'EOF2'
root:x:0:0:root:/root:/bin/sh
EOF2
cat >"$STAGE/etc/group" <<'EOF2'
root:x:0:
EOF2
cat >"$STAGE/etc/hosts" <<'EOF2'
127.0.0.1	localhost umbra
::1		localhost
EOF2
cat >"$STAGE/etc/nsswitch.conf" <<'EOF2'
passwd:		files
group:		files
shadow:		files
hosts:		files
networks:	files
protocols:	files
services:	files
EOF2
cat >"$STAGE/etc/profile" <<'EOF2'
# /etc/profile: the login shell's environment (busybox sh).
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/tests
export PATH
EOF2
cat >"$STAGE/etc/rc" <<'EOF2'
#!/bin/sh
# /etc/rc: run by init at startup (nothing yet).
EOF2
chmod 0644 "$STAGE/etc/passwd" "$STAGE/etc/group" "$STAGE/etc/hosts" \
    "$STAGE/etc/nsswitch.conf" "$STAGE/etc/profile"
chmod 0755 "$STAGE/etc/rc"

"$TOOLS/elfcheck.sh" "$STAGE" || die "the stage has unresolved libraries"
