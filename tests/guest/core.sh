#!/bin/sh
# Guest test: the logonsess core in a booted kernel (issue: LSM core).
# Runs as root in the QEMU guest; pid 1 saved its own session line in
# /run/init-session before starting us.
. /tests/tap.sh

# One session line, exactly as documented.
LINE_RE='^id=0x[0-9a-f]+ type=(system|interactive|network|batch|service|unlock|network_cleartext|new_credentials|remote_interactive|cached_interactive|cached_remote_interactive|cached_unlock) user=S-1-[0-9]+(-[0-9]+)+ logon_sid=S-1-5-5-[0-9]+-[0-9]+ auth=[!-~]+ time=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z origin=[!-~]+ refs=([0-9]+|-) state=(active|logged_off) creator=(0x[0-9a-f]+|-) linked=(0x[0-9a-f]+|-)$'

check "logonsess is in /sys/kernel/security/lsm" \
	grep -qw logonsess /sys/kernel/security/lsm
for f in sessions self stats processes boot_id; do
	check "$f is mode 0444" test "$(stat -c %a "$LS/$f")" = 444
done
for f in logon join logoff; do
	check "$f is mode 0200" test "$(stat -c %a "$LS/$f")" = 200
done
check "the directory holds no unexpected entry" \
	test "$(ls "$LS" | sort | tr '\n' ' ')" = "boot_id join logoff logon processes self sessions stats "
# boot_id: 32 lower-case hex digits, the same for every reader, for the
# whole boot (labels are bound to it).
boot_id=$(cat "$LS/boot_id")
check "boot_id is 32 lower-case hex digits and a newline" sh -c \
	"test \"\$(wc -c <$LS/boot_id)\" = 33 && echo '$boot_id' | grep -qE '^[0-9a-f]{32}\$'"
check "boot_id is not all zeros" sh -c "test '$boot_id' != 00000000000000000000000000000000"
check "boot_id is the same for another user, later" \
	test "$(setuidgid user cat "$LS/boot_id")" = "$boot_id"

sessions=$(cat "$LS/sessions")
bad=$(echo "$sessions" | grep -Ev "$LINE_RE")
if [ -n "$sessions" ] && [ -z "$bad" ]; then
	ok "every sessions line has the documented format"
else
	not_ok "every sessions line has the documented format" "bad: $bad"
fi

# The logon SID is S-1-5-5-<high 32 bits of id>-<low 32 bits>.
mismatch=
for id in $(echo "$sessions" | sed 's/^id=\(0x[0-9a-f]*\) .*/\1/'); do
	line=$(echo "$sessions" | grep "^id=$id ")
	want="S-1-5-5-$((id >> 32))-$((id & 0xffffffff))"
	[ "$(field "$line" logon_sid)" = "$want" ] || mismatch="$mismatch $id"
done
if [ -z "$mismatch" ]; then
	ok "logon_sid is derived from the ID"
else
	not_ok "logon_sid is derived from the ID" "wrong for:$mismatch"
fi

# The four well-known sessions, and nothing else at boot.
expect_well_known() {
	line=$(echo "$sessions" | grep "^id=$1 ")
	case "$line" in
	"id=$1 type=$2 user=$3 logon_sid=$4 auth=kernel time="*" origin=- refs="*" state=active creator=- linked=-")
		ok "well-known session $1 ($3)" ;;
	*)
		not_ok "well-known session $1 ($3)" "line: $line" ;;
	esac
}
expect_well_known 0x3e4 service S-1-5-20 S-1-5-5-0-996
expect_well_known 0x3e5 service S-1-5-19 S-1-5-5-0-997
expect_well_known 0x3e6 network S-1-5-7 S-1-5-5-0-998
expect_well_known 0x3e7 system S-1-5-18 S-1-5-5-0-999
check "sessions lists the well-known sessions in ID order and only them" \
	test "$(echo "$sessions" | cut -d' ' -f1 | tr '\n' ' ')" = \
	"id=0x3e4 id=0x3e5 id=0x3e6 id=0x3e7 "

year=$(field "$(echo "$sessions" | grep '^id=0x3e7 ')" time | cut -c1-4)
check "SYSTEM's logon time is the boot's wall clock (year $year)" \
	test "$year" -ge 2024

# The well-known sessions are permanent and not counted: refs is "-".
for id in 0x3e4 0x3e5 0x3e6 0x3e7; do
	check "$id has refs=-" test "$(field "$(echo "$sessions" | grep "^id=$id ")" refs)" = -
done

# pid 1 read its own session with a shell builtin, before forking.
init_line=$(cat /run/init-session 2>/dev/null)
check "init (pid 1) is in SYSTEM 0x3e7" \
	test "$(field "$init_line" id)" = 0x3e7

self=$(cat "$LS/self")
check "self has the documented format" sh -c "echo '$self' | grep -Eq '$LINE_RE'"
check "self of a root shell is SYSTEM" test "$(field "$self" id)" = 0x3e7
check "self equals SYSTEM's sessions line (but refs)" \
	test "$(without_refs "$self")" = \
	"$(without_refs "$(echo "$sessions" | grep '^id=0x3e7 ')")"

child=$(sh -c 'cat /sys/kernel/security/logonsess/self')
check "a forked child is in its parent's session" \
	test "$(without_refs "$child")" = "$(without_refs "$self")"
grandchild=$(sh -c 'sh -c "exec cat /sys/kernel/security/logonsess/self"')
check "a forked and exec'd grandchild is in the same session" \
	test "$(without_refs "$grandchild")" = "$(without_refs "$self")"
user_self=$(setuidgid user cat "$LS/self")
check "setuid to an unprivileged user keeps the session" \
	test "$(without_refs "$user_self")" = "$(without_refs "$self")"

# An unprivileged reader sees only its own session's line.
user_sessions=$(setuidgid user cat "$LS/sessions")
check "an unprivileged reader sees one line in sessions" \
	test "$(echo "$user_sessions" | wc -l)" = 1
check "... and it is its own session" \
	test "$(field "$user_sessions" id)" = 0x3e7
check "an unprivileged reader can read stats" setuidgid user cat "$LS/stats"

# stats agrees with sessions.
stats=$(cat "$LS/stats")
check "stats has the documented format" \
	sh -c "echo '$stats' | grep -Eq '^live=[0-9]+ created=[0-9]+ destroyed=[0-9]+$'"
live=$(field "$stats" live)
created=$(field "$stats" created)
destroyed=$(field "$stats" destroyed)
check "stats: live = created - destroyed ($stats)" \
	test "$live" -eq $((created - destroyed))
check "stats: live equals the number of sessions lines" \
	test "$live" -eq "$(grep -c . "$LS/sessions")"
check "stats at boot: the four well-known sessions" \
	test "$stats" = "live=4 created=4 destroyed=0"

# A listing read in small pieces is the same listing.
check "sessions read 7 bytes at a time is identical" \
	sh -c "test \"\$(dd if=$LS/sessions bs=7 2>/dev/null | sed 's/ refs=[^ ]* / /')\" = \"\$(sed 's/ refs=[^ ]* / /' $LS/sessions)\""

check "the read-only files cannot be written, even by root" \
	sh -c "! echo x > $LS/stats && ! echo x > $LS/sessions"
check "the write-only files cannot be read, even by root" \
	sh -c "! cat $LS/logon && ! cat $LS/join && ! cat $LS/logoff"

# processes: pid 1 is listed in SYSTEM, and so are we.
check "processes lists pid 1 in 0x3e7" grep -q '^pid=1 id=0x3e7 comm=' "$LS/processes"
check "processes lists this shell in 0x3e7" grep -q "^pid=$$ id=0x3e7 " "$LS/processes"
check "every processes line has the documented format" \
	sh -c "! grep -Ev '^pid=[0-9]+ id=0x[0-9a-f]+ comm=[!-~]+$' $LS/processes"
# refs counts the credentials of a dynamic session: a shell logs on and
# starts 50 processes in it; each holds at least one reference.
sh -c "echo 'type=batch user=S-1-5-21-1-2-3-1001 auth=core' > $LS/logon &&
	for i in \$(seq 50); do sleep 600 & done; exec sleep 600" &
holder=$!
session_of() { # PID: the session of a process, from processes
	sed -n "s/^pid=$1 id=\([^ ]*\) .*/\1/p" "$LS/processes"
}
processes_in() { # ID: the number of processes in a session
	grep -c " id=$1 " "$LS/processes"
}
logged_on() {
	id=$(session_of "$holder")
	[ -n "$id" ] && [ "$id" != 0x3e7 ] && [ "$(processes_in "$id")" -eq 51 ]
}
wait_for 10 logged_on
id=$(session_of "$holder")
refs=$(field "$(grep "^id=$id " "$LS/sessions")" refs)
check "51 processes in a session hold at least 51 references ($id: $refs)" \
	test "${refs:-0}" -ge 51
line=$(grep "^id=$id " "$LS/sessions")
check "a session logged on from SYSTEM has creator=0x3e7 linked=- (last)" \
	sh -c "echo '$line' | grep -q ' state=active creator=0x3e7 linked=-\$'"
# shellcheck disable=SC2046
kill $(sed -n "s/^pid=\([0-9]*\) id=$id .*/\1/p" "$LS/processes")
wait
gone() {
	! grep -q "^id=$1 " "$LS/sessions"
}
check "the session is destroyed with its last process" wait_for 10 gone "$id"

check "no kernel warnings" sh -c "! dmesg | grep -E 'BUG:|WARNING:|KASAN:|kmemleak|Oops'"

finish
