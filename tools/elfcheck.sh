#!/bin/sh
# elfcheck.sh: check that every dynamic ELF file in a staging root can
# be loaded there: its interpreter (PT_INTERP) and every library it
# names (DT_NEEDED) exist in the stage.  Libraries are looked for where
# Debian's ld.so looks without an ld.so.cache: /lib/x86_64-linux-gnu,
# /usr/lib/x86_64-linux-gnu, /lib, /usr/lib, and the file's own
# DT_RUNPATH/DT_RPATH directories ($ORIGIN resolved).
#
# Usage: tools/elfcheck.sh STAGEDIR
#
# Prints nothing and exits 0 when everything resolves; otherwise lists
# each `FILE: missing LIB` and exits 1.  Symlinks in the stage are
# resolved inside it (absolute targets are relative to the stage).
set -eu

prog=elfcheck

[ $# -eq 1 ] || { echo "usage: $0 STAGEDIR" >&2; exit 2; }
STAGE=$1
command -v readelf >/dev/null 2>&1 || { echo "$prog: no readelf" >&2; exit 2; }

# exists PATH: PATH (absolute, in the guest) names a file in the stage,
# following the stage's symlinks (at most 16).
exists() {
	p=$1
	n=0
	while [ $n -lt 16 ]; do
		if [ -L "$STAGE$p" ]; then
			t=$(readlink "$STAGE$p")
			case $t in
			/*) p=$t ;;
			*) p=$(dirname "$p")/$t ;;
			esac
			n=$((n + 1))
			continue
		fi
		[ -f "$STAGE$p" ]
		return
	done
	return 1
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
# One readelf over every file (batched by xargs; busybox, a static ELF
# that is always there, goes first in each batch so that readelf names
# every file with a "File:" line); non-ELF files only make it complain
# on stderr.  awk turns its output into "needs FILE KIND NAME DIRS"
# lines: KIND is interp or lib, DIRS the run paths.
find "$STAGE" -type f ! -path "$STAGE/boot/*" -print0 |
    xargs -0 readelf -ldW "$STAGE/bin/busybox" 2>/dev/null |
    awk -v stage="$STAGE" '
	function flush() {
		if (file == "")
			return
		# One line per distinct library and run path ($ORIGIN: per
		# directory): the first file that needs it names it.
		d = file; sub(/\/[^\/]*$/, "", d)
		for (i = 1; i <= n; i++) {
			k = "lib " need[i] " " rp (rp ~ /ORIGIN/ ? d : "")
			if (!(k in seen)) {
				seen[k] = 1
				print file, "lib", need[i], (rp == "" ? "-" : rp)
			}
		}
		if (interp != "" && !(("interp " interp) in seen)) {
			seen["interp " interp] = 1
			print file, "interp", interp, "-"
		}
	}
	/^File: / {
		flush()
		file = substr($0, 7); sub("^" stage, "", file)
		n = 0; interp = ""; rp = ""
		next
	}
	/Requesting program interpreter:/ {
		interp = $0; sub(/.*interpreter: /, "", interp); sub(/\].*/, "", interp)
	}
	/\((NEEDED|RUNPATH|RPATH)\)/ {
		v = $0; sub(/.*\[/, "", v); sub(/\].*/, "", v)
		if ($0 ~ /NEEDED/)
			need[++n] = v
		else
			rp = v
	}
	END { flush() }' |
    while read -r rel kind name rp; do
	if [ "$kind" = interp ]; then
		exists "$name" || echo "$rel: missing interpreter $name"
		continue
	fi
	dir=$(dirname "$rel")
	paths=
	[ "$rp" = - ] || paths=$(echo "$rp" | tr ':' ' ' | sed "s|\\\$ORIGIN|$dir|g")
	found=
	for d in $paths /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu \
	    /lib /usr/lib; do
		if exists "$d/$name"; then
			found=1
			break
		fi
	done
	[ -n "$found" ] || echo "$rel: missing $name"
done >"$out"
if [ -s "$out" ]; then
	echo "$prog: libraries missing from $STAGE:" >&2
	sed 's/^/  /' "$out" >&2
	exit 1
fi
exit 0
