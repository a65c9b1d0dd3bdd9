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
