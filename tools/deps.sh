#!/bin/sh
# deps.sh: install the Debian packages the build, the image and the tests need.
#
# Idempotent: asks dpkg which packages are missing and installs only those,
# through sudo when not root.  It also makes sure apt has package lists:
# tools/debroot.sh fetches the guest's userland with `apt-get download`
# (dpkg-deb, from dpkg, unpacks it; readelf, from binutils, checks it).  Called by `make run`, `make test` and .ci/run,
# so a fresh Debian 12 machine needs nothing but this repository.
set -eu

PKGS="make clang lld llvm binutils qemu-system-x86 grub-pc-bin grub-common \
e2fsprogs fdisk kyua atf-sh libatf-dev gdb dpkg-dev coreutils gawk \
cpio libc6-dev dpkg fakeroot apt"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

# apt-get download needs package lists (a fresh container may have none).
lists=yes
apt-cache show --no-all-versions busybox-static >/dev/null 2>&1 || lists=no

[ -z "$missing" ] && [ "$lists" = yes ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
else
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || echo "deps: apt-get update failed; trying the cached lists" >&2
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing" >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
