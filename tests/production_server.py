"""The site as production runs it: gunicorn with the production settings, in processes of its own.

Drills and benchmarks start it against a database and a search node they choose, so that
what they measure is what readers get: sync workers, persistent database connections
checked before use, the production cache. ``SearchNode`` is such a node, of the drill's own:
started, frozen (SIGSTOP, a hung node), thawed and killed.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
SEARCH_NODE_SCRIPT = ROOT / "deploy" / "search-node" / "search-node.sh"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    """A ``postgres://`` URL for a Django database's settings (the test database's, say)."""
    credentials = quote(settings_dict["USER"] or "", safe="")
    if settings_dict["PASSWORD"]:
        credentials += ":" + quote(settings_dict["PASSWORD"], safe="")
    host = settings_dict["HOST"] or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{settings_dict['NAME']}"


def production_environment(
    database: str, search_url: str = "", index_prefix: str = "", **extra: str
) -> dict[str, str]:
    """The environment of a production process on this machine, plain HTTP on 127.0.0.1.

    Each environment is a machine of its own: its processes share a search circuit that no
    other drill or benchmark sees.
    """
    circuit = Path(tempfile.mkdtemp(prefix="newsroom-circuit-")) / "search.circuit"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database,
        "ELASTICSEARCH_URL": search_url,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "site"), str(ROOT)]),
        "NEWSROOM_SEARCH_CIRCUIT_FILE": str(circuit),
        # Its own keys in a shared cache (drills share one Redis): it starts empty.
        "NEWSROOM_CACHE_PREFIX": f"drill-{secrets.token_hex(4)}",
        # Drills judge gunicorn's own answers (a fallback, a render): no page cache answers for
        # it. The page cache has tests of its own (tests/newsroom/test_page_cache.py).
        "NEWSROOM_PAGE_CACHE": "false",
        **extra,
    }
    if index_prefix:
        env["NEWSROOM_SEARCH_INDEX_PREFIX"] = index_prefix
    return env


def environment_file(path: Path) -> dict[str, str]:
    """The ``NAME=value`` lines of an environment file (deploy/env.example, prod-local's env)."""
    variables = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            variables[name.strip()] = value.strip()
    return variables


def run_manage(
    env: dict[str, str], *args: str, timeout: float = 600
) -> subprocess.CompletedProcess:
    """Run a manage.py command in a process of its own, with exactly ``env``; what it did."""
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    """Run a manage.py command in a process of its own; its output, or an error with it."""
    done = run_manage(env, *args, timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def start_manage(env: dict[str, str], *args: str) -> subprocess.Popen:
    """Start a manage.py command (a worker, say) as a process of its own, its output piped."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(process: subprocess.Popen, timeout: float = 30) -> str:
    """Stop a process started by ``start_manage`` as systemd would (SIGTERM); its output."""
    process.send_signal(signal.SIGTERM)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output


def prepare_database(env: dict[str, str], demo: bool = True) -> None:
    """Migrate, create the cache table, collect static files and (optionally) build the demo.

    The demo creates users with known passwords, which the production settings refuse: it is
    built with the test settings on the same database.
    """
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput")
    if demo:
        test_settings = {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
            "NEWSROOM_TEST_MEDIA_ROOT": env.get("DJANGO_MEDIA_ROOT", str(ROOT / "var" / "media")),
        }
        manage({**env, **test_settings}, "build_demo_site")


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen
    log: Path

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def workers_connected_to(self, port: int) -> set[int]:
        """The workers holding a connection open to ``port`` on this machine (Linux only).

        A worker keeps its connection to the search node after a query: this tells which
        workers have talked to the node, which no response says.
        """
        remote = _established_sockets(port)
        return {pid for pid in self.worker_pids() if _socket_inodes(pid) & remote}

    def get_from_every_worker(self, path: str, timeout: float = 30) -> dict[int, "Answer"]:
        """GET ``path`` once from each worker: the answer, by the worker's pid.

        Requests sent one after another may all reach the same worker: which worker accepts
        is up to the kernel. A sync worker reads a request to its end before it accepts
        another, so each request is held with its headers unfinished until every worker
        holds one, then finished.
        """
        pids = self.worker_pids()
        address = urlsplit(self.url)
        head = f"GET {path} HTTP/1.0\r\nHost: {address.netloc}\r\n".encode()
        clients = [
            socket.create_connection((address.hostname, address.port), timeout) for _ in pids
        ]
        held: dict[socket.socket, int] = {}

        def every_worker_holds_one() -> bool:
            for client in clients:
                server_side = _established_sockets(client.getsockname()[1])
                for pid in pids:
                    if _socket_inodes(pid) & server_side:
                        held[client] = pid
            return len(held) == len(clients) and len(set(held.values())) == len(pids)

        try:
            for client in clients:
                client.sendall(head)
            deadline = time.monotonic() + 10
            while not every_worker_holds_one():
                if time.monotonic() > deadline:
                    raise RuntimeError(f"not every worker took a request: {held}")
                time.sleep(0.05)
            answers = {}
            for client, pid in held.items():
                client.sendall(b"\r\n")
                answers[pid] = Answer.parse(_read_to_end(client))
            return answers
        finally:
            for client in clients:
                client.close()


@dataclass(frozen=True)
class Answer:
    status: int
    body: str

    @classmethod
    def parse(cls, response: bytes) -> "Answer":
        head, _, body = response.partition(b"\r\n\r\n")
        status_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        return cls(int(status_line.split()[1]), body.decode(errors="replace"))


def _read_to_end(client: socket.socket) -> bytes:
    chunks = []
    while chunk := client.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    try:
        descriptors = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return inodes
    for descriptor in descriptors:
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def _established_sockets(remote_port: int) -> set[str]:
    """The inodes of established TCP connections to ``remote_port``."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "01" and int(fields[2].rsplit(":", 1)[1], 16) == remote_port:
                inodes.add(fields[9])
    return inodes


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except OSError:
        return False


@contextmanager
def gunicorn(
    env: dict[str, str], workers: int = 3, log: Path | None = None
) -> Iterator[RunningServer]:
    """Gunicorn with ``deploy/gunicorn.conf.py`` on a free port, until the block ends."""
    port = free_port()
    log = log or Path(os.environ.get("TMPDIR", "/tmp")) / f"gunicorn-{port}.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF)],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = RunningServer(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + 60
        while not _answers(f"{server.url}/robots.txt"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=35)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class SearchNode:
    """A search node of a drill's own (``deploy/search-node/search-node.sh``), on its own port.

    It reuses the built distribution (the script builds it only when missing or stale) and
    keeps its state (pid, log, data wiped at each start) in ``state_dir``. With ``count``
    above 1 it is a cluster of that many nodes on ports ``port`` .. ``port + count - 1``;
    the methods that take ``index`` act on one node of it (the first by default), those
    that do not on every node.
    """

    def __init__(self, state_dir: Path, port: int, count: int = 1):
        self.state_dir = state_dir
        self.port = port
        self.count = count
        self.urls = [f"http://127.0.0.1:{port + index}" for index in range(count)]
        self.url = self.urls[0]
        self.elasticsearch_url = ",".join(self.urls)  # ELASTICSEARCH_URL naming every node
        self.env = {
            **os.environ,
            "SEARCH_NODE_DIR": str(state_dir),
            "SEARCH_NODE_PORT": str(port),
            "SEARCH_NODE_COUNT": str(count),
        }

    def run(self, command: str, *args: str) -> None:
        done = subprocess.run(
            [str(SEARCH_NODE_SCRIPT), command, *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"search-node.sh {command} failed:\n{done.stdout}\n{done.stderr}")

    def start(self) -> None:
        self.run("start")

    def stop(self) -> None:
        """Thaw it first: a frozen JVM cannot act on SIGTERM."""
        self.signal(signal.SIGCONT)
        self.run("stop")

    def start_node(self, index: int) -> None:
        """Start one node of the cluster again, with its data; return once it has joined."""
        self.run("start-node", str(index))

    def _pid_file(self, index: int) -> Path:
        if self.count == 1:
            return self.state_dir / "search-node.pid"
        return self.state_dir / f"node-{index}" / "search-node.pid"

    def pid(self, index: int = 0) -> int | None:
        try:
            return int(self._pid_file(index).read_text().strip())
        except (OSError, ValueError):
            return None

    def signal(self, number: int, index: int | None = None) -> None:
        """Send a signal to one node, or to every node."""
        for each in range(self.count) if index is None else [index]:
            pid = self.pid(each)
            if pid is not None:
                with suppress(ProcessLookupError):
                    os.kill(pid, number)

    def freeze(self, index: int | None = None) -> None:
        """A hung node: it keeps its connections and accepts new ones, and answers nothing."""
        self.signal(signal.SIGSTOP, index)

    def thaw(self, index: int | None = None) -> None:
        self.signal(signal.SIGCONT, index)

    def kill(self, index: int = 0) -> None:
        """A node that died: connections refused from now on."""
        pid = self.pid(index)
        self.signal(signal.SIGKILL, index)
        deadline = time.monotonic() + 10
        while pid is not None and _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        self._pid_file(index).unlink(missing_ok=True)


class RedisServer:
    """A ``redis-server`` of a test's own on ``port``: started, stopped, frozen (SIGSTOP)."""

    def __init__(self, port: int, directory):
        self.port = port
        self.directory = directory
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not self.answers():
            if time.monotonic() > deadline:
                raise RuntimeError(f"redis-server on port {self.port} did not answer")
            time.sleep(0.05)

    def answers(self) -> bool:
        ping = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True, check=False
        )
        return ping.stdout.strip() == "PONG"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)

    def freeze(self) -> None:
        assert self.process
        self.process.send_signal(signal.SIGSTOP)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie no longer does: nobody may have reaped it yet)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
