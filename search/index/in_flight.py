"""How many readers' requests wait on Elasticsearch at once, and whether the node looks hung.

A sync gunicorn worker waiting on a hung node serves nobody else. The circuit opens only
once requests have timed out, and until then every worker may be waiting. With ``count``
slots (one fewer than the machine's workers), at most that many readers' requests are in
flight at once, so that one worker is always left for pages: a request that finds every
slot taken waits ``wait`` seconds at most (a healthy node frees one in about that time), then
falls back to the database; longer while a worker's first request holds one.

A slot says since when its request waits. A request that has waited ``hung_after`` seconds
while the node answered nobody makes the node *suspect*: other readers' requests fall back
at once, without waiting or sending anything, until the node answers again or the circuit
opens. A holder whose connection has never been answered (a worker's first request) is not
held against the node: a cold start is slow, not hung.

Slots are small files beside the circuit's file, locked with ``flock``, so that they count
the whole machine and a worker that dies holding one frees it; each holds its request's
start (monotonic time, which every process of a machine shares). Without a shared file,
slots count this process only.
"""

import fcntl
import os
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

from elastic_transport import ConnectionError as TransportConnectionError

POLL_SECONDS = 0.005
# A slot's record: its request's start (0: none yet) and whether its connection is cold.
_RECORD = struct.Struct("<d?")
# A slot taken (its release) or none, and the (start, cold) records of the slots others hold.
_Taken = tuple[Callable[[], None] | None, list[tuple[float, bool]]]


class NodeBusy(TransportConnectionError):
    """The request was not sent: every slot stayed taken, or the node looks hung."""


class InFlightLimit:
    """At most ``count`` requests in flight (0: no limit), in this process or on the machine."""

    def __init__(self) -> None:
        self.count = 0
        self.wait = 0.1
        self.hung_after = 0.5
        self.path = ""
        self._guard = threading.Lock()
        self._local: list[tuple[float, bool] | None] = []

    def configure(self, count: int, wait: float, hung_after: float, shared_file: str = "") -> None:
        """Take the current settings (tests change them)."""
        with self._guard:
            if (count, shared_file) != (self.count, self.path):
                self.count, self.path = max(0, count), shared_file
                self._local = [None] * self.count
            self.wait, self.hung_after = wait, hung_after

    @contextmanager
    def held(
        self, last_answer: Callable[[], float], wait: float, cold: bool, cold_wait: float
    ) -> Iterator[None]:
        """Hold a slot while the block runs, or raise ``NodeBusy`` without running it.

        ``last_answer`` tells when the node last answered anyone (monotonic time); ``wait``
        bounds the wait for a slot (0 for a caller with a time box of its own); ``cold``:
        this request is its client's first. While a cold request holds a slot, a caller
        waits up to ``cold_wait`` instead: a worker that just started is slow, not stuck.
        """
        if not self.count:
            yield
            return
        began = time.monotonic()
        take = self._take_file if self.path else self._take_local
        while True:
            now = time.monotonic()
            taken, waiting = take(now, cold)
            if self.suspect(waiting, last_answer(), now):
                if taken is not None:
                    taken()
                raise NodeBusy("Elasticsearch has answered nobody for a while: it looks hung.")
            if taken is not None:
                break
            patience = max(wait, cold_wait) if wait and any(c for _s, c in waiting) else wait
            if now - began >= patience:
                raise NodeBusy("Every slot for Elasticsearch stayed taken.")
            time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            taken()

    def suspect(self, waiting: list[tuple[float, bool]], last_answer: float, now: float) -> bool:
        """Whether a warm request has waited ``hung_after`` and the node answered nobody since."""
        return any(
            start and not cold and start > last_answer and now - start >= self.hung_after
            for start, cold in waiting
        )

    def _take_local(self, now: float, cold: bool) -> _Taken:
        with self._guard:
            waiting = [slot for slot in self._local if slot is not None]
            for number, slot in enumerate(self._local):
                if slot is None:
                    self._local[number] = (now, cold)
                    return partial(self._release_local, number), waiting
        return None, waiting

    def _release_local(self, number: int) -> None:
        with self._guard:
            if number < len(self._local):
                self._local[number] = None

    def _take_file(self, now: float, cold: bool) -> _Taken:
        """Try every slot file; the first free one is ours. Others' records, as they stand."""
        taken: Callable[[], None] | None = None
        waiting: list[tuple[float, bool]] = []
        for number in range(self.count):
            # A descriptor of its own per attempt: flock tells apart open files, not threads.
            fd = os.open(f"{self.path}.slot-{number}", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                data = os.pread(fd, _RECORD.size, 0)
                os.close(fd)
                if len(data) == _RECORD.size:
                    waiting.append(_RECORD.unpack(data))
                continue
            if taken is not None:
                os.close(fd)  # free, but one slot is enough: closing unlocks it
                continue
            os.pwrite(fd, _RECORD.pack(now, cold), 0)
            taken = partial(_release_file, fd)
        return taken, waiting


def _release_file(fd: int) -> None:
    os.pwrite(fd, _RECORD.pack(0.0, False), 0)
    os.close(fd)  # closing the only descriptor of the open file unlocks it


# The readers' slots of this process (of the machine, beside NEWSROOM_SEARCH["circuit_file"]).
READER_SLOTS = InFlightLimit()
