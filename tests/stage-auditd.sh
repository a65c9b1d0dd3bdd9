#!/bin/bash
# Stage Debian's auditd for the guest: tests/stage-auditd.sh DIR makes
# DIR/audit-root, a tree to copy onto the guest's / with auditd, auditctl
# and ausearch, every shared library they load and the dynamic loader.
# The packages are downloaded and unpacked, never installed: the host must
# not start an audit daemon of its own.
set -euo pipefail

out=${1:?usage: $0 DIR}
root=$out/audit-root
debs=$out/debs
stamp=$out/audit-root.stamp
packages=(auditd libaudit1 libauparse0 libcap-ng0 libwrap0
	libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0
	libkeyutils1 libcom-err2)

want="${packages[*]} $(dpkg-query -W -f='${Version}' libc6)"
if [[ -f $stamp && $(<"$stamp") == "$want" && -x $root/sbin/auditd ]]; then
	echo "audit-root: up to date"
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
for tool in auditd auditctl ausearch; do
	cp -- "$unpacked/sbin/$tool" "$root/sbin/"
done

# Every library the tools load, resolved against the unpacked packages
# first and the host (libc) second.
libdirs=$unpacked/lib/x86_64-linux-gnu:$unpacked/usr/lib/x86_64-linux-gnu
LD_LIBRARY_PATH=$libdirs ldd "$root"/sbin/* |
	awk '/=> \// { print $3 }' | sort -u |
	while read -r lib; do
		cp -L -- "$lib" "$root/lib/x86_64-linux-gnu/"
	done
if LD_LIBRARY_PATH=$libdirs ldd "$root"/sbin/* | grep -q 'not found'; then
	echo "audit-root: unresolved libraries" >&2
	exit 1
fi
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
echo "$want" >"$stamp"
echo "audit-root: $(du -sh -- "$root" | cut -f1) in $root"
