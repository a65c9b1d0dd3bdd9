#!/bin/bash
# logonsessions on the host, against files standing in for the kernel's
# (fsdir.c): JSON that is valid with any byte in comm, an unset origin as
# null, the session ID's spelling, -p with -c, --version, usage errors,
# --label (the bound label of self or of -s ID).
# LOGONSESSIONS is the tool linked to the library's objects; prints TAP.
set -u
work=${LOGONSESS_UNIT_WORK:-/tmp}/cli_test
rm -rf "$work"
mkdir -p "$work"
export LOGONSESS_TEST_FS_DIR=$work
tool=${LOGONSESSIONS:?}
# shellcheck source=tests/unit/unit.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/unit.sh"

cat >"$work/sessions" <<'S'
id=0x3e7 type=system user=S-1-5-18 logon_sid=S-1-5-5-0-999 auth=kernel time=2026-11-21T06:01:02Z origin=- refs=- state=active
id=0x1000 type=interactive user=S-1-22-1-1000 logon_sid=S-1-5-5-0-4096 auth=login time=2026-11-21T06:32:57Z origin=tty1 refs=2 state=active
S
cp "$work/sessions" "$work/self"
boot=0123456789abcdef0123456789abcdef
echo "$boot" >"$work/boot_id"
# comm: "é" in UTF-8, a lone 0xff byte, a tab, a quote.
printf 'pid=1 id=0x3e7 comm=init\npid=42 id=0x1000 comm=caf\\303\\251\\377\\011\\042x\n' >"$work/processes"

json=$("$tool" --json -p 2>&1)
check "--json -p is valid JSON with any byte in comm" \
	python3 -c 'import json,sys; json.loads(sys.argv[1])' "$json"
check "--json: an unset origin is null, as refs is" \
	python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(not (d[0]["origin"] is None and d[0]["refs"] is None and d[1]["origin"] == "tty1"))' "$json"
check "--json: UTF-8 in comm arrives as UTF-8; a byte that is not UTF-8 as U+FFFD" \
	python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(d[1]["processes"][0]["comm"] != "caf\u00e9\ufffd\t\"x")' "$json"

out=$("$tool" -s 1000 2>&1)
st=$?
check "-s 1000 is refused as ambiguous, not read as 0x1000 (status $st)" \
	sh -c '[ "$1" -ne 0 ] && printf %s "$2" | grep -q "ambiguous" && ! printf %s "$2" | grep -q "Logon session"' _ "$st" "$out"
check "-s 0x1000 and -s 00000000:00001000 name the session" \
	sh -c '"$1" -s 0x1000 | grep -q "Logon session 00000000:00001000" && "$1" -s 00000000:00001000 | grep -q "Logon type:    interactive"' _ "$tool"
check "-s 3e8 (hexadecimal digits) is still accepted" \
	sh -c '"$1" -s 3e8 2>&1 | grep -q "no logon session 0x3e8"' _ "$tool"

out=$("$tool" -c -p 2>&1)
st=$?
check "-p with -c is refused, not ignored ($st)" \
	sh -c '[ "$1" -ne 0 ] && printf %s "$2" | grep -q -- "-p"' _ "$st" "$out"

out=$("$tool" --version 2>&1)
st=$?
check "--version names the version (status $st)" sh -c '[ "$1" -eq 0 ] && printf %s "$2" | grep -Eq "^logonsessions from logonsess [0-9]"' _ "$st" "$out"

out=$("$tool" --bogus 2>&1)
st=$?
check "a usage error is two lines, not the help ($st)" \
	sh -c '[ "$1" -eq 1 ] && [ "$(printf "%s\n" "$2" | wc -l)" -eq 2 ] && printf %s "$2" | grep -q "Try .logonsessions --help."' _ "$st" "$out"
check "--help goes to stdout and exits 0" sh -c '"$1" --help 2>/dev/null | grep -q "^Usage:"' _ "$tool"

# --label: the bound label of self, or of -s ID, on one line.
out=$("$tool" --label 2>/dev/null)
st=$?
check "--label: the bound label of the caller's session (status $st, $out)" \
	sh -c '[ "$1" -eq 0 ] && [ "$2" = "$3" ]' _ "$st" "$out" "S-1-5-5-0-999 boot=$boot"
check "--label: one line, ending in a newline (for \$(...))" \
	sh -c '[ "$("$1" --label | od -An -c | tr -d " \n")" = "S-1-5-5-0-999boot=$2\\n" ]' _ "$tool" "$boot"
out=$("$tool" --label -s 0x1000 2>/dev/null)
check "--label -s 0x1000: high and low 32 bits in decimal ($out)" \
	[ "$out" = "S-1-5-5-0-4096 boot=$boot" ]
out=$("$tool" -s 00000000:00001000 --label 2>/dev/null)
check "-s before --label, in the LUID spelling ($out)" \
	[ "$out" = "S-1-5-5-0-4096 boot=$boot" ]
out=$("$tool" --label -s 0x1001 2>&1)
st=$?
check "--label -s of a session not listed: one line, status 1 ($st: $out)" \
	sh -c '[ "$1" -eq 1 ] && [ "$(printf "%s\n" "$2" | wc -l)" -eq 1 ] && printf %s "$2" | grep -q "no logon session 0x1001"' _ "$st" "$out"
for bad in '-p' '-c' '-ct' '--json' '--clean-tmpdirs /tmp' '-s 1000' 'x'; do
	# shellcheck disable=SC2086 # $bad: the options, split
	out=$("$tool" --label $bad 2>&1)
	st=$?
	check "--label $bad: a usage error in two lines ($st)" \
		sh -c '[ "$1" -eq 1 ] && [ "$(printf "%s\n" "$2" | wc -l)" -eq 2 ] && printf %s "$2" | grep -q "Try .logonsessions --help."' _ "$st" "$out"
done
check "--help names --label" sh -c '"$1" --help | grep -q -- "--label"' _ "$tool"
echo "0123456789ABCDEF0123456789ABCDEF" >"$work/boot_id"
out=$("$tool" --label 2>&1)
st=$?
check "--label with a malformed boot_id: one line, nothing on stdout ($st: $out)" \
	sh -c '[ "$1" -eq 1 ] && [ "$(printf "%s\n" "$2" | wc -l)" -eq 1 ] && printf %s "$2" | grep -q "boot_id" && [ -z "$("$3" --label 2>/dev/null)" ]' _ "$st" "$out" "$tool"
echo "$boot" >"$work/boot_id"
out=$(LOGONSESS_TEST_FS_DIR=$work/none "$tool" --label 2>&1)
st=$?
check "--label without logonsess: 'not active', one line ($st)" \
	sh -c '[ "$1" -eq 1 ] && [ "$(printf "%s\n" "$2" | wc -l)" -eq 1 ] && printf %s "$2" | grep -q "logon sessions are not active in this kernel"' _ "$st" "$out"
if command -v setfattr >/dev/null && command -v getfattr >/dev/null; then
	mkdir "$work/private"
	setfattr -n security.logonsess -v "$("$tool" --label)" "$work/private"
	check "setfattr -v \"\$(logonsessions --label)\" stores the bound label" \
		[ "$(getfattr --only-values -n security.logonsess "$work/private")" = "S-1-5-5-0-999 boot=$boot" ]
fi

out=$(LOGONSESS_TEST_FS_DIR=$work/none "$tool" 2>&1)
check "without logonsess: 'not active', one line" \
	sh -c 'printf %s "$1" | grep -q "logon sessions are not active in this kernel"' _ "$out"

printf 'id=0x3e7 type=system user=S-1-5-18 logon_sid=S-1-5-5-0-999 auth=kernel time=2026-11-21T06:01:02Z origin=- refs=- state=frozen\n' >"$work/sessions"
check "an unknown state is shown as the kernel wrote it, not as active" \
	sh -c '"$1" | grep -q "State:         frozen"' _ "$tool"

# creator= and linked= (issue 19) in every output, boot_id in --json; a
# line of a kernel before them (no keys) shows none.
s() { # ID CREATOR LINKED AUTH [STATE]
	echo "id=$1 type=interactive user=S-1-22-1-0 logon_sid=S-1-5-5-0-$(($1)) auth=$4 time=2026-11-21T06:33:00Z origin=- refs=1 state=${5:-active}${2:+ creator=$2 linked=$3}"
}
{
	echo "id=0x3e4 type=service user=S-1-5-20 logon_sid=S-1-5-5-0-996 auth=kernel time=2026-11-21T06:01:02Z origin=- refs=- state=active creator=- linked=-"
	echo "id=0x3e7 type=system user=S-1-5-18 logon_sid=S-1-5-5-0-999 auth=kernel time=2026-11-21T06:01:02Z origin=- refs=- state=active creator=- linked=-"
	echo "id=0x3ea type=remote_interactive user=S-1-22-1-1000 logon_sid=S-1-5-5-0-1002 auth=sshd time=2026-11-21T06:32:57Z origin=127.0.0.1 refs=3 state=active creator=0x3e7 linked=-"
	s 0x3eb 0x3ea 0x3ea sudo-i
	s 0x3ec 0x3eb - su-l
	s 0x3ed 0x3e9 - cron
	s 0x3ee 0x3ea 0x3ea su logged_off
	s 0x3ef 0x3ec - login
	s 0x3f0 0x3f0 - self-made
	s 0x3f1 '' '' old-kernel
} >"$work/sessions"
cp "$work/sessions" "$work/self"
echo "$boot" >"$work/boot_id"

out=$("$tool" -s 0x3eb)
check "text: Creator and Linked to, as LUIDs" sh -c '
	printf "%s\n" "$1" | grep -qx "    Creator:       00000000:000003ea" &&
	printf "%s\n" "$1" | grep -qx "    Linked to:     00000000:000003ea"' _ "$out"
out=$("$tool" -s 0x3ea)
check "text: a login of SYSTEM, not linked: Linked to -" sh -c '
	printf "%s\n" "$1" | grep -qx "    Creator:       00000000:000003e7" &&
	printf "%s\n" "$1" | grep -qx "    Linked to:     -"' _ "$out"
out=$("$tool" -s 0x3f1)
check "text: a line without the keys: Creator - and Linked to -" sh -c '
	printf "%s\n" "$1" | grep -qx "    Creator:       -" &&
	printf "%s\n" "$1" | grep -qx "    Linked to:     -"' _ "$out"
out=$("$tool" -c)
check "-c: creator and linked appended to the header" \
	[ "$(printf '%s\n' "$out" | head -n 1)" = "id,type,user_sid,logon_sid,auth,time,origin,state,refs,creator,linked" ]
check "-c: the kernel's IDs, - for none (well-known, no keys)" sh -c '
	printf "%s\n" "$1" | grep -q "^0x3eb,.*,active,1,0x3ea,0x3ea$" &&
	printf "%s\n" "$1" | grep -q "^0x3ea,.*,active,3,0x3e7,-$" &&
	printf "%s\n" "$1" | grep -q "^0x3e7,.*,active,-,-,-$" &&
	printf "%s\n" "$1" | grep -q "^0x3f1,.*,active,1,-,-$"' _ "$out"
json=$("$tool" --json)
check "--json: creator and linked strings or null, boot_id on every object" \
	python3 -c '
import json, sys
d = {o["id"]: o for o in json.loads(sys.argv[1])}
ok = (d["0x3eb"]["creator"] == "0x3ea" and d["0x3eb"]["linked"] == "0x3ea" and
      d["0x3ea"]["creator"] == "0x3e7" and d["0x3ea"]["linked"] is None and
      d["0x3e7"]["creator"] is None and d["0x3e7"]["linked"] is None and
      d["0x3f1"]["creator"] is None and d["0x3f1"]["linked"] is None and
      all(o["boot_id"] == sys.argv[2] for o in d.values()) and len(d) == 10)
sys.exit(not ok)' "$json" "$boot"
rm "$work/boot_id"
json=$("$tool" --json -s 0x3eb)
check "--json on a kernel without boot_id: boot_id null" \
	python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(not (len(d) == 1 and d[0]["boot_id"] is None))' "$json"
echo "0123456789ABCDEF0123456789ABCDEF" >"$work/boot_id"
"$tool" --json >/dev/null 2>"$work/err"
st=$?
check "--json with a malformed boot_id: fails with one line ($st: $(cat "$work/err"))" \
	sh -c '[ "$1" -eq 1 ] && [ "$(wc -l <"$2")" -eq 1 ] && grep -q boot_id "$2"' _ "$st" "$work/err"
echo "$boot" >"$work/boot_id"

# --tree: under each session those it created, in ID order, as ps f
# indents; roots: no creator, a well-known one, one not listed, one that
# is not older than the session (a malformed line: no cycle).
cat >"$work/want" <<'T'
0x3e4 service S-1-5-20 kernel - active
0x3e7 system S-1-5-18 kernel - active
0x3ea remote_interactive S-1-22-1-1000 sshd 127.0.0.1 active
 \_ 0x3eb interactive S-1-22-1-0 sudo-i - active (linked)
     \_ 0x3ec interactive S-1-22-1-0 su-l - active
         \_ 0x3ef interactive S-1-22-1-0 login - active
 \_ 0x3ee interactive S-1-22-1-0 su - logged_off (linked)
0x3ed interactive S-1-22-1-0 cron - active (created by 0x3e9)
0x3f0 interactive S-1-22-1-0 self-made - active (created by 0x3f0)
0x3f1 interactive S-1-22-1-0 old-kernel - active
T
"$tool" --tree >"$work/got" 2>&1
check "--tree: the creator tree, roots and depth 3 ($(tr '\n' '|' <"$work/got"))" \
	cmp -s "$work/want" "$work/got"
"$tool" -T -s 0x3eb >"$work/got" 2>&1
check "-T -s 0x3eb: the tree below 0x3eb ($(tr '\n' '|' <"$work/got"))" sh -c '
	printf "%s\n" "0x3eb interactive S-1-22-1-0 sudo-i - active (linked)" \
		" \\_ 0x3ec interactive S-1-22-1-0 su-l - active" \
		"     \\_ 0x3ef interactive S-1-22-1-0 login - active" | cmp -s - "$1"' _ "$work/got"
# In another order than by ID (the tool sorts), and a 3000-deep chain
# (no recursion).
tac "$work/sessions" >"$work/sessions.rev"
mv "$work/sessions.rev" "$work/sessions"
check "--tree of an unsorted list: the same tree" \
	sh -c '"$1" --tree | cmp -s - "$2"' _ "$tool" "$work/want"
awk 'BEGIN { printf "id=0x3e7 type=system user=S-1-5-18 logon_sid=S-1-5-5-0-999 auth=kernel time=2026-11-21T06:01:02Z origin=- refs=- state=active creator=- linked=-\n"
	for (i = 1000; i < 4000; i++)
		printf "id=0x%x type=interactive user=S-1-22-1-0 logon_sid=S-1-5-5-0-%d auth=su time=2026-11-21T06:33:00Z origin=- refs=1 state=active creator=0x%x linked=-\n", i, i, i == 1000 ? 999 : i - 1 }' >"$work/sessions"
out=$("$tool" --tree | tail -n 1)
check "--tree: a chain 3000 deep, the last one indented 4 * 2998 + 1" \
	[ "$out" = "$(printf '%*s' 11993 '')\\_ 0xf9f interactive S-1-22-1-0 su - active" ]
"$tool" --tree -s 0x7 >/dev/null 2>"$work/err"
st=$?
check "--tree -s of a session not listed: one line, status 1 ($st)" \
	sh -c '[ "$1" -eq 1 ] && [ "$(wc -l <"$2")" -eq 1 ] && grep -q "no logon session 0x7" "$2"' _ "$st" "$work/err"
for bad in '-p' '-c' '-ct' '--json' '--label' '--pid 1' '--clean-tmpdirs /tmp'; do
	# shellcheck disable=SC2086 # $bad: the options, split
	out=$("$tool" --tree $bad 2>&1)
	st=$?
	check "--tree $bad: a usage error in two lines ($st)" \
		sh -c '[ "$1" -eq 1 ] && [ "$(printf "%s\n" "$2" | wc -l)" -eq 2 ] && printf %s "$2" | grep -q "Try .logonsessions --help."' _ "$st" "$out"
done

# --pid PID: the session processes gives the process a pidfd names.
{ s 0x3e8 0x3e7 - login; s 0x3e9 0x3e8 0x3e8 sudo; } >"$work/sessions"
sleep 1000 &
sleeper=$!
printf 'pid=1 id=0x3e7 comm=init\npid=%d id=0x3e9 comm=sleep\n' "$sleeper" >"$work/processes"
out=$("$tool" --pid "$sleeper" 2>&1)
check "--pid of a process: its session, as -s prints it" \
	sh -c '[ "$1" = "$("$2" -s 0x3e9)" ] && printf %s "$1" | grep -q "Logon session 00000000:000003e9"' _ "$out" "$tool"
out=$("$tool" --pid "$sleeper" --json 2>&1)
check "--pid with --json: one object" \
	python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(not (len(d) == 1 and d[0]["id"] == "0x3e9" and d[0]["linked"] == "0x3e8"))' "$out"
out=$("$tool" --pid "$sleeper" -c 2>&1)
check "--pid with -c: the header and one row" \
	sh -c '[ "$(printf "%s\n" "$1" | wc -l)" -eq 2 ] && printf "%s\n" "$1" | grep -q "^0x3e9,.*,0x3e8,0x3e8$"' _ "$out"
kill "$sleeper"
wait "$sleeper" 2>/dev/null
out=$("$tool" --pid "$sleeper" 2>&1)
st=$?
check "--pid of a process that is gone (processes still names it): no process, status 1 ($st: $out)" \
	sh -c '[ "$1" -eq 1 ] && [ "$2" = "logonsessions: no process $3" ]' _ "$st" "$out" "$sleeper"
out=$("$tool" --pid $$ 2>&1)
st=$?
check "--pid of a process not in processes: not yours to see, status 1 ($st: $out)" \
	[ "$st:$out" = "1:logonsessions: process $$ is in a logon session you may not see" ]
out=$("$tool" --pid 1 2>&1)
st=$?
check "--pid of a process whose session is not listed: one line, status 1 ($st: $out)" \
	[ "$st:$out" = "1:logonsessions: no logon session of process 1 that you may see" ]
for bad in '--pid 0' '--pid -1' '--pid 1x' '--pid 99999999999' '--pid 1 -s 0x3e8' '--pid 1 --label' '--pid'; do
	# shellcheck disable=SC2086 # $bad: the options, split
	out=$("$tool" $bad 2>&1)
	st=$?
	check "$bad: a usage error in two lines ($st)" \
		sh -c '[ "$1" -eq 1 ] && [ "$(printf "%s\n" "$2" | wc -l)" -eq 2 ] && printf %s "$2" | grep -q "Try .logonsessions --help."' _ "$st" "$out"
done
check "--help names --tree and --pid" sh -c '"$1" --help | grep -q -- "--tree" && "$1" --help | grep -q -- "--pid PID"' _ "$tool"

# --clean-tmpdirs: a directory that cannot be removed (an immutable file
# in it, root or not) is named, the others are removed, the exit is 1, and
# no EPERM of a removal reads as "needs CAP_SYS_ADMIN".
wk() { echo "id=$1 type=service user=S-1-5-18 logon_sid=S-1-5-5-0-1 auth=kernel time=2026-11-21T06:01:02Z origin=- refs=- state=active"; }
{ wk 0x3e4; wk 0x3e5; wk 0x3e6; wk 0x3e7
  echo "id=0x3ea type=interactive user=S-1-22-1-1000 logon_sid=S-1-5-5-0-1002 auth=login time=2026-11-21T06:32:57Z origin=- refs=1 state=active"; } >"$work/sessions"
parent=$work/tmpdirs
mkdir -p "$parent/0x3e8" "$parent/0x3e9"
touch "$parent/0x3e9/f"
if chattr +i "$parent/0x3e9/f" 2>/dev/null; then
	out=$("$tool" --clean-tmpdirs "$parent" 2>&1)
	st=$?
	chattr -i "$parent/0x3e9/f"
	check "--clean-tmpdirs: a directory it cannot remove is named, the others removed, exit 1" \
		sh -c '[ "$1" -eq 1 ] && [ ! -e "$2/0x3e8" ] && printf %s "$3" | grep -q "cannot remove .*/0x3e9" && printf %s "$3" | grep -q "1 directory was not removed" && ! printf %s "$3" | grep -q CAP_SYS_ADMIN' \
		_ "$st" "$parent" "$out"
else
	check "chattr +i works here (for the --clean-tmpdirs check)" false
fi

echo "1..$n"
exit $((failed > 0))
