"""SQLite cache of generations keyed by (generator fingerprint, example hash).

Each batch is committed as soon as it is generated, so a killed run loses at
most the batch in flight and a re-run generates nothing it already has.
Failed generations are not cached: a re-run retries them.
"""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Iterable

from benchmark.schema import Explanation, InputError

LOCK_WAIT_S = 60  # how long an opening waits for another process that holds the cache

_SCHEMA = """
CREATE TABLE IF NOT EXISTS generations (
    fingerprint TEXT NOT NULL,
    example_hash TEXT NOT NULL,
    example_id TEXT NOT NULL,
    text TEXT NOT NULL,
    latency_s REAL NOT NULL,
    meta TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (fingerprint, example_hash)
);
CREATE TABLE IF NOT EXISTS identities (
    base TEXT NOT NULL,
    fingerprint TEXT PRIMARY KEY,
    identity TEXT NOT NULL,
    seen REAL NOT NULL
)
"""


class GenerationCache:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.is_dir():
            raise InputError(f"cache {self.path}: is a directory; pass --cache a file path (e.g. {self.path / 'cache.sqlite'})")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=LOCK_WAIT_S)
            self._set_up()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise self._broken(exc) from None

    def _set_up(self) -> None:
        """WAL mode and the tables. Why the loop: when two processes (Ray shards) open one new cache at
        once, switching it to WAL can fail at once with "database is locked" (SQLite returns BUSY without
        waiting where waiting could deadlock); it succeeds as soon as the other process is done."""
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.executescript(_SCHEMA)
                self._db.execute("SELECT fingerprint, example_hash, text, latency_s, meta FROM generations LIMIT 1").fetchall()
                self._db.commit()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                self._db.rollback()
                time.sleep(0.05)

    def _broken(self, exc: Exception) -> InputError:
        return InputError(f"cache {self.path}: not a usable SQLite generation cache ({exc}); "
                          "delete it (cached generations are lost) or pass --cache another file")

    def get_many(self, fingerprint: str, hashes: Iterable[str]) -> dict[str, tuple[str, float, dict]]:
        """example hash -> (text, latency, meta) for the hashes already generated."""
        hashes = list(hashes)
        found: dict[str, tuple[str, float, dict]] = {}
        try:
            for start in range(0, len(hashes), 500):
                chunk = hashes[start : start + 500]
                q = f"SELECT example_hash, text, latency_s, meta FROM generations WHERE fingerprint=? AND example_hash IN ({','.join('?' * len(chunk))})"
                for h, text, lat, meta in self._db.execute(q, [fingerprint, *chunk]):
                    found[h] = (text, lat, json.loads(meta))
        except sqlite3.DatabaseError as exc:
            raise self._broken(exc) from None
        return found

    def put_many(self, fingerprint: str, items: Iterable[tuple[str, Explanation]]) -> None:
        rows = [
            (fingerprint, h, e.example_id, e.text, e.latency_s, json.dumps(dict(e.meta), sort_keys=True), time.time())
            for h, e in items
            if e.ok
        ]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO generations VALUES (?,?,?,?,?,?,?)", rows)

    def other_identities(self, base: str, fingerprint: str, identity: dict) -> list[dict]:
        """Record that `fingerprint` (= `base` + the identity of what generated it) is
        `identity`; return the identity of the most recent other fingerprint of the same
        base that has cached outputs (empty when there is none)."""
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO identities VALUES (?,?,?,?)",
                             (base, fingerprint, json.dumps(identity, sort_keys=True), time.time()))
        q = ("SELECT identity FROM identities i WHERE base=? AND fingerprint<>? "
             "AND EXISTS (SELECT 1 FROM generations g WHERE g.fingerprint=i.fingerprint) ORDER BY seen DESC LIMIT 1")
        return [json.loads(row[0]) for row in self._db.execute(q, (base, fingerprint))]

    def close(self) -> None:
        self._db.close()
