#!/bin/sh
# durability-test.sh: msync(MS_SYNC) puts the data on the disk (issue 5's
# durability acceptance).
#
# Usage: tools/durability-test.sh IMG PROG RESFILE
#
#   IMG      a disk image from tools/mkimage.sh (not modified; a copy boots)
#   PROG     the host build of tests/sys/vm/durable_test
#   RESFILE  results file (format: tools/results.sh); lines are appended
#
# Cases, one result line each:
#   durability:host_program  PROG run on the host (durable_test PATH 0)
#                            writes exactly the pattern below: the
#                            program itself is right
#   durability:msync_kill9   the guest boots with `umbra.utest=1
#                            umbra.utest.only=durable_test
#                            umbra.tmpfs_tmp=0` (/tmp stays on the
#                            root's ext2, not tmpfs); the program
#                            creates /tmp/durable, maps it MAP_SHARED,
#                            stores the pattern, calls msync(MS_SYNC),
#                            prints "durable_test: msync returned 0" and
#                            spins; as soon as that line is in the serial
#                            log, QEMU is killed with SIGKILL (no shutdown,
#                            no sync); then `debugfs -R 'cat /tmp/durable'`
#                            on the root partition must give the pattern
#   fsck:durability          e2fsck -fn of the killed guest's root file
#                            system
#
# The pattern: the lines "umbra durable NNNNNN" for NNNNNN = 000000 to
# 000999 (21000 bytes, the last page partial).  A failure's output file
# (OBJTEST/durability.d/CASE.out) says what differed and holds the serial
# log.  Environment: OBJTEST (default obj/test), TIMEOUT (seconds to wait
# for the marker, default 120); ACCEL, MEM etc. reach tools/qemu.sh.
# Exit status: 0 when the cases ran (verdicts are in RESFILE), 1 otherwise.
set -eu

prog=durability-test

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ $# -eq 3 ] || die "usage: $0 IMG PROG RESFILE"
IMG=$1
PROG=$2
RESFILE=$3
[ -f "$IMG" ] || die "no such image: $IMG"
[ -x "$PROG" ] || die "no such program: $PROG"
command -v debugfs >/dev/null 2>&1 || die "debugfs not found (run tools/deps.sh)"
OBJTEST=${OBJTEST:-obj/test}
TIMEOUT=${TIMEOUT:-120}
tools=$(cd "$(dirname -- "$0")" && pwd)
d=$OBJTEST/durability.d
img=$OBJTEST/durability.img
log=$OBJTEST/durability.log
rm -rf "$d" "$img" "$log"
mkdir -p "$d"
mkdir -p "$(dirname -- "$RESFILE")"
: >>"$RESFILE"
MARKER='durable_test: msync returned 0'

awk 'BEGIN { for (i = 0; i < 1000; i++) printf "umbra durable %06d\n", i }' \
    >"$d/expected"

# verdict CASE WHY: append pass (WHY empty) or fail with the output file.
verdict() {
	if [ -z "$2" ]; then
		printf 'pass\t%s\n' "$1" >>"$RESFILE"
		return
	fi
	out=$d/${1#*:}.out
	{
		echo "$1: $2"
		if [ -f "$log" ]; then
			echo "-- serial log ($log):"
			tr -d '\r' <"$log"
		fi
	} >>"$out"
	printf 'fail\t%s\t%s\n' "$1" "$out" >>"$RESFILE"
}

# (a) the program on the host.
why=
if ! "$PROG" "$d/host.durable" 0 >"$d/host.stdout" 2>&1; then
	why="$PROG failed on the host: $(cat "$d/host.stdout")"
elif ! cmp -s "$d/expected" "$d/host.durable"; then
	why="the host's file differs from the pattern ($d/host.durable)"
fi
verdict durability:host_program "$why"

# (b) the guest, killed right after msync returned.
why=
cp --sparse=always -- "$IMG" "$img"
"$tools/setargs.sh" "$img" 'umbra.utest=1 umbra.utest.only=durable_test umbra.tmpfs_tmp=0' ||
	die "could not set the command line of $img"
pidfile=$d/qemu.pid
rm -f "$pidfile"
TIMEOUT=$((TIMEOUT + 10)) LOG=$log QEMU_EXTRA="-pidfile $pidfile" \
    "$tools/qemu.sh" --test "$img" >/dev/null 2>"$d/qemu.stderr" &
job=$!
seen=0
i=0
while [ "$i" -lt $((TIMEOUT * 10)) ]; do
	if [ -f "$log" ] && grep -q "$MARKER" "$log"; then
		seen=1
		break
	fi
	kill -0 "$job" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
qpid=$(cat "$pidfile" 2>/dev/null || true)
if [ -n "$qpid" ] && kill -0 "$qpid" 2>/dev/null; then
	kill -9 "$qpid" 2>/dev/null || true
fi
wait "$job" 2>/dev/null || true
if [ "$seen" = 0 ]; then
	why="no '$MARKER' line within $TIMEOUT s"
else
	start=$(od -An -t u4 -j 454 -N 4 -- "$img" | tr -d ' ')
	if ! debugfs -R 'cat /tmp/durable' "$img?offset=$((start * 512))" \
	    >"$d/guest.durable" 2>"$d/debugfs.stderr"; then
		why="debugfs failed: $(cat "$d/debugfs.stderr")"
	elif ! cmp -s "$d/expected" "$d/guest.durable"; then
		why="/tmp/durable on the image is not the pattern: $(cmp \
		    "$d/expected" "$d/guest.durable" 2>&1 | head -1) ($(wc -c \
		    <"$d/guest.durable") bytes; $d/guest.durable)"
	fi
fi
verdict durability:msync_kill9 "$why"

"$tools/fsck.sh" "$img" durability "$RESFILE"
