#!/bin/bash
# qemu.sh: the one QEMU runner for Umbra disk images.
#
# Usage: tools/qemu.sh [--test] [--debug] IMG
#
#   (default)  interactive: -nographic, the serial console (COM1) is on the
#              terminal; Ctrl-A X quits, Ctrl-A C toggles the QEMU monitor.
#   --test     headless, for harnesses: -display none, serial on stdout,
#              stdin from INPUT (default /dev/null), no monitor.
#   --debug    add -s -S: QEMU waits, paused, for gdb on tcp::1234; prints
#              the gdb command to stderr.
#
# Environment:
#   ACCEL         tcg (default) or kvm.  kvm falls back to tcg, with a note on
#                 stderr, when /dev/kvm is not usable.  (On the project's
#                 nested-virtualisation machines TCG is much faster to boot.)
#   CPU           -cpu model; default `qemu64,+smep,+smap,+pdpe1gb` under tcg
#                 (qemu64 already has NX and FXSR), `host` under kvm.
#   MEM           guest memory (default 256M)
#   SMP           number of CPUs (default 1)
#   TIMEOUT       seconds before QEMU is stopped (SIGTERM, then SIGKILL 5 s
#                 later); 0 or empty = no limit (default 0)
#   LOG           if set, the serial output is also written to this file
#                 (raw bytes, \r\n line ends as the guest sends them)
#   DRIVE_IF      interface of the disk: virtio (default) or ide
#   QEMU_EXTRA    extra QEMU arguments, split at blanks (no quoting), appended
#   KERNEL_DEBUG  kernel ELF named in the printed gdb command
#                 (default obj/sys/kernel)
#   QEMU          the QEMU binary (default qemu-system-x86_64)
#   INPUT         with --test: what the serial console reads (a file or a
#                 FIFO a harness types into; default /dev/null)
#   DEBUG_EXIT    1 (default) adds isa-debug-exit; 0 leaves it out, so the
#                 kernel must power off through ACPI (QEMU then exits 0)
#
# Machine: -machine pc (i440fx), -no-reboot (a triple fault ends QEMU),
# -net none, and -device isa-debug-exit,iobase=0xf4,iosize=0x04.
#
# Exit status: QEMU's own, passed through, except 124 (and a note on stderr)
# when TIMEOUT expired.  Meanings:
#   0    ACPI poweroff, QEMU quit from the monitor / Ctrl-A X, or a guest
#        reset or triple fault (which -no-reboot turns into an exit)
#   1    QEMU error (bad option, unreadable image ...)
#   2    this script's own usage or setup error (QEMU not started)
#   33   the kernel wrote 0x10 to port 0xf4: tests passed / clean shutdown in
#        test mode   (isa-debug-exit exits with (v << 1) | 1)
#   35   the kernel wrote 0x11: some in-kernel test failed
#   37   the kernel wrote 0x12: kernel panic
#   124  TIMEOUT expired (the guest hung)
set -eu

prog=qemu

die() {
	echo "$prog: $*" >&2
	exit 2
}

usage() {
	echo "usage: $0 [--test] [--debug] IMG" >&2
	exit 2
}

mode=interactive
debug=0
while [ $# -gt 0 ]; do
	case $1 in
	--test) mode="test" ;;
	--debug) debug=1 ;;
	-h | --help) usage ;;
	--) shift; break ;;
	-*) echo "$prog: unknown option $1" >&2; usage ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 1 ] || usage
IMG=$1
[ -f "$IMG" ] || die "no such image: $IMG"

ACCEL=${ACCEL:-tcg}
MEM=${MEM:-256M}
SMP=${SMP:-1}
TIMEOUT=${TIMEOUT:-0}
LOG=${LOG:-}
DRIVE_IF=${DRIVE_IF:-virtio}
QEMU_EXTRA=${QEMU_EXTRA:-}
KERNEL_DEBUG=${KERNEL_DEBUG:-obj/sys/kernel}
QEMU=${QEMU:-qemu-system-x86_64}

case $TIMEOUT in *[!0-9]*) die "TIMEOUT must be a whole number of seconds" ;; esac
TIMEOUT=${TIMEOUT:-0}
command -v "$QEMU" >/dev/null 2>&1 || die "$QEMU not found (run tools/deps.sh)"

# QEMU option values escape a comma by doubling it.
qesc() {
	printf '%s' "${1//,/,,}"
}

case $ACCEL in
kvm)
	if ! [ -c /dev/kvm ] || ! { : <>/dev/kvm; } 2>/dev/null; then
		echo "$prog: /dev/kvm is not usable; falling back to tcg" >&2
		ACCEL=tcg
	fi
	;;
tcg) ;;
*) die "ACCEL must be tcg or kvm, not '$ACCEL'" ;;
esac
if [ "$ACCEL" = kvm ]; then
	CPU=${CPU:-host}
else
	CPU=${CPU:-qemu64,+smep,+smap,+pdpe1gb}
fi

args=(
	-machine pc -accel "$ACCEL" -cpu "$CPU" -m "$MEM" -smp "$SMP"
	-drive "file=$(qesc "$IMG"),format=raw,if=$DRIVE_IF"
	-no-reboot -net none
)
if [ "${DEBUG_EXIT:-1}" = 1 ]; then
	args+=(-device "isa-debug-exit,iobase=0xf4,iosize=0x04")
fi

logopt=
if [ -n "$LOG" ]; then
	mkdir -p "$(dirname -- "$LOG")"
	: >"$LOG"
	logopt=",logfile=$(qesc "$LOG")"
fi

if [ "$mode" = test ]; then
	args+=(-display none -monitor none -parallel none)
	args+=(-chardev "stdio,id=con0$logopt" -serial chardev:con0)
elif [ -n "$LOG" ]; then
	# What -nographic does (serial and monitor multiplexed on the
	# terminal), spelled out so the serial stream can also be logged.
	args+=(-display none -parallel none)
	args+=(-chardev "stdio,id=con0,mux=on$logopt")
	args+=(-serial chardev:con0 -mon "chardev=con0,mode=readline")
else
	args+=(-nographic)
fi

if [ "$debug" = 1 ]; then
	args+=(-s -S)
	echo "$prog: paused, waiting for gdb on :1234; attach with:" >&2
	echo "    gdb -ex 'target remote :1234' $KERNEL_DEBUG" >&2
fi

if [ -n "$QEMU_EXTRA" ]; then
	read -r -a extra <<<"$QEMU_EXTRA"
	args+=("${extra[@]}")
fi

cmd=("$QEMU" "${args[@]}")
if [ "$TIMEOUT" -gt 0 ]; then
	# --foreground keeps QEMU in our process group, so it can use the
	# terminal and Ctrl-C reaches it.
	cmd=(timeout --foreground -k 5 "$TIMEOUT" "${cmd[@]}")
fi

rc=0
if [ "$mode" = test ]; then
	"${cmd[@]}" <"${INPUT:-/dev/null}" || rc=$?
else
	"${cmd[@]}" || rc=$?
fi

if [ "$TIMEOUT" -gt 0 ] && { [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; }; then
	echo "$prog: timed out after $TIMEOUT s; QEMU stopped" >&2
	exit 124
fi
exit "$rc"
