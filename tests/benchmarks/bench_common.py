"""run_bench.py's settings and how it runs commands: the caps of a run, the benchmarks it
reports, repetitions, timed and peak-memory runs of one command, and the machine's description."""
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time


HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def log(message):
    print(message, file=sys.stderr, flush=True)


def fail_command(command, code, err):
    raise SystemExit(f"run_bench.py: command failed (exit code {code}): {' '.join(command)}\n{err.strip()}")


def run_measured(command):
    """Runs a command; returns (stdout text, wall seconds). Fails loudly."""
    start = time.perf_counter()
    process = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        fail_command(command, process.returncode, process.stderr)
    return process.stdout, wall


def run_peak(command):
    """Runs a command in a process of its own; returns (peak RSS bytes, wall seconds, stdout).
    Fails loudly (with the command's error output) unless it exits with code 0."""
    peak, _, wall, out = run_usage(command)
    return peak, wall, out


def run_usage(command, cpu_limit=None, env=None):
    """run_peak, also returning the process's CPU seconds (user + system):
    (peak RSS bytes, CPU seconds, wall seconds, stdout). With `cpu_limit` (seconds) the process is
    stopped when it has used that much CPU time, and stdout is None. `env` replaces the environment."""
    start = time.perf_counter()
    read_end, write_end = os.pipe()
    err_file = tempfile.TemporaryFile()
    pid = os.fork()
    if pid == 0:
        os.dup2(write_end, 1)
        os.dup2(err_file.fileno(), 2)
        os.close(read_end)
        try:
            if cpu_limit is not None:
                resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_limit), int(cpu_limit) + 5))
            if env is None:
                os.execv(command[0], command)
            else:
                os.execve(command[0], command, env)
        finally:
            os._exit(127)
    os.close(write_end)
    chunks = []
    while True:
        chunk = os.read(read_end, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if cpu_limit is not None and code in (-signal.SIGXCPU, -signal.SIGKILL):
        err_file.close()
        return usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime, wall, None
    if code != 0:
        err_file.seek(0)
        fail_command(command, code, err_file.read().decode(errors="replace"))
    err_file.close()
    return usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime, wall, b"".join(chunks).decode()


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
            memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    os_name = platform.platform()
    try:
        with open("/etc/os-release") as f:
            fields = dict(line.rstrip().split("=", 1) for line in f if "=" in line)
            os_name = fields.get("PRETTY_NAME", os_name).strip('"')
    except OSError:
        pass
    compiler = subprocess.run(["c++", "--version"], capture_output=True, text=True).stdout.splitlines()
    versions = []
    for package in ("libboost-graph-dev", "liblemon-dev", "nlohmann-json3-dev", "libbenchmark-dev", "python3-networkx",
                    "python3-scipy"):
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True).stdout
        versions.append(f"{package} {v or '?'}")
    return (f"{cpu}, {os.cpu_count()} logical cores{memory}; {os_name}; "
            f"{compiler[0] if compiler else 'unknown compiler'}; " + ", ".join(versions))


# Every limit of the run, as (option, default, what it limits). They keep a full `make bench`
# within about a quarter of an hour on a 2-core machine; the document lists each with its value.
CAPS = [
    ("networkx_route_max", 100000, "largest size on which NetworkX shortest path runs"),
    ("networkx_flow_max", 10000, "largest size on which NetworkX max flow runs"),
    ("networkx_mincost_max", 10000, "largest size on which NetworkX min-cost flow runs"),
    ("lemon_preflow_max", 100000, "largest size on which LEMON Preflow runs"),
    ("lemon_preflow_once_from", 100000, "from this size on, LEMON Preflow runs once"),
    ("flow_once_from", 1000000, "from this size on, max flow (corridor, Boost CSR) runs once"),
    ("assign_max", 100000, "largest size on which corridor's min-cost assignment (column generation) runs"),
    ("assign_once_from", 10000, "from this size on, corridor's min-cost assignment runs once"),
    ("mincost_once_from", 1000000, "from this size on, LEMON NetworkSimplex runs once"),
    ("lemon_mincost_max", 100000, "largest size on which LEMON NetworkSimplex runs (over 10 minutes at 1,000,000)"),
    ("flow_peak_max", 100000, "largest size at which peak memory of max flow (corridor, Boost CSR) is measured"),
    ("lemon_flow_peak_max", 10000, "largest size at which peak memory of LEMON Preflow is measured"),
]

# Every benchmark corridor_bench registers that this script reports; one that should have run
# but is missing from its output ends the run.
BENCHMARKS = ["load/simdjson_parse", "load/nlohmann_parse", "load/corridor", "load/corridor_diagnosing",
              "load/corridor_snapshot", "route_build/corridor", "route/corridor", "route/boost_csr",
              "route/lemon", "flow_build/corridor", "flow/corridor", "flow/boost_csr", "flow/lemon", "mincost/corridor", "mincost/lemon"]


def repetitions(size):
    """Repetitions of each in-process benchmark (the median is reported)."""
    return 9 if size <= 1000 else 5


def networkx_repetitions(kind, size):
    return 3 if size <= 1000 or (kind == "route" and size <= 100000) else 1
