"""How many readers may wait on Elasticsearch at once, on one machine: the rest fall back.

A sync gunicorn worker that waits on a hung node answers nobody else. The circuit opens
after ``failure_threshold`` timeouts, but until then every worker may be waiting on the
node, and a reader who only wants the home page waits behind them. With ``reader_slots`` set
(gunicorn sets it to one fewer than its workers) at most that many searches are in flight
at once; a search that finds no free slot within ``slot_wait`` seconds falls back as it would
with the circuit open, and at least one worker is always free for pages.

Slots are ``flock``-ed files beside the circuit's file, so that they count the whole machine
and are freed by the kernel when a worker dies holding one; each also has a thread lock, as
``flock`` does not tell apart the threads of one process.
"""

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from elastic_transport import ConnectionError as TransportConnectionError

POLL_SECONDS = 0.005


class NoReaderSlot(TransportConnectionError):
    """Every reader slot stayed taken for ``slot_wait``: the request was not sent."""


class ReaderSlots:
    """At most ``count`` requests at once (0: no limit): in this process, or the machine's."""

    def __init__(self) -> None:
        self.count = 0
        self.wait = 0.0
        self.path = ""
        self._locks: list[threading.Lock] = []
        self._descriptors: list[int] = []
        self._pid = 0
        self._guard = threading.Lock()

    def configure(self, count: int, wait: float, shared_file: str = "") -> None:
        """Take the current settings (tests change them)."""
        with self._guard:
            if (count, shared_file) != (self.count, self.path):
                self._close()
                self.count, self.path = max(0, count), shared_file
                self._locks = [threading.Lock() for _ in range(self.count)]
            self.wait = wait

    def _close(self) -> None:
        for descriptor in self._descriptors:
            os.close(descriptor)
        self._descriptors = []

    def _slot_files(self) -> list[int]:
        # A descriptor inherited through fork shares its lock with the parent: reopen.
        if not self.path:
            return []
        with self._guard:
            if self._pid != os.getpid() or len(self._descriptors) != self.count:
                self._descriptors = [
                    os.open(f"{self.path}.slot-{number}", os.O_RDWR | os.O_CREAT, 0o600)
                    for number in range(self.count)
                ]
                self._pid = os.getpid()
            return self._descriptors

    def _take(self, files: list[int]) -> int | None:
        for number, lock in enumerate(self._locks):
            if not lock.acquire(blocking=False):
                continue
            if not files:
                return number
            try:
                fcntl.flock(files[number], fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.release()
                continue
            return number
        return None

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold a slot while the block runs; ``NoReaderSlot`` if none frees within ``wait``."""
        if not self.count:
            yield
            return
        files = self._slot_files()
        deadline = time.monotonic() + self.wait
        while (number := self._take(files)) is None:
            if time.monotonic() >= deadline:
                raise NoReaderSlot("Every reader slot is waiting on Elasticsearch.")
            time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            if files:
                fcntl.flock(files[number], fcntl.LOCK_UN)
            self._locks[number].release()


# The reader slots of this process (of the machine, beside NEWSROOM_SEARCH["circuit_file"]).
READER_SLOTS = ReaderSlots()
