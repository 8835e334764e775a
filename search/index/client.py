"""The connection to Elasticsearch, and the one rule about it: never make a reader wait.

Every request our code sends goes through one circuit (``CIRCUIT``), kept by the transport,
so reader search, related stories, suggestions, feeds, indexing and the outbox all count
towards it and all obey it. With ``circuit_file`` set (production) its state is shared by
every process of the machine: a hung node costs the machine ``failure_threshold`` timeouts,
not that many per gunicorn worker.

``ELASTICSEARCH_URL`` may name the nodes of a cluster, separated by commas. A request whose
node refuses or drops the connection (or cannot be reached within ``connect_timeout``) is
sent again to another node, each node tried once; the circuit sees only how the request
ended, so one dead node of three costs readers nothing. A read timeout is never retried on
another node: a hung node costs one read timeout, counted as it would be with one node.

- closed: requests go through; ``failure_threshold`` consecutive failures (the node refused,
  timed out or answered 502/503/504) open it; any answer closes the count again. Two
  requests that waited out the read timeout side by side, the node answering nobody
  meanwhile, open it at once: the node hangs;
- open: for ``cooldown`` seconds every caller is told at once that search is unavailable,
  and falls back;
- half-open: after the cooldown exactly one request probes the node while the others keep
  falling back; its success closes the circuit, its failure reopens it.

Readers' requests also hold one of the machine's reader slots while they wait on the node
(``in_flight.py``): one fewer than the web workers, so that a hung node never holds every
gunicorn worker, and none at all once a request has gone unanswered for ``hung_after``.

Connecting and reading have their own timeouts (``connect_timeout``, ``timeout``). A reader's
search from a client already answered waits four times its recent pace (``ReaderPace``),
no less than ``reader_timeout`` and no more than ``timeout``: a warm search answers in tens
of milliseconds on a quiet machine, and each second a worker waits on a hung node is a
second the pages queued behind it wait too; a machine slowed by indexing or a fresh start
waits longer rather than falling back. Indexing, the outbox and
admin commands keep their longer timeouts. Two kinds of timeout prove nothing about the node
and leave the circuit as it was: the first timeout of a client never answered yet (a
worker's cold start on a busy machine, which waits the full ``timeout``), and the timeout of
a caller who chose to wait less than the read timeout (related stories are time-boxed).
"""

import fcntl
import logging
import math
import os
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import astuple, dataclass
from functools import cache
from typing import Any, cast

import urllib3
from django.conf import settings
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import (
    ConnectionTimeout,
    HttpHeaders,
    NodeConfig,
    Transport,
    TransportApiResponse,
    TransportError,
    Urllib3HttpNode,
)
from elastic_transport._node import NodeApiResponse
from elastic_transport.client_utils import DEFAULT, DefaultType
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions

from search.index.in_flight import READER_SLOTS, NodeBusy

# What "the node is down, hangs or refuses" looks like to the client.
UNAVAILABLE_ERRORS = (
    TransportError,
    es_exceptions.ConnectionError,
    es_exceptions.ConnectionTimeout,
)

# What a reader's query may meet: the node away, or an answer such as a missing index.
READ_ERRORS = (*UNAVAILABLE_ERRORS, es_exceptions.ApiError)

# Answers that mean the node (not the query) is in trouble.
UNHEALTHY_STATUSES = frozenset({502, 503, 504})

# What readers' pages and feeds ask of the node: they hold a reader slot (in_flight.py).
READER_ENDPOINTS = frozenset({"_search", "_msearch", "_count", "_mget"})

DEFAULT_CONNECT_TIMEOUT = 0.5
# A warm reader's search waits this many times its client's recent pace (``ReaderPace``).
PACE_FACTOR = 4
PACE_WINDOW = 20
DEFAULT_FAILURE_THRESHOLD = 3
DEFAULT_SLOT_WAIT = 0.1
DEFAULT_HUNG_AFTER = 0.5

logger = logging.getLogger(__name__)


class SearchUnavailable(Exception):
    """Elasticsearch is not configured, or did not answer in time."""


class CircuitOpen(TransportConnectionError):
    """The circuit refused a request without sending it: the node failed recently."""


class NodeUnreachable(TransportConnectionError):
    """A node could not be connected to in ``connect_timeout``: nothing was sent to it.

    A connection error rather than a timeout, so that the request goes to another node.
    """


@dataclass
class CircuitState:
    """What a circuit remembers; shared by every process of a machine when kept in a file."""

    state: str = "closed"
    failures: int = 0
    opened_at: float = 0.0
    probe_started: float | None = None
    last_answer: float = 0.0  # when the node last answered anyone
    last_timeout: float = 0.0  # when a request last waited the full read timeout in vain


class MemoryStore:
    """A circuit's state in this process only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = CircuitState()

    @contextmanager
    def locked(self, now: float) -> Iterator[CircuitState]:
        with self._lock:
            yield self._state


class FileStore:
    """A circuit's state in a small file, locked with ``flock``: one circuit per machine.

    Every gunicorn worker of a machine reads and writes the same state, so a hung node
    costs the machine ``failure_threshold`` timeouts in all, not that many per worker.
    Monotonic time is the same in every process of a machine; a state written before the
    machine restarted (its times in the future) is forgotten.
    """

    # state, failures, opened_at, probe_started (NaN: none), last_answer, last_timeout
    _LAYOUT = struct.Struct("<bidddd")
    _STATES = ("closed", "open", "half-open")

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._pid = 0

    def _descriptor(self) -> int:
        # A descriptor inherited through fork shares its lock with the parent: reopen.
        if self._fd is None or self._pid != os.getpid():
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd

    def _read(self, fd: int, now: float) -> CircuitState:
        data = os.pread(fd, self._LAYOUT.size, 0)
        if len(data) < self._LAYOUT.size:
            return CircuitState()
        code, failures, opened_at, probe, answered, timed_out = self._LAYOUT.unpack(data)
        if max(opened_at, answered, timed_out) > now or (probe == probe and probe > now):
            return CircuitState()  # NaN != NaN: no probe
        state = self._STATES[code] if 0 <= code < len(self._STATES) else "closed"
        return CircuitState(
            state, failures, opened_at, None if probe != probe else probe, answered, timed_out
        )

    def _write(self, fd: int, state: CircuitState) -> None:
        probe = math.nan if state.probe_started is None else state.probe_started
        code = self._STATES.index(state.state)
        os.pwrite(
            fd,
            self._LAYOUT.pack(
                code,
                state.failures,
                state.opened_at,
                probe,
                state.last_answer,
                state.last_timeout,
            ),
            0,
        )

    @contextmanager
    def locked(self, now: float) -> Iterator[CircuitState]:
        with self._lock:
            fd = self._descriptor()
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                state = self._read(fd, now)
                before = astuple(state)
                yield state
                if astuple(state) != before:
                    self._write(fd, state)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)


class Circuit:
    """A circuit breaker: closed, open for a cooldown, then one half-open probe.

    Thread-safe; with a ``FileStore`` shared by the processes of a machine as well.
    """

    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"

    def __init__(
        self,
        threshold: int = DEFAULT_FAILURE_THRESHOLD,
        cooldown: float = 15.0,
        clock: Callable[[], float] = time.monotonic,
        store: MemoryStore | FileStore | None = None,
    ) -> None:
        self.threshold = threshold
        self.cooldown = cooldown
        self._clock = clock
        self.store = store or MemoryStore()

    def configure(self, threshold: int, cooldown: float, shared_file: str = "") -> None:
        """Take the current settings (tests change them); a new file starts a new state."""
        self.threshold = max(1, threshold)
        self.cooldown = cooldown
        current = self.store.path if isinstance(self.store, FileStore) else ""
        if shared_file != current:
            self.store = FileStore(shared_file) if shared_file else MemoryStore()

    @contextmanager
    def _state(self) -> Iterator[tuple[CircuitState, float]]:
        now = self._clock()
        with self.store.locked(now) as state:
            yield state, now

    @property
    def state(self) -> str:
        with self._state() as (state, _now):
            return state.state

    @property
    def failures(self) -> int:
        with self._state() as (state, _now):
            return state.failures

    def _probe_is_stale(self, state: CircuitState, now: float) -> bool:
        # A probe that never reported (its caller vanished) must not block the circuit forever.
        return state.probe_started is None or now >= state.probe_started + self.cooldown

    def is_refusing(self) -> bool:
        """Whether a caller would be turned away now (takes no probe)."""
        with self._state() as (state, now):
            if state.state == self.OPEN:
                return now < state.opened_at + self.cooldown
            if state.state == self.HALF_OPEN:
                return not self._probe_is_stale(state, now)
            return False

    def allow(self) -> bool:
        """Whether this request may go to the node; after the cooldown, only one probe may."""
        with self._state() as (state, now):
            if state.state == self.CLOSED:
                return True
            if state.state == self.OPEN and now < state.opened_at + self.cooldown:
                return False
            if state.state == self.HALF_OPEN and not self._probe_is_stale(state, now):
                return False
            state.state = self.HALF_OPEN
            state.probe_started = now
            return True

    @property
    def last_answer(self) -> float:
        """When the node last answered anyone (monotonic time; 0: never)."""
        with self._state() as (state, _now):
            return state.last_answer

    def record_success(self) -> None:
        """The node answered: close the circuit."""
        with self._state() as (state, now):
            state.state = self.CLOSED
            state.failures = 0
            state.probe_started = None
            state.last_answer = now

    def record_failure(self, timed_out_since: float | None = None) -> None:
        """The node failed: count it, and open (or reopen) the circuit when it is time.

        ``timed_out_since``: the request waited the full read timeout, sent at that time. If
        another request timed out meanwhile and the node answered nobody since this one was
        sent, two readers waited side by side in vain: the node hangs, and the circuit opens
        at once instead of waiting for ``threshold`` failures.
        """
        with self._state() as (state, now):
            state.failures += 1
            hung = timed_out_since is not None and (
                state.last_answer < timed_out_since <= state.last_timeout
            )
            if timed_out_since is not None:
                state.last_timeout = now
            if state.state == self.OPEN:
                return  # a request sent before the circuit opened: the cooldown stands
            if state.state == self.HALF_OPEN or state.failures >= self.threshold or hung:
                logger.warning(
                    "Elasticsearch failed %d time(s)%s: circuit open",
                    state.failures,
                    ", two requests timed out side by side" if hung else "",
                )
                state.state = self.OPEN
                state.opened_at = now
                state.probe_started = None

    def record_inconclusive(self) -> None:
        """The request proved nothing: free the probe so the next caller may try."""
        with self._state() as (state, _now):
            if state.state == self.HALF_OPEN:
                state.probe_started = None

    def reset(self) -> None:
        """Close the circuit and forget the failures."""
        self.record_success()


# The one circuit of this process (of the machine, with NEWSROOM_SEARCH["circuit_file"]).
CIRCUIT = Circuit()


class Warmth:
    """Whether a client (one process's connections to the nodes) has ever been answered.

    Its first timeout before any answer is a cold start (a worker just started on a busy
    machine), forgiven once; after any answer, from any node, timeouts count.
    """

    def __init__(self) -> None:
        self.answered = False
        self._forgiven = False
        self._lock = threading.Lock()

    def is_cold(self) -> bool:
        """Neither answered nor timed out yet: its next request is its first."""
        return not self.answered and not self._forgiven

    def forgive_cold_timeout(self) -> bool:
        """Whether this timeout is the cold start's, to forgive (once)."""
        with self._lock:
            if self.answered or self._forgiven:
                return False
            self._forgiven = True
            return True


class ReaderPace:
    """How long a warm client's reader searches have taken lately, and so how long to wait.

    A reader's search waits ``PACE_FACTOR`` times the second slowest of its client's last
    ``PACE_WINDOW`` answered searches (one stray pause moves nothing), between the reader
    timeout and the read timeout: on a quiet machine a hung node costs a worker the short
    reader timeout, and a machine slowed by indexing or a fresh start still gets its answers
    instead of the database's. A hung node answers nothing, so it cannot stretch the wait.
    """

    def __init__(self) -> None:
        self._recent: deque[float] = deque(maxlen=PACE_WINDOW)
        self._lock = threading.Lock()

    def answered(self, seconds: float) -> None:
        with self._lock:
            self._recent.append(seconds)

    def deadline(self, floor: float, cap: float) -> float:
        with self._lock:
            recent = sorted(self._recent)
        if not recent:
            return cap
        pace = recent[-2] if len(recent) > 1 else recent[-1]
        return min(cap, max(floor, PACE_FACTOR * pace))


class CircuitNode(Urllib3HttpNode):
    """A urllib3 node with separate connect and read timeouts, which notes its first answer.

    ``CircuitTransport`` counts the outcome of a whole request, whichever nodes served it,
    and judges what its timeouts prove. The nodes of one client share its ``warmth``.
    """

    connect_timeout = DEFAULT_CONNECT_TIMEOUT
    read_timeout = 1.0
    reader_timeout = 1.0  # a warm client's reader searches, at least (CircuitTransport)
    warmth = Warmth()
    pace = ReaderPace()

    def __init__(self, config: NodeConfig) -> None:
        super().__init__(config)
        self.pool.timeout = self._timeout(self.read_timeout)

    def _timeout(self, read: float) -> urllib3.Timeout:
        return urllib3.Timeout(connect=min(self.connect_timeout, read), read=read)

    def perform_request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: HttpHeaders | None = None,
        request_timeout: DefaultType | float | None = DEFAULT,
    ) -> NodeApiResponse:
        """Send the request; a connection never made is ``NodeUnreachable`` (another node may)."""
        read = request_timeout if isinstance(request_timeout, int | float) else self.read_timeout
        timeout: Any = self._timeout(float(read))  # urllib3 takes a Timeout where floats go
        try:
            response = super().perform_request(method, target, body, headers, timeout)
        except ConnectionTimeout as error:
            if any(
                isinstance(cause, urllib3.exceptions.ConnectTimeoutError) for cause in error.errors
            ):
                raise NodeUnreachable(str(error), errors=error.errors) from error
            raise
        if response.meta.status not in UNHEALTHY_STATUSES:
            self.warmth.answered = True
        return response


def is_reader_request(target: str) -> bool:
    """Whether ``target`` reads documents (a search, a count), as readers' pages and feeds do."""
    endpoint = target.partition("?")[0].rstrip("/").rpartition("/")[2]
    return endpoint in READER_ENDPOINTS


class CircuitTransport(Transport):
    """A transport whose every request passes ``CIRCUIT`` once, whichever nodes serve it.

    The node pool sends a request that met a connection error to another node; only the
    request's outcome counts: an answer closes the circuit, a failure on every node tried
    (or a read timeout, never retried) counts once, and a timeout that proves nothing
    frees a probe. Readers' requests also hold one of the machine's ``READER_SLOTS``
    while they wait on the node; one that gets none falls back without counting.
    """

    def _node_class(self) -> type[CircuitNode]:
        return cast(type[CircuitNode], type(self.node_pool.all()[0]))

    def perform_request(self, method: str, target: str, **kwargs: Any) -> TransportApiResponse:
        """Send the request unless the circuit refuses it, and tell the circuit how it went."""
        if not CIRCUIT.allow():
            raise CircuitOpen("Elasticsearch failed recently; waiting before trying again.")
        node_class = self._node_class()
        warmth = node_class.warmth
        cold = warmth.is_cold()
        box = kwargs.get("request_timeout")
        # A caller with a time box shorter than the read timeout (related stories) proves
        # nothing by timing out, and waits for no slot.
        boxed = isinstance(box, int | float) and box < node_class.read_timeout
        reader = is_reader_request(target)
        if reader and not cold and (box is DEFAULT or box == node_class.read_timeout):
            # A warm reader's search: its own deadline, from its recent pace, which counts
            # when it passes.
            kwargs["request_timeout"] = node_class.pace.deadline(
                node_class.reader_timeout, node_class.read_timeout
            )
        sent = time.monotonic()
        try:
            slot: AbstractContextManager[None] = nullcontext()
            if reader:
                slot = READER_SLOTS.held(
                    lambda: CIRCUIT.last_answer,
                    wait=0.0 if boxed else READER_SLOTS.wait,
                    cold=cold,
                    cold_wait=node_class.read_timeout,
                )
            with slot:
                sent = time.monotonic()
                response = super().perform_request(method, target, **kwargs)
        except NodeBusy:
            CIRCUIT.record_inconclusive()
            raise
        except ConnectionTimeout:
            if boxed or warmth.forgive_cold_timeout():
                CIRCUIT.record_inconclusive()
            else:
                CIRCUIT.record_failure(timed_out_since=sent)
            raise
        except TransportError:
            CIRCUIT.record_failure()
            raise
        except BaseException:
            CIRCUIT.record_inconclusive()
            raise
        if response.meta.status in UNHEALTHY_STATUSES:
            CIRCUIT.record_failure()
        else:
            CIRCUIT.record_success()
            if reader and not boxed:
                node_class.pace.answered(time.monotonic() - sent)
        return response


def node_urls(url: str | None) -> list[str]:
    """The nodes ``ELASTICSEARCH_URL`` names: one URL, or several separated by commas."""
    return [part.strip() for part in (url or "").split(",") if part.strip()]


def cluster_options(urls: list[str], ca_certs: str = "") -> dict[str, Any]:
    """How our clients use a cluster's nodes: each node tried once, on connection errors only.

    A request that met a timeout or an answer (503 included) is never sent again. With
    ``ca_certs`` (``ELASTICSEARCH_CA_CERTS``), https nodes are verified against that CA.
    """
    options: dict[str, Any] = {
        "max_retries": len(urls) - 1,
        "retry_on_timeout": False,
        "retry_on_status": (),
    }
    if ca_certs:
        options["ca_certs"] = ca_certs
    return options


def _config() -> dict[str, Any]:
    return cast(dict[str, Any], settings.NEWSROOM_SEARCH)


def _sync_circuit(config: dict[str, Any]) -> None:
    circuit_file = str(config.get("circuit_file") or "")
    CIRCUIT.configure(
        int(config.get("failure_threshold", DEFAULT_FAILURE_THRESHOLD)),
        float(config["cooldown"]),
        circuit_file,
    )
    READER_SLOTS.configure(
        int(config.get("reader_slots") or 0),
        float(config.get("slot_wait", DEFAULT_SLOT_WAIT)),
        float(config.get("hung_after", DEFAULT_HUNG_AFTER)),
        circuit_file,
    )


def read_failure(error: Exception) -> SearchUnavailable:
    """A reader's query failed: fall back, and log it if it was more than the node being away."""
    if isinstance(error, UNAVAILABLE_ERRORS):
        return report_failure(error)
    logger.exception("Elasticsearch refused a reader query")
    return SearchUnavailable(f"Elasticsearch refused the query: {type(error).__name__}")


def search_is_configured() -> bool:
    """Whether an Elasticsearch URL is set (the node may still be away)."""
    return bool(_config().get("url"))


@cache
def _client(
    url: str,
    timeout: float,
    connect_timeout: float,
    ca_certs: str = "",
    reader_timeout: float | None = None,
) -> Elasticsearch:
    node_class = cast(
        type[CircuitNode],
        type(
            "NewsroomNode",
            (CircuitNode,),
            {
                "connect_timeout": connect_timeout,
                "read_timeout": timeout,
                "reader_timeout": reader_timeout or timeout,
                "warmth": Warmth(),
                "pace": ReaderPace(),
            },
        ),
    )
    urls = node_urls(url)
    return Elasticsearch(
        urls,
        request_timeout=timeout,
        node_class=node_class,
        transport_class=CircuitTransport,
        **cluster_options(urls, ca_certs),
    )


def search_client() -> Elasticsearch:
    """The client, or ``SearchUnavailable`` while search is off or the circuit is open."""
    config = _config()
    if not config.get("url"):
        raise SearchUnavailable("ELASTICSEARCH_URL is not set.")
    _sync_circuit(config)
    if CIRCUIT.is_refusing():
        raise SearchUnavailable("Elasticsearch failed recently; waiting before trying again.")
    return _client(
        config["url"],
        float(config["timeout"]),
        float(config.get("connect_timeout", DEFAULT_CONNECT_TIMEOUT)),
        str(config.get("ca_certs") or ""),
        float(config.get("reader_timeout") or 0) or None,
    )


def report_failure(error: Exception) -> SearchUnavailable:
    """The error to raise after a failed call (the circuit has already counted it)."""
    if isinstance(error, CircuitOpen | NodeBusy):
        return SearchUnavailable(str(error))
    return SearchUnavailable(f"Elasticsearch did not answer: {type(error).__name__}")


def reset_circuit() -> None:
    """Close the circuit: the next call tries Elasticsearch again."""
    CIRCUIT.reset()
