"""A TCP proxy between the app and the search node that makes the node look busy.

Each chunk the node sends back is held ``latency`` seconds, so every request takes at least
that long; ``drop`` decides, from the first bytes of a request, to close its connection
instead (a node that hangs up). Threads only: one accepts, two pump each connection.
"""

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit


class LatencyProxy:
    """``with LatencyProxy(node_url, latency=0.3) as proxy:``, then point the app at its url."""

    def __init__(
        self,
        node_url: str,
        latency: float = 0.3,
        drop: Callable[[bytes], bool] | None = None,
    ):
        parts = urlsplit(node_url)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 9200)
        self.latency = latency
        self.drop = drop
        self.dropped = 0
        self.requests = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._sockets: list[socket.socket] = []
        self._closed = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self._closed.set()
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                _close(sock)

    def _accept(self):
        while not self._closed.is_set():
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.upstream)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._sockets += [client, upstream]
            threading.Thread(target=self._requests, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._responses, args=(upstream, client), daemon=True).start()

    def _requests(self, client: socket.socket, upstream: socket.socket):
        while data := _receive(client):
            if data[:8].split(b" ", 1)[0] in {b"GET", b"PUT", b"POST", b"HEAD", b"DELETE"}:
                with self._lock:
                    self.requests += 1
                if self.drop and self.drop(data):
                    with self._lock:
                        self.dropped += 1
                    break
            if not _send(upstream, data):
                break
        _close(client)
        _close(upstream)

    def _responses(self, upstream: socket.socket, client: socket.socket):
        while data := _receive(upstream):
            time.sleep(self.latency)
            if not _send(client, data):
                break
        _close(client)
        _close(upstream)


def _receive(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


def _send(sock: socket.socket, data: bytes) -> bool:
    try:
        sock.sendall(data)
    except OSError:
        return False
    return True


def _close(sock: socket.socket):
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
