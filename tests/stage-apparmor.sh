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

rm -rf -- "$root" "$debs"
mkdir -p -- "$debs" "$root/sbin" "$root/lib64" "$root/lib/x86_64-linux-gnu"
(cd -- "$debs" && apt-get download "${packages[@]}" >/dev/null 2>&1) || {
	apt-get update -qq
	(cd -- "$debs" && apt-get download "${packages[@]}" >/dev/null)
}
unpacked=$debs/root
for deb in "$debs"/*.deb; do
	dpkg-deb -x "$deb" "$unpacked"
done
cp -- "$unpacked/sbin/apparmor_parser" "$root/sbin/"
mkdir -p -- "$root/etc/apparmor"
echo "# empty: compile for the features of the running kernel" \
	>"$root/etc/apparmor/parser.conf"

# Every library it loads (only libc: Debian links the rest statically),
# resolved against the unpacked package first and the host second.
libdirs=$unpacked/lib/x86_64-linux-gnu:$unpacked/usr/lib/x86_64-linux-gnu
LD_LIBRARY_PATH=$libdirs ldd "$root"/sbin/* |
	awk '/=> \// { print $3 }' | sort -u |
	while read -r lib; do
		cp -L -- "$lib" "$root/lib/x86_64-linux-gnu/"
	done
if LD_LIBRARY_PATH=$libdirs ldd "$root"/sbin/* | grep -q 'not found'; then
	echo "apparmor-root: unresolved libraries" >&2
	exit 1
fi
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
echo "$want" >"$stamp"
echo "apparmor-root: $(du -sh -- "$root" | cut -f1) in $root"
