#!/bin/bash
# Unit tests of userspace/ on the host, no kernel needed: every
# tests/unit/*_test.c is linked to the library's objects (not the shared
# library) and fsdir.c, which lets LOGONSESS_TEST_FS_DIR stand in for
# /sys/kernel/security/logonsess; the logonsessions tool is built the same
# way (logonsessions-test) for the *_test.sh scripts. Everything is built
# from a copy of the sources in $1 (default: a temporary directory). Prints
# TAP; the exit status is non-zero if a test failed.
set -uo pipefail

top=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-$(mktemp -d)}
rm -rf "$out/src"
mkdir -p "$out/src/include" "$out/bin"
cp -a "$top/userspace" "$out/src/" && cp -a "$top/include/uapi" "$out/src/include/" || exit 1
src=$out/src/userspace
cflags=(-O2 -g -Wall -Wextra -Werror -std=gnu11 -I"$src/include" -I"$out/src/include/uapi")
status=0
n=0

# A build failure is one failed test, with the compiler's output.
build() { # NAME COMMAND...
	local name=$1 log
	shift
	if log=$("$@" 2>&1); then
		return 0
	fi
	n=$((n + 1))
	echo "not ok $n - build $name"
	sed 's/^/#   /' <<<"$log"
	status=1
	return 1
}

build "userspace/ (make)" make -s -C "$src" clean all || { echo "1..$n"; exit 1; }
objs=("$src"/lib/*.o "$top/tests/unit/fsdir.c")
version=$(sed -n 's/^VERSION = //p' "$src/Makefile")
# auditd.conf of --history's default log: the one history_test.sh writes.
build logonsessions-test gcc "${cflags[@]}" -DLOGONSESS_VERSION="\"$version\"" \
	-DAUDITD_CONF="\"$out/work/history_test/auditd.conf\"" -o "$out/bin/logonsessions-test" \
	"$src"/tool/*.c "${objs[@]}" -lz

for t in "$top"/tests/unit/*_test.c; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .c)
	build "$name" gcc "${cflags[@]}" -o "$out/bin/$name" "$t" "${objs[@]}" || continue
done

# Each test prints TAP with its own numbering, renumbered here into one
# stream; a test that exits non-zero without a "not ok" line is one failure.
run() { # NAME COMMAND...
	local name=$1 line rc bad=0 log=$out/run.log
	shift
	echo "# $name"
	"$@" >"$log" 2>&1
	rc=$?
	while IFS= read -r line; do
		case $line in
		'ok '[0-9]*)
			n=$((n + 1))
			echo "ok $n - $name: ${line#ok * - }"
			;;
		'not ok '[0-9]*)
			n=$((n + 1))
			bad=1
			echo "not ok $n - $name: ${line#not ok * - }"
			;;
		1..*) ;;
		*) echo "# $line" ;;
		esac
	done <"$log"
	if ((rc && !bad)); then
		n=$((n + 1))
		bad=1
		echo "not ok $n - $name exited with status $rc"
	fi
	((bad)) && status=1
}

for t in "$out"/bin/*_test; do
	[ -x "$t" ] || continue
	run "$(basename "$t")" env LOGONSESS_UNIT_WORK="$out/work" "$t"
done
for t in "$top"/tests/unit/*_test.sh; do
	[ -e "$t" ] || continue
	run "$(basename "$t" .sh)" env LOGONSESS_UNIT_WORK="$out/work" \
		LOGONSESSIONS="$out/bin/logonsessions-test" SRC="$src" bash "$t"
done
echo "1..$n"
exit $status
