#!/bin/sh
# ktest.sh: run one boot of in-kernel tests and record the results.
#
# Usage: tools/ktest.sh IMG NAME 'CMDLINE' RESFILE
#
#   IMG      a disk image from tools/mkimage.sh (not modified)
#   NAME     name of this run ([A-Za-z0-9._+-], used in file and result names)
#   CMDLINE  kernel command line, e.g. 'umbra.test=ktest.*'
#   RESFILE  results file; lines are appended (created if missing)
#
# Environment: TIMEOUT (seconds, default 120), OBJTEST (default obj/test),
# KTEST_PREFIX (the results name prefix, default "kernel"),
# VERBOSE=1 to also show the serial console on stdout; ACCEL, MEM, SMP,
# DRIVE_IF, QEMU_EXTRA are passed on to tools/qemu.sh.
#
# Steps: copy IMG to OBJTEST/NAME.img (sparse), set CMDLINE with
# tools/setargs.sh, boot it with `tools/qemu.sh --test` (serial log in
# OBJTEST/NAME.log), parse the log as TAP, check the whole run, then check the
# file system with `e2fsck -fn`.  Per-test outputs go to OBJTEST/NAME.d/.
#
# TAP on the serial console (\r is stripped; only lines starting in column 0
# count):
#     1..N                          the plan
#     ok 1 - suite.test             pass
#     ok 2 - suite.test # SKIP why  pass (so is `not ok ... # TODO`)
#     # file.c:40: check failed ... fail: the `#` lines just before it (Umbra's
#     not ok 3 - suite.test         runner prints a check's diagnostic when it
#                                   fails, before the verdict) and after it,
#                                   up to the next result, plan or panic
#                                   line, are its diagnostics; the runner
#                                   announces each test with `# running
#                                   suite.test`, which ends the previous
#                                   test's diagnostics
#
# RESFILE lines (TAB-separated), see also tools/results.sh:
#     pass  NAME
#     fail  NAME  FILE-WITH-OUTPUT
# written by this script:
#     kernel:TEST                 one per TAP result; a failure's output is
#                                 its `not ok` line and diagnostics
#     kernel-boot:NAME panic      a line containing `panic:` (output: the log
#                                 from that line to the end, with backtrace)
#     kernel-boot:NAME timeout    TIMEOUT expired (output: the serial log)
#     kernel-boot:NAME incomplete no plan, or a result count that differs
#                                 from it (only checked without panic/timeout)
#     kernel-boot:NAME exit-status  QEMU's status was not 33 (passed), nor 35
#                                 (test failures) with a failed test
#     kernel-boot:NAME            pass, when none of the above
#     fsck:NAME                   e2fsck -fn of the root fs after the run
#
# Exit status: 0 when the run happened (whatever the verdict: RESFILE carries
# it), 1 when it could not run (bad arguments, missing image, setargs or
# QEMU could not start).
set -eu

prog=ktest

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ $# -eq 4 ] || die "usage: $0 IMG NAME 'CMDLINE' RESFILE"
IMG=$1
NAME=$2
CMDLINE=$3
RESFILE=$4
case $NAME in '' | *[!A-Za-z0-9._+-]*) die "bad NAME '$NAME' (use [A-Za-z0-9._+-])" ;; esac
[ -f "$IMG" ] || die "no such image: $IMG"
TIMEOUT=${TIMEOUT:-120}
OBJTEST=${OBJTEST:-obj/test}
tools=$(cd "$(dirname -- "$0")" && pwd)

img=$OBJTEST/$NAME.img
log=$OBJTEST/$NAME.log
d=$OBJTEST/$NAME.d
mkdir -p "$OBJTEST"
rm -rf "$d" "$img" "$log"
mkdir -p "$d"
mkdir -p "$(dirname -- "$RESFILE")"
: >>"$RESFILE"
res=$d/results
: >"$res"

cp --sparse=always -- "$IMG" "$img"
"$tools/setargs.sh" "$img" "$CMDLINE" || die "could not set the command line of $img"

TAB=$(printf '\t')
pass() {
	printf 'pass\t%s\n' "$1" >>"$res"
}
fail() {
	printf 'fail\t%s\t%s\n' "$1" "$2" >>"$res"
}

# --- boot ----------------------------------------------------------------------
t0=$(date +%s)
rc=0
if [ "${VERBOSE:-0}" = 1 ]; then
	TIMEOUT=$TIMEOUT LOG=$log "$tools/qemu.sh" --test "$img" 2>"$d/qemu.stderr" || rc=$?
else
	TIMEOUT=$TIMEOUT LOG=$log "$tools/qemu.sh" --test "$img" >/dev/null 2>"$d/qemu.stderr" || rc=$?
fi
t1=$(date +%s)
[ -f "$log" ] || : >"$log"
serial=$d/serial.txt
tr -d '\r' <"$log" >"$serial"

if [ "$rc" -eq 2 ]; then
	# qemu.sh refused to run (its own usage/setup errors).
	cat "$d/qemu.stderr" >&2
	cp "$d/qemu.stderr" "$d/boot-not-run.out"
	fail "kernel-boot:$NAME not-run" "$d/boot-not-run.out"
	cat "$res" >>"$RESFILE"
	die "$NAME: QEMU could not be started"
fi

# --- TAP -------------------------------------------------------------------------
# Writes per-test lines to $res and the failing tests' outputs to $d/*.out;
# prints "PLAN COUNT NFAIL PANICLINE" (PLAN -1 when missing, PANICLINE 0 when
# no panic).
summary=$(awk -v res="$res" -v dir="$d" -v pfx="${KTEST_PREFIX:-kernel}" '
function fname(n,    f, base, i) {
	base = n
	gsub(/[^A-Za-z0-9._+-]/, "_", base)
	f = base
	for (i = 2; f in used; i++)
		f = base "." i
	used[f] = 1
	return dir "/" f ".out"
}
BEGIN {
	plan = -1; count = 0; nfail = 0; panic = 0; cur = ""
	# names of this script'"'"'s own files in the same directory
	split("fsck boot-panic boot-timeout boot-incomplete boot-exit-status boot-not-run", own, " ")
	for (i in own)
		used[own[i]] = 1
}
function endtest() {
	if (cur != "")
		close(cur)
	cur = ""
}
panic == 0 && /^panic:/ { panic = NR; endtest(); pend = "" }
plan < 0 && /^1\.\.[0-9]+/ {
	match($0, /^1\.\.[0-9]+/)
	plan = substr($0, 4, RLENGTH - 3) + 0
	endtest()
	next
}
/^(not )?ok([ \t]|$)/ {
	line = $0
	isok = (substr(line, 1, 2) == "ok")
	rest = substr(line, isok ? 3 : 7)
	sub(/^[ \t]+/, "", rest)
	num = ""
	if (match(rest, /^[0-9]+/)) {
		num = substr(rest, 1, RLENGTH)
		rest = substr(rest, RLENGTH + 1)
	}
	dirv = ""
	if (match(rest, /(^|[ \t])#/)) {
		dirv = toupper(substr(rest, RSTART + RLENGTH))
		rest = substr(rest, 1, RSTART - 1)
	}
	sub(/^[ \t]*-?[ \t]*/, "", rest)
	sub(/[ \t]+$/, "", rest)
	gsub(/\t/, " ", rest)
	name = rest
	if (name == "")
		name = "test" (num != "" ? num : count + 1)
	count++
	endtest()
	held = pend
	pend = ""
	if (isok || dirv ~ /^[ \t]*(SKIP|TODO)/) {
		printf "pass\t%s:%s\n", pfx, name >> res
	} else {
		nfail++
		cur = fname(name)
		print line > cur
		printf "%s", held > cur
		printf "fail\t%s:%s\t%s\n", pfx, name, cur >> res
	}
	next
}
cur != "" && /^#/ && !/^# running / { print > cur; next }
/^# running [^ \t]+$/ { endtest(); pend = ""; next }
/^#/ { pend = pend $0 "\n"; next }
END { print plan, count, nfail, panic }
' "$serial")
# shellcheck disable=SC2086
set -- $summary
[ $# -eq 4 ] || die "could not parse $serial"
plan=$1 count=$2 nfail=$3 panicline=$4

footer() {
	echo "-- qemu exit status $rc after $((t1 - t0)) s; full serial log: $log"
	if [ -s "$d/qemu.stderr" ]; then
		echo "-- qemu.sh stderr:"
		cat "$d/qemu.stderr"
	fi
}

# --- whole-run checks --------------------------------------------------------------
bootok=1
if [ "$panicline" -gt 0 ]; then
	bootok=0
	{ sed -n "$panicline,\$p" "$serial"; footer; } >"$d/boot-panic.out"
	fail "kernel-boot:$NAME panic" "$d/boot-panic.out"
fi
if [ "$rc" -eq 124 ]; then
	bootok=0
	{ cat "$serial"; echo "-- timed out after $TIMEOUT s"; footer; } >"$d/boot-timeout.out"
	fail "kernel-boot:$NAME timeout" "$d/boot-timeout.out"
fi
if [ "$bootok" = 1 ]; then
	why=
	if [ "$plan" -lt 0 ]; then
		why="no TAP plan (1..N) in the serial log"
	elif [ "$count" -ne "$plan" ]; then
		why="$count test results, but the plan says 1..$plan"
	fi
	if [ -n "$why" ]; then
		bootok=0
		{ cat "$serial"; echo "-- incomplete: $why"; footer; } >"$d/boot-incomplete.out"
		fail "kernel-boot:$NAME incomplete" "$d/boot-incomplete.out"
	else
		case $rc in
		33) why= ;;
		35) [ "$nfail" -gt 0 ] || why="the kernel reported failures (35) but no test failed" ;;
		37) why="the kernel reported a panic (37)" ;;
		0) why="QEMU exited 0 (ACPI poweroff, reset or quit), not through isa-debug-exit" ;;
		*) why="unexpected QEMU exit status $rc" ;;
		esac
		if [ -n "$why" ]; then
			bootok=0
			{ cat "$serial"; echo "-- bad exit status: $why"; footer; } >"$d/boot-exit-status.out"
			fail "kernel-boot:$NAME exit-status" "$d/boot-exit-status.out"
		fi
	fi
fi
[ "$bootok" = 0 ] || pass "kernel-boot:$NAME"

# --- file system -----------------------------------------------------------------
start=$(od -An -t u4 -j 454 -N 4 -- "$img" | tr -d ' ')
fsrc=0
e2fsck -fn "$img?offset=$((start * 512))" >"$d/fsck.out" 2>&1 || fsrc=$?
if [ "$fsrc" -eq 0 ]; then
	pass "fsck:$NAME"
else
	echo "-- e2fsck exit status $fsrc" >>"$d/fsck.out"
	fail "fsck:$NAME" "$d/fsck.out"
fi

cat "$res" >>"$RESFILE"
nres=$(grep -c "^pass$TAB\|^fail$TAB" "$res" || true)
nbad=$(grep -c "^fail$TAB" "$res" || true)
[ "$plan" -ge 0 ] && planstr=$plan || planstr="?"
echo "$prog: $NAME: $count of $planstr tests, $nfail failed; qemu $rc in $((t1 - t0)) s;" \
	"$((nres - nbad))/$nres results pass"
