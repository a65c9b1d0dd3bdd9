#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Log in on the guest's second serial port (tests/run.sh, distro).

distro-console.py SOCKET USER PASSWORD LOG

Connects to QEMU's unix socket for ttyS1 (build-qemu.sh --serial2), waits
for serial-getty's "login:" prompt, types USER and PASSWORD as a person
would, then a command that leaves the shell's logonsess self line in the
guest's /tmp/console-self (tests/guest/distro.sh checks it against the
kernel's files), and keeps the connection until QEMU closes it. What the
guest printed goes to LOG. Exits 0 once the command was typed, 1 if no
prompt came within the time limit.
"""

import socket
import sys
import time

CONNECT_LIMIT = 600  # QEMU's socket appears when it starts
LOGIN_LIMIT = 600  # systemd's boot under TCG, then the getty


def main():
    path, user, password, log_path = sys.argv[1:5]
    log = open(log_path, "wb")
    start = time.monotonic()
    sock = None
    while sock is None:
        try:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(path)
        except OSError:
            sock = None
            if time.monotonic() - start > CONNECT_LIMIT:
                print(f"distro-console: no socket {path}", file=sys.stderr)
                return 1
            time.sleep(0.5)
    sock.settimeout(5)
    seen = b""

    def expect(word, limit, poke=None):
        nonlocal seen
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                data = sock.recv(4096)
            except socket.timeout:
                # A prompt printed before we connected is not printed
                # again: a line feed makes getty ask once more.
                if poke:
                    sock.sendall(poke)
                continue
            if not data:
                return False
            log.write(data)
            log.flush()
            seen += data
            if word in seen:
                seen = b""
                return True
        return False

    steps = [
        (b"login:", LOGIN_LIMIT, b"\r", user),
        (b"Password:", 60, None, password),
        (b"$ ", 120, None,
         "cat /sys/kernel/security/logonsess/self >/tmp/console-self.new"
         " && mv /tmp/console-self.new /tmp/console-self"),
    ]
    for word, limit, poke, answer in steps:
        if not expect(word, limit, poke):
            print(f"distro-console: no {word!r} on ttyS1 (log {log_path})",
                  file=sys.stderr)
            return 1
        time.sleep(0.2)
        sock.sendall(answer.encode() + b"\r")
    # Stay connected (the guest logs this login off) until QEMU exits.
    sock.settimeout(None)
    while True:
        data = sock.recv(4096)
        if not data:
            break
        log.write(data)
        log.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
