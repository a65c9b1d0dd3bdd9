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

# logonsessions --history (issue 20) over auditd's log, which has the
# records of both boots: boot 1's ssh login under boot 1's boot_id, this
# boot's under this one's; and ausearch --raw on a pipe agrees with it.
# hist_is JSON FILTER: the jq FILTER holds for every row of JSON (JSON
# Lines), and there is at least one.
hist_is() {
	[ -n "$1" ] && printf '%s\n' "$1" | jq -e -s "length > 0 and all(.[]; $2)" >/dev/null
}
# hist_rows JSON BOOT [ID]: the rows of boot BOOT (of its session ID), sorted.
hist_rows() {
	printf '%s\n' "$1" | jq -c --arg b "$2" --arg id "${3:-}" \
		'select(.host.boot.id == $b and ($id == "" or .logonsess.logon_id == $id))' | sort
}
b2_ssh=$(self_of "$reply")
# Its logon record on disk (boot 1 may have had a session of that ID too).
wait_for 20 sh -c "ausearch -m 1427 --raw 2>/dev/null | grep ' op=logon ' |
	grep ' logon_id=$b2_ssh ' | grep -q ' boot_id=$boot_id '"
hist=$(logonsessions --history --json </dev/null 2>/tmp/hist.err)
st=$?
check "logonsessions --history reads auditd's log and its rotations (status $st: $(head -n 3 /tmp/hist.err))" \
	sh -c "test $st = 0 && test ! -s /tmp/hist.err"
row=$(hist_rows "$hist" "$b1" "$ssh_id")
check "--history lists boot 1's ssh session $ssh_id once, under boot 1's boot_id" \
	test "$(printf '%s\n' "$row" | grep -c .)" = 1
check "... remote_interactive, auth sshd, origin 127.0.0.1, user 1000 (user), created by SYSTEM" hist_is "$row" \
	'.logonsess.logon_type == "remote_interactive" and .logonsess.auth == "sshd" and
	 .logonsess.origin == "127.0.0.1" and .source.ip == "127.0.0.1" and
	 .user.id == "S-1-22-1-1000" and .user.name == "user" and .logonsess.creator == "0x3e7"'
check "... logged on and ended in boot 1 (logoff or exited, a destroy record, a duration)" hist_is "$row" \
	'(.logonsess.end_reason == "logoff" or .logonsess.end_reason == "exited") and
	 .logonsess.logon_time != null and .logonsess.destroy_time != null and
	 .event.duration >= 0 and any(.logonsess.records[]; . == "logon") and
	 any(.logonsess.records[]; . == "destroy")'
check "... no session of boot 1 is live now (this boot is the log's last)" \
	hist_is "$(hist_rows "$hist" "$b1")" '.logonsess.end_reason != "live"'
check "every session has a boot_id (no unknown boot: every record has one)" \
	hist_is "$hist" '.host.boot.id != null and .logonsess.unknown_boot == null'
row=$(hist_rows "$hist" "$boot_id" "$b2_ssh")
check "this boot's ssh login $b2_ssh is listed under this boot's boot_id, remote_interactive from 127.0.0.1" \
	hist_is "$row" '.logonsess.logon_type == "remote_interactive" and .logonsess.origin == "127.0.0.1" and
	 .logonsess.logon_time != null'
raw=$(ausearch -m 1427 --raw 2>/dev/null | logonsessions --history --json - 2>/dev/null)
n1=$(hist_rows "$hist" "$b1" | grep -c .)
check "ausearch -m 1427 --raw | logonsessions --history -: boot 1's $n1 sessions, as from the log" \
	sh -c "test '$n1' -gt 0 && test \"\$1\" = \"\$2\"" _ "$(hist_rows "$hist" "$b1")" "$(hist_rows "$raw" "$b1")"
tl=$(logonsessions --timeline --id "$ssh_id" </dev/null 2>&1)
check "--timeline --id $ssh_id: boot 1's logon and destroy of it, under boot 1's first digits" sh -c "
	printf '%s\n' \"\$1\" | grep -Eq '^[0-9T:.-]+Z $(echo "$b1" | cut -c1-8) logon +$ssh_id ' &&
	printf '%s\n' \"\$1\" | grep -Eq '^[0-9T:.-]+Z $(echo "$b1" | cut -c1-8) destroy +$ssh_id '" _ "$tl"
