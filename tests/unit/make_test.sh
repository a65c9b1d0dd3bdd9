#!/bin/bash
# userspace/Makefile and what it installs, on the host: a builder's CFLAGS
# keep the warnings, no _FORTIFY_SOURCE of its own, no "//" in paths when
# the compiler has no multiarch triplet, PAM's module directory from
# pam.pc, the build without the kernel tree, liblogonsess.pc, a man page
# alias per function, and an ABI of exactly the header's functions, each
# named in the version script. SRC is a copy of userspace/; prints TAP.
set -u
src=${SRC:?}
work=${LOGONSESS_UNIT_WORK:-/tmp}/make_test
rm -rf "$work"
mkdir -p "$work"
# shellcheck source=tests/unit/unit.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/unit.sh"

# A compiler that knows no multiarch triplet (prints an empty line).
cat >"$work/cc" <<'CC'
#!/bin/sh
for a; do [ "$a" = -print-multiarch ] && { echo; exit 0; }; done
exec gcc "$@"
CC
cat >"$work/pkg-config" <<'PC'
#!/bin/sh
[ "$*" = "--variable=libdir pam" ] && { echo /opt/pamlib; exit 0; }
exec pkg-config "$@"
PC
chmod +x "$work/cc" "$work/pkg-config"

lines=$(make -s -n -B -C "$src" CFLAGS=-O1 lib/text.o 2>&1)
check "a builder's CFLAGS=-O1 keeps -Wall -Wextra" \
	sh -c 'printf %s "$1" | grep -q -- "-O1" && printf %s "$1" | grep -q -- "-Wall -Wextra"' _ "$lines"
check "no _FORTIFY_SOURCE of its own (dpkg-buildflags gives it)" \
	sh -c '! printf %s "$1" | grep -q _FORTIFY_SOURCE' _ "$lines"
lines=$(make -s -n -C "$src" CC="$work/cc" DESTDIR=/d install 2>&1)
check "a compiler without a multiarch triplet: no '//' in the install paths" \
	sh -c '! printf %s "$1" | grep -q "/d[^ ]*//"' _ "$lines"
lines=$(make -s -n -C "$src" PKG_CONFIG="$work/pkg-config" DESTDIR=/d install 2>&1)
check "the PAM module goes to pam.pc's libdir/security" \
	sh -c 'printf %s "$1" | grep -q "pam_logonsess.so /d/opt/pamlib/security/"' _ "$lines"

# userspace/ alone, without ../include/uapi.
mkdir -p "$work/alone"
cp -a "$src" "$work/alone/"
check "builds without the kernel tree (userspace/ alone)" \
	make -s -C "$work/alone/userspace" clean all
check "and installs" make -s -C "$work/alone/userspace" DESTDIR="$work/root" install
root=$work/root
libdir=$(dirname "$(find "$root" -name liblogonsess.so.1 | head -1)")
check "liblogonsess.pc: a program builds and links with pkg-config's flags" sh -c '
	cat >"$1/prog.c" <<-C
		#include <logonsess.h>
		int main(void) { return logonsess_available() == 0; }
	C
	flags=$(PKG_CONFIG_SYSROOT_DIR="$2" PKG_CONFIG_PATH="$3/pkgconfig" \
		pkg-config --cflags --libs liblogonsess) &&
	gcc -Wall -Werror -o "$1/prog" "$1/prog.c" $flags' _ "$work" "$root" "$libdir"
check "the header is C++ and strict C99" sh -c '
	echo "#include <logonsess.h>" >"$1/h.cc" &&
	g++ -fsyntax-only -Wall -Werror -I"$2/include" "$1/h.cc" &&
	gcc -std=c99 -pedantic -fsyntax-only -Wall -Werror -I"$2/include" -x c "$1/h.cc"' _ "$work" "$src"
check "a session's layout is not public (struct logonsess_session is opaque)" sh -c '
	printf "#include <logonsess.h>\nint x = sizeof(struct logonsess_session);\n" >"$1/o.c" &&
	! gcc -fsyntax-only -I"$2/include" "$1/o.c" 2>/dev/null' _ "$work" "$src"
check "no time_t in the public interface" sh -c '! grep -qw time_t "$1/include/logonsess.h"' _ "$src"
funcs=$(grep -o '[ *]logonsess_[a-z_]*(' "$src/include/logonsess.h" | tr -dc 'a-z_\n' | sort -u)
exported=$(nm -D --defined-only "$libdir/liblogonsess.so.1" | awk '{print $3}' | sed 's/@.*//' | grep -v '^LIBLOGONSESS' | sort -u)
named=$(sed -n 's/^[[:space:]]*\(logonsess_[a-z_]*\);$/\1/p' "$src/lib/liblogonsess.sym" | sort -u)
check "the library exports exactly the header's functions" [ "$funcs" = "$exported" ]
check "the version script names each of them (no wildcard)" \
	sh -c '[ "$1" = "$2" ] && ! grep -q "logonsess_\*" "$3"' _ "$funcs" "$named" "$src/lib/liblogonsess.sym"
# The version of each symbol is the node of the version script that names
# it: LIBLOGONSESS_1 for 1.0's, LIBLOGONSESS_1.1 for those of 1.1.
want_versions=$(awk '/^[A-Z_0-9.]+ \{/ { node = $1 }
	/^[[:space:]]*logonsess_[a-z_]*;$/ { sub(/^[[:space:]]*/, ""); sub(/;$/, ""); print $0, node }' \
	"$src/lib/liblogonsess.sym" | sort)
got_versions=$(objdump -T "$libdir/liblogonsess.so.1" |
	awk '$NF ~ /^logonsess_/ { v = $(NF-1); gsub(/[()]/, "", v); print $NF, v }' | sort)
check "every symbol has the version of its node in the version script" \
	sh -c '[ -n "$1" ] && [ "$1" = "$2" ]' _ "$want_versions" "$got_versions"
check "1.1's symbols are in LIBLOGONSESS_1.1, which depends on LIBLOGONSESS_1" sh -c '
	printf "%s\n" "$1" | grep -qx "logonsess_peer_session LIBLOGONSESS_1.1" &&
	printf "%s\n" "$1" | grep -qx "logonsess_logon LIBLOGONSESS_1" &&
	grep -q "^} LIBLOGONSESS_1;" "$2"' _ "$got_versions" "$src/lib/liblogonsess.sym"
check "debian/liblogonsess1.symbols lists every symbol with its version" sh -c '
	want=$(printf "%s\n" "$1" | sed "s/ /@/")
	got=$(sed -n "s/^ \(logonsess_[a-z_]*@[A-Z_0-9.]*\) .*/\1/p" "$2" | sort)
	[ "$want" = "$got" ]' _ "$got_versions" "$src/debian/liblogonsess1.symbols"
missing=
for f in $funcs; do
	grep -qx '.so man3/liblogonsess.3' "$root/usr/share/man/man3/$f.3" 2>/dev/null || missing="$missing $f"
done
check "a man page alias for every function (man logonsess_get works)${missing:+; missing:$missing}" [ -z "$missing" ]
check "tmpfiles.d makes /tmp/logonsess root's, 0755" \
	grep -qx 'd /tmp/logonsess 0755 root root -' "$root/usr/lib/tmpfiles.d/logonsess.conf"
echo "1..$n"
exit $((failed > 0))
