#!/bin/sh
# Guest test: logonsess stacked with the LSMs distributions run (issue:
# hardening, "Stacking"). tests/run.sh (group stack) boots the guest
# kernel, which has the other modules built in, once per `lsm=` list and
# runs this in each boot: the LSM list is the one asked for, the core
# checks (core.sh), the kselftests (logonsess_test) and the upstream LSM
# syscall kselftests (tools/testing/selftests/lsm/) pass beside the
# other modules, an overlayfs mounted from a logged-off session still
# works for everyone (with Smack after logonsess that used to oops), with
# AppArmor a confined root reading `sessions` leaves no capability
# denial, and the kernel log has no splat. Every description starts with the lsm= list.
# Needs /tests/core.sh, /tests/logonsess_test and, for the AppArmor
# boots, /tests/apparmor-root (tests/stage-apparmor.sh).
. /tests/tap.sh

want=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^lsm=//p' | tail -n 1)
P="[${want:-no lsm=}]"

# relay NAME FILE: re-emit the TAP lines of FILE (core.sh's or the
# kselftest harness's) as checks of this script, "$P NAME: description";
# diagnostics are kept as comments. A skipped kselftest is a failure here
# (logonsess is enabled), as in selftests.sh.
relay() {
	while IFS= read -r line; do
		case $line in
		"ok "[0-9]*"# SKIP"* | "ok "[0-9]*"# skip"*)
			not_ok "$P $1: $(echo "$line" | sed 's/^ok [0-9]* \(- \)\{0,1\}//') (skipped)" ;;
		"ok "[0-9]*)
			ok "$P $1: $(echo "$line" | sed 's/^ok [0-9]* \(- \)\{0,1\}//')" ;;
		"not ok "[0-9]*)
			not_ok "$P $1: $(echo "$line" | sed 's/^not ok [0-9]* \(- \)\{0,1\}//')" ;;
		1..[0-9]* | "# "[0-9]*" passed, "*) ;;
		"#"*) echo "$line" ;;
		*) echo "# $line" ;;
		esac
	done <"$2"
}

# not_ok_log DESCRIPTION LINES: not_ok, with every line of LINES (kernel log
# lines) as a diagnostic.
not_ok_log() {
	not_ok "$1"
	echo "$2" | sed 's/^/#   /'
}

# --- The modules are the ones asked for, in that order.
have=$(cat /sys/kernel/security/lsm)
if [ -n "$want" ] && [ "$have" = "$want" ]; then
	ok "$P /sys/kernel/security/lsm is exactly the lsm= list"
else
	not_ok "$P /sys/kernel/security/lsm is exactly the lsm= list" \
		"lsm=: $want" "/sys/kernel/security/lsm: $have"
fi

# --- The core checks, then the kselftests, beside the other modules.
sh /tests/core.sh >/tmp/core.out 2>&1
status=$?
relay core /tmp/core.out
if [ "$status" -ne 0 ] && ! grep -q '^not ok ' /tmp/core.out; then
	not_ok "$P core: core.sh exited with status $status"
fi

for t in logonsess_test label_test; do
	(cd /tests && "./$t") >/tmp/selftests.out 2>&1
	status=$?
	relay kselftest /tmp/selftests.out
	if [ "$status" -ne 0 ] && ! grep -q '^not ok ' /tmp/selftests.out; then
		not_ok "$P kselftest: $t exited with status $status"
	fi
done

# --- The upstream LSM syscall kselftests (tools/testing/selftests/lsm/):
# lsm_get_self_attr, lsm_set_self_attr and lsm_list_modules with
# logonsess (LSM_ID_LOGONSESS, which answers LSM_ATTR_CURRENT) among the
# other modules, in every order.
for t in lsm_get_self_attr_test lsm_set_self_attr_test lsm_list_modules_test; do
	if [ ! -x "/tests/$t" ]; then
		not_ok "$P lsm-kselftest: /tests/$t is there"
		continue
	fi
	(cd /tests && "./$t") >/tmp/lsm-selftests.out 2>&1
	status=$?
	relay "lsm-kselftest $t" /tmp/lsm-selftests.out
	if [ "$status" -ne 0 ] && ! grep -q '^not ok ' /tmp/lsm-selftests.out; then
		not_ok "$P lsm-kselftest: $t exited with status $status"
	fi
done

# --- An overlayfs mount holds its mounter's credentials, and every create
# on it runs with a copy of them (prepare_creds()). Mounted from a session
# that is then logged off, it must still work for everyone; with Smack
# after logonsess a failing copy used to make smack_cred_free() oops.
ov=/tmp/overlay
OOPS_RE='BUG:|Oops|general protection'
oops_before=$(dmesg | grep -cE "$OOPS_RE")
ov_oops=
# ov_check DESCRIPTION COMMAND...: check, unless an earlier step oopsed
# (the dead task may hold the overlay's locks: the next step would hang).
ov_check() {
	[ -z "$ov_oops" ] || return 0
	check "$@"
	[ "$(dmesg | grep -cE "$OOPS_RE")" -eq "$oops_before" ] ||
		ov_oops=$(dmesg | grep -E "$OOPS_RE")
}
mkdir -p "$ov/lower/pub" "$ov/upper" "$ov/work" "$ov/merged"
chmod 1777 "$ov/lower/pub"
echo lower >"$ov/lower/file"
ov_id=$(sh -c "echo 'type=interactive user=S-1-5-21-1-2-3-1001 auth=stack' > $LS/logon &&
	mount -t overlay overlay -o lowerdir=$ov/lower,upperdir=$ov/upper,workdir=$ov/work $ov/merged &&
	sed 's/^id=\([^ ]*\) .*/\1/' $LS/self")
check "$P overlay: mounted from a new session ($ov_id)" \
	sh -c "[ -n '$ov_id' ] && [ '$ov_id' != 0x3e7 ] && grep -q ' $ov/merged overlay ' /proc/mounts"
check "$P overlay: the mount keeps its session listed after the mounter exits" \
	grep -q "^id=$ov_id .* state=active " "$LS/sessions"
check "$P overlay: the session is logged off" \
	sh -c "echo id=$ov_id > $LS/logoff"
check "$P overlay: ... and listed as logged_off while the mount holds it" \
	grep -q "^id=$ov_id .* state=logged_off " "$LS/sessions"
ov_check "$P overlay: SYSTEM creates a directory on it" mkdir "$ov/merged/dir"
ov_check "$P overlay: ... and a file" touch "$ov/merged/dir/file"
ov_check "$P overlay: ... and appends to a lower file (copy-up)" \
	sh -c "echo upper >> $ov/merged/file"
ov_check "$P overlay: ... and so does an unprivileged user" \
	setuidgid user sh -c "echo x > $ov/merged/pub/user-file"
ov_check "$P overlay: the creates reached the upper layer" \
	test -f "$ov/upper/dir/file" -a -f "$ov/upper/pub/user-file" -a \
	"$(cat "$ov/upper/file" 2>/dev/null)" = "lower
upper"
if [ -z "$ov_oops" ]; then
	ok "$P overlay: no oops"
	check "$P overlay: unmounted" umount "$ov/merged"
	gone() {
		! grep -q "^id=$1 " "$LS/sessions"
	}
	check "$P overlay: the session is destroyed with the mount" \
		wait_for 10 gone "$ov_id"
else
	# The mount stays: what oopsed may hold its locks.
	not_ok_log "$P overlay: no oops" "$ov_oops"
fi

# --- AppArmor: choosing the view of `sessions` (all or own) is not an
# access decision, so it must not be audited. A root process confined by
# a profile without `capability sys_admin` reads only its own session's
# line, and leaves no `apparmor="DENIED" operation="capable"` record.
case ",$have," in
*,apparmor,*)
	cp -a /tests/apparmor-root/. / || not_ok "$P apparmor: install apparmor_parser"
	mkdir -p /etc/apparmor.d
	cat >/etc/apparmor.d/logonsess-reader <<-'EOF'
		profile logonsess-reader {
		  /** rmix,
		}
	EOF
	check "$P apparmor: apparmor_parser loads a profile without sys_admin" \
		apparmor_parser -r /etc/apparmor.d/logonsess-reader
	current=$(sh -c "echo 'exec logonsess-reader' > /proc/self/attr/apparmor/exec &&
		exec cat /proc/self/attr/apparmor/current")
	check "$P apparmor: a process confined by it says so ($current)" \
		test "$current" = "logonsess-reader (enforce)"
	# Log on as root (unconfined), then exec cat confined; it prints its
	# pid, its session and what cat reads.
	out=$(sh -c "echo \$\$ && echo 'type=interactive user=S-1-5-21-1-2-3-1001 auth=apparmor' > $LS/logon &&
		cat $LS/self && echo 'exec logonsess-reader' > /proc/self/attr/apparmor/exec &&
		exec cat $LS/sessions")
	pid=$(echo "$out" | sed -n 1p)
	aa_id=$(field "$(echo "$out" | sed -n 2p)" id)
	read_lines=$(echo "$out" | sed 1,2d)
	check "$P apparmor: confined root reads one line of sessions" \
		test "$(echo "$read_lines" | grep -c .)" = 1
	check "$P apparmor: ... its own session's ($aa_id)" \
		test "$(field "$read_lines" id)" = "$aa_id" -a -n "$aa_id"
	# A denial that must be logged (dac_read_search: reading another
	# user's 0600 file) shows that the records reach the kernel log.
	echo secret >/tmp/secret
	chown user /tmp/secret
	chmod 0600 /tmp/secret
	sh -c "echo \$\$ > /tmp/control.pid &&
		echo 'exec logonsess-reader' > /proc/self/attr/apparmor/exec &&
		exec cat /tmp/secret" >/dev/null 2>&1
	control=$(cat /tmp/control.pid)
	denied() { # PID: the AppArmor capability denials of PID
		dmesg | grep 'apparmor="DENIED" operation="capable"' | grep " pid=$1 "
	}
	check "$P apparmor: a real denial of the profile is in the kernel log" \
		wait_for 10 sh -c "dmesg | grep 'apparmor=\"DENIED\" operation=\"capable\"' | grep -q ' pid=$control '"
	line=$(denied "$pid")
	if [ -n "$pid" ] && [ -z "$line" ]; then
		ok "$P apparmor: no capability denial for reading sessions"
	else
		not_ok_log "$P apparmor: no capability denial for reading sessions" \
			"pid $pid: $line"
	fi
	;;
esac

# --- Nothing went wrong in the kernel.
splat=$(dmesg | grep -E 'BUG:|WARNING:|Oops|KASAN|lockdep|general protection')
if [ -z "$splat" ]; then
	ok "$P the kernel log has no BUG, WARNING, Oops, KASAN, lockdep or GPF line"
else
	not_ok_log "$P the kernel log has no BUG, WARNING, Oops, KASAN, lockdep or GPF line" \
		"$splat"
fi

finish
