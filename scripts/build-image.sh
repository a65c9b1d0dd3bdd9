#!/bin/bash
# Build the Debian 12 root filesystem that `build-qemu.sh --distro` boots:
# an ext4 image made from Debian's own packages with mmdebstrap, with the
# logonsess userspace installed as .deb packages (scripts/build-debs.sh),
# as an administrator would install it. See --help.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

usage() {
	cat <<EOF
Usage: ${0##*/} [--output IMAGE]

Stages, each redone only when its inputs change:
  image-base   mmdebstrap of Debian 12 (bookworm) with systemd, sshd,
               cron, sudo, auditd ... into a tarball
  debs         the logonsess packages (scripts/build-debs.sh)
  image        the tarball unpacked, the packages installed with dpkg -i,
               pam-auth-update --enable logonsess, the test users and the
               test runner (scripts/distro/), packed with mkfs.ext4 -d

Default output: \$LOGONSESS_BUILD/image/debian.img (raw, ${LS_IMAGE_SIZE}).
The image's accounts: root (password root), user (1000, password user,
sudo without password), other (1001, password other); root's ssh key is
authorized for all three.
EOF
}

out=$LOGONSESS_BUILD/image/debian.img
while (($#)); do
	case $1 in
	--output) out=${2:?--output needs a file} && shift ;;
	-h | --help) usage && exit 0 ;;
	*) ls_die "unknown argument: $1 (see --help)" ;;
	esac
	shift
done
ls_build_image "$out"
