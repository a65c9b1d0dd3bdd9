#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Log in on a serial console of the Debian guest (tests/run.sh, distro).

distro-console.py socket SOCKET USER PASSWORD LOG
    Connects to QEMU's unix socket for ttyS1 (build-qemu.sh --serial2),
    waits for serial-getty's "login:" prompt, types USER and PASSWORD as a
    person would, then a command that leaves the shell's logonsess self
    line in the guest's /tmp/console-self (tests/guest/distro.sh checks it
    against the kernel's files), and stays connected until QEMU closes the
    socket.

distro-console.py shell LOG -- COMMAND...
    Runs COMMAND (build-qemu.sh --distro --shell), logs in as root on its
    console with the image's password, runs `ssh user@localhost` there to
    print the ssh login's self line, checks that it is a session of its
    own for user (remote_interactive, S-1-22-1-1000), and powers off.
    Prints TAP lines.

What the guest printed goes to LOG. Exits 0 when every step worked.
"""

import os
import socket
import subprocess
import sys
import time

CONNECT_LIMIT = 600  # QEMU's socket appears when it starts
LOGIN_LIMIT = 600  # systemd's boot under TCG, then the getty


class Console:
    """One end of a serial line: read with a timeout, write, log."""

    def __init__(self, read, write, log_path):
        self.read, self.write = read, write
        self.log = open(log_path, "wb")
        self.seen = b""

    def send(self, text):
        time.sleep(0.2)
        self.write(text.encode() + b"\r")

    def expect(self, word, limit, poke=None):
        """Read until WORD; POKE (a line feed) makes a getty whose
        prompt was printed before we came prompt again."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            data = self.read(5)
            if data is None:
                if poke:
                    self.write(poke)
                continue
            if not data:
                return False
            self.log.write(data)
            self.log.flush()
            self.seen += data
            if word in self.seen:
                self.seen = b""
                return True
        return False

    def drain(self):
        while True:
            data = self.read(None)
            if not data:
                return
            self.log.write(data)
            self.log.flush()

    def login(self, user, password):
        if not self.expect(b"login:", LOGIN_LIMIT, b"\r"):
            return "no login: prompt"
        self.send(user)
        if not self.expect(b"Password:", 60):
            return "no Password: prompt"
        self.send(password)
        if not self.expect(b"$ " if user != "root" else b"# ", 120):
            return "no shell prompt"
        return None


def socket_console(path, log_path):
    start = time.monotonic()
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            break
        except OSError:
            sock.close()
            if time.monotonic() - start > CONNECT_LIMIT:
                return None
            time.sleep(0.5)

    def read(timeout):
        sock.settimeout(timeout)
        try:
            return sock.recv(4096)
        except socket.timeout:
            return None

    return Console(read, sock.sendall, log_path)


def ttyS1(path, user, password, log_path):
    con = socket_console(path, log_path)
    if con is None:
        print(f"distro-console: no socket {path}", file=sys.stderr)
        return 1
    err = con.login(user, password)
    if err:
        print(f"distro-console: {err} on ttyS1 (log {log_path})", file=sys.stderr)
        return 1
    con.send("cat /sys/kernel/security/logonsess/self >/tmp/console-self.new"
             " && mv /tmp/console-self.new /tmp/console-self")
    # Stay connected (the guest logs this login off) until QEMU exits.
    con.drain()
    return 0


def shell(log_path, command):
    proc = subprocess.Popen(command, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    fd = proc.stdout.fileno()
    os.set_blocking(fd, False)

    def read(timeout):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                data = os.read(fd, 4096)
                return data
            except BlockingIOError:
                if deadline is not None and time.monotonic() > deadline:
                    return None
                if proc.poll() is not None:
                    return b""
                time.sleep(0.05)

    def write(data):
        proc.stdin.write(data)
        proc.stdin.flush()

    con = Console(read, write, log_path)
    n = 0

    def tap(ok, what):
        nonlocal n
        n += 1
        print(f"{'ok' if ok else 'not ok'} {n} - {what}", flush=True)
        return ok

    err = con.login("root", "root")
    if tap(err is None, "--distro --shell: root logs in on the console"
           + (f" ({err}, log {log_path})" if err else "")):
        con.send("ssh user@localhost cat /sys/kernel/security/logonsess/self"
                 " | sed 's/^/SELF: /'")
        ok = con.expect(b"\nSELF: id=", 120)
        line = b""
        if ok and con.expect(b"\n", 10):
            pass
        with open(log_path, "rb") as f:
            for raw in f.read().splitlines():
                if raw.startswith(b"SELF: id="):
                    line = raw[6:].strip()
        fields = dict(kv.split(b"=", 1) for kv in line.split() if b"=" in kv)
        tap(fields.get(b"type") == b"remote_interactive"
            and fields.get(b"user") == b"S-1-22-1-1000"
            and fields.get(b"id") not in (None, b"0x3e7"),
            "... where `ssh user@localhost` lands in a session of its own: "
            + line.decode(errors="replace"))
        con.send("poweroff")
    try:
        proc.wait(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
    con.drain()
    with open(log_path, "rb") as f:
        off = b"reboot: Power down" in f.read()
    tap(proc.returncode is not None and off, "... and `poweroff` powers it off")
    print(f"1..{n}")
    return 0


def main():
    if len(sys.argv) >= 6 and sys.argv[1] == "socket":
        return ttyS1(*sys.argv[2:6])
    if len(sys.argv) >= 5 and sys.argv[1] == "shell" and sys.argv[3] == "--":
        return shell(sys.argv[2], sys.argv[4:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
