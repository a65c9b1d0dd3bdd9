#!/bin/bash
# The logonsess test suite: what CI runs (.ci/run) and what README tells
# you to run. Each group prints TAP lines; the last line is the total,
# "N passed, N failed". The exit status is non-zero if anything failed.
#
#   tests/run.sh              everything
#   tests/run.sh GROUP...     some of: series static unit guest distro
#                             stack kunit stress bench; or one part of guest:
#                             guest-core guest-selftests guest-label-ext4
#                             guest-audit guest-login
#   tests/run.sh stress-long  the debug kernel under stress for 10 minutes
#                             of guest time (before a release)
#
# The kernel is built once (scripts/build-qemu.sh --build-only: packages,
# pristine source, `git am` of patches/, configuration, build) and every
# guest group boots that same kernel. Logs: $LOGONSESS_BUILD/logs/.
set -uo pipefail

top=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
. "$top/scripts/lib.sh"

groups=("$@")
((${#groups[@]})) || groups=(series static unit guest distro stack kunit stress bench)

logs=$LOGONSESS_BUILD/logs/tests
mkdir -p "$logs"
# What the checks need beyond the build: sparse, checkpatch's SPDX
# checker (python3-ply, python3-git), PAM's and zlib's headers for
# userspace/, and for its eBPF agent clang, bpftool and libbpf-dev (with
# libzstd-dev, which the static libelf needs).
ls_ensure_deps sparse python3-ply python3-git libpam0g-dev zlib1g-dev \
	clang bpftool libbpf-dev libzstd-dev
passed=0
failed=0
start=$SECONDS

# tally NAME LOG STATUS: count the TAP lines of a group's log; a group that
# failed without saying which test failed counts as one failure.
tally() {
	local name=$1 log=$2 status=$3 ok notok
	ok=$(grep -cE '^ok [0-9]+' "$log")
	notok=$(grep -cE '^not ok [0-9]+' "$log")
	if ((status != 0 && notok == 0)); then
		notok=1
		echo "not ok - $name exited with status $status (log: $log)"
		tail -n 30 "$log" | sed 's/^/#   /'
	fi
	passed=$((passed + ok))
	failed=$((failed + notok))
	echo "# $name: $ok passed, $notok failed ($((SECONDS - start))s so far)"
}

# group NAME COMMAND...: run a group, show its output, tally it.
group() {
	local name=$1 log=$logs/$1.log status
	shift
	echo "# === $name"
	"$@" 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	tally "$name" "$log" "$status"
}

guest() { # guest TEST [build-qemu options]: run tests/guest/TEST in QEMU
	local test=$1
	shift
	"$top/scripts/build-qemu.sh" --run "$top/tests/guest/$test" \
		--add "$top/tests/guest/tap.sh" --timeout 900 "$@"
}

series_check() {
	echo "# applying patches/ with git am and building the kernel"
	if "$top/scripts/build-qemu.sh" --build-only; then
		echo "ok 1 - patches/ applies with git am to the pristine tree and builds"
	else
		echo "not ok 1 - patches/ applies with git am to the pristine tree and builds"
		return 1
	fi
	if "$top/scripts/gen-patches.py" --check; then
		echo "ok 2 - patches/ is what scripts/gen-patches.py makes of the overlay"
	else
		echo "not ok 2 - patches/ is what scripts/gen-patches.py makes of the overlay"
	fi
}

# The kselftests, built statically against the headers of the kernel
# under test (selftests_build: the headers of obj/default, the guest
# kernel; the binaries go to obj/selftests), then run in the guest.
selftests_build() {
	local obj=$LOGONSESS_BUILD/obj/default out=$LOGONSESS_BUILD/obj/selftests
	mkdir -p "$out"
	if ! ls_stage selftests-build sh -c "
		make -s -C '$LOGONSESS_SRC' O='$obj' headers &&
		make -C '$LOGONSESS_SRC/tools/testing/selftests/logonsess' \
			OUTPUT='$out' KHDR_INCLUDES='-isystem $obj/usr/include'"; then
		echo "not ok 1 - build tools/testing/selftests/logonsess"
		return 1
	fi
}

# The upstream LSM syscall kselftests (tools/testing/selftests/lsm/ of the
# source with the series applied: lsm_get_self_attr, lsm_set_self_attr,
# lsm_list_modules), built the same way, into obj/selftests-lsm; the stack
# boots run them. After selftests_build (the headers).
lsm_selftests=(lsm_get_self_attr_test lsm_set_self_attr_test lsm_list_modules_test)
lsm_selftests_build() {
	local obj=$LOGONSESS_BUILD/obj/default out=$LOGONSESS_BUILD/obj/selftests-lsm
	mkdir -p "$out"
	if ! ls_stage selftests-lsm-build \
		make -C "$LOGONSESS_SRC/tools/testing/selftests/lsm" \
		OUTPUT="$out" KHDR_INCLUDES="-isystem $obj/usr/include" LDFLAGS=-static; then
		echo "not ok 1 - build tools/testing/selftests/lsm"
		return 1
	fi
}

selftests() {
	selftests_build || return 1
	guest selftests.sh --add "$LOGONSESS_BUILD/obj/selftests/logonsess_test" \
		--add "$LOGONSESS_BUILD/obj/selftests/label_test"
}

# core.sh; then init_threads as PID 1 of a boot of its own: the session
# of a thread of init cannot be logged off.
core() {
	local out=$LOGONSESS_BUILD/obj/core st
	guest core.sh
	st=$?
	mkdir -p "$out"
	if ! gcc -O2 -Wall -Wextra -Werror -static -pthread \
		-o "$out/init_threads" "$top/tests/guest/init_threads.c"; then
		echo "not ok 1 - build tests/guest/init_threads.c"
		return 1
	fi
	"$top/scripts/build-qemu.sh" --run "$out/init_threads" \
		--append "rdinit=/tests/init_threads" --timeout 300 || st=1
	return "$st"
}

# static_xattr DIR: DIR/xattr, tests/guest/xattr.c built static (the
# guests' getfattr/setfattr of security.logonsess).
static_xattr() {
	if ! gcc -O2 -Wall -Wextra -Werror -static -o "$1/xattr" \
		"$top/tests/guest/xattr.c"; then
		echo "not ok 1 - build tests/guest/xattr.c"
		return 1
	fi
}

# Labels on ext4 across a reboot: an empty ext4 image made here, then two
# boots of the default kernel with it as /dev/vda (label-ext4.sh labels a
# directory in the first and checks it in the second).
label_ext4() {
	local out=$LOGONSESS_BUILD/obj/label-ext4 img boot
	img=$out/disk.img
	mkdir -p "$out"
	static_xattr "$out" || return 1
	rm -f "$img"
	if ! truncate -s 16M "$img" || ! mkfs.ext4 -q -F "$img"; then
		echo "not ok 1 - make an ext4 image"
		return 1
	fi
	damaged_ext4 "$out" || return 1
	for boot in 1 2; do
		echo "# boot $boot"
		guest label-ext4.sh --add "$out/xattr" \
			--qemu-arg -drive --qemu-arg "file=$img,format=raw,if=virtio" \
			--qemu-arg -drive --qemu-arg "file=$out/damaged.img,format=raw,if=virtio" ||
			return 1
	done
}

# damaged_ext4 DIR: DIR/damaged.img, an ext4 filesystem (metadata_csum)
# whose file /f has its attributes, a label among them, in an external
# block (128-byte inodes have no room for them) with a byte changed:
# reading any attribute of /f fails with EFSBADCRC. Mode 0604: with group
# bits, ext4's POSIX ACL check (CONFIG_EXT4_FS_POSIX_ACL, which systemd
# wants) would read the block first and fail the open with EBADMSG before
# logonsess is asked.
damaged_ext4() {
	local img=$1/damaged.img block
	rm -f "$img"
	printf 'secret\n' >"$1/secret.txt"
	if ! truncate -s 8M "$img" || ! mkfs.ext4 -q -F -I 128 -b 1024 "$img" 2>/dev/null ||
		! debugfs -w -R "write $1/secret.txt f" "$img" >/dev/null 2>&1 ||
		! debugfs -w -R "ea_set f security.logonsess S-1-5-5-0-1000" "$img" >/dev/null 2>&1 ||
		! debugfs -w -R "sif f mode 0100604" "$img" >/dev/null 2>&1; then
		echo "not ok 1 - make an ext4 image with a file with attributes"
		return 1
	fi
	block=$(debugfs -R "stat f" "$img" 2>/dev/null | sed -n 's/^File ACL: \([0-9]*\).*/\1/p')
	if [ -z "$block" ] || [ "$block" = 0 ] ||
		! printf 'X' | dd of="$img" bs=1 seek=$((block * 1024 + 1000)) conv=notrunc status=none; then
		echo "not ok 1 - damage the attribute block of /f (block '$block')"
		return 1
	fi
}

# The audit records, checked with Debian's auditd in the guest; the
# selftest binary makes the refused (EPERM) writes; audit_stall is an audit
# daemon that stops reading (a full backlog).
audit() {
	local out=$LOGONSESS_BUILD/obj/audit
	if ! ls_stage auditd-stage "$top/tests/stage-auditd.sh" "$out"; then
		echo "not ok 1 - stage Debian's auditd for the guest"
		return 1
	fi
	if ! gcc -O2 -Wall -Wextra -Werror -static -pthread -o "$out/audit_stall" \
		"$top/tests/guest/audit_stall.c"; then
		echo "not ok 1 - build tests/guest/audit_stall.c"
		return 1
	fi
	guest audit.sh --add "$out/audit-root" \
		--add "$top/tests/guest/auditd.conf" \
		--add "$out/audit_stall" \
		--add "$LOGONSESS_BUILD/obj/selftests/logonsess_test" \
		--add "$LOGONSESS_BUILD/obj/selftests/label_test"
}

# Userspace with real login programs (issue 11): userspace/ built and
# installed (make DESTDIR=...) from a copy of the clone's sources, so that
# the suite never writes into the clone and always builds from scratch;
# Debian's PAM, pamtester, sshd, ssh, su and jq staged by
# tests/stage-login.sh, in $LOGONSESS_LOGIN_OBJ (default obj/login; two
# runs at once need two). login_stage prints a `not ok` line if either
# fails.
login_obj=${LOGONSESS_LOGIN_OBJ:-$LOGONSESS_BUILD/obj/login}
login_stage() {
	local out=$login_obj
	mkdir -p "$out"
	if ! ls_stage userspace-build sh -c "
		rm -rf '$out/src' '$out/userspace-root' &&
		mkdir -p '$out/src/include' &&
		cp -a '$top/userspace' '$out/src/' &&
		cp -a '$top/include/uapi' '$out/src/include/' &&
		make -C '$out/src/userspace' clean &&
		make -C '$out/src/userspace' &&
		make -C '$out/src/userspace' DESTDIR='$out/userspace-root' install"; then
		echo "not ok 1 - build and install userspace/ (make, make DESTDIR=... install)"
		return 1
	fi
	# The example eBPF agent (issue 20), static: the guest has no libbpf.
	if ! ls_stage agent-build make -C "$out/src/userspace" agent LDFLAGS=-static \
		AGENT_LIBS='-lbpf -lelf -lz -lzstd'; then
		echo "not ok 1 - build userspace/agent (make agent)"
		return 1
	fi
	cp "$out/src/userspace/agent/logonsess-execsnoop" "$out/"
	# The kfuncs' own test, BPF LSM programs on cred_prepare and cred_free;
	# the asm/ headers from the multiarch directory, as userspace/Makefile.
	if ! clang -O2 -g -Wall -Werror -target bpf -I/usr/include/"$(gcc -print-multiarch)" \
		-c -o "$out/kfuncs.bpf.o" "$top/tests/guest/kfuncs.bpf.c" ||
		! bpftool gen skeleton "$out/kfuncs.bpf.o" name kfuncs_bpf >"$out/kfuncs.skel.h" ||
		! gcc -O2 -Wall -Wextra -Werror -static -I"$out" -o "$out/kfuncs" \
			"$top/tests/guest/kfuncs.c" -lbpf -lelf -lz -lzstd; then
		echo "not ok 1 - build tests/guest/kfuncs.bpf.c and kfuncs.c"
		return 1
	fi

	if ! ls_stage login-stage "$top/tests/stage-login.sh" "$out"; then
		echo "not ok 1 - stage Debian's PAM, pamtester, sshd, ssh and su for the guest"
		return 1
	fi
	# The library's own test (linked to the library just built), the
	# security.logonsess tool of the tmpdir= checks, and sdpam, which
	# closes a PAM session after dropping to the user as (sd-pam) does.
	if ! gcc -O2 -Wall -Wextra -Werror -I"$out/src/userspace/include" \
		-o "$out/liblogonsess_test" "$top/tests/guest/liblogonsess_test.c" \
		-L"$out/src/userspace" -llogonsess ||
		! gcc -O2 -Wall -Wextra -Werror -static -o "$out/xattr" \
			"$top/tests/guest/xattr.c" ||
		! gcc -O2 -Wall -Wextra -Werror -o "$out/sdpam" \
			"$top/tests/guest/sdpam.c" -lpam; then
		echo "not ok 1 - build tests/guest/liblogonsess_test.c, xattr.c and sdpam.c"
		return 1
	fi
}

# login.sh: pamtester, sshd on 127.0.0.1 and su with pam_logonsess, and
# the logonsessions tool against the kernel's files; login-off.sh: the
# same programs on a kernel booted without logonsess.
login() {
	login_stage || return 1
	guest login.sh --add "$login_obj/login-root" \
		--add "$login_obj/userspace-root" \
		--add "$login_obj/liblogonsess_test" \
		--add "$login_obj/xattr" --add "$login_obj/sdpam" \
		--add "$login_obj/logonsess-execsnoop" --add "$login_obj/kfuncs"
}

login_off() {
	login_stage || return 1
	guest login-off.sh --add "$login_obj/login-root" \
		--add "$login_obj/userspace-root" \
		--add "$login_obj/logonsess-execsnoop" --append "lsm=capability"
}

# Debian 12 booted with systemd (issue 18): scripts/build-image.sh's image
# (mmdebstrap, the logonsess .debs installed with dpkg -i) booted twice on
# one copy-on-write disk, tests/guest/distro.sh run by the image's
# logonsess-test.service each time. Boot 1 also gets a console login on
# ttyS1, typed by tests/distro-console.py, and ends with a reboot while
# sessions are live (boot 2 with a power-off); the host checks that each boot powered off cleanly
# and that the kernel said nothing alarming. Boot 3 is what an
# administrator gets from build-qemu.sh --distro --shell: a root login on
# the console, and ssh user@localhost from there.
distro() {
	local out=$LOGONSESS_BUILD/obj/distro boot st log failed=0 what
	local sock console_pid=
	mkdir -p "$out"
	static_xattr "$out" || return 1
	rm -f "$out/overlay.qcow2"
	sock=$out/ttyS1.sock
	for boot in 1 2; do
		echo "# boot $boot"
		log=$logs/distro-boot$boot.log
		if ((boot == 1)); then
			rm -f "$sock" "$out/console.log"
			python3 "$top/tests/distro-console.py" socket "$sock" user user \
				"$out/console.log" &
			console_pid=$!
		fi
		"$top/scripts/build-qemu.sh" --distro --run "$top/tests/guest/distro.sh" \
			--add "$top/tests/guest/tap.sh" --add "$top/tests/guest/distro-boot2.sh" \
			--add "$out/xattr" --overlay "$out/overlay.qcow2" --timeout 1500 \
			${console_pid:+--serial2 "$sock"} 2>&1 | tee "$log"
		st=${PIPESTATUS[0]}
		((st == 0)) || failed=1
		if ((st == 125)); then
			echo "not ok 998 - boot $boot: the guest finished its test (status $st)"
		fi
		# Boot 1 asks for a reboot, boot 2 for a power-off.
		what=("" "reboot: Restarting system" "reboot: Power down")
		if grep -q "${what[boot]}" "$log"; then
			echo "ok 996 - boot $boot: systemd's shutdown completed with sessions live (${what[boot]})"
		else
			echo "not ok 996 - boot $boot: systemd's shutdown completed with sessions live (${what[boot]})"
			failed=1
		fi
		if grep -nE 'BUG:|WARNING:|Oops|general protection|hung_task|Call Trace:' "$log" |
			sed 's/^/#   /' | grep .; then
			echo "not ok 997 - boot $boot: no BUG, WARNING or Oops in the kernel log"
			failed=1
		else
			echo "ok 997 - boot $boot: no BUG, WARNING or Oops in the kernel log"
		fi
		if [[ -n $console_pid ]]; then
			if wait "$console_pid"; then
				echo "ok 995 - boot 1: logged in on ttyS1 (tests/distro-console.py)"
			else
				echo "not ok 995 - boot 1: logged in on ttyS1 (log $out/console.log)"
				failed=1
			fi
			console_pid=
		fi
	done
	# What an administrator gets: a login prompt on the console.
	echo "# boot 3: --distro --shell"
	python3 "$top/tests/distro-console.py" shell "$out/shell.log" -- \
		"$top/scripts/build-qemu.sh" --distro --shell --timeout 900 || failed=1
	return "$failed"
}

# logonsess stacked with the LSMs distributions run: SELinux, AppArmor,
# Smack, Landlock and Yama are built into the guest kernel
# (.config.fragment), which boots once per lsm= list, with logonsess
# before and after every peer. SELinux, AppArmor and Smack
# exclude one another, so each boot has one of them. Each boot runs
# tests/guest/stack.sh: the module list, core.sh, the kselftests (of
# logonsess and the upstream LSM syscall ones),
# overlayfs from a logged-off session, AppArmor's view of `sessions`, and
# a clean kernel log.
# shellcheck disable=SC2054 # commas: they are lsm= lists
stack_lsms=(
	capability,logonsess,landlock,yama,selinux
	capability,selinux,yama,landlock,logonsess
	capability,logonsess,landlock,yama,apparmor
	capability,apparmor,yama,landlock,logonsess
	capability,logonsess,landlock,yama,smack
	capability,smack,yama,landlock,logonsess
)

stack_boots() {
	local aa=$LOGONSESS_BUILD/obj/apparmor
	local tests=$LOGONSESS_BUILD/obj/selftests lsm t st failed=0
	local boot_log=$logs/stack-boot.log lsm_tests=() p
	if ! "$top/scripts/build-qemu.sh" --build-only; then
		echo "not ok 1 - build the guest kernel"
		return 1
	fi
	selftests_build || return 1
	lsm_selftests_build || return 1
	for p in "${lsm_selftests[@]}"; do
		lsm_tests+=(--add "$LOGONSESS_BUILD/obj/selftests-lsm/$p")
	done
	if ! ls_stage apparmor-stage "$top/tests/stage-apparmor.sh" "$aa"; then
		echo "not ok 1 - stage Debian's apparmor_parser for the guest"
		return 1
	fi
	for lsm in "${stack_lsms[@]}"; do
		t=$SECONDS
		"$top/scripts/build-qemu.sh" --run "$top/tests/guest/stack.sh" \
			--add "$top/tests/guest/tap.sh" --add "$top/tests/guest/core.sh" \
			--add "$tests/logonsess_test" --add "$tests/label_test" \
			"${lsm_tests[@]}" \
			--add "$aa/apparmor-root" --append "lsm=$lsm" --timeout 900 \
			2>&1 | tee "$boot_log"
		st=${PIPESTATUS[0]}
		# A guest that did not finish (panic, hang), or failed without
		# saying which check failed.
		if ((st == 125)) || { ((st != 0)) && ! grep -qE '^not ok [0-9]+' "$boot_log"; }; then
			echo "not ok 999 - [$lsm] the guest finished (status $st)"
		fi
		((st == 0)) || failed=1
		echo "# [$lsm] boot: $((SECONDS - t))s"
	done
	return "$failed"
}

# The debug kernel (KASAN, kmemleak, lockdep, ...) under the stress program
# and the fuzzer of tests/stress/. stress_run MINUTES: rounds until MINUTES
# of guest time have passed (0: one round).
stress_run() {
	local minutes=$1 out=$LOGONSESS_BUILD/obj/stress p
	mkdir -p "$out"
	if ! "$top/scripts/build-qemu.sh" --debug --build-only; then
		echo "not ok 1 - build the debug kernel"
		return 1
	fi
	for p in logonsess_stress logonsess_fuzz logonsess_failnth \
		logonsess_failnth_label logonsess_reap; do
		if ! gcc -O2 -Wall -Wextra -Werror -static -pthread \
			-o "$out/$p" "$top/tests/stress/$p.c"; then
			echo "not ok 1 - build tests/stress/$p.c"
			return 1
		fi
	done
	cat >"$out/stress.conf" <<-CONF
		WORKERS=${LOGONSESS_STRESS_WORKERS:-4}
		OPS=${LOGONSESS_STRESS_OPS:-300}
		FUZZ=${LOGONSESS_FUZZ_WRITES:-100000}
		SEED=${LOGONSESS_STRESS_SEED:-$(date +%s)}
		MINUTES=$minutes
		REAP=${LOGONSESS_REAP_SESSIONS:-$((minutes ? 50000 : 20000))}
	CONF
	sed 's/^/# /' "$out/stress.conf"
	# An ext4 image for labels written under fault injection, read back
	# from the disk (logonsess_failnth_label), mounted on a loop device.
	rm -f "$out/disk.img"
	if ! truncate -s 16M "$out/disk.img" || ! mkfs.ext4 -q -F "$out/disk.img"; then
		echo "not ok 1 - make an ext4 image"
		return 1
	fi
	"$top/scripts/build-qemu.sh" --debug --run "$top/tests/guest/stress.sh" \
		--add "$top/tests/guest/tap.sh" --add "$out/stress.conf" \
		--add "$out/logonsess_stress" --add "$out/logonsess_fuzz" \
		--add "$out/logonsess_failnth" --add "$out/logonsess_failnth_label" \
		--add "$out/logonsess_reap" --add "$out/disk.img" \
		--timeout $((minutes * 60 + 1800))
}

# The KUnit suites are built into the debug kernel: they run at boot,
# under KASAN, lockdep and kmemleak, and tests/guest/kunit.sh reports them
# (one boot; the kernel is the stress group's, built once).
kunit() {
	guest kunit.sh --debug
}

# The benchmark in a tiny configuration (scripts/bench.sh --quick), so that
# it cannot rot: every phase boots, and every figure it should give is
# there, for each lsm= list, with a number. Timings are not checked.
bench_check() {
	local out=$LOGONSESS_BUILD/bench/quick.csv log=$logs/bench-run.log
	rm -f -- "$out" "${out%.csv}.json" "${out%.csv}.md"
	if ! "$top/scripts/bench.sh" --quick --output "$out" >"$log" 2>&1; then
		echo "not ok 1 - scripts/bench.sh --quick (log: $log)"
		tail -n 30 "$log" | sed 's/^/#   /'
		return 1
	fi
	echo "ok 1 - scripts/bench.sh --quick runs"
	sed -n '/^| phase /,$p' "$log" | sed 's/^/# /'
	python3 - "$out" <<'PY'
import csv, json, math, sys
out = sys.argv[1]
n = 1
def check(ok, what):
    global n
    n += 1
    print(("ok" if ok else "not ok") + f" {n} - {what}")
rows = list(csv.DictReader(open(out)))
check(rows and all(math.isfinite(float(r["value"])) and float(r["value"]) >= 0
                   for r in rows), f"{len(rows)} figures in {out}, each a number")
have = {(r["phase"], r["lsm"], r["name"]) for r in rows}
loops = ["fork_exit", "fork_exec_exit", "setresuid"]
want = []
for lsm in ("on", "off"):
    want += [("icount", lsm, f"cred.{l}.{c}") for l in loops
             for c in ("system", "session")]
    want += [("icount", lsm, "session.join_session_keyring")]
    want += [("icount", lsm, f"path.{op}") for op in ("stat", "open")]
    want += [("tcg", lsm, f"{t}.{l}.{c}") for t in ("cred", "par")
             for l in loops for c in ("system", "session")]
    want += [("smp", lsm, f"par.{l}.{c}") for l in loops
             for c in ("system", "session")]
want += [("icount", "on", "session.logon")]
# Lineage (issue 19): a logon with link=self beside a plain one, and one
# cascade logoff of 1000 sessions, a chain and a flat tree.
want += [("icount", "on", f"session.{f}") for f in ("logon_link",
         "logon_link_ratio")]
want += [("icount", "on", f"cascade.1000.{s}_{f}") for s in ("chain", "flat")
         for f in ("logoff", "per_session")]
# The example eBPF agent (issue 20): fork+exec+exit with and without it.
want += [("icount", lsm, f"agent.exec_{f}") for lsm in ("on", "off")
         for f in ("alone", "tp", "tp_cost", "tp_ratio", "tp_lost")]
lost = [float(r["value"]) for r in rows if r["name"].endswith("_lost")]
check(lost and not any(lost), f"the eBPF agent lost no event ({len(lost)} runs)")
want += [("scale", "on", f"scale.{s}.{f}") for s in (100, 1000)
         for f in ("create", "sessions_line", "line_bytes", "join", "self",
                   "destroy")]
want += [("scale", "on", f) for f in ("procs.processes_read",
         "procs.processes_line", "mem.slab_per_cred_file",
         "mem.slab_per_session_file", "mem.slab_per_session")]
missing = [w for w in want if w not in have]
check(not missing, f"all {len(want)} figures present" +
      (f", missing: {missing[:5]}" if missing else ""))
summary = json.load(open(out[:-4] + ".json"))
check(len(summary["figures"]) >= len({(p, nm) for p, _, nm in want}) and
      all("ratio" in f for f in summary["figures"]
          if f["name"].startswith(("cred.", "par."))),
      "the JSON summary has every figure and the on/off ratios")
table = open(out[:-4] + ".md").read()
check(table.count("\n| ") >= len(summary["figures"]) + 1,
      "the markdown table has a row per figure")
print(f"1..{n}")
sys.exit(0)
PY
}

for g in "${groups[@]}"; do
	case $g in
	series) group series series_check ;;
	static) group static "$top/tests/static-checks.sh" ;;
	guest)
		group guest-core core
		group guest-lsm-off guest lsm-off.sh --append "lsm=capability"
		group guest-selftests selftests
		group guest-label-ext4 label_ext4
		group guest-audit audit
		group guest-audit-off guest audit-off.sh --append "audit=0"
		group guest-login login
		group guest-login-off login_off
		;;
	guest-core) group guest-core core ;;
	guest-selftests) group guest-selftests selftests ;;
	guest-label-ext4) group guest-label-ext4 label_ext4 ;;
	guest-audit) group guest-audit audit ;;
	guest-login)
		group guest-login login
		group guest-login-off login_off
		;;
	unit) group unit "$top/tests/unit/run.sh" "$LOGONSESS_BUILD/obj/unit" ;;
	stack) group stack stack_boots ;;
	distro) group distro distro ;;
	kunit) group kunit kunit ;;
	stress) group stress stress_run 0 ;;
	stress-long) group stress-long stress_run 10 ;;
	bench) group bench bench_check ;;
	*)
		echo "unknown group: $g (series static unit guest distro guest-core guest-selftests guest-label-ext4 guest-audit guest-login stack kunit stress stress-long bench)" >&2
		exit 2
		;;
	esac
	# Nothing else can run without a kernel that applies and builds.
	if [ "$g" = series ] && grep -q '^not ok 1 ' "$logs/series.log"; then
		break
	fi
done

echo "# total time $((SECONDS - start))s"
echo "$passed passed, $failed failed"
((failed == 0 && passed > 0))
