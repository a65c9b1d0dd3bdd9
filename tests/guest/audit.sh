#!/bin/sh
# Guest test: kernel audit records of session events (issue: audit).
# Needs /tests/audit-root (Debian's auditd, auditctl and ausearch with
# their libraries, staged by tests/run.sh), /tests/auditd.conf,
# /tests/audit_stall (tests/guest/audit_stall.c), /tests/logonsess_test and
# /tests/label_test.
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

# A chain (issue 19): A logged on from SYSTEM, B linked inside A (as sudo
# would), C inside B (su -), each with a process; one logoff of A ends
# the three, one logoff record each.
cat >/tmp/level.sh <<LEVEL
# level.sh REQUEST...: log on with the first, record the ID, start the
# next level, then sleep in the session.
echo "\$1" > $LS/logon || exit 1
sed 's/^id=\\([^ ]*\\) .*/\\1/' $LS/self >>/tmp/chain.ids
shift
[ \$# -gt 0 ] && sh /tmp/level.sh "\$@" &
exec sleep 1000
LEVEL
: >/tmp/chain.ids
sh /tmp/level.sh "type=remote_interactive $REQ origin=192.0.2.7" \
	"type=interactive user=S-1-22-1-0 auth=sudo link=self" \
	"type=interactive user=S-1-22-1-0 auth=su-l" &
chain_pid=$!
check "a chain of three sessions is created" \
	wait_for 10 sh -c "test \$(wc -l </tmp/chain.ids) = 3"
chain_a=$(sed -n 1p /tmp/chain.ids)
chain_b=$(sed -n 2p /tmp/chain.ids)
chain_c=$(sed -n 3p /tmp/chain.ids)
echo "id=$chain_a" > "$LS/logoff"
wait "$chain_pid" 2>/dev/null	# A's process: a zombie is still listed
check "one logoff of A ($chain_a) leaves no process in A, B or C" \
	wait_for 10 sh -c "! grep -E ' id=($chain_a|$chain_b|$chain_c) ' $LS/processes"
check "... and A, B and C are destroyed" \
	wait_for 10 sh -c "! grep -E '^id=($chain_a|$chain_b|$chain_c) ' $LS/sessions"

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

# --- Refused accesses (issue 17, item 8): another session of the same
# user refused by a label (each run of the selftest makes 7 refusals),
# and refused ptrace-mode access to a process of another session; a burst
# of them is audited, rate limited like the refused writes below.
sleep 6	# a new rate-limit window
d0=$(cut -d. -f1 /proc/uptime)
check "a ptrace refusal selftest passes" \
	/tests/label_test -t another_session_of_the_same_user_cannot_trace_or_inspect
n=0
while [ $n -lt 20 ]; do
	/tests/label_test -t another_session_of_the_same_user_is_refused \
		>/tmp/deny.out 2>&1 || break
	n=$((n + 1))
done
check "20 runs of a label refusal selftest pass" test "$n" = 20
d1=$(cut -d. -f1 /proc/uptime)

# --- Refused writes do not flood the log (issue 9, item 5): 999 writes,
# logon, join and logoff in turn, each opening the file anew (the
# redirection of the shell's builtin echo), by root without CAP_SYS_ADMIN
# (the root of a user namespace: the file's mode lets it open, only the
# LSM refuses) and by an unprivileged user (refused by the file's mode at
# open, before the LSM is asked). Each refusal is EPERM or EACCES, and the
# records of a burst are few: at most 10 every 5 seconds.
BURST="n=0 ok=0
while [ \$n -lt 999 ]; do
	echo 'type=batch $REQ' > $LS/logon && ok=\$((ok + 1))
	echo id=0x7fffffff > $LS/join && ok=\$((ok + 1))
	echo id=0x7fffffff > $LS/logoff && ok=\$((ok + 1))
	n=\$((n + 3))
done
echo \$\$ \$ok"
# all_refused ERRORS: ERRORS (a burst's stderr) has 999 lines, each an
# EPERM or EACCES.
all_refused() {
	test "$(wc -l <"$1")" -eq 999 &&
		! grep -v -E ': (Operation not permitted|Permission denied)$' "$1"
}
sleep 6	# a new rate-limit window: the refusals above are older than 5 s
t0=$(cut -d. -f1 /proc/uptime)
out=$(unshare -r sh -c "$BURST" 2>/tmp/burst-root.err)
nocap_pid=${out%% *}
t1=$(cut -d. -f1 /proc/uptime)
check "root without CAP_SYS_ADMIN (root of a user namespace): 999 writes, none succeeds" \
	test "${out#* }" = 0
check "... each refused with EPERM or EACCES" all_refused /tmp/burst-root.err
out=$(setuidgid user sh -c "$BURST" 2>/tmp/burst-user.err)
user_pid=${out%% *}
t2=$(cut -d. -f1 /proc/uptime)
check "an unprivileged user: 999 writes, none succeeds" test "${out#* }" = 0
check "... each refused with EPERM or EACCES" all_refused /tmp/burst-user.err
echo "# 999 refused writes: root without CAP_SYS_ADMIN (pid $nocap_pid) in $((t1 - t0))s, user (pid $user_pid) in $((t2 - t1))s"
kill "$(cat /var/run/auditd.pid)"
check "auditd stops" wait_for 10 sh -c "! kill -0 $(cat /var/run/auditd.pid 2>/dev/null || echo 0) 2>/dev/null"

# --- What the log says.
records >/tmp/records
n_logon=$(grep -c ' op=logon ' /tmp/records)
n_destroy=$(grep -c ' op=destroy ' /tmp/records)
echo "# $n_logon logon, $n_destroy destroy, $(grep -c ' op=join ' /tmp/records) join, $(grep -c ' op=logoff ' /tmp/records) logoff records"
check "ausearch finds the records by number (1427)" test -s /tmp/records
TASK='pid=[0-9]+ uid=[0-9]+ auid=[0-9]+ ses=[0-9]+ comm=(\"[^\"]*\"|[0-9A-F]+)'
BOOT="boot_id=$(cat $LS/boot_id)"
LINEAGE="creator=(0x[0-9a-f]+|\\?) linked=(0x[0-9a-f]+|\\?) $BOOT"
check "every record has the documented fields in order, and this boot's boot_id" sh -c "! grep -v -E \
 'op=(logon|join|logoff) logon_id=(0x[0-9a-f]+|\\?) logon_type=([a-z_]+|\\?) user_sid=(S-1-[0-9-]+|\\?) logon_sid=(S-1-5-5-[0-9]+-[0-9]+|\\?) auth=(\"[!-~]+\"|\\?|[0-9A-F]+) origin=(\"[!-~]+\"|\\?|[0-9A-F]+) $LINEAGE $TASK res=[01]$|op=destroy logon_id=0x[0-9a-f]+ logon_type=[a-z_]+ user_sid=S-1-[0-9-]+ logon_sid=S-1-5-5-[0-9]+-[0-9]+ auth=(\"[!-~]+\"|[0-9A-F]+) origin=(\"[!-~]+\"|\\?|[0-9A-F]+) $LINEAGE lifetime=[0-9]+$|op=deny logon_id=0x[0-9a-f]+ obj=file dev=[!-~]+ ino=[0-9]+ obj_logon_id=(0x[0-9a-f]+|\\?) obj_state=(active|stale) $BOOT $TASK res=0$|op=deny logon_id=0x[0-9a-f]+ obj=process opid=[0-9]+ ocomm=(\"[^\"]*\"|[0-9A-F]+) obj_logon_id=0x[0-9a-f]+ $BOOT $TASK res=0$' /tmp/records"

# The chain: one logoff record per session, A's first, each with its
# lineage; and the logon records say the same.
# chain_records OP: "ID CREATOR LINKED" of the chain's OP records.
chain_records() {
	grep " op=$1 " /tmp/records | grep -E " logon_id=($chain_a|$chain_b|$chain_c) " |
		sed 's/.* logon_id=\([^ ]*\) .* creator=\([^ ]*\) linked=\([^ ]*\) .*/\1 \2 \3/'
}
printf '%s\n' "$chain_a 0x3e7 ?" "$chain_b $chain_a $chain_a" "$chain_c $chain_b ?" >/tmp/chain.want
chain_records logoff >/tmp/chain.logoff
check "one logoff of A: one logoff record for each of A, B, C, in that order, with creator and linked" \
	cmp /tmp/chain.want /tmp/chain.logoff
chain_records logon >/tmp/chain.logon
check "... and their logon records have the same lineage" cmp /tmp/chain.want /tmp/chain.logon

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
n_nocap=$(grep -c " pid=$nocap_pid uid=[0-9]* .* res=0$" /tmp/records)
n_user=$(grep -c " pid=$user_pid uid=[0-9]* .* res=0$" /tmp/records)
limit=$((10 * ((t1 - t0) / 5 + 2)))
check "refused writes of root without CAP_SYS_ADMIN are audited ($n_nocap records)" \
	test "$n_nocap" -ge 1
check "... rate limited: 999 refusals in $((t1 - t0))s, $n_nocap records <= $limit" \
	test "$n_nocap" -le "$limit"
check "an unprivileged user's refusals do not flood it either: $n_user records <= $limit" \
	test "$n_user" -le "$limit"
n_deny=$(grep -c ' op=deny .* obj=file .* obj_state=active .* uid=1000 .* comm="label_test" res=0$' /tmp/records)
limit=$((10 * ((d1 - d0) / 5 + 2)))
check "label refusals are audited: op=deny obj=file, the label's session, the refused task ($n_deny records)" \
	test "$n_deny" -ge 1
check "... rate limited: 140 refusals in $((d1 - d0))s, $n_deny records <= $limit" \
	test "$n_deny" -le "$limit"
check "a refused ptrace-mode access is audited: op=deny obj=process opid= ocomm=" \
	grep -q ' op=deny logon_id=0x[0-9a-f]* obj=process opid=[0-9]* ocomm="label_test" obj_logon_id=0x[0-9a-f]* .* uid=1000 .* res=0$' /tmp/records
check "destroy records carry a lifetime" \
	grep -q " op=destroy logon_id=$victim .* lifetime=[0-9]*$" /tmp/records
check "the well-known sessions were never destroyed" \
	sh -c "! grep -E ' op=destroy logon_id=0x3e[4-7] ' /tmp/records"

# A responder's question: which sessions, of which type, from where.
# Since boot: "recent" (10 minutes) misses the first records when a busy
# host slows the guest down.
check "ausearch answers 'which sessions, of which type, from where'" \
	sh -c "ausearch --input-logs -m 1427 -ts boot --raw | grep ' op=logon ' | grep -q 'logon_type=network.*origin=\"10.0.0.1:445\"'"
# --- A stalled audit daemon does not stall the other writers (issue 9,
# item 8). The backlog limit is 4 records, and the audit daemon is
# /tests/audit_stall (tests/guest/audit_stall.c): it never reads its
# socket and keeps the backlog full with records of its own, which never
# wait. (A stopped auditd would not do: kauditd's sends time out after
# 100 ms, and every round it empties the backlog into its retry and hold
# queues or drops the records, so a writer waits a round at most.) Writer
# A, a logon, then waits in audit_log_start() for the backlog wait time
# (60 s, the default). Meanwhile writer B, a join of an ID that does not
# exist, must fail with ENOENT at once, not queue behind A on the control
# lock: "at once" is an ordering, A is still waiting when B has returned.
# The processes started from here on are not audited at system call exit
# (a task,never rule), so that a logon's record is the only one it waits
# for.
limit0=$(auditctl -s | sed -n 's/^backlog_limit //p')
echo "# backlog_wait_time $(auditctl -s | sed -n 's/^backlog_wait_time //p') jiffies"
check "a backlog of 4 records (auditctl -b 4)" auditctl -b 4
check "no system call records for new processes (auditctl -a task,never)" \
	auditctl -a task,never
# Sessions to end while the backlog is full (issue 17, item 9).
holders=
i=0
while [ $i -lt 5 ]; do
	sh -c "echo 'type=batch $REQ origin=reaped' > $LS/logon && exec sleep 1000" &
	holders="$holders $!"
	i=$((i + 1))
done
check "5 sessions to end during the stall are made" wait_for 20 sh -c \
	"test \$(grep -c 'origin=reaped ' $LS/sessions) = 5"
/tests/audit_stall >/tmp/stall.out 2>&1 &
stall=$!
# (No auditctl while it runs: the kernel would make auditctl wait too.)
check "a stalled audit daemon registers (AUDIT_SET pid)" \
	wait_for 10 grep -q '^ready$' /tmp/stall.out
my_id=$(sed 's/^id=\([^ ]*\) .*/\1/' $LS/self)
# waiting PID: PID sleeps (D) in its logon, after switching to its new
# session: in audit_log_start(), where the record of that logon waits.
waiting() {
	test "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" = D &&
		grep "^pid=$1 " $LS/processes | grep -qv " id=$my_id "
}
sh -c "echo 'type=batch $REQ origin=stalled' > $LS/logon" &
writer_a=$!
check "writer A (a logon) waits for the full backlog, its session made" \
	wait_for 30 waiting "$writer_a"
b_start=$(cut -d' ' -f1 /proc/uptime)
b_out=$(sh -c "echo id=0x7fffffff > $LS/join" 2>&1)
b_status=$?
if waiting "$writer_a"; then a_waits=1; else a_waits=0; fi
a_state=$(cut -d' ' -f3 "/proc/$writer_a/stat" 2>/dev/null)
echo "# writer B returned after $(awk "BEGIN { print $(cut -d' ' -f1 /proc/uptime) - $b_start }")s: $b_out"
check "writer B (a join of an ID that does not exist) fails with ENOENT" \
	sh -c "test $b_status != 0 && test '${b_out##*: }' = 'No such file or directory'"
check "... while writer A still waits (B did not queue behind A; A: ${a_state:-gone})" \
	test "$a_waits" = 1
# The destruction of sessions does not wait for room in the backlog: its
# records are lost instead (a record waiting 60 s would hold back every
# session behind it).
destroyed_from() { test "$(field "$(cat $LS/stats)" destroyed)" -ge "$1"; }
destroyed0=$(field "$(cat $LS/stats)" destroyed)
# shellcheck disable=SC2086 # one PID per word
kill $holders
# (Reaped: a zombie keeps its credentials, and its session, alive.)
# shellcheck disable=SC2086
wait $holders 2>/dev/null
check "5 sessions ended during the stall are all destroyed within 20 s" \
	wait_for 20 destroyed_from $((destroyed0 + 5))
check "... while writer A still waits for the backlog" waiting "$writer_a"
kill "$stall"
wait "$stall" 2>/dev/null
# exited PID: PID is gone or a zombie (this shell has not waited for it).
exited() {
	case $(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) in
	'' | Z) return 0 ;;
	*) return 1 ;;
	esac
}
check "writer A completes once the stalled daemon is gone" \
	wait_for 120 exited "$writer_a"
wait "$writer_a"
a_status=$?
check "... and its logon succeeded (status $a_status)" test "$a_status" = 0
check "the audit rule is removed" auditctl -D
check "the backlog limit is restored ($limit0)" auditctl -b "$limit0"
# auditd_is_daemon: the auditd of /var/run/auditd.pid is the kernel's.
auditd_is_daemon() {
	auditctl -s | grep -q "^pid $(cat /var/run/auditd.pid 2>/dev/null)\$"
}
check "auditd starts again" auditd
check "... and is the kernel's audit daemon" wait_for 10 auditd_is_daemon
id=$(in_new_session interactive after-stall "$SELF_ID")
check "... and logs a logon made after the stall" wait_for 20 sh -c \
	"ausearch --input-logs -m 1427 --raw 2>/dev/null | grep -q ' op=logon logon_id=$id '"
kill "$(cat /var/run/auditd.pid)"
check "auditd stops" wait_for 10 sh -c "! kill -0 $(cat /var/run/auditd.pid 2>/dev/null || echo 0) 2>/dev/null"

check "no kernel warnings" sh -c "! dmesg | grep -E 'BUG:|WARNING:|KASAN:|Oops'"

finish
