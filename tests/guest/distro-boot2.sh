# shellcheck shell=sh
# Boot 2 of tests/guest/distro.sh (sourced by it, after the checks of
# both boots): what the reboot of a system with live sessions leaves.

b1=$(cat $STATE/boot1)
check "a new boot ID ($b1 before)" sh -c "test -n '$b1' && test '$b1' != '$boot_id'"

# Audit records of boot 1, written by auditd before this boot started
# (IDs restart at every boot: the time tells the boots apart).
btime=$(sed -n 's/^btime //p' /proc/stat)
ssh_id=$(cat $STATE/ssh-id)
check "ausearch -m 1427 finds boot 1's ssh logon ($ssh_id) after the reboot" \
	audited logon "$ssh_id" "$btime"
check "... and its destroy" audited destroy "$ssh_id" "$btime"
# At least what boot 1 counted when it was checked (more sessions ended
# in the shutdown, while auditd still ran).
counts=$(cat $STATE/boot1-counts)
found=$(audit_counts "$btime")
check "boot 1's records are all there after the reboot ($found; $counts checked in boot 1)" \
	sh -c "set -- \$(echo '$found $counts' | tr -c '0-9\n' ' ')
		test \$1 -ge \$3 && test \$2 -ge \$4"

# The live login of boot 1 is gone; its TMPDIR was removed at boot by
# logonsess-clean-tmpdirs.service (the stale label admits nobody).
live=$(cat $STATE/live-id)
check "boot 1's per-session directory /tmp/logonsess/$live was removed at boot" \
	test ! -e "/tmp/logonsess/$live"
check "... by logonsess-clean-tmpdirs.service" sh -c \
	"journalctl -b -o cat -u logonsess-clean-tmpdirs.service | grep -q '$live'"

# A directory labelled for boot 1's session: refused to everyone now,
# even a session of this boot with the same ID.
reply=$(as user "ls $STATE/stale 2>&1; cat $LS/self")
check "a directory labelled in boot 1 is refused to a user's login now" \
	sh -c "echo '$reply' | head -n 1 | grep -q 'Permission denied'"
check "... its label names boot 1" sh -c \
	"/tests/xattr get $STATE/stale | grep -q 'boot=$b1'"
check "... root can still remove it (CAP_MAC_OVERRIDE)" rm -rf "$STATE/stale"

# The boot identity in the records (issue 19): each logon, join, logoff
# and destroy record carries the boot_id of the boot that wrote it.
ops=' op=(logon|join|logoff|destroy) '
rec=$(audit_before "$btime" | grep " op=logon " | grep " logon_id=$ssh_id ")
check "boot 1's logon record of $ssh_id carries boot 1's boot_id" \
	fields_are "$rec" boot_id="$b1"
n_old=$(audit_before "$btime" | grep -cE "$ops")
bad_old=$(audit_before "$btime" | grep -E "$ops" | grep -vc " boot_id=$b1 ")
check "... and so do all $n_old of boot 1's session records ($bad_old do not)" \
	sh -c "test '$n_old' -gt 0 && test '$bad_old' = 0"
n_new=$(audit_between "$btime" 9999999999 | grep -cE "$ops")
bad_new=$(audit_between "$btime" 9999999999 | grep -E "$ops" | grep -vc " boot_id=$boot_id ")
check "this boot's $n_new session records carry this boot's boot_id ($bad_new do not)" \
	sh -c "test '$n_new' -gt 0 && test '$bad_new' = 0"
