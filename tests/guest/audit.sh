#!/bin/sh
# Guest test: kernel audit records of session events (issue: audit).
# Needs /tests/audit-root (Debian's auditd, auditctl and ausearch with
# their libraries, staged by tests/run.sh) and /tests/auditd.conf.
. /tests/tap.sh

REQ="user=S-1-5-21-1-2-3-1001 auth=pam_unix"

# in_new_session TYPE ORIGIN CMD: log on in a child shell, run CMD there.
in_new_session() {
	sh -c "echo 'type=$1 $REQ origin=$2' > $LS/logon && $3"
}

# records: the AUDIT_LOGONSESS records of the audit log, one per line
# (this auditd predates the type: it writes type=UNKNOWN[1427]).
records() {
	ausearch --input-logs -m 1427 --raw 2>/dev/null |
		grep -E '^type=(UNKNOWN\[1427\]|1427|LOGONSESS) '
}

# A command that prints the ID of its own session.
SELF_ID="sed 's/^id=\\([^ ]*\\) .*/\\1/' $LS/self"

# rec_field LINE KEY
rec_field() {
	echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | tr -d '"'
}

cp -a /tests/audit-root/. / || exit 1
mkdir -p /etc/audit/plugins.d /var/log/audit /var/run
cp /tests/auditd.conf /etc/audit/auditd.conf
chmod 0640 /etc/audit/auditd.conf

# --- Audit off (the default of this kernel): nothing.
check "audit is off at boot" sh -c "auditctl -s | grep -q '^enabled 0'"
id=$(in_new_session interactive console "$SELF_ID")
check "with audit off, a logon leaves no record" \
	sh -c "! dmesg | grep 'type=1427' | grep -q 'logon_id=$id '"
check "... nor does its destruction" \
	wait_for 10 sh -c "! grep -q '^id=$id ' $LS/sessions"

# --- Audit on without auditd: the records reach the kernel log.
check "auditctl -e 1" auditctl -e 1
id=$(in_new_session interactive console "$SELF_ID")
check "a logon without auditd is in the kernel log (audit: type=1427)" \
	sh -c "dmesg | grep 'type=1427' | grep -q 'op=logon logon_id=$id '"
check "... and so is its destruction" \
	wait_for 10 sh -c "dmesg | grep 'type=1427' | grep -q 'op=destroy logon_id=$id '"

# --- auditctl -e 0: nothing again.
check "auditctl -e 0" auditctl -e 0
id=$(in_new_session interactive console "$SELF_ID")
check "after auditctl -e 0, a logon leaves no record" \
	sh -c "! dmesg | grep 'type=1427' | grep -q 'logon_id=$id '"
check "... nor does its destruction" \
	wait_for 10 sh -c "! grep -q '^id=$id ' $LS/sessions"
sleep 1
check "... in the kernel log" \
	sh -c "! dmesg | grep 'type=1427' | grep -q 'logon_id=$id '"

# --- With a real auditd (it enables audit when it starts).
check "auditd starts" auditd
check "auditd is the kernel's audit daemon" \
	wait_for 10 sh -c "auditctl -s | grep -q 'pid [1-9]'"
check "the backlog can hold a burst" auditctl -b 8192
before_lost=$(auditctl -s | sed -n 's/^lost //p')

# A logon that ends normally, with an origin, then one that joins another
# session, and one that is logged off with its processes.
batch=$(in_new_session batch cron "$SELF_ID")
sh -c "echo 'type=interactive $REQ origin=tty2' > $LS/logon && exec sleep 1000" &
victim_pid=$!
sleep 1
victim=$(grep "^pid=$victim_pid " $LS/processes | sed 's/.* id=\([^ ]*\) .*/\1/')
joiner=$(in_new_session network 10.0.0.1:445 "$SELF_ID && echo id=$victim > $LS/join")
echo "id=$victim" > "$LS/logoff"
wait "$victim_pid" 2>/dev/null
check "logoff killed the session's process" \
	sh -c "! kill -0 $victim_pid 2>/dev/null"
check "the logged-off session is destroyed" wait_for 10 sh -c "! grep -q '^id=$victim ' $LS/sessions"
check "the session that joined away is destroyed" wait_for 10 sh -c "! grep -q '^id=$joiner ' $LS/sessions"

# A refused write (root without CAP_SYS_ADMIN): audited with res=0.
check "refused writes are made (selftest)" \
	/tests/logonsess_test -t root_without_cap_sys_admin_gets_eperm

# A thousand sessions, created and destroyed as fast as we can.
start=$(field "$(cat $LS/stats)" created)
i=0
while [ $i -lt 1000 ]; do
	sh -c "echo 'type=batch $REQ' > $LS/logon"
	i=$((i + 1))
done
check "1000 sessions were created" \
	test "$(field "$(cat $LS/stats)" created)" -eq $((start + 1000))
check "... and all of them destroyed (only the well-known sessions live)" \
	wait_for 30 sh -c "grep -q '^live=4 ' $LS/stats"
sleep 1	# let kauditd hand the last records to auditd

after_lost=$(auditctl -s | sed -n 's/^lost //p')
check "the kernel lost no audit record ($before_lost -> $after_lost)" \
	test "$before_lost" = "$after_lost"
kill "$(cat /var/run/auditd.pid)"
check "auditd stops" wait_for 10 sh -c "! kill -0 $(cat /var/run/auditd.pid 2>/dev/null || echo 0) 2>/dev/null"

# --- What the log says.
records >/tmp/records
n_logon=$(grep -c ' op=logon ' /tmp/records)
n_destroy=$(grep -c ' op=destroy ' /tmp/records)
echo "# $n_logon logon, $n_destroy destroy, $(grep -c ' op=join ' /tmp/records) join, $(grep -c ' op=logoff ' /tmp/records) logoff records"
check "ausearch finds the records by number (1427)" test -s /tmp/records
check "every record has the documented fields in order" sh -c "! grep -v -E \
 'op=(logon|join|logoff) logon_id=(0x[0-9a-f]+|\\?) logon_type=([a-z_]+|\\?) user_sid=(S-1-[0-9-]+|\\?) logon_sid=(S-1-5-5-[0-9]+-[0-9]+|\\?) auth=(\"[!-~]+\"|\\?|[0-9A-F]+) origin=(\"[!-~]+\"|\\?|[0-9A-F]+) pid=[0-9]+ uid=[0-9]+ auid=[0-9]+ ses=[0-9]+ comm=(\"[^\"]*\"|[0-9A-F]+) res=[01]$|op=destroy logon_id=0x[0-9a-f]+ logon_type=[a-z_]+ user_sid=S-1-[0-9-]+ logon_sid=S-1-5-5-[0-9]+-[0-9]+ auth=(\"[!-~]+\"|[0-9A-F]+) origin=(\"[!-~]+\"|\\?|[0-9A-F]+) lifetime=[0-9]+$' /tmp/records"

# One logon and one destroy per session created while auditd ran, logon
# first, with the same fields.
grep ' op=logon ' /tmp/records | grep ' res=1' | sed 's/.* logon_id=\([^ ]*\) .*/\1/' | sort >/tmp/logon_ids
grep ' op=destroy ' /tmp/records | sed 's/.* logon_id=\([^ ]*\) .*/\1/' | sort >/tmp/destroy_ids
check "at least 1003 logons while auditd ran" test "$(wc -l </tmp/logon_ids)" -ge 1003
check "no session has two logon records" test -z "$(uniq -d /tmp/logon_ids)"
check "no session has two destroy records" test -z "$(uniq -d /tmp/destroy_ids)"
check "every session logged on was destroyed, and only those" \
	cmp -s /tmp/logon_ids /tmp/destroy_ids

order_bad=
fields_bad=
for s in $batch $victim $joiner; do
	logon=$(grep " op=logon logon_id=$s " /tmp/records)
	destroy=$(grep " op=destroy logon_id=$s " /tmp/records)
	[ "$(grep -n "logon_id=$s " /tmp/records | head -n 1 | grep -c ' op=logon ')" = 1 ] || order_bad="$order_bad $s"
	for k in logon_type user_sid logon_sid auth origin; do
		[ "$(rec_field "$logon" $k)" = "$(rec_field "$destroy" $k)" ] || fields_bad="$fields_bad $s:$k"
	done
done
check "logon comes before destroy ($batch $victim $joiner)" test -z "$order_bad"
check "logon and destroy carry the same session fields" test -z "$fields_bad"
l=$(grep " op=logon logon_id=$victim " /tmp/records)
check "the logon record: type, SIDs, auth, origin, task, res" sh -c "
	test '$(rec_field "$l" logon_type)' = interactive &&
	test '$(rec_field "$l" user_sid)' = S-1-5-21-1-2-3-1001 &&
	test '$(rec_field "$l" logon_sid)' = S-1-5-5-$((victim >> 32))-$((victim & 0xffffffff)) &&
	test '$(rec_field "$l" auth)' = pam_unix &&
	test '$(rec_field "$l" origin)' = tty2 &&
	test '$(rec_field "$l" uid)' = 0 &&
	test '$(rec_field "$l" comm)' = sh &&
	test '$(rec_field "$l" res)' = 1"
check "a join record names the session joined" \
	grep -q " op=join logon_id=$victim .* res=1$" /tmp/records
check "a logoff record names the session logged off" \
	grep -q " op=logoff logon_id=$victim logon_type=interactive .* res=1$" /tmp/records
check "refused writes are audited with res=0 (logon, join, logoff)" sh -c "
	grep -q ' op=logon logon_id=? .* res=0$' /tmp/records &&
	grep -q ' op=join logon_id=? .* res=0$' /tmp/records &&
	grep -q ' op=logoff logon_id=? .* res=0$' /tmp/records"
check "destroy records carry a lifetime" \
	grep -q " op=destroy logon_id=$victim .* lifetime=[0-9]*$" /tmp/records
check "the well-known sessions were never destroyed" \
	sh -c "! grep -E ' op=destroy logon_id=0x3e[4-7] ' /tmp/records"

# A responder's question: which sessions, of which type, from where.
check "ausearch answers 'which sessions, of which type, from where'" \
	sh -c "ausearch --input-logs -m 1427 -ts recent --raw | grep ' op=logon ' | grep -q 'logon_type=network.*origin=\"10.0.0.1:445\"'"
check "no kernel warnings" sh -c "! dmesg | grep -E 'BUG:|WARNING:|KASAN:|Oops'"

finish
