#!/bin/sh
# Runs inside the image's chroot (scripts/lib-image.sh): install the
# logonsess packages as an administrator would, then what the tests need:
# accounts, root's ssh key, a second serial console, the test runner.
set -eu
here=/tmp/logonsess-image
export DEBIAN_FRONTEND=noninteractive

# The administrator's path: dpkg -i, then the PAM profile.
dpkg -i "$here"/debs/*.deb
pam-auth-update --enable logonsess
grep -q pam_logonsess /etc/pam.d/common-session
grep -q pam_logonsess /etc/pam.d/common-session-noninteractive

echo logonsess-guest >/etc/hostname
printf '127.0.0.1\tlocalhost\n127.0.1.1\tlogonsess-guest\n' >/etc/hosts
printf '/dev/vda\t/\text4\trw,errors=remount-ro\t0\t1\n' >/etc/fstab
# A machine ID now: an empty one would make this a first boot, and
# systemd-firstboot would ask for a locale on the console.
rm -f /etc/machine-id
systemd-machine-id-setup

# Accounts (a test machine: documented passwords).
useradd -m -u 1000 -s /bin/bash user
useradd -m -u 1001 -s /bin/bash other
printf 'root:root\nuser:user\nother:other\n' | chpasswd
install -m 0440 "$here/sudoers" /etc/sudoers.d/logonsess-test

# root's key opens every account over ssh to this machine's own sshd.
install -d -m 0700 /root/.ssh
ssh-keygen -q -t ed25519 -N '' -f /root/.ssh/id_ed25519
install -m 0600 "$here/ssh_config" /root/.ssh/config
for home in /root /home/user /home/other; do
	owner=$(stat -c %U "$home")
	install -d -m 0700 -o "$owner" -g "$owner" "$home/.ssh"
	install -m 0600 -o "$owner" -g "$owner" /root/.ssh/id_ed25519.pub \
		"$home/.ssh/authorized_keys"
done

# A login prompt on the second serial port too (the console test logs in
# there; ttyS0 is the kernel's console).
systemctl enable serial-getty@ttyS1.service
# The test runner of build-qemu.sh --distro --run (only with
# logonsess.test on the kernel command line).
install -m 0755 "$here/logonsess-test-runner" /usr/local/sbin/
install -m 0644 "$here/logonsess-test.service" /etc/systemd/system/
systemctl enable logonsess-test.service
# Jobs that would compete with the tests under emulation.
systemctl mask apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer \
	e2scrub_reap.service fstrim.timer man-db.timer dpkg-db-backup.timer
