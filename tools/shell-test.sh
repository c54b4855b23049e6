#!/bin/bash
# shell-test.sh: a user's session at the guest's prompt, typed into the
# serial console as `make run` gives it (issue 6's acceptance).
#
# Usage: tools/shell-test.sh IMG RESFILE
#
# A copy of IMG boots with `umbra.init=1` (bin/init's normal mode: a
# busybox login shell on the console).  The script types each step's
# command line, followed by `echo @@$((N+0))@@`: the shell prints @@N@@
# when the step is over (the console's echo of the line shows the
# unexpanded text, so only the shell's output matches).  Each step's output
# (between one marker and the next) must match its patterns:
#
#   shell:ctty         `tty` is /dev/console, and the shell has job control
#                      (init made the console its controlling terminal:
#                      no "can't access tty" in the log)
#   shell:ls           `ls -l /` lists proc, tmp and usr as directories
#   shell:maps         `cat /proc/self/maps` names busybox and [stack]
#   shell:ps           `ps` lists init and itself (busybox runs the applet
#                      in the forked shell: "{ps} /bin/sh -l", as on Linux)
#   shell:jobs         `sleep 300 &`: `jobs` shows it running; kill %1 ends it
#   shell:stop         Ctrl-Z stops a foreground `sleep 300` (SIGTSTP from
#                      the console): "Stopped"; `kill -9 %1` ends it
#   shell:interrupt    Ctrl-C ends a foreground `sleep 300` (SIGINT) and
#                      the shell goes on ($? is 130)
#   shell:kyua-test    in /usr/tests, `kyua test -k /usr/tests/Kyuafile
#                      sys/kern/atf_smoke_test` runs the smoke cases
#   shell:kyua-report  `kyua report --verbose` details the skipped one and
#                      counts them all (Kyua finds the
#                      last results of the current directory's suite)
#   shell:poweroff     `poweroff` ends QEMU cleanly (exit status 33)
#
# A failing step's output file (OBJTEST/shell.d/STEP.out) holds what it
# expected, what it got, and the end of the serial log.
# Environment: OBJTEST (default obj/test), TIMEOUT (seconds for the whole
# guest run, default 300); ACCEL, MEM etc. reach tools/qemu.sh.
# Exit status: 0 when the session ran (verdicts are in RESFILE), 1 on a
# usage or setup error.
set -eu

prog=shell-test

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 IMG RESFILE"
IMG=$1
RESFILE=$2
[ -f "$IMG" ] || die "no such image: $IMG"
OBJTEST=${OBJTEST:-obj/test}
TIMEOUT=${TIMEOUT:-300}
tools=$(cd "$(dirname -- "$0")" && pwd)
d=$OBJTEST/shell.d
img=$OBJTEST/shell.img
log=$d/serial.log
rm -rf "$d" "$img"
mkdir -p "$d" "$(dirname -- "$RESFILE")"
: >>"$RESFILE"

cp --sparse=always -- "$IMG" "$img"
"$tools/setargs.sh" "$img" 'umbra.init=1' ||
	die "could not set the command line of $img"

# QEMU reads the console from a FIFO that this script keeps open for
# writing (fd 3), so it never sees end of file.
mkfifo "$d/input"
TIMEOUT=$TIMEOUT LOG=$log INPUT=$d/input "$tools/qemu.sh" --test "$img" \
    >/dev/null 2>"$d/qemu.stderr" &
qpid=$!
exec 3>"$d/input"

# The log without carriage returns.
text() {
	tr -d '\r' <"$log" 2>/dev/null || :
}

# wait_for PATTERN SECONDS: until the log has a line matching the ERE.
wait_for() {
	local i=0
	while [ "$i" -lt $(($2 * 5)) ]; do
		text | grep -Eq -- "$1" && return 0
		kill -0 "$qpid" 2>/dev/null || return 1
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}

step=0
# type LINE: one line into the console.
type_line() {
	printf '%s\n' "$1" >&3
}

# run_step NAME SECONDS COMMAND: type COMMAND and the end marker; the
# output goes to $d/NAME.txt.  Returns 1 if the marker never came.
run_step() {
	local name=$1 secs=$2 cmd=$3
	step=$((step + 1))
	type_line "$cmd; echo @@\$(($step+0))@@"
	if ! wait_for "^@@$step@@\$" "$secs"; then
		text | sed -n "/^@@$((step - 1))@@\$/,\$p" >"$d/$name.txt"
		return 1
	fi
	text | sed -n "/^@@$((step - 1))@@\$/,/^@@$step@@\$/p" >"$d/$name.txt"
}

# verdict NAME OK WHAT: a result line; WHAT says what was expected.
verdict() {
	local name=$1 ok=$2 what=$3 out
	if [ "$ok" = 1 ]; then
		printf 'pass\tshell:%s\n' "$name" >>"$RESFILE"
		return
	fi
	out=$d/$name.out
	{
		echo "shell:$name: expected $what"
		echo "-- the step's output:"
		cat "$d/$name.txt" 2>/dev/null || :
		echo "-- the serial log's last 40 lines ($log):"
		text | tail -40
	} >"$out"
	printf 'fail\tshell:%s\t%s\n' "$name" "$out" >>"$RESFILE"
}

# check NAME SECONDS COMMAND WHAT PATTERN...: run a step; every ERE must
# match a line of its output.
check() {
	local name=$1 secs=$2 cmd=$3 what=$4 ok=1 pat
	shift 4
	run_step "$name" "$secs" "$cmd" || ok=0
	for pat in "$@"; do
		grep -Eq -- "$pat" "$d/$name.txt" 2>/dev/null || ok=0
	done
	verdict "$name" "$ok" "$what"
}

# The shell is up when it answers: type a marker until it comes back.
up=0
for i in $(seq 1 60); do
	type_line 'echo @@$((0+0))@@'
	if wait_for '^@@0@@$' 3; then
		up=1
		break
	fi
	kill -0 "$qpid" 2>/dev/null || break
done
if [ "$up" = 0 ]; then
	: >"$d/ctty.txt"
	verdict ctty 0 "a shell prompt on the console (none answered)"
	exec 3>&-
	kill "$qpid" 2>/dev/null || :
	wait "$qpid" 2>/dev/null || :
	exit 0
fi

run_step ctty 30 'tty' || :
ok=1
grep -qx '/dev/console' "$d/ctty.txt" || ok=0
text | grep -q "can't access tty" && ok=0
verdict ctty "$ok" "tty printing /dev/console and no \"can't access tty\""

check ls 30 'ls -l /' "ls -l / listing proc, tmp and usr as directories" \
    '^d.* proc$' '^d.* tmp$' '^d.* usr$'
check maps 30 'cat /proc/self/maps' \
    "cat's mappings: busybox's file and [stack]" \
    '^[0-9a-f]+-[0-9a-f]+ r-xp [0-9a-f]+ [0-9a-f]+:[0-9a-f]+ [0-9]+ +/.*busybox$' \
    '^[0-9a-f]+-[0-9a-f]+ rw-p .*\[stack\]$'
check ps 30 'ps' "ps listing init and itself" \
    'PID' '^ *1 .*init' '(\{ps\}| ps$)'
# (sleep 1: the job's shell must have exec'd sleep before the kill; until
# then it ignores SIGTERM, as an interactive shell's child does on Linux.)
check jobs 30 'sleep 300 & sleep 1; jobs; kill %1; wait' \
    "a background job listed as Running, then killed" \
    '^\[1\]\+? +Running +sleep 300'

# Ctrl-Z and Ctrl-C from the console.
step=$((step + 1))
type_line 'sleep 300'
sleep 3
printf '\032' >&3
sleep 2
type_line "jobs; kill -9 %1; wait; echo @@\$(($step+0))@@"
ok=1
wait_for "^@@$step@@\$" 30 || ok=0
text | sed -n "/^@@$((step - 1))@@\$/,\$p" >"$d/stop.txt"
grep -Eq 'Stopped' "$d/stop.txt" || ok=0
verdict stop "$ok" "Ctrl-Z stopping a foreground sleep (\"Stopped\")"

step=$((step + 1))
type_line 'sleep 300'
sleep 3
printf '\003' >&3
sleep 2
type_line "echo status=\$?; echo @@\$(($step+0))@@"
ok=1
wait_for "^@@$step@@\$" 30 || ok=0
text | sed -n "/^@@$((step - 1))@@\$/,\$p" >"$d/interrupt.txt"
grep -q '^status=130$' "$d/interrupt.txt" || ok=0
verdict interrupt "$ok" "Ctrl-C ending a foreground sleep (status=130)"

# kyua report finds the results of the suite of the current directory.
check kyua-test 200 'cd /usr/tests && kyua test -k /usr/tests/Kyuafile sys/kern/atf_smoke_test' \
    "kyua test running the smoke cases" \
    'sys/kern/atf_smoke_test:passes +-> +passed' \
    '[0-9]+/[0-9]+ passed \(0 failed\)'
check kyua-report 60 'kyua report --verbose' \
    "kyua report --verbose showing the smoke cases" \
    '^===> sys/kern/atf_smoke_test:skips$' \
    '^Test cases: 3 total, 1 skipped, 0 expected failures, 0 broken, 0 failed$'

type_line 'poweroff'
rc=0
wait "$qpid" || rc=$?
exec 3>&-
echo "QEMU exited $rc" >"$d/poweroff.txt"
verdict poweroff "$([ "$rc" = 33 ] && echo 1 || echo 0)" \
    "QEMU exit status 33 after poweroff"
exit 0
