#!/bin/sh
# harness-test.sh: test the test harness itself against the real kernel.
#
# Usage: tools/harness-test.sh IMG RESFILE
#
# Boots IMG five times through tools/ktest.sh, each into a private results
# file (OBJTEST/harness-CASE.results), and checks that the harness turned a
# known kernel misbehaviour into the right verdict.  Appends one line per case
# to RESFILE (format: see tools/results.sh):
#
#   harness:forced_failure  cmdline `umbra.test=ktest.* umbra.ktest.forcefail=1`
#                           expects `fail kernel:ktest.forced_failure` whose
#                           output names the test, and `pass kernel-boot:...`
#                           (exit status 35 with a failed test is accepted)
#   harness:forced_panic    cmdline `umbra.test=ktest.* umbra.ktest.panic=1`
#                           expects `fail kernel-boot:... panic` whose output
#                           has the `panic:` line and backtrace frames
#                           (lines starting `#0 `, `#1 ` ...)
#   harness:hang_timeout    cmdline `umbra.test=ktest.* umbra.ktest.hang=1`,
#                           TIMEOUT=10, expects `fail kernel-boot:... timeout`
#   harness:forced_fault    cmdline `umbra.test=ktest.* umbra.ktest.fault=1`
#                           (an unexpected kernel page fault) expects a panic
#                           whose output has the trap report (`Fatal trap 14`,
#                           the fault address, registers) and a backtrace
#                           through the faulting test function
#   harness:acpi_poweroff   without isa-debug-exit, a finished test run must
#                           end QEMU through ACPI S5 (exit status 0) well
#                           before the timeout, and not report a failure
#
# A failing case's output file (OBJTEST/harness.d/CASE.out) says what was
# expected and shows the private results and the serial log.
# Environment: OBJTEST (default obj/test); ACCEL etc. reach tools/qemu.sh.
# Exit status: 0 when the cases ran (verdicts are in RESFILE), 1 otherwise.
set -eu

prog=harness-test

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 IMG RESFILE"
IMG=$1
RESFILE=$2
[ -f "$IMG" ] || die "no such image: $IMG"
OBJTEST=${OBJTEST:-obj/test}
export OBJTEST
tools=$(cd "$(dirname -- "$0")" && pwd)
hd=$OBJTEST/harness.d
rm -rf "$hd"
mkdir -p "$hd"
mkdir -p "$(dirname -- "$RESFILE")"
: >>"$RESFILE"
TAB=$(printf '\t')

# run CASE CMDLINE [TIMEOUT]: boot through ktest.sh into a private results
# file; sets $name, $priv, $why (empty so far), $out.
run() {
	case_=$1
	name=harness-$1
	priv=$OBJTEST/$name.results
	out=$hd/$1.out
	why=
	rm -f "$priv"
	: >"$out"
	if ! TIMEOUT=${3:-${TIMEOUT:-120}} "$tools/ktest.sh" "$IMG" "$name" "$2" "$priv" \
		>"$hd/$1.ktest" 2>&1; then
		why="tools/ktest.sh failed to run"
	fi
}

# field VERDICT NAME: print the output-file field of the line `VERDICT<TAB>NAME`
# in $priv (empty if there is no such line; `-` if it has no file).
field() {
	awk -F "$TAB" -v v="$1" -v n="$2" '
		$1 == v && $2 == n { print ($3 == "" ? "-" : $3); found = 1; exit }
	' "$priv" 2>/dev/null || true
}

# verdict: append the pass/fail line for the current case.
verdict() {
	if [ -z "$why" ]; then
		printf 'pass\tharness:%s\n' "$case_" >>"$RESFILE"
		return
	fi
	{
		echo "harness:$case_: $why"
		echo "-- tools/ktest.sh output:"
		cat "$hd/$case_.ktest" 2>/dev/null || true
		echo "-- private results ($priv):"
		cat "$priv" 2>/dev/null || true
		echo "-- serial log ($OBJTEST/$name.log):"
		tr -d '\r' <"$OBJTEST/$name.log" 2>/dev/null || true
	} >"$out"
	printf 'fail\tharness:%s\t%s\n' "$case_" "$out" >>"$RESFILE"
}

# (a) a failing in-kernel test must become a fail line with its output.
run forced_failure 'umbra.test=ktest.* umbra.ktest.forcefail=1'
if [ -z "$why" ]; then
	f=$(field fail kernel:ktest.forced_failure)
	if [ -z "$f" ]; then
		why="no 'fail kernel:ktest.forced_failure' line"
	elif [ "$f" = - ] || ! grep -q 'ktest\.forced_failure' "$f"; then
		why="the output file of kernel:ktest.forced_failure does not mention it"
	elif [ -z "$(field pass "kernel-boot:$name")" ]; then
		why="expected 'pass kernel-boot:$name' (exit 35 with a failed test is a clean run)"
	fi
fi
verdict

# (b) a panic must fail the boot and keep the panic message and backtrace.
run forced_panic 'umbra.test=ktest.* umbra.ktest.panic=1'
if [ -z "$why" ]; then
	f=$(field fail "kernel-boot:$name panic")
	if [ -z "$f" ]; then
		why="no 'fail kernel-boot:$name panic' line"
	elif [ "$f" = - ] || ! grep -q 'panic:' "$f"; then
		why="the panic output does not contain 'panic:'"
	elif ! grep -q '^#[0-9][0-9]* ' "$f"; then
		why="the panic output has no backtrace frame lines ('#0 ...', '#1 ...')"
	fi
fi
verdict

# (c) a hung kernel must be stopped and reported as a timeout.
run hang_timeout 'umbra.test=ktest.* umbra.ktest.hang=1' 10
if [ -z "$why" ]; then
	if [ -z "$(field fail "kernel-boot:$name timeout")" ]; then
		why="no 'fail kernel-boot:$name timeout' line"
	fi
fi
verdict

# (d) an unexpected kernel fault must give the trap report and backtrace.
run forced_fault 'umbra.test=ktest.* umbra.ktest.fault=1'
if [ -z "$why" ]; then
	f=$(field fail "kernel-boot:$name panic")
	if [ -z "$f" ]; then
		why="no 'fail kernel-boot:$name panic' line"
	elif ! grep -q 'Fatal trap 14: page fault' "$OBJTEST/$name.log"; then
		why="no 'Fatal trap 14: page fault' report in the serial log"
	elif ! grep -q 'fault virtual address' "$OBJTEST/$name.log" ||
	    ! grep -q '^rax ' "$OBJTEST/$name.log"; then
		why="the trap report lacks the fault address or the registers"
	elif ! grep -q '^#[0-9][0-9]* .* at ktest_ktest_forced_fault+' "$f"; then
		why="the backtrace does not name the faulting function"
	fi
fi
verdict

# (e) without isa-debug-exit, power-off must go through ACPI and end QEMU.
case_=acpi_poweroff
name=harness-$case_
why=
img=$OBJTEST/$name.img
cp --sparse=always "$IMG" "$img"
"$tools/setargs.sh" "$img" 'umbra.test=ktest.selection' >"$hd/$case_.ktest" 2>&1 ||
	why="setargs failed"
if [ -z "$why" ]; then
	rc=0
	DEBUG_EXIT=0 TIMEOUT=30 LOG="$OBJTEST/$name.log" "$tools/qemu.sh" --test "$img" \
		>/dev/null 2>>"$hd/$case_.ktest" || rc=$?
	if [ "$rc" -ne 0 ]; then
		why="QEMU exited $rc, not 0 (ACPI power-off)"
	elif ! grep -q 'powering off' "$OBJTEST/$name.log"; then
		why="the kernel never said it was powering off"
	elif grep -q 'power-off failed' "$OBJTEST/$name.log"; then
		why="the kernel reported that power-off failed"
	fi
fi
priv=/dev/null
verdict
