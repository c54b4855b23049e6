#!/bin/sh
# kyua-test.sh: run the guest's Kyua test suite (/usr/tests) and report
# every test case to the host's results.
#
# Usage: tools/kyua-test.sh IMG RESFILE
#
#   IMG      a disk image from tools/mkimage.sh (not modified; a copy boots)
#   RESFILE  results file (format: tools/results.sh); lines are appended
#
# The copy boots with `umbra.init=1 umbra.kyua=1`: bin/init runs
# `kyua test -k /usr/tests/Kyuafile`, writes `kyua report --verbose` to
# /usr/tests/test-report.txt, `kyua report-junit` to
# /usr/tests/test-report.xml and each step's status to
# /usr/tests/test-status.txt, then runs /usr/tests/harness/Kyuafile into
# /usr/tests/harness-report.txt, syncs and powers off (QEMU exits 33).
# The files are read back with debugfs into OBJTEST/kyua.d/.
#
# Result lines:
#   kyua:CLASS:CASE   one per test case of the junit report (CLASS is the
#                     program's path, dots for slashes, as Kyua writes it):
#                     pass when passed, skipped or an expected failure;
#                     fail when failed or broken, with the case's junit
#                     block (its stdout, stderr and Kyua's notes) as output
#   kyua:timeout      Kyua killed /usr/tests/harness's case that sleeps for
#                     ever on time, reported it broken and went on
#                     (tools/kyua-timeout.sh)
#   kyua:run          pass when the guest powered off cleanly and init
#                     recorded `test exit 0` or `test exit 1` (Kyua ran;
#                     1 means some case failed); fail otherwise, with the
#                     serial log, the status file and the text report
#   fsck:kyua         e2fsck -fn of the image afterwards
#
# Environment: OBJTEST (default obj/test), TIMEOUT (seconds for the whole
# guest run, default 300); ACCEL, MEM etc. reach tools/qemu.sh.
# Exit status: 0 when the run happened (verdicts are in RESFILE), 1 on a
# usage or setup error.
set -eu

prog=kyua-test

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 IMG RESFILE"
IMG=$1
RESFILE=$2
[ -f "$IMG" ] || die "no such image: $IMG"
command -v debugfs >/dev/null 2>&1 || die "debugfs not found (run tools/deps.sh)"
OBJTEST=${OBJTEST:-obj/test}
TIMEOUT=${TIMEOUT:-300}
tools=$(cd "$(dirname -- "$0")" && pwd)
d=$OBJTEST/kyua.d
img=$OBJTEST/kyua.img
log=$d/serial.log
rm -rf "$d" "$img"
mkdir -p "$d" "$(dirname -- "$RESFILE")"
: >>"$RESFILE"

cp --sparse=always -- "$IMG" "$img"
"$tools/setargs.sh" "$img" 'umbra.init=1 umbra.kyua=1' ||
	die "could not set the command line of $img"
rc=0
TIMEOUT=$TIMEOUT LOG=$log "$tools/qemu.sh" --test "$img" >/dev/null \
    2>"$d/qemu.stderr" || rc=$?

start=$(od -An -t u4 -j 454 -N 4 -- "$img" | tr -d ' ')
fs="$img?offset=$((start * 512))"
for f in test-status.txt test-report.txt test-report.xml harness-report.txt; do
	debugfs -R "cat /usr/tests/$f" "$fs" >"$d/$f" 2>/dev/null || :
done

# The run as a whole.
why=
if [ "$rc" != 33 ]; then
	why="QEMU exited $rc (33 is init's clean power-off)"
elif ! grep -Eq '^test exit [01]$' "$d/test-status.txt"; then
	why="kyua test did not run to its end: $(tr '\n' ' ' \
	    <"$d/test-status.txt")"
fi
if [ -z "$why" ]; then
	printf 'pass\tkyua:run\n' >>"$RESFILE"
else
	out=$d/run.out
	{
		echo "kyua:run: $why"
		echo "-- /usr/tests/test-status.txt:"
		cat "$d/test-status.txt"
		echo "-- /usr/tests/test-report.txt:"
		cat "$d/test-report.txt"
		echo "-- serial log ($log):"
		tr -d '\r' <"$log" 2>/dev/null || :
	} >"$out"
	printf 'fail\tkyua:run\t%s\n' "$out" >>"$RESFILE"
fi

# One line per test case of the junit report; a failed or broken case's
# block goes to its output file.
"$tools/junit-results.sh" kyua "$d" <"$d/test-report.xml" >>"$RESFILE"

# Kyua's timeout: /usr/tests/harness's case that sleeps for ever.
"$tools/kyua-timeout.sh" kyua:timeout "$d/harness-report.txt" \
    "$d/timeout.out" >>"$RESFILE"

"$tools/fsck.sh" "$img" kyua "$RESFILE"
