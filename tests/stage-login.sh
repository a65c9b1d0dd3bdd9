#!/bin/bash
# Stage Debian's login programs for the guest: tests/stage-login.sh DIR
# makes DIR/login-root, a tree to copy onto the guest's / with PAM
# (libpam0g and the modules of libpam-modules the tests use), pamtester,
# sshd (openssh-server), ssh and ssh-keygen (openssh-client), util-linux's
# su, jq, every shared library they load and the dynamic loader. The
# packages are downloaded and unpacked, never installed: the host's own
# PAM stack and sshd are not touched.
#
# util-linux's su goes to /usr/local/bin/su, which is not on the guest's
# PATH: setuidgid (scripts/guest-setuidgid.sh) keeps using busybox's su,
# and the tests call this one by its full path.
set -euo pipefail

out=${1:?usage: $0 DIR}
root=$out/login-root
debs=$out/login-debs
stamp=$out/login-root.stamp
# The programs, then the libraries they load: downloaded too, so that the
# staging does not depend on what happens to be installed on the host
# (only libc6 is taken from the host).
packages=(libpam0g libpam-modules pamtester openssh-server openssh-client
	util-linux jq libjq1 libonig5
	libaudit1 libcap-ng0 libcap2 libcom-err2 libcrypt1 libssl3 libgcrypt20
	libgpg-error0 libgssapi-krb5-2 libk5crypto3 libkeyutils1 libkrb5-3
	libkrb5support0 liblz4-1 liblzma5 libpcre2-8-0 libselinux1 libsystemd0
	libwrap0 zlib1g libzstd1 libnsl2 libtirpc3)
# The PAM modules the tests' service files name (pam_exec runs a probe
# inside the session a stack opens).
pam_modules=(pam_permit pam_deny pam_rootok pam_env pam_exec)

want="${packages[*]} ${pam_modules[*]} $(dpkg-query -W -f='${Version}' libc6) $(sha256sum <"$0")"
if [[ -f $stamp && $(<"$stamp") == "$want" && -x $root/usr/sbin/sshd ]]; then
	echo "login-root: up to date"
	exit 0
fi

# shellcheck source=scripts/lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/../scripts/lib.sh"

rm -rf -- "$root" "$stamp"
mkdir -p -- "$root/usr/sbin" "$root/usr/bin" "$root/usr/local/bin" \
	"$root/lib/x86_64-linux-gnu/security"
ls_unpack_debs "$debs" "${packages[@]}"
unpacked=$debs/root
cp -- "$unpacked/usr/sbin/sshd" "$root/usr/sbin/"
for tool in ssh ssh-keygen pamtester jq; do
	cp -- "$unpacked/usr/bin/$tool" "$root/usr/bin/"
done
cp -- "$unpacked/bin/su" "$root/usr/local/bin/su"
for m in "${pam_modules[@]}"; do
	cp -- "$unpacked/lib/x86_64-linux-gnu/security/$m.so" \
		"$root/lib/x86_64-linux-gnu/security/"
done
ls_copy_libs "$root" "$unpacked" "$root"/usr/sbin/* "$root"/usr/bin/* \
	"$root"/usr/local/bin/* "$root"/lib/x86_64-linux-gnu/security/*.so
echo "$want" >"$stamp"
echo "login-root: $(du -sh -- "$root" | cut -f1) in $root"
