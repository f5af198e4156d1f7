"""Starting `corridor serve` on a free loopback port for a test, and talking HTTP to it.

Used by test_api.py and load_test.py (tests/CMakeLists.txt runs them under ctest). Everything
stays on 127.0.0.1; every wait is bounded.
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import threading
import time


def free_port():
    """A TCP port that was free on 127.0.0.1 a moment ago (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`corridor serve --port P` as a child process; stopped with SIGTERM on exit."""

    def __init__(self, binary, *extra, start_timeout=30):
        self.binary = binary
        for attempt in range(5):  # another process may take the port between check and bind
            self.port = free_port()
            self.proc = subprocess.Popen([binary, "serve", "--port", str(self.port), *extra],
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            self.banner = self._wait_banner(start_timeout)
            if self.banner:
                break
            self.proc.wait(timeout=10)
        else:
            raise RuntimeError("corridor serve did not start: " + self.proc.stderr.read())
        self.stderr_lines = []
        threading.Thread(target=self._drain, daemon=True).start()

    def _wait_banner(self, timeout):
        found = {}

        def read():
            line = self.proc.stdout.readline()
            found["line"] = line

        t = threading.Thread(target=read, daemon=True)
        t.start()
        t.join(timeout)
        line = found.get("line", "")
        return line if line.startswith("corridor serve: http://") else None

    def _drain(self):
        for line in self.proc.stderr:
            self.stderr_lines.append(line)

    def rss_kb(self, field="VmRSS"):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def stop(self, sig=signal.SIGTERM, timeout=15):
        """Sends `sig`; returns the exit code and the rest of stdout."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise
        return code, self.proc.stdout.read()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.stop()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)

    @property
    def content_type(self):
        return self.headers.get("content-type", "")


def request(port, method, path, body=None, headers=None, timeout=60, conn=None):
    """One HTTP request; a new connection unless `conn` (a keep-alive http.client connection) is given."""
    own = conn is None
    if own:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = body.encode() if isinstance(body, str) else body
        conn.request(method, path, body=data, headers=headers or {})
        r = conn.getresponse()
        return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    finally:
        if own:
            conn.close()


def raw(port, data, timeout=10):
    """Sends raw bytes and returns everything the server answers before closing (or timing out)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks) and _complete(b"".join(chunks)):
                    break
        except (socket.timeout, ConnectionResetError):
            pass
        return b"".join(chunks)


def _complete(data):
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


def status_of(raw_response):
    line = raw_response.split(b"\r\n", 1)[0].decode(errors="replace")
    parts = line.split(" ")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def body_of(raw_response):
    return raw_response.partition(b"\r\n\r\n")[2]


def cli_json(binary, *args):
    """stdout of `corridor ARGS --format json` (exit 0 or 2: an answer or "no answer")."""
    run = subprocess.run([binary, *args, "--format", "json"], capture_output=True, timeout=120)
    if run.returncode not in (0, 2):
        raise RuntimeError(f"corridor {' '.join(args)}: exit {run.returncode}: {run.stderr.decode()}")
    return run.stdout


def strip_network(scenario_text):
    """A shipped scenario as a client sends it: without its `network` key."""
    scenario = json.loads(scenario_text)
    scenario.pop("network", None)
    return json.dumps(scenario)


def env_source_dir():
    return os.environ.get("CORRIDOR_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
