#!/bin/bash
# Stage Debian's AppArmor policy compiler for the guest:
# tests/stage-apparmor.sh DIR makes DIR/apparmor-root, a tree to copy onto
# the guest's / with apparmor_parser, every shared library it loads and
# the dynamic loader. The package is downloaded and unpacked, never
# installed: the host's own LSM setup is not touched. Debian's parser.conf
# (which pins an older feature ABI) is left out: in the guest the parser
# compiles for the features of the kernel it runs on.
set -euo pipefail

out=${1:?usage: $0 DIR}
root=$out/apparmor-root
debs=$out/apparmor-debs
stamp=$out/apparmor-root.stamp
packages=(apparmor)

want="${packages[*]} $(dpkg-query -W -f='${Version}' libc6)"
if [[ -f $stamp && $(<"$stamp") == "$want" && -x $root/sbin/apparmor_parser ]]; then
	echo "apparmor-root: up to date"
	exit 0
fi

# shellcheck source=scripts/lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/../scripts/lib.sh"

rm -rf -- "$root"
mkdir -p -- "$root/sbin" "$root/etc/apparmor"
ls_unpack_debs "$debs" "${packages[@]}"
cp -- "$debs/root/sbin/apparmor_parser" "$root/sbin/"
echo "# empty: compile for the features of the running kernel" \
	>"$root/etc/apparmor/parser.conf"
# Only libc: Debian links the rest statically.
ls_copy_libs "$root" "$debs/root" "$root"/sbin/*
echo "$want" >"$stamp"
echo "apparmor-root: $(du -sh -- "$root" | cut -f1) in $root"
