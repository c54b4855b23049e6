#!/bin/sh
# utest-host.sh: run the user test programs on the Linux host, the
# reference for their semantics, with the expectations of utest.list.
#
# Usage: tools/utest-host.sh DIR RESFILE
#
#   DIR      where the programs and utest.list were built
#            (obj/tests/sys/kern, obj/tests/sys/vm)
#   RESFILE  results file (tools/results.sh format); lines are appended:
#            pass host:NAME, or fail host:NAME FILE with the program's
#            output and what was expected
#
# Environment: OBJTEST (default obj/test): outputs go to
# OBJTEST/utest-host.d/D/, D being DIR's last component (kern, vm).
# Each program runs with a 30 s limit, stdin from /dev/null.  The
# expectation "exit N" wants exit status N; "signal N" wants death by
# signal N (the shell reports 128 + N).
set -eu

prog=utest-host

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 DIR RESFILE"
DIR=$(cd "$1" && pwd) || die "no directory $1"
RESFILE=$2
list=$DIR/utest.list
[ -f "$list" ] || die "no $list"
OBJTEST=${OBJTEST:-obj/test}
mkdir -p "$OBJTEST"
out=$(cd "$OBJTEST" && pwd)/utest-host.d/${DIR##*/}
rm -rf "$out"
mkdir -p "$out" "$(dirname -- "$RESFILE")"
: >>"$RESFILE"

# A fourth field ("guest", tests/sys/vm) concerns the guest only.
grep -v '^[[:space:]]*\(#\|$\)' "$list" | while read -r name kind num rest; do
	# A line with tmpdir= repeats a program in the guest on another file
	# system; the host runs each program once.
	case $rest in *tmpdir=*) continue ;; esac
	case $kind in
	exit) want=$num ;;
	signal) want=$((128 + num)) ;;
	*) die "$list: bad expectation '$kind $num' for $name" ;;
	esac
	rc=0
	# An inner shell waits, so its report of a killed program ("Segmentation
	# fault") goes to /dev/null; it exits with 128 + the signal.
	sh -c 'cd "$1" && exec timeout 30 "$2" </dev/null >"$3" 2>&1' sh \
		"$out" "$DIR/$name" "$out/$name.out" 2>/dev/null || rc=$?
	if [ "$rc" -eq "$want" ] && ! grep -q '^not ok' "$out/$name.out"; then
		printf 'pass\thost:%s\n' "$name" >>"$RESFILE"
	else
		echo "-- expected $kind $num (status $want), got status $rc" >>"$out/$name.out"
		printf 'fail\thost:%s\t%s\n' "$name" "$out/$name.out" >>"$RESFILE"
	fi
done
