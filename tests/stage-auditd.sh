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

# shellcheck source=scripts/lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/../scripts/lib.sh"

rm -rf -- "$root"
mkdir -p -- "$root/sbin"
ls_unpack_debs "$debs" "${packages[@]}"
for tool in auditd auditctl ausearch; do
	cp -- "$debs/root/sbin/$tool" "$root/sbin/"
done
ls_copy_libs "$root" "$debs/root" "$root"/sbin/*
echo "$want" >"$stamp"
echo "audit-root: $(du -sh -- "$root" | cut -f1) in $root"
