# shellcheck shell=bash
# scripts/lib-image.sh -- the Debian 12 image that build-qemu.sh --distro
# boots (scripts/build-image.sh). Source it after scripts/lib.sh.
#
# Layout, outside the clone like the kernel trees:
#   $LOGONSESS_BUILD/image/base.tar    mmdebstrap's output (image-base)
#   $LOGONSESS_BUILD/image/debian.img  the bootable ext4 image (image)
#   $LOGONSESS_BUILD/debs/out          the packages (scripts/build-debs.sh)

# Size of the ext4 image (sparse: it holds ~300 MB).
LS_IMAGE_SIZE=2G
# Debian's suite and mirror (LOGONSESS_MIRROR: a local mirror or proxy).
LS_IMAGE_SUITE=bookworm
LS_IMAGE_MIRROR=${LOGONSESS_MIRROR:-http://deb.debian.org/debian}
LS_IMAGE_SECURITY=${LOGONSESS_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
# What the distribution tests drive: PID 1, udev (device units: the
# gettys wait for theirs), logind and D-Bus, the login
# programs, cron, the audit daemon, and jq for the tests' JSON checks.
LS_IMAGE_PACKAGES=(systemd systemd-sysv udev dbus libpam-systemd openssh-server
	openssh-client cron sudo auditd login util-linux procps jq)
# The image's test runner and its configuration (copied into the image).
LS_IMAGE_FILES=$LOGONSESS_TOP/scripts/distro

_ls_sha256() {
	local sum
	sum=$(sha256sum) || return 1
	printf '%s\n' "${sum%% *}"
}

# _ls_image_base TAR: mmdebstrap of LS_IMAGE_PACKAGES into TAR, redone
# only when the suite, the mirrors or the package list change.
_ls_image_base() {
	local tar=$1 stamp=$1.stamp want include
	want=$(printf '%s\n' "image-base v1" "$LS_IMAGE_SUITE" "$LS_IMAGE_MIRROR" \
		"$LS_IMAGE_SECURITY" "${LS_IMAGE_PACKAGES[@]}" | _ls_sha256) ||
		ls_die "hashing the image inputs failed"
	if [[ -f $tar && -f $stamp && $(<"$stamp") == "$want" ]]; then
		ls_note "base unchanged ($(du -h -- "$tar" | cut -f1))"
		return 0
	fi
	rm -f -- "$stamp" "$tar.tmp"
	include=$(IFS=, && echo "${LS_IMAGE_PACKAGES[*]}")
	mmdebstrap --variant=minbase --format=tar --include="$include" \
		"$LS_IMAGE_SUITE" "$tar.tmp" \
		"deb $LS_IMAGE_MIRROR $LS_IMAGE_SUITE main" \
		"deb $LS_IMAGE_MIRROR $LS_IMAGE_SUITE-updates main" \
		"deb $LS_IMAGE_SECURITY $LS_IMAGE_SUITE-security main" ||
		ls_die "mmdebstrap failed"
	mv -- "$tar.tmp" "$tar" || ls_die "cannot write $tar"
	printf '%s\n' "$want" >"$stamp" || ls_die "cannot write $stamp"
	ls_note "base: ${#LS_IMAGE_PACKAGES[@]} packages and their dependencies, $(du -h -- "$tar" | cut -f1)"
}

# _ls_image IMG TAR DEBDIR: TAR unpacked, the packages of DEBDIR
# installed and scripts/distro/setup.sh run in it (a chroot in a mount
# namespace of its own: nothing stays mounted), packed into IMG.
_ls_image() {
	local img=$1 tar=$2 debs=$3 stamp=$1.stamp want root
	want=$({
		echo "image v1 $LS_IMAGE_SIZE"
		cat -- "$tar.stamp" "$LOGONSESS_TOP/scripts/lib-image.sh"
		find "$LS_IMAGE_FILES" "$debs" -maxdepth 1 -type f -print0 |
			LC_ALL=C sort -z | xargs -0 sha256sum | sed 's|  .*/|  |'
	} | _ls_sha256) || ls_die "hashing the image inputs failed"
	if [[ -f $img && -f $stamp && $(<"$stamp") == "$want" ]]; then
		ls_note "image unchanged"
		return 0
	fi
	rm -f -- "$stamp"
	root=$img.root
	rm -rf -- "$root" || ls_die "cannot remove $root"
	mkdir -p -- "$root" || ls_die "cannot create $root"
	tar -C "$root" --numeric-owner --xattrs --xattrs-include='*' -xpf "$tar" ||
		ls_die "unpacking $tar failed"
	mkdir -p -- "$root/tmp/logonsess-image/debs" || ls_die "mkdir failed"
	cp -- "$debs"/*.deb "$root/tmp/logonsess-image/debs/" || ls_die "no packages in $debs"
	cp -a -- "$LS_IMAGE_FILES/." "$root/tmp/logonsess-image/" || ls_die "copying $LS_IMAGE_FILES failed"
	unshare --mount --propagation private sh -euc '
		root=$1
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		mount -t sysfs sysfs "$root/sys"
		chroot "$root" /bin/sh /tmp/logonsess-image/setup.sh
	' sh "$root" || ls_die "setting up the image failed (scripts/distro/setup.sh)"
	rm -rf -- "$root/tmp/logonsess-image"
	rm -f -- "$img.tmp"
	mkfs.ext4 -q -F -L logonsess-root -d "$root" "$img.tmp" "$LS_IMAGE_SIZE" ||
		ls_die "mkfs.ext4 -d failed"
	rm -rf -- "$root"
	mv -- "$img.tmp" "$img" || ls_die "cannot write $img"
	printf '%s\n' "$want" >"$stamp" || ls_die "cannot write $stamp"
	ls_note "$(du -h -- "$img" | cut -f1) used of $LS_IMAGE_SIZE"
}

# ls_build_image IMG: the three stages (image-base, debs, image), each with
# its progress line; IMG is the bootable image.
ls_build_image() {
	local img=$1 dir=$LOGONSESS_BUILD/image debs=$LOGONSESS_BUILD/debs/out
	ls_ensure_deps mmdebstrap e2fsprogs qemu-utils
	mkdir -p -- "$dir" "${img%/*}" || ls_die "cannot create $dir"
	ls_lock_image
	ls_stage image-base _ls_image_base "$dir/base.tar"
	"$LOGONSESS_TOP/scripts/build-debs.sh" "$debs" || ls_die "building the packages failed"
	ls_stage image _ls_image "$img" "$dir/base.tar" "$debs"
	ls_unlock_image
}

# The image has a lock of its own: build-qemu.sh holds the kernel's lock
# while it builds the image.
ls_lock_image() {
	_ls_flock 8 "$LOGONSESS_BUILD/image/.lock" "another build of the image"
}

ls_unlock_image() {
	exec 8>&-
}

# ls_tests_disk DIR MODE IMG: an ext4 image IMG (label LSTESTS) of DIR's
# files and DIR/.mode = MODE, the test runner's input in the image.
ls_tests_disk() {
	local dir=$1 mode=$2 img=$3
	printf '%s\n' "$mode" >"$dir/.mode" || ls_die "cannot write $dir/.mode"
	mkfs.ext4 -q -F -L LSTESTS -d "$dir" "$img" 256M || ls_die "mkfs.ext4 $img failed"
}
