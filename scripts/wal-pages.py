#!/usr/bin/env python3
"""Which tables and indexes a SQLite WAL's commits wrote, in 4 KB pages per commit.

    scripts/wal-pages.py DIR     # DIR holds a copy of cardactors.db and cardactors.db-wal

Copy both files while the node runs (cp of the WAL, then of the database), e.g. during the POST
rounds of `bench -- http`. Reads the WAL's frame headers (page number, commit marker, salt), maps
each page to its B-tree with SQLite's dbstat on a private copy, and prints the pages per commit of
each B-tree over the WAL's current commits (docs/benchmarks.md, issue 8 profile).
"""
import collections
import os
import shutil
import sqlite3
import struct
import sys
import tempfile

directory = sys.argv[1]
wal = open(os.path.join(directory, "cardactors.db-wal"), "rb").read()
_, _, page_size, _, salt1, salt2, _, _ = struct.unpack(">8I", wal[:32])
frames, offset = [], 32
while offset + 24 + page_size <= len(wal):
    page, commit, s1, s2, _, _ = struct.unpack(">6I", wal[offset:offset + 24])
    if (s1, s2) != (salt1, salt2):
        break  # frames of an earlier generation of the WAL
    frames.append((page, commit))
    offset += 24 + page_size

with tempfile.TemporaryDirectory() as copy:
    shutil.copy(os.path.join(directory, "cardactors.db"), os.path.join(copy, "x.db"))
    shutil.copy(os.path.join(directory, "cardactors.db-wal"), os.path.join(copy, "x.db-wal"))
    connection = sqlite3.connect(os.path.join(copy, "x.db"))
    owner = {page: (name, kind) for name, page, kind in connection.execute("SELECT name, pageno, pagetype FROM dbstat")}
    connection.close()

commits = [i for i, (_, commit) in enumerate(frames) if commit]
if len(commits) < 2:
    sys.exit("fewer than two commits in the WAL: copy it later")
# From the end of the first commit to the end of the last: whole commits only.
counted = frames[commits[0] + 1:commits[-1] + 1]
n = len(commits) - 1
print(f"{n} commits, {len(counted) / n:.1f} pages ({page_size} B) per commit")
for (name, kind), count in collections.Counter(owner.get(p, ("(new page)", "")) for p, _ in counted).most_common():
    print(f"{count / n:7.2f}  {name} {kind}")
