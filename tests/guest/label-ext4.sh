#!/bin/sh
# Guest test: a label on ext4 survives a reboot but admits nobody of the
# next boot, not even a session with the same ID. tests/run.sh boots the
# guest twice with the same disk (/dev/vda, an empty ext4 filesystem made
# on the host): the first boot labels a directory, the second checks it,
# and copies it up in an overlayfs. /dev/vdb is an ext4 filesystem whose
# file /f has a damaged attribute block: a label that cannot be read
# admits nobody (first boot).
# Needs /tests/tap.sh and /tests/xattr (tests/guest/xattr.c).
. /tests/tap.sh
X=/tests/xattr
D=/mnt/scoped
BOOT_ID=$(cat $LS/boot_id)
# The label of the caller's own session: its logon SID, bound to the boot.
SELF_LABEL="\$(sed 's/.* logon_sid=\([^ ]*\) .*/\1/' $LS/self) boot=$BOOT_ID"

mkdir -p /mnt
if ! mount -t ext4 /dev/vda /mnt; then
	not_ok "mount the ext4 disk /dev/vda"
	finish
fi

# in_new_session SCRIPT: run the shell SCRIPT as user 1000 in a new
# session of its own. The first logon of a boot gets the first dynamic ID,
# 0x3e8.
n=0
in_new_session() {
	n=$((n + 1))
	printf '%s\n' "$1" >"/tmp/script-$n"
	sh -c "echo 'type=interactive user=S-1-22-1-1000 auth=label_test' \
		>$LS/logon && exec setuidgid user sh /tmp/script-$n"
}

if [ ! -e /mnt/boot1 ]; then
	echo "# boot 1: label a directory of session 0x3e8"
	chmod 0777 /mnt
	out=$(in_new_session "
		set -e
		mkdir $D
		$X set $D \"$SELF_LABEL\"
		echo secret >$D/file
		mkdir $D/sub
		echo secret >$D/sub/file
		sed 's/^id=\([^ ]*\) .*/\1/' $LS/self
		$X get $D
		cat $D/file" 2>&1)
	# shellcheck disable=SC2086 # one word per line of output
	set -- $out
	if [ "$1" = 0x3e8 ] && [ "$2 $3" = "S-1-5-5-0-1000 boot=$BOOT_ID" ] &&
		[ "$4" = secret ]; then
		ok "boot 1: session 0x3e8 labels its directory on ext4 and uses it"
	else
		not_ok "boot 1: session 0x3e8 labels its directory on ext4 and uses it" "$out"
	fi
	echo "$BOOT_ID" >/mnt/boot1
	umount /mnt

	# A label that cannot be read (EFSBADCRC): refused, and not cached.
	mkdir -p /mnt2
	if mount -t ext4 -o errors=continue /dev/vdb /mnt2; then
		out=$(in_new_session "cat /mnt2/f 2>&1; cat /mnt2/f 2>&1")
		if [ "$(echo "$out" | grep -c 'Permission denied')" = 2 ]; then
			ok "boot 1: a damaged attribute block refuses a session (EACCES), twice"
		else
			not_ok "boot 1: a damaged attribute block refuses a session (EACCES), twice" "$out"
		fi
		out=$($X get /mnt2/f 2>&1)
		if [ "$out" = EBADMSG ]; then
			ok "boot 1: the label reads as EFSBADCRC (EBADMSG)"
		else
			not_ok "boot 1: the label reads as EFSBADCRC (EBADMSG)" "$out"
		fi
		check "boot 1: root with CAP_MAC_OVERRIDE is admitted" grep -q secret /mnt2/f
		umount /mnt2
	else
		not_ok "mount the damaged ext4 disk /dev/vdb (errors=continue)"
	fi
	finish
fi

echo "# boot 2: the label of boot 1 admits nobody of this boot"
if [ "$(cat /mnt/boot1)" != "$BOOT_ID" ]; then
	ok "boot 2: the boot ID differs from boot 1's ($BOOT_ID)"
else
	not_ok "boot 2: the boot ID differs from boot 1's" "$BOOT_ID"
fi
out=$(in_new_session "
	sed 's/^id=\([^ ]*\) .*/\1/' $LS/self
	cat $D/file 2>&1 || echo refused
	ls $D 2>&1 || echo refused
	touch $D/new 2>&1 || echo refused" 2>&1)
echo "$out" | sed 's/^/#   /'
# shellcheck disable=SC2086 # one word per line of output
set -- $out
if [ "$1" = 0x3e8 ]; then
	ok "boot 2: the first session has the same ID again, 0x3e8"
else
	not_ok "boot 2: the first session has the same ID again, 0x3e8" "$out"
fi
if [ "$(echo "$out" | grep -c '^refused$')" = 3 ] &&
	[ "$(echo "$out" | grep -c 'Permission denied')" = 3 ]; then
	ok "boot 2: session 0x3e8 of this boot is refused (cat, ls, create: EACCES)"
else
	not_ok "boot 2: session 0x3e8 of this boot is refused (cat, ls, create: EACCES)" "$out"
fi
value=$($X get $D)
case $value in
"S-1-5-5-0-1000 boot=$(cat /mnt/boot1)")
	ok "boot 2: the stale label reads as stored, with boot 1's ID ($value)" ;;
*)
	not_ok "boot 2: the stale label reads as stored, with boot 1's ID" "value: $value" ;;
esac
check "boot 2: root with CAP_MAC_OVERRIDE is admitted" grep -q secret $D/file

# overlayfs over it: root writes below boot 1's labels, which copies them
# up (they stay stale), and no session of this boot gets in.
O=/tmp/ovl
mkdir -p $O/upper $O/work $O/merged
if mount -t overlay -o lowerdir=/mnt,upperdir=$O/upper,workdir=$O/work \
	overlay $O/merged; then
	check "boot 2: root writes a file below boot 1's label in the overlay (copy-up)" \
		sh -c "echo more >>$O/merged/scoped/sub/file"
	check "boot 2: ... and creates one" sh -c "echo new >$O/merged/scoped/sub/new"
	for f in scoped scoped/sub scoped/sub/file scoped/sub/new; do
		value=$($X get "$O/upper/$f")
		case $value in
		"S-1-5-5-0-1000 boot="*)
			if [ "${value#* boot=}" != "$BOOT_ID" ]; then
				ok "boot 2: upper/$f keeps a stale label ($value)"
			else
				not_ok "boot 2: upper/$f keeps a stale label" "value: $value"
			fi ;;
		*) not_ok "boot 2: upper/$f keeps a stale label" "value: $value" ;;
		esac
	done
	out=$(in_new_session "cat $O/merged/scoped/sub/file 2>&1 || echo refused")
	if [ "$(echo "$out" | tail -n 1)" = refused ]; then
		ok "boot 2: session 0x3e9 of this boot is refused in the overlay"
	else
		not_ok "boot 2: session 0x3e9 of this boot is refused in the overlay" "$out"
	fi
	umount $O/merged
else
	not_ok "boot 2: mount an overlay with the ext4 disk as its lower layer"
fi
# CAP_MAC_ADMIN relabels the directory and its file for a session of this
# boot, which gets in: the session waits for /tmp/go, then reads.
rm -f /tmp/go /tmp/sid /tmp/out
in_new_session "
	echo \"$SELF_LABEL\" >/tmp/sid
	while [ ! -e /tmp/go ]; do sleep 0.1; done
	cat $D/file >/tmp/out 2>&1" &
holder=$!
wait_for 10 test -s /tmp/sid
check "boot 2: CAP_MAC_ADMIN relabels the directory for a session of this boot" \
	$X set $D "$(cat /tmp/sid)"
check "boot 2: and the file in it" $X set $D/file "$(cat /tmp/sid)"
touch /tmp/go
wait "$holder"
if [ "$(cat /tmp/out)" = secret ]; then
	ok "boot 2: that session gets in"
else
	not_ok "boot 2: that session gets in" "$(cat /tmp/out)"
fi
umount /mnt
finish
