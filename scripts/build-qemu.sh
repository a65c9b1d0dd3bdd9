#!/bin/bash
# Build the logonsess kernel (Linux 6.12 + patches/*.patch) and boot it
# under QEMU.  See --help; the work is done by scripts/lib.sh.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

usage() {
	cat <<EOF
Usage: ${0##*/} [OPTIONS]

Build a small x86_64 kernel from Linux 6.12 plus the logonsess series
(patches/*.patch) and boot it in QEMU with a busybox initramfs.  Without
options: install missing packages, prepare the source, apply the series,
configure, build, and boot in demo mode (prints the LSM state and exits).

Options:
  --shell           boot to an interactive shell instead of the demo
                    (with --distro: to the login prompt of ttyS0)
  --distro          boot the Debian 12 image of scripts/build-image.sh
                    (systemd as PID 1, the logonsess packages installed)
                    instead of the busybox initramfs; --run and --add
                    files are on a second disk, run by the image's
                    logonsess-test.service, which then powers off
  --overlay FILE    with --distro: the image's writes go to this qcow2
                    file, created when missing and kept (a second boot
                    sees the first's); default: a throw-away one
  --serial2 SOCK    with --distro: ttyS1 (a login prompt) is a unix socket
                    QEMU listens on at SOCK
  --run FILE        copy FILE into the guest's /tests, run it there as root
                    instead of the demo; exit with its status
  --add PATH        also copy PATH (file or directory) into /tests
                    (repeatable; e.g. static test binaries)
  --append "ARGS"   extra kernel command line (e.g. "lsm=lockdown")
  --name NAME       object tree / configuration name (default: default)
  --fragment FILE   extra config fragment merged after .config.fragment
                    (repeatable; e.g. a debug variant, use with --name)
  --debug           the debug kernel: same as --name debug --fragment
                    .config.debug.fragment (KASAN, kmemleak, lockdep,
                    PROVE_RCU, DEBUG_ATOMIC_SLEEP, debugobjects)
  --build-only      stop after building the kernel
  --kvm             use KVM (default: TCG; KVM hangs on some machines)
  --timeout S       kill the guest after S seconds (default 600; no limit
                    for --shell unless given)
  --mem SIZE        guest memory (default 2G)
  --smp N           number of vCPUs (default 2)
  --qemu-arg ARG    one more argument for qemu-system-x86_64 (repeatable;
                    e.g. --qemu-arg -icount --qemu-arg shift=0,sleep=off)
  --ksrc PATH       build from your own 6.12 tree instead of the Debian
                    linux-source-6.12 tarball (same as KSRC=PATH)
  -h, --help        this text

Environment:
  LOGONSESS_BUILD   build directory (default /var/tmp/logonsess-build):
                    source repo linux/, object trees obj/NAME, logs/
  KSRC              your own kernel tree (as --ksrc)
  LOGONSESS_CONFIG_FRAGMENT
                    base fragment instead of .config.fragment (testing)

Exit status: in demo and --run modes the guest's status; 125 when the
guest did not finish (panic, hang, timeout); 1 on build errors.
EOF
}

name=default
mode=demo
run_file=
adds=()
fragments=()
build_only=0
boot_opts=()
distro=0
overlay=

need_arg() {
	(($# >= 2)) || ls_die "$1 needs an argument (see --help)"
}

while (($#)); do
	case $1 in
	--shell) mode=shell ;;
	--run) need_arg "$@" && mode=run run_file=$2 && shift ;;
	--add) need_arg "$@" && adds+=("$2") && shift ;;
	--append) need_arg "$@" && boot_opts+=(--append "$2") && shift ;;
	--name) need_arg "$@" && name=$2 && shift ;;
	--fragment) need_arg "$@" && fragments+=("$2") && shift ;;
	--debug) name=debug fragments+=("$LOGONSESS_TOP/.config.debug.fragment") ;;
	--build-only) build_only=1 ;;
	--distro) distro=1 ;;
	--overlay) need_arg "$@" && overlay=$2 && shift ;;
	--serial2) need_arg "$@" && boot_opts+=(--serial2 "$2") && shift ;;
	--kvm) boot_opts+=(--kvm) ;;
	--timeout) need_arg "$@" && boot_opts+=(--timeout "$2") && shift ;;
	--mem) need_arg "$@" && boot_opts+=(--mem "$2") && shift ;;
	--smp) need_arg "$@" && boot_opts+=(--smp "$2") && shift ;;
	--qemu-arg) need_arg "$@" && boot_opts+=(--qemu-arg "$2") && shift ;;
	--ksrc) need_arg "$@" && export KSRC=$2 && shift ;;
	-h | --help)
		usage
		exit 0
		;;
	*) ls_die "unknown argument: $1 (see --help)" ;;
	esac
	shift
done

[[ $name =~ ^[A-Za-z0-9._-]+$ && $name != .* ]] || ls_die "bad --name: $name"
# Check the user's paths now rather than after a 10-minute build.
for f in "${fragments[@]}" "${adds[@]}" ${run_file:+"$run_file"}; do
	[[ -e $f ]] || ls_die "no such file: $f"
done
[[ -z $run_file || -f $run_file ]] || ls_die "--run needs a regular file: $run_file"

ls_lock
# Convenience symlink in the clone (git-ignored as /build).
if [[ ! -e $LOGONSESS_TOP/build && ! -L $LOGONSESS_TOP/build ]]; then
	ln -s -- "$LOGONSESS_BUILD" "$LOGONSESS_TOP/build" ||
		ls_log "warning: cannot create $LOGONSESS_TOP/build"
fi

t=$SECONDS
ls_ensure_deps
ls_log "deps ... ok ($((SECONDS - t))s)"
ls_stage source ls_ensure_source
ls_stage patches ls_apply_series
ls_stage "config-$name" ls_config "$name" "${fragments[@]}"
ls_stage "kernel-$name" ls_build "$name"
if ((build_only)); then
	ls_log "kernel: $LOGONSESS_BUILD/obj/$name/arch/x86/boot/bzImage"
	exit 0
fi
# Boot private copies, made under the lock: another build may replace the
# originals while this guest runs.
private=$(mktemp -d "${TMPDIR:-/tmp}/logonsess-run.XXXXXX") || ls_die "mktemp failed"
trap 'rm -rf -- "$private"' EXIT
cp -- "$LOGONSESS_BUILD/obj/$name/arch/x86/boot/bzImage" "$private/" ||
	ls_die "cannot copy the kernel to $private"
if ((distro)); then
	# shellcheck source=scripts/lib-image.sh
	. "$LOGONSESS_TOP/scripts/lib-image.sh"
	image=$LOGONSESS_BUILD/image/debian.img
	ls_build_image "$image"
	boot_opts+=(--image "$image" --overlay "${overlay:-$private/overlay.qcow2}")
	if [[ $mode != shell ]]; then
		mkdir -p -- "$private/tests" || ls_die "mkdir failed"
		for f in "${adds[@]}" ${run_file:+"$run_file"}; do
			cp -a -- "$f" "$private/tests/" || ls_die "copying $f failed"
		done
		ls_tests_disk "$private/tests" "$mode${run_file:+ ${run_file##*/}}" "$private/tests.img"
		boot_opts+=(--tests-disk "$private/tests.img")
	fi
else
	[[ -z $overlay ]] || ls_die "--overlay needs --distro"
	ls_stage "initramfs-$name" ls_initramfs "$name" "${adds[@]}" ${run_file:+"$run_file"}
	cp -- "$LOGONSESS_BUILD/obj/$name/initramfs.cpio.gz" "$private/" ||
		ls_die "cannot copy the initramfs to $private"
	boot_opts+=(--initrd "$private/initramfs.cpio.gz")
fi
ls_unlock
boot_opts+=(--kernel "$private/bzImage")

status=0
case $mode in
run) ls_boot "$name" run "${run_file##*/}" "${boot_opts[@]}" || status=$? ;;
*) ls_boot "$name" "$mode" "${boot_opts[@]}" || status=$? ;;
esac
exit "$status"
