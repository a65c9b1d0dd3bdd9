#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Generate patches/ (the series users `git am`) from the kernel overlay.

The overlay (security/, include/, Documentation/, tools/ in this repository)
is the one source of truth for kernel code; series/ says how it is cut into
patches. Each series/NNNN-* file is:

    Subject: <subject line>
    File: <overlay path>            (repeatable: files this patch brings)
    Line: <overlay path><TAB><line> (repeatable: a line of an earlier
                                     patch's file that appears only here)
    Block: <overlay path><TAB><line>(repeatable: the same for the paragraph
                                     starting at that line)
    <blank line>
    <commit message body>

MAINTAINERS is built from MAINTAINERS.snippet, inserted in order. Commits
are made with git plumbing in the pristine source repository (no checkout),
with a fixed identity and dates, so that the output is reproducible.

Usage:
    gen-patches.py            rewrite patches/
    gen-patches.py --check    fail if patches/ differs from what the overlay
                              gives: the cover letter is compared as text,
                              each patch as the tree and message that
                              `git am` made of it (the series applied at
                              HEAD of the source repository, see lib.sh)
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
SERIES = TOP / "series"
PATCHES = TOP / "patches"
OVERLAY_ROOTS = ("security", "include", "Documentation", "tools")
IDENTITY = {
    "GIT_AUTHOR_NAME": "logonsess developers",
    "GIT_AUTHOR_EMAIL": "logonsess@lists.logonsess.invalid",
    "GIT_AUTHOR_DATE": "2026-11-21T00:00:00+00:00",
    "GIT_COMMITTER_NAME": "logonsess developers",
    "GIT_COMMITTER_EMAIL": "logonsess@lists.logonsess.invalid",
    "GIT_COMMITTER_DATE": "2026-11-21T00:00:00+00:00",
}
MAINTAINERS_TITLE = re.compile(r"^[A-Z0-9][^\t]*$")


def die(msg):
    print(f"gen-patches: {msg}", file=sys.stderr)
    sys.exit(1)


class Git:
    def __init__(self, repo, env=None):
        self.repo = repo
        self.env = dict(os.environ, **IDENTITY, **(env or {}))

    def __call__(self, *args, stdin=None):
        res = subprocess.run(["git", "-C", str(self.repo), *args],
                             input=stdin, capture_output=True,
                             env=self.env)
        if res.returncode:
            die(f"git {' '.join(args)}: {res.stderr.decode().strip()}")
        return res.stdout

    def text(self, *args, stdin=None):
        return self(*args, stdin=stdin).decode().strip()


class Patch:
    def __init__(self, path):
        self.name = path.name
        self.subject = None
        self.files = []
        self.lines = []  # (path, line, is_block)
        header, _, body = path.read_text().partition("\n\n")
        for line in header.splitlines():
            key, _, value = line.partition(": ")
            if key == "Subject":
                self.subject = value
            elif key == "File":
                self.files.append(value)
            elif key in ("Line", "Block"):
                file, tab, text = value.partition("\t")
                if not tab:
                    die(f"{self.name}: {key} needs <path><TAB><line>")
                self.lines.append((file, text, key == "Block"))
            else:
                die(f"{self.name}: unknown header {line!r}")
        if not self.subject:
            die(f"{self.name}: no Subject")
        self.message = f"{self.subject}\n\n{body.strip()}\n"


def overlay_files():
    out = subprocess.run(
        ["git", "-C", str(TOP), "ls-files", "--cached", "--others",
         "--exclude-standard", "--", *OVERLAY_ROOTS],
        capture_output=True, check=True, text=True).stdout
    return sorted(f for f in out.splitlines() if (TOP / f).is_file())


def drop(lines, text, is_block, where):
    """Remove the line @text (or its paragraph) from @lines."""
    hits = [i for i, line in enumerate(lines) if line == text]
    if len(hits) != 1:
        die(f"{where}: {text!r} found {len(hits)} times, expected once")
    start = end = hits[0]
    if is_block:
        while end + 1 < len(lines) and lines[end + 1] != "":
            end += 1
        if end + 1 < len(lines):
            end += 1  # the blank line after the paragraph
        elif start > 0 and lines[start - 1] == "":
            start -= 1  # last paragraph: the blank line before it
    del lines[start:end + 1]


def maintainers(git, snippet):
    """Pristine MAINTAINERS with @snippet inserted in title order."""
    lines = git("show", "pristine:MAINTAINERS").decode().split("\n")
    entry = snippet.strip("\n").split("\n")
    title = entry[0]
    # Entries start after the "3C59X NETWORK DRIVER" style header list:
    # a title line is a line after a blank line that a "X:\t" line follows.
    for i in range(1, len(lines) - 1):
        if (lines[i - 1] == "" and MAINTAINERS_TITLE.match(lines[i]) and
                re.match(r"^[A-Z]:\t", lines[i + 1]) and
                lines[i].upper() > title.upper()):
            return "\n".join(lines[:i] + entry + [""] + lines[i:]).encode()
    die("no place for the MAINTAINERS entry")


def content(git, path, later_lines):
    if path == "MAINTAINERS":
        return maintainers(git, (TOP / "MAINTAINERS.snippet").read_text())
    data = (TOP / path).read_text()
    lines = data.split("\n")
    for text, is_block in later_lines:
        drop(lines, text, is_block, path)
    return "\n".join(lines).encode()


def load_series():
    specs = sorted(p for p in SERIES.iterdir() if re.match(r"^\d{4}-", p.name))
    if not specs:
        die("no series/NNNN-* files")
    patches = [Patch(p) for p in specs]
    owner = {}
    for k, patch in enumerate(patches):
        for f in patch.files:
            if f in owner:
                die(f"{f} is in {patches[owner[f]].name} and {patch.name}")
            if f != "MAINTAINERS" and not (TOP / f).is_file():
                die(f"{patch.name}: no such overlay file {f}")
            owner[f] = k
    for f in overlay_files():
        if f not in owner:
            die(f"overlay file {f} is in no patch of series/")
    for k, patch in enumerate(patches):
        for f, _, _ in patch.lines:
            if owner.get(f, k) >= k:
                die(f"{patch.name}: {f} must come from an earlier patch")
    return patches, owner


def make_commits(git, patches, owner, tmp):
    """Commit the series on pristine; return the commit IDs."""
    index = Path(tmp) / "index"
    igit = Git(git.repo, {"GIT_INDEX_FILE": str(index)})
    igit("read-tree", "pristine")
    parent = git.text("rev-parse", "pristine^{commit}")
    commits = []
    for k, patch in enumerate(patches):
        # Only what this patch brings, or lets a line of into, changes.
        touched = {lf for (lf, _, _) in patch.lines}
        for f, j in owner.items():
            if j != k and f not in touched:
                continue
            later = [(text, block) for p in patches[k + 1:]
                     for (lf, text, block) in p.lines if lf == f]
            blob = igit.text("hash-object", "-w", "--stdin",
                             stdin=content(git, f, later))
            mode = "100755" if os.access(TOP / f, os.X_OK) else "100644"
            igit("update-index", "--add", "--cacheinfo",
                 f"{mode},{blob},{f}")
        tree = igit.text("write-tree")
        parent = igit.text("commit-tree", tree, "-p", parent,
                           stdin=patch.message.encode())
        commits.append(parent)
    return commits


def format_series(git, commits, outdir):
    cover = (SERIES / "cover-letter").read_text()
    subject, _, blurb = cover.partition("\n\n")
    # A fixed abbreviation: git's default grows with the number of objects
    # in the source repository, which differs between machines.
    git("-c", "core.abbrev=9", "format-patch", "--quiet", "--cover-letter",
        "--zero-commit",
        "--no-signature", "-o", str(outdir),
        f"{commits[0]}^..{commits[-1]}")
    letter = next(Path(outdir).glob("0000-*.patch"))
    text = letter.read_text()
    text = text.replace("*** SUBJECT HERE ***", subject.strip())
    text = text.replace("*** BLURB HERE ***", blurb.strip())
    letter.write_text(text)


def check(git, patches, commits, tmp):
    ok = True
    applied = git.text("rev-list", "--reverse", "pristine..HEAD").split()
    if len(applied) != len(commits):
        die(f"HEAD of {git.repo} has {len(applied)} patches applied, the "
            f"overlay gives {len(commits)}: patches/ is stale (or the "
            "series was not applied; run scripts/build-qemu.sh --build-only)")
    for patch, want, got in zip(patches, commits, applied):
        if git.text("rev-parse", f"{want}^{{tree}}") != \
                git.text("rev-parse", f"{got}^{{tree}}"):
            print(f"stale: {patch.name}: the tree `git am` made differs "
                  "from the overlay", file=sys.stderr)
            ok = False
        if git.text("log", "-1", "--format=%B", want) != \
                git.text("log", "-1", "--format=%B", got):
            print(f"stale: {patch.name}: commit message differs",
                  file=sys.stderr)
            ok = False
    fresh = Path(tmp) / "patches"
    format_series(git, commits, fresh)
    names = sorted(p.name for p in fresh.iterdir())
    have = sorted(p.name for p in PATCHES.glob("*.patch"))
    if names != have:
        print(f"stale: patches/ has {have}, expected {names}",
              file=sys.stderr)
        ok = False
    letter = names[0]
    if (PATCHES / letter).exists() and \
            (PATCHES / letter).read_text() != (fresh / letter).read_text():
        print(f"stale: {letter} differs", file=sys.stderr)
        ok = False
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--src", default=os.environ.get(
        "LOGONSESS_SRC",
        os.path.join(os.environ.get("LOGONSESS_BUILD",
                                    "/var/tmp/logonsess-build"), "linux")))
    args = parser.parse_args()

    git = Git(args.src)
    git("rev-parse", "--verify", "--quiet", "pristine^{commit}")
    patches, owner = load_series()
    with tempfile.TemporaryDirectory() as tmp:
        commits = make_commits(git, patches, owner, tmp)
        if args.check:
            if not check(git, patches, commits, tmp):
                die("patches/ is stale: run scripts/gen-patches.py")
            print(f"patches/ matches the overlay ({len(commits)} patches)")
            return
        for old in PATCHES.glob("*.patch"):
            old.unlink()
        PATCHES.mkdir(exist_ok=True)
        format_series(git, commits, PATCHES)
    print(f"wrote {len(commits)} patches and a cover letter to patches/")


if __name__ == "__main__":
    main()
