#!/bin/bash
# logonsessions --history and --timeline on the host, over audit logs
# written here: two boots with the same IDs, a destroy without its logon,
# logons without an end (live, or of an earlier boot), interleaved
# sessions, UNKNOWN[1427] and LOGONSESS, ausearch -i and ENRICHED records,
# hexadecimal strings, corrupt lines (FILE:LINE, at most 10, status 2),
# auditd's log and its gzip'd rotations, standard input, every filter,
# --timeline, CSV, TSV and JSON Lines, records of kernels before boot_id.
# LOGONSESSIONS is the tool; its default auditd.conf is
# $LOGONSESS_UNIT_WORK/history_test/auditd.conf (run.sh); prints TAP.
set -u
work=${LOGONSESS_UNIT_WORK:-/tmp}/history_test
rm -rf "$work"
mkdir -p "$work"
tool=${LOGONSESSIONS:?}
export TZ=UTC
# shellcheck source=tests/unit/unit.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/unit.sh"

B1=5c2e9a0d41f37b86e0a9c4d2b17f3e68
B2=0123456789abcdef0123456789abcdef
T0=1764825600 # 2025-12-04T05:20:00Z
TASK=' pid=812 uid=0 auid=4294967295 ses=4294967295 comm="sshd" res=1'

# rec TIME[.MS:SERIAL] OP ID TYPE SID AUTH ORIGIN CREATOR BOOT [TAIL]: one
# raw record (BOOT "-": a kernel before creator=, linked= and boot_id=);
# TAIL defaults to the task fields of logon, join and logoff.
rec() {
	local stamp=$1 op=$2 id=$3 type=$4 sid=$5 auth=$6 origin=$7 creator=$8 boot=$9
	local tail=${10-$TASK} lineage
	[[ $stamp == *:* ]] || stamp=$stamp.000:$((RANDOM + 1))
	if [ "$boot" = - ]; then
		lineage=
	else
		lineage=" creator=$creator linked=? boot_id=$boot"
	fi
	printf 'type=LOGONSESS msg=audit(%s): op=%s logon_id=%s logon_type=%s user_sid=%s logon_sid=S-1-5-5-0-%d auth=%s origin=%s%s%s\n' \
		"$stamp" "$op" "$id" "$type" "$sid" "$((id))" "$auth" "$origin" "$lineage" "$tail"
}
destroy() { # TIME ID TYPE SID AUTH ORIGIN CREATOR BOOT LIFETIME
	rec "$1" destroy "$2" "$3" "$4" "$5" "$6" "$7" "$8" " lifetime=$9"
}
# csv_row CSV BOOT ID: the row of session ID of BOOT.
csv_row() {
	printf '%s\n' "$1" | grep "^$2,$3,"
}
# col CSV BOOT ID NAME: one column of that row, by its header name.
col() {
	python3 -c '
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
hits = [r for r in rows if r["boot_id"] == sys.argv[2] and r["logon_id"] == sys.argv[3]]
print(hits[0][sys.argv[4]] if len(hits) == 1 else "(%d rows)" % len(hits))' "$@"
}
# is COL-VALUE WANT: for check, with the value in the message.
is() {
	[ "$1" = "$2" ]
}

# --- two boots with the same IDs; interleaved sessions; a destroy without
# its logon; logons without an end; other records; both type names.
{
	echo "type=DAEMON_START msg=audit($T0.000:1): op=start ver=3.0.9 format=raw kernel=6.12.0 auid=4294967295 pid=300 uid=0 ses=4294967295 res=success"
	destroy $((T0 + 1)) 0x3e5 remote_interactive S-1-22-1-0 '"sshd"' '"192.0.2.9"' 0x3e7 $B1 3600
	rec $((T0 + 10)).250:20 logon 0x3e8 remote_interactive S-1-22-1-0 '"sshd"' '"192.0.2.7"' 0x3e7 $B1
	echo "type=SYSCALL msg=audit($((T0 + 10)).250:20): arch=c000003e syscall=1 success=yes exit=17 pid=812 comm=\"sshd\""
	rec $((T0 + 11)) logon 0x3e9 interactive S-1-22-1-0 '"su-l"' '?' 0x3e8 $B1 |
		sed 's/^type=LOGONSESS /type=UNKNOWN[1427] /'
	rec $((T0 + 12)) join 0x3e8 remote_interactive S-1-22-1-0 '"sshd"' '"192.0.2.7"' 0x3e7 $B1
	rec $((T0 + 13)) join 0x3e8 remote_interactive S-1-22-1-0 '"sshd"' '"192.0.2.7"' 0x3e7 $B1
	destroy $((T0 + 20)) 0x3e9 interactive S-1-22-1-0 '"su-l"' '?' 0x3e8 $B1 9
	rec $((T0 + 30)).500:30 logoff 0x3e8 remote_interactive S-1-22-1-0 '"sshd"' '"192.0.2.7"' 0x3e7 $B1 \
		' pid=4242 uid=0 auid=0 ses=3 comm="logonsessctl" res=1'
	destroy $((T0 + 31)) 0x3e8 remote_interactive S-1-22-1-0 '"sshd"' '"192.0.2.7"' 0x3e7 $B1 21
	rec $((T0 + 40)) logon 0x3ea batch S-1-22-1-1000 '"cron"' '?' 0x3e7 $B1
	# Boot 2: the same IDs again.
	rec $((T0 + 100)) logon 0x3e8 interactive S-1-22-1-1000 '"login"' '"tty1"' 0x3e7 $B2
	rec $((T0 + 101)) logon 0x3e9 service S-1-22-2-0 '"systemd-user"' '?' 0x3e7 $B2
	destroy $((T0 + 160)) 0x3e8 interactive S-1-22-1-1000 '"login"' '"tty1"' 0x3e7 $B2 60
} >"$work/two-boots.log"

csv=$("$tool" --history -c "$work/two-boots.log" 2>"$work/err")
st=$?
check "two boots: exit 0, nothing on stderr ($st: $(cat "$work/err"))" \
	sh -c '[ "$1" -eq 0 ] && [ ! -s "$2" ]' _ "$st" "$work/err"
check "-c: the header names every column" \
	is "$(printf '%s\n' "$csv" | head -n 1)" \
	"boot_id,logon_id,logon_type,user_sid,user_name,logon_sid,auth,origin,creator,linked,logon_time,logoff_time,logoff_pid,logoff_uid,logoff_comm,cascade_of,destroy_time,end,lifetime,joins,records"
check "two boots: 0x3e8 of boot 1 and 0x3e8 of boot 2 are two rows" sh -c '
	[ "$(printf "%s\n" "$1" | cut -d, -f2 | grep -cx 0x3e8)" -eq 2 ]' _ "$csv"
v=$(csv_row "$csv" $B1 0x3e8)
check "boot 1's 0x3e8: type, SID, account, auth, origin, creator, logon, logoff by pid/uid/comm, destroy, end, lifetime, joins ($v)" \
	is "$v" "$B1,0x3e8,remote_interactive,S-1-22-1-0,root,S-1-5-5-0-1000,sshd,192.0.2.7,0x3e7,-,2025-12-04T05:20:10.250Z,2025-12-04T05:20:30.500Z,4242,0,logonsessctl,-,2025-12-04T05:20:31.000Z,logoff,20.750,2,\"logon,join,logoff,destroy\""
v=$(csv_row "$csv" $B2 0x3e8)
check "boot 2's 0x3e8: its own user, auth and origin, ended by its processes exiting ($v)" \
	is "$v" "$B2,0x3e8,interactive,S-1-22-1-1000,$(getent passwd 1000 | cut -d: -f1 | grep . || echo -),S-1-5-5-0-1000,login,tty1,0x3e7,-,2025-12-04T05:21:40.000Z,-,-,-,-,-,2025-12-04T05:22:40.000Z,exited,60.000,0,\"logon,destroy\""
v=$(col "$csv" $B1 0x3e5 logon_time),$(col "$csv" $B1 0x3e5 destroy_time),$(col "$csv" $B1 0x3e5 lifetime),$(col "$csv" $B1 0x3e5 records),$(col "$csv" $B1 0x3e5 origin)
check "a destroy without its logon: a row from the destroy, logged on lifetime= before it ($v)" \
	is "$v" "2025-12-04T04:20:01.000Z,2025-12-04T05:20:01.000Z,3600.000,destroy,192.0.2.9"
check "UNKNOWN[1427] is read as LOGONSESS is (0x3e9 of boot 1, creator 0x3e8)" \
	is "$(col "$csv" $B1 0x3e9 auth),$(col "$csv" $B1 0x3e9 creator),$(col "$csv" $B1 0x3e9 end)" "su-l,0x3e8,exited"
check "a logon without an end in an earlier boot: unknown" is "$(col "$csv" $B1 0x3ea end)" unknown
check "... in the last boot of the logs: live" \
	is "$(col "$csv" $B2 0x3e9 end),$(col "$csv" $B2 0x3e9 lifetime),$(col "$csv" $B2 0x3e9 destroy_time)" "live,-,-"
check "S-1-22-2-GID names a group" is "$(col "$csv" $B2 0x3e9 user_name)" "$(getent group 0 | cut -d: -f1)"
# Rows as sessions end, then those with no end in the order they started.
order=$(printf '%s\n' "$csv" | tail -n +2 | cut -d, -f1,2 | sed "s/$B1/b1/; s/$B2/b2/" | paste -sd' ')
check "rows in the order sessions ended, then the rest in the order they started ($order)" \
	is "$order" "b1,0x3e5 b1,0x3e9 b1,0x3e8 b2,0x3e8 b1,0x3ea b2,0x3e9"

text=$("$tool" --history "$work/two-boots.log")
check "text: a header and one row per session (7 lines)" \
	is "$(printf '%s\n' "$text" | wc -l)" 7
check "text: the header's columns" sh -c '
	printf "%s\n" "$1" | head -n 1 | grep -Eq "^BOOT +ID +TYPE +USER_SID +USER +AUTH +ORIGIN +CREATOR +LINKED +LOGON +LOGOFF +BY +DESTROY +END +LIFETIME +JOINS$"' _ "$text"
check "text: boot 1's 0x3e8 with 8 digits of its boot, times in UTC, by comm[pid], lifetime HH:MM:SS" sh -c '
	printf "%s\n" "$1" | grep -Eq "^5c2e9a0d 0x3e8 +remote_interactive S-1-22-1-0 +root +sshd +192.0.2.7 +0x3e7 +- +2025-12-04T05:20:10Z 2025-12-04T05:20:30Z logonsessctl\[4242\] 2025-12-04T05:20:31Z logoff +00:00:20 +2$"' _ "$text"
tsv=$("$tool" --history -ct "$work/two-boots.log")
check "-ct: the same rows, tab-separated" \
	is "$(printf '%s\n' "$tsv" | tr '\t' ',' | sed 's/,logon,join,logoff,destroy$/,"logon,join,logoff,destroy"/; s/,logon,destroy$/,"logon,destroy"/')" "$csv"

# --json: JSON Lines, ECS names.
"$tool" --history --json "$work/two-boots.log" >"$work/out.json"
check "--json: one valid JSON object a line, one per session" sh -c '
	python3 -m json.tool --json-lines "$1" >/dev/null && [ "$(wc -l <"$1")" -eq 6 ]' _ "$work/out.json"
check "--json: ECS fields (@timestamp, event.*, user.*, host.boot.id, source.*) and logonsess.*" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
r = [o for o in rows if o["host"]["boot"]["id"] == sys.argv[2] and o["logonsess"]["logon_id"] == "0x3e8"][0]
want = {
    "@timestamp": "2025-12-04T05:20:10.250Z",
    "event": {"kind": "event", "category": ["session"], "type": ["start", "end"],
              "action": "logon-session", "start": "2025-12-04T05:20:10.250Z",
              "end": "2025-12-04T05:20:31.000Z", "duration": 20750000000},
    "host": {"boot": {"id": sys.argv[2]}},
    "user": {"id": "S-1-22-1-0", "name": "root"},
    "source": {"address": "192.0.2.7", "ip": "192.0.2.7"},
    "logonsess": {"logon_id": "0x3e8", "logon_type": "remote_interactive",
                  "logon_sid": "S-1-5-5-0-1000", "auth": "sshd", "origin": "192.0.2.7",
                  "creator": "0x3e7", "linked": None,
                  "logon_time": "2025-12-04T05:20:10.250Z",
                  "logoff": {"time": "2025-12-04T05:20:30.500Z", "pid": 4242, "uid": "0",
                             "comm": "logonsessctl", "cascade_of": None},
                  "destroy_time": "2025-12-04T05:20:31.000Z", "end_reason": "logoff",
                  "joins": 2, "records": ["logon", "join", "logoff", "destroy"]}}
if r != want:
    print(json.dumps(r, indent=1)); sys.exit(1)
live = [o for o in rows if o["logonsess"]["end_reason"] == "live"][0]
sys.exit(not (live["event"]["end"] is None and "duration" not in live["event"] and
              live["event"]["type"] == ["start"] and "source" not in live and
              live["logonsess"]["logoff"] is None))' "$work/out.json" "$B1"
check "--json: an origin that is no IP address is no source.address" python3 -c '
import json, sys
o = [json.loads(l) for l in open(sys.argv[1])]
tty = [r for r in o if r["logonsess"]["origin"] == "tty1"]
sys.exit(not (len(tty) == 1 and "source" not in tty[0]))' "$work/out.json"

# --- the filters
ids() { # OPTION...: "boot,ID ..." of the rows --history -c prints
	"$tool" --history -c "$@" "$work/two-boots.log" | tail -n +2 | cut -d, -f1,2 |
		sed "s/$B1/b1/; s/$B2/b2/" | paste -sd' '
}
check "--at: the sessions live at that moment ($(ids --at 2025-12-04T05:20:15Z))" \
	is "$(ids --at 2025-12-04T05:20:15Z)" "b1,0x3e9 b1,0x3e8"
check "--at: a session is not live at its destroy (only the header row)" sh -c '
	out=$("$1" --history -c --at 2025-12-04T05:20:31Z "$2") &&
	[ "$(printf "%s\n" "$out" | wc -l)" -eq 1 ] && printf "%s\n" "$out" | grep -q "^boot_id,"' _ "$tool" "$work/two-boots.log"
check "--at: a live session is live after the logs end ($(ids --at @$((T0 + 99999))))" \
	is "$(ids --at @$((T0 + 99999)))" "b2,0x3e9"
check "--at with an offset is the same moment as in UTC" \
	is "$(ids --at 2025-12-04T06:20:15+01:00)" "b1,0x3e9 b1,0x3e8"
check "--at in local time (TZ) without a zone" \
	is "$(TZ=CET-1 ids --at '2025-12-04 06:20:15')" "b1,0x3e9 b1,0x3e8"
check "--since: sessions live at or after it ($(ids --since @$((T0 + 35))))" \
	is "$(ids --since @$((T0 + 35)))" "b2,0x3e8 b1,0x3ea b2,0x3e9"
check "--until: sessions started by then, @SECONDS.fff ($(ids --until @$((T0 + 10)).5))" \
	is "$(ids --until @$((T0 + 10)).5)" "b1,0x3e5 b1,0x3e8"
check "--since and --until together" is "$(ids --since @$((T0 + 21)) --until @$((T0 + 100)))" \
	"b1,0x3e8 b2,0x3e8 b1,0x3ea"
check "--user NAME is S-1-22-1-UID" is "$(ids --user root)" "b1,0x3e5 b1,0x3e9 b1,0x3e8"
check "--user UID and --user SID" sh -c '[ "$1" = "$2" ] && [ "$1" = "b2,0x3e8 b1,0x3ea" ]' _ \
	"$(ids --user 1000)" "$(ids --user S-1-22-1-1000)"
check "--type" is "$(ids --type interactive)" "b1,0x3e9 b2,0x3e8"
check "--origin: a shell pattern" is "$(ids --origin '192.0.2.*')" "b1,0x3e5 b1,0x3e8"
check "--origin: an exact origin" is "$(ids --origin tty1)" "b2,0x3e8"
check "--id: that ID in every boot" is "$(ids --id 0x3e8)" "b1,0x3e8 b2,0x3e8"
check "--id takes the LUID spelling too" is "$(ids --id 00000000:000003e9)" "b1,0x3e9 b2,0x3e9"
check "filters add up: --id with --type" is "$(ids --id 0x3e8 --type interactive)" "b2,0x3e8"
check "--local: times in local time with the offset" \
	is "$(TZ=CET-1 "$tool" --history -c --local --id 0x3e5 "$work/two-boots.log" | tail -n 1 | cut -d, -f11)" \
	"2025-12-04T05:20:01.000+01:00"

# --- --timeline
tl=$("$tool" --timeline "$work/two-boots.log")
check "--timeline: one line per logonsess record, in the logs' order (12)" \
	is "$(printf '%s\n' "$tl" | wc -l)" 12
check "--timeline: time, boot, op, ID, type, user, then key=value" sh -c '
	printf "%s\n" "$1" | sed -n 2p | grep -Eq "^2025-12-04T05:20:10.250Z 5c2e9a0d logon +0x3e8 +remote_interactive S-1-22-1-0 +root auth=sshd origin=192.0.2.7 creator=0x3e7 pid=812 uid=0 comm=sshd res=1$" &&
	printf "%s\n" "$1" | sed -n 1p | grep -q "destroy .* lifetime=3600$"' _ "$tl"
check "--timeline --since --until: the records in between" \
	is "$("$tool" --timeline --since @$((T0 + 12)) --until @$((T0 + 20)) "$work/two-boots.log" | awk '{ print $3 }' | paste -sd' ')" \
	"join join destroy"
check "--timeline --id --user" \
	is "$("$tool" --timeline --id 0x3e8 --user 1000 "$work/two-boots.log" | awk '{ print $2, $3 }' | paste -sd,)" \
	"01234567 logon,01234567 destroy"
tlcsv=$("$tool" --timeline -c "$work/two-boots.log")
check "--timeline -c: a header and a row per record" sh -c '
	[ "$(printf "%s\n" "$1" | head -n 1)" = "time,boot_id,op,logon_id,logon_type,user_sid,user_name,auth,origin,creator,linked,pid,uid,comm,res,lifetime,serial,message" ] &&
	[ "$(printf "%s\n" "$1" | wc -l)" -eq 13 ] &&
	printf "%s\n" "$1" | grep -qx "2025-12-04T05:20:30.500Z,$2,logoff,0x3e8,remote_interactive,S-1-22-1-0,root,sshd,192.0.2.7,0x3e7,-,4242,0,logonsessctl,1,-,30,-"' _ "$tlcsv" "$B1"
"$tool" --timeline --json "$work/two-boots.log" >"$work/tl.json"
check "--timeline --json: JSON Lines with event.action, event.outcome, process.*" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
r = rows[1]
sys.exit(not (len(rows) == 12 and r["event"]["action"] == "logon" and
              r["event"]["outcome"] == "success" and r["event"]["sequence"] == 20 and
              r["process"] == {"pid": 812, "name": "sshd"} and
              r["@timestamp"] == "2025-12-04T05:20:10.250Z" and
              r["logonsess"]["logon_id"] == "0x3e8" and rows[0]["logonsess"]["lifetime"] == 3600))' "$work/tl.json"

# --- refusals, denials, cascades
{
	rec $((T0 + 1)) logon 0x3e8 remote_interactive S-1-22-1-0 '"sshd"' '"192.0.2.7"' 0x3e7 $B1
	rec $((T0 + 2)) logon 0x3e9 interactive S-1-22-1-0 '"sudo-i"' '?' 0x3e8 $B1
	rec $((T0 + 3)) logon 0x3ea interactive S-1-22-1-0 '"su-l"' '?' 0x3e9 $B1
	echo "type=LOGONSESS msg=audit($((T0 + 4)).000:40): op=logon logon_id=? logon_type=? user_sid=? logon_sid=? auth=? origin=? creator=? linked=? boot_id=$B1 pid=99 uid=1000 auid=1000 ses=5 comm=\"evil\" res=0"
	rec $((T0 + 5)).000:41 logoff 0x3e8 remote_interactive S-1-22-1-0 '"sshd"' '"192.0.2.7"' 0x3e7 $B1 \
		' pid=99 uid=1000 auid=1000 ses=5 comm="evil" res=0'
	echo "type=LOGONSESS msg=audit($((T0 + 6)).000:42): op=deny logon_id=0x3e9 obj=file dev=sda1 ino=131074 obj_logon_id=0x3e8 obj_state=active boot_id=$B1 pid=901 uid=1000 auid=1000 ses=3 comm=\"cat\" res=0"
	for id in 0x3e8 0x3e9 0x3ea; do
		rec $((T0 + 7)).000:43 logoff $id interactive S-1-22-1-0 '"x"' '?' 0x3e7 $B1 \
			' pid=500 uid=0 auid=0 ses=1 comm="logonsess" res=1'
	done
	destroy $((T0 + 8)) 0x3ea interactive S-1-22-1-0 '"su-l"' '?' 0x3e9 $B1 5
	destroy $((T0 + 8)) 0x3e9 interactive S-1-22-1-0 '"sudo-i"' '?' 0x3e8 $B1 6
	destroy $((T0 + 8)) 0x3e8 remote_interactive S-1-22-1-0 '"sshd"' '"192.0.2.7"' 0x3e7 $B1 7
} >"$work/cascade.log"
csv=$("$tool" --history -c "$work/cascade.log")
check "res=0 records make no session and no logoff; deny makes no session (3 rows)" \
	is "$(printf '%s\n' "$csv" | tail -n +2 | cut -d, -f2 | paste -sd' ')" "0x3ea 0x3e9 0x3e8"
check "the logoff of 0x3e8 is the one that succeeded (pid 500, not the refused one)" \
	is "$(col "$csv" $B1 0x3e8 logoff_time),$(col "$csv" $B1 0x3e8 logoff_pid),$(col "$csv" $B1 0x3e8 cascade_of)" \
	"2025-12-04T05:20:07.000Z,500,-"
check "a logoff's cascade (one event, one serial): cascade_of the session logged off" \
	is "$(col "$csv" $B1 0x3e9 cascade_of),$(col "$csv" $B1 0x3ea cascade_of),$(col "$csv" $B1 0x3ea end)" "0x3e8,0x3e8,logoff"
check "text: a cascade's BY is cascade:ID" sh -c '
	"$1" --history --id 0x3ea "$2" | tail -n 1 | grep -q " cascade:0x3e8 "' _ "$tool" "$work/cascade.log"
tl=$("$tool" --timeline "$work/cascade.log")
check "--timeline shows refusals and denials too, as the kernel wrote them" sh -c '
	printf "%s\n" "$1" | grep -Eq " logon +- .* res=0$" &&
	printf "%s\n" "$1" | grep -Eq " deny +0x3e9 +- +- +- logon_id=0x3e9 obj=file dev=sda1 ino=131074 obj_logon_id=0x3e8 obj_state=active boot_id=" &&
	[ "$(printf "%s\n" "$1" | wc -l)" -eq 12 ]' _ "$tl"
"$tool" --timeline --json "$work/cascade.log" >"$work/tl.json"
check "--timeline --json: a refusal's outcome is failure; a denial's fields are its message" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(not (rows[3]["event"]["outcome"] == "failure" and rows[3]["logonsess"]["logon_id"] is None and
              rows[5]["event"]["action"] == "deny" and rows[5]["message"].startswith("logon_id=0x3e9 obj=file dev=sda1")))' "$work/tl.json"

# --- the forms of a record: ausearch -i, ENRICHED, hexadecimal strings,
# old kernels
{
	# ausearch -i: local time (MM/DD/YYYY, or MM/DD/YY in the C locale),
	# " : ", interpreted uid, comm and res.
	echo "type=UNKNOWN[1427] msg=audit(12/04/2025 06:20:00.123:456) : op=logon logon_id=0x3e8 logon_type=remote_interactive user_sid=S-1-22-1-0 logon_sid=S-1-5-5-0-1000 auth=\"sshd\" origin=\"192.0.2.7\" creator=0x3e7 linked=? boot_id=$B1 pid=812 uid=root auid=unset ses=unset comm=sshd res=success"
	echo "----"
	echo "type=UNKNOWN[1427] msg=audit(12/04/25 06:20:05.000:457) : op=logoff logon_id=0x3e8 logon_type=remote_interactive user_sid=S-1-22-1-0 logon_sid=S-1-5-5-0-1000 auth=\"sshd\" origin=\"192.0.2.7\" creator=0x3e7 linked=? boot_id=$B1 pid=9 uid=root auid=root ses=1 comm=my tool res=success"
} >"$work/interpreted.log"
csv=$(TZ=CET-1 "$tool" --history -c "$work/interpreted.log")
check "ausearch -i: local times read in TZ, YYYY and YY, a decoded comm with a space" \
	is "$(col "$csv" $B1 0x3e8 logon_time),$(col "$csv" $B1 0x3e8 logoff_time),$(col "$csv" $B1 0x3e8 logoff_uid),$(col "$csv" $B1 0x3e8 logoff_comm),$(col "$csv" $B1 0x3e8 end)" \
	"2025-12-04T05:20:00.123Z,2025-12-04T05:20:05.000Z,root,my tool,logoff"
{
	# auditd's ENRICHED format and ausearch --format enriched: fields after GS.
	printf 'type=LOGONSESS msg=audit(%s.000:7): op=logon logon_id=0x3e8 logon_type=network user_sid=S-1-22-1-0 logon_sid=S-1-5-5-0-1000 auth="imap" origin="192.0.2.8" creator=0x3e7 linked=? boot_id=%s pid=1 uid=0 auid=4294967295 ses=4294967295 comm="dovecot" res=1\035UID="root" AUID="unset"\n' $T0 $B1
	# node= of a log sent by audisp-remote.
	printf 'node=web1 type=LOGONSESS msg=audit(%s.000:8): op=destroy logon_id=0x3e8 logon_type=network user_sid=S-1-22-1-0 logon_sid=S-1-5-5-0-1000 auth="imap" origin="192.0.2.8" creator=0x3e7 linked=? boot_id=%s lifetime=5\035\n' $((T0 + 5)) $B1
	# Hexadecimal: an auth with a space, an origin with a quote and a comma.
	rec $((T0 + 6)) logon 0x3e9 network S-1-22-1-0 6D7920617574680A 2261222C62 0x3e7 $B1
	# A kernel before creator=, linked= and boot_id=.
	rec $((T0 + 7)) logon 0x3e8 interactive S-1-22-1-0 '"login"' '"tty1"' - -
} >"$work/forms.log"
csv=$("$tool" --history -c "$work/forms.log" 2>"$work/err")
st=$?
check "ENRICHED and node=: read, the part after GS dropped (exit $st, $(cat "$work/err"))" \
	is "$st:$(col "$csv" $B1 0x3e8 end),$(col "$csv" $B1 0x3e8 lifetime),$(col "$csv" $B1 0x3e8 records)" "0:exited,5.000,logon,destroy"
check "hexadecimal auth and origin are decoded (CSV quotes what needs it)" sh -c '
	printf "%s\n" "$1" | grep -q "^$2,0x3e9,network,S-1-22-1-0,root,S-1-5-5-0-1001,\"my auth$" &&
	printf "%s\n" "$1" | grep -q "^\",\"\"\"a\"\",b\",0x3e7,"' _ "$csv" "$B1"
check "text: bytes that are not printable in a decoded string are ?" sh -c '
	"$1" --history --id 0x3e9 "$2" | tail -n 1 | grep -q " my?auth? \"a\",b "' _ "$tool" "$work/forms.log"
check "--json: decoded strings as JSON strings" python3 -c '
import json, subprocess, sys
out = subprocess.run([sys.argv[1], "--history", "--json", "--id", "0x3e9", sys.argv[2]],
                     capture_output=True, text=True).stdout
o = json.loads(out)
sys.exit(not (o["logonsess"]["auth"] == "my auth\n" and o["logonsess"]["origin"] == "\"a\",b"))' "$tool" "$work/forms.log"
check "a record without boot_id or creator: an unknown boot, creator -" \
	is "$(col "$csv" unknown-1 0x3e8 creator),$(col "$csv" unknown-1 0x3e8 auth),$(col "$csv" unknown-1 0x3e8 end)" "-,login,live"

# Kernels before boot_id: a logon whose ID is not above those seen starts
# a new boot.
{
	rec $T0 logon 0x3e8 interactive S-1-22-1-0 '"login"' '"tty1"' - -
	rec $((T0 + 1)) logon 0x3e9 batch S-1-22-1-0 '"cron"' '?' - -
	destroy $((T0 + 2)) 0x3e9 batch S-1-22-1-0 '"cron"' '?' - - 1
	rec $((T0 + 3)) logon 0x3ea batch S-1-22-1-0 '"cron"' '?' - -
	rec $((T0 + 100)) logon 0x3e8 interactive S-1-22-1-1000 '"login"' '"tty2"' - -
	rec $((T0 + 101)) join 0x3e9 batch S-1-22-1-0 '"cron"' '?' - -
	# Above the IDs of this boot, not of the one before: the same boot.
	rec $((T0 + 150)) logon 0x3ea batch S-1-22-1-0 '"cron"' '?' - -
	rec $((T0 + 200)) logon 0x3e9 interactive S-1-22-1-1000 '"sshd"' '?' - -
} >"$work/old.log"
csv=$("$tool" --history -c "$work/old.log")
check "old records: IDs going back start unknown-2 and unknown-3" \
	is "$(printf '%s\n' "$csv" | tail -n +2 | cut -d, -f1,2,8,18 | paste -sd' ')" \
	"unknown-1,0x3e9,-,exited unknown-1,0x3e8,tty1,unknown unknown-1,0x3ea,-,unknown unknown-2,0x3e8,tty2,unknown unknown-2,0x3e9,-,unknown unknown-2,0x3ea,-,unknown unknown-3,0x3e9,-,live"
check "--json: an unknown boot has host.boot.id null and logonsess.unknown_boot" python3 -c '
import json, subprocess, sys
out = subprocess.run([sys.argv[1], "--history", "--json", sys.argv[2]], capture_output=True, text=True).stdout
rows = [json.loads(l) for l in out.splitlines()]
sys.exit(not (all(r["host"]["boot"]["id"] is None for r in rows) and
              [r["logonsess"]["unknown_boot"] for r in rows] == [1, 1, 1, 2, 2, 2, 3] and
              rows[0]["logonsess"]["creator"] is None))' "$tool" "$work/old.log"

# --- corrupt lines: warned with FILE:LINE, at most 10, exit 2
{
	rec $T0 logon 0x3e8 interactive S-1-22-1-0 '"login"' '"tty1"' 0x3e7 $B1
	echo "this is not an audit record"
	echo "type=LOGONSESS msg=audit(garbage): op=logon"
	rec $T0 logon 0x3e9 interactive S-1-22-1-0 '"login"' '"tty1"' 0x3e7 NOTABOOT
	printf 'type=LOGONSESS msg=audit(%s.000:9): op=logon logon_id=0x3ea logon\0_type=x\n' $T0
	echo "type=LOGONSESS msg=audit($T0.000:9): logon_id=0x3eb"
	head -c 70000 /dev/zero | tr '\0' x
	echo
	# An ENRICHED suffix that lost its GS byte.
	rec $T0 logon 0x3ec interactive S-1-22-1-0 '"login"' '"tty1"' 0x3e7 $B1 | sed 's/res=1$/res=1UID="root"/'
	destroy $((T0 + 1)) 0x3e8 interactive S-1-22-1-0 '"login"' '"tty1"' 0x3e7 $B1 1
	rec $T0 logon 0x3f0 interactive S-1-22-1-0 '"login"' '"tty1"' 0x3e7 $B1 |
		sed 's/ boot_id=.*//' | tr -d '\n'
} >"$work/corrupt.log"
csv=$("$tool" --history -c "$work/corrupt.log" 2>"$work/err")
st=$?
check "corrupt lines: exit status 2, the good records still read ($st)" \
	sh -c '[ "$1" -eq 2 ] && printf "%s\n" "$2" | grep -q "^$3,0x3e8,.*,exited,1.000,0,"' _ "$st" "$csv" "$B1"
check "... each named FILE:LINE: why" sh -c '
	f=$2/corrupt.log
	grep -qx "logonsessions: $f:2: not an audit record" "$1" &&
	grep -qx "logonsessions: $f:3: bad msg=audit(TIME:SERIAL)" "$1" &&
	grep -qx "logonsessions: $f:4: bad boot_id=" "$1" &&
	grep -qx "logonsessions: $f:5: NUL byte in the line" "$1" &&
	grep -qx "logonsessions: $f:6: no op=" "$1" &&
	grep -qx "logonsessions: $f:7: line longer than 65536 bytes, skipped" "$1" &&
	grep -qx "logonsessions: $f:8: bad res=" "$1" &&
	[ "$(wc -l <"$1")" -eq 7 ]' _ "$work/err" "$work"
check "... a last line cut short is read for what it has (0x3f0, no boot_id: an unknown boot)" \
	sh -c 'printf "%s\n" "$1" | grep -q "^unknown-1,0x3f0,interactive,S-1-22-1-0,root,S-1-5-5-0-1008,login,"' _ "$csv"
for i in $(seq 25); do echo "junk $i"; done >"$work/junk.log"
"$tool" --history "$work/junk.log" >/dev/null 2>"$work/err"
st=$?
check "25 corrupt lines: 10 named, then a count; exit 2 ($st)" sh -c '
	[ "$1" -eq 2 ] && [ "$(wc -l <"$2")" -eq 11 ] &&
	grep -qx "logonsessions: $3:10: not an audit record" "$2" &&
	! grep -q "junk.log:11:" "$2" &&
	tail -n 1 "$2" | grep -qx "logonsessions: 15 more malformed lines not shown (25 in all)"' _ "$st" "$work/err" "$work/junk.log"
"$tool" --history "$work/none.log" "$work/two-boots.log" >"$work/out" 2>"$work/err"
st=$?
check "a file that cannot be opened: one line, the others read, exit 1 ($st)" sh -c '
	[ "$1" -eq 1 ] && [ "$(wc -l <"$2")" -eq 1 ] && grep -q "cannot open .*none.log: No such file" "$2" &&
	[ "$(wc -l <"$3")" -eq 7 ]' _ "$st" "$work/err" "$work/out"

# --- auditd's log and its rotations (auditd.conf's log_file), gzip'd or
# not; gzip told by its bytes, not by its name; standard input.
mkdir -p "$work/audit"
echo "log_file = $work/audit/audit.log" >"$work/auditd.conf"
rec $T0 logon 0x3e8 interactive S-1-22-1-0 '"login"' '"tty1"' 0x3e7 $B1 | gzip >"$work/audit/audit.log.3.gz"
rec $((T0 + 1)) join 0x3e8 interactive S-1-22-1-0 '"login"' '"tty1"' 0x3e7 $B1 | gzip >"$work/audit/audit.log.2.gz"
rec $((T0 + 2)) join 0x3e8 interactive S-1-22-1-0 '"login"' '"tty1"' 0x3e7 $B1 >"$work/audit/audit.log.1"
destroy $((T0 + 3)) 0x3e8 interactive S-1-22-1-0 '"login"' '"tty1"' 0x3e7 $B1 3 >"$work/audit/audit.log"
rec $((T0 + 9)) logon 0x3e9 interactive S-1-22-1-0 '"login"' '"tty1"' 0x3e7 $B1 >"$work/audit/audit.log.old"
want="$B1,0x3e8,interactive,S-1-22-1-0,root,S-1-5-5-0-1000,login,tty1,0x3e7,-,2025-12-04T05:20:00.000Z,-,-,-,-,-,2025-12-04T05:20:03.000Z,exited,3.000,2,\"logon,join,destroy\""
out=$("$tool" --history -c </dev/null 2>&1 | tail -n +2)
check "no FILE: auditd's log and its rotations, oldest first, .gz ones unpacked ($out)" is "$out" "$want"
cat "$work"/audit/audit.log.3.gz "$work"/audit/audit.log.2.gz >"$work/rotated"
gzip -c "$work/audit/audit.log.1" >>"$work/rotated"
out=$("$tool" --history -c "$work/rotated" "$work/audit/audit.log" 2>&1 | tail -n +2)
check "FILEs: gzip told by its magic, not its name (and gzip members one after the other)" is "$out" "$want"
out=$(cat "$work"/audit/audit.log.1 "$work"/audit/audit.log | "$tool" --history -c 2>&1 | tail -n +2)
check "no FILE and a pipe: standard input (ausearch --raw | logonsessions --history)" \
	sh -c 'printf "%s\n" "$1" | grep -q "^$2,0x3e8,.*,2025-12-04T05:20:03.000Z,exited,3.000,1,\"join,destroy\"$"' _ "$out" "$B1"
out=$(zcat "$work/audit/audit.log.3.gz" | gzip | "$tool" --history -c - "$work/audit/audit.log" 2>&1 | tail -n +2)
check "- reads standard input, gzip'd too, among FILEs" \
	sh -c 'printf "%s\n" "$1" | grep -q "^$2,0x3e8,.*,exited,3.000,0,\"logon,destroy\"$"' _ "$out" "$B1"
head -c 60 "$work/audit/audit.log.3.gz" >"$work/cut.gz"
"$tool" --history -c "$work/cut.gz" "$work/audit/audit.log" >"$work/out" 2>"$work/err"
st=$?
check "a gzip'd log cut short: said, exit 1, the rest read ($st: $(cat "$work/err"))" sh -c '
	[ "$1" -eq 1 ] && grep -q "cut.gz" "$2" && grep -q ",0x3e8,.*,destroy\"\\?$" "$3"' _ "$st" "$work/err" "$work/out"

# --- usage
for bad in '--history -p' '--history --tree' '--timeline --at @0' '--history --at nonsense' \
	'--history --at 2025-13-40T00:00:00Z' '--history --since 2025-12-04T00:00:00+1' \
	'--history --user no-such-user-here' '--history --json -c' '--history -t' \
	'--at @0' '--type x' '--history --id 1000'; do
	# shellcheck disable=SC2086 # $bad: the options, split
	out=$("$tool" $bad </dev/null 2>&1)
	st=$?
	check "$bad: a usage error in two lines ($st)" \
		sh -c '[ "$1" -eq 1 ] && [ "$(printf "%s\n" "$2" | wc -l)" -eq 2 ] && printf %s "$2" | grep -q "Try .logonsessions --help."' _ "$st" "$out"
done
check "--help names --history, --timeline and the filters" sh -c '
	h=$("$1" --help) && for o in --history --timeline --at --since --until --user --type --origin --id --local; do
		printf "%s\n" "$h" | grep -q -- "$o" || exit 1; done' _ "$tool"

echo "1..$n"
exit $((failed > 0))
