#!/usr/bin/env python3
"""API tests of `corridor serve` (docs/api.md), on loopback, against the CLI of the same build.

  test_api.py CORRIDOR_BINARY SOURCE_DIR

1. Route, flow, reliability, criticality and run bodies are byte-identical to
   `corridor route|flow|reliability|criticality|run ... --format json`.
2. Hostile requests (malformed HTTP, malformed JSON, huge bodies, unknown parameters, NaN,
   negative values, 10^12 samples, file names...) get a 4xx with a JSON error, and the server
   still answers afterwards.
3. docs/openapi.json matches the running server: every documented operation answers its
   example with the documented status and shape; every served path is documented.
4. Beyond the queue limit the server answers 503; SIGTERM and SIGINT stop it cleanly.
"""
import concurrent.futures
import gzip
import json
import os
import signal
import subprocess
import sys
import urllib.parse

from serve_support import Server, body_of, cli_json, raw, request, status_of, strip_network

FAILURES = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        FAILURES.append(message)


def query(params):
    return urllib.parse.urlencode(params)


# (API parameters, CLI arguments): the same question asked both ways.
ROUTES = [
    ({"from": "XIAN", "to": "BAKU"}, ["--from", "XIAN", "--to", "BAKU"]),
    ({"from": "XIAN", "to": "ISTANBUL", "by": "cost", "k": "3"}, ["--from", "XIAN", "--to", "ISTANBUL", "--by", "cost", "--k", "3"]),
    ({"from": "XIAN", "to": "DUISBURG", "corridor": "middle"}, ["--from", "XIAN", "--to", "DUISBURG", "--corridor", "middle"]),
    ({"from": "XIAN", "to": "ISTANBUL", "pareto": "true"}, ["--from", "XIAN", "--to", "ISTANBUL", "--pareto"]),
    ({"from": "XIAN", "to": "ISTANBUL", "avoid_country": "RU,IR", "modes": "rail,ferry"},
     ["--from", "XIAN", "--to", "ISTANBUL", "--avoid-country", "RU,IR", "--modes", "rail,ferry"]),
    ({"from": "XIAN", "to": "BAKU", "avoid": "AKTAU-BAKU", "by": "co2", "k": "2", "max_overlap": "0.5"},
     ["--from", "XIAN", "--to", "BAKU", "--avoid", "AKTAU-BAKU", "--by", "co2", "--k", "2", "--max-overlap", "0.5"]),
    ({"from": "XIAN", "to": "ISTANBUL", "via": "TBILISI", "by": "generalized", "value_of_time_usd_per_t_day": "2.5",
      "carbon_price_usd_per_t_co2": "80"},
     ["--from", "XIAN", "--to", "ISTANBUL", "--via", "TBILISI", "--by", "generalized", "--value-of-time", "2.5",
      "--carbon-price", "80"]),
    ({"from": "XIAN", "to": "BAKU", "modes": "road"}, ["--from", "XIAN", "--to", "BAKU", "--modes", "road"]),
]
FLOWS = [
    ({"from": "KHORGOS,ALASHANKOU", "to": "BAKU", "target_tpy": "10000000"},
     ["--from", "KHORGOS,ALASHANKOU", "--to", "BAKU", "--target-tpy", "10000000"]),
    ({"from": "KHORGOS", "to": "POTI,BATUMI", "corridor": "middle", "avoid": "AKTAU-BAKU"},
     ["--from", "KHORGOS", "--to", "POTI,BATUMI", "--corridor", "middle", "--avoid", "AKTAU-BAKU"]),
    ({"from": "XIAN", "to": "ISTANBUL"}, ["--from", "XIAN", "--to", "ISTANBUL"]),
]
OTHERS = [
    ("reliability", {"from": "XIAN", "to": "BAKU", "samples": "2000", "seed": "7", "deadline_days": "12"},
     ["--from", "XIAN", "--to", "BAKU", "--samples", "2000", "--seed", "7", "--deadline-days", "12"]),
    ("reliability", {"from": "KHORGOS", "to": "BAKU", "corridor": "middle", "samples": "2000", "volume_mt": "3"},
     ["--from", "KHORGOS", "--to", "BAKU", "--corridor", "middle", "--samples", "2000", "--volume-mt", "3"]),
    ("criticality", {"from": "KHORGOS,ALASHANKOU", "to": "BAKU", "od": "XIAN:BAKU", "top": "5"},
     ["--from", "KHORGOS,ALASHANKOU", "--to", "BAKU", "--od", "XIAN:BAKU", "--top", "5"]),
]


def test_identical(binary, source_dir, port):
    for params, args in ROUTES:
        api = request(port, "GET", "/api/route?" + query(params))
        check(api.status == 200 and api.body == cli_json(binary, "route", *args),
              f"/api/route?{query(params)} is byte-identical to corridor route {' '.join(args)}")
    for params, args in FLOWS:
        api = request(port, "GET", "/api/flow?" + query(params))
        check(api.status == 200 and api.body == cli_json(binary, "flow", *args),
              f"/api/flow?{query(params)} is byte-identical to corridor flow {' '.join(args)}")
    for command, params, args in OTHERS:
        api = request(port, "GET", f"/api/{command}?" + query(params))
        check(api.status == 200 and api.body == cli_json(binary, command, *args),
              f"/api/{command} is byte-identical to corridor {command} {' '.join(args)}")
    for name in ("baseline.json", "caspian-low-water.json", "zangezur-open.json", "georgia-disruption.json"):
        path = os.path.join(source_dir, "scenarios", name)
        with open(path) as f:
            body = strip_network(f.read())
        api = request(port, "POST", "/api/run", body, {"Content-Type": "application/json"})
        check(api.status == 200 and api.body == cli_json(binary, "run", path),
              f"POST /api/run of {name} (without its network key) is byte-identical to corridor run")


def expect_error(response, status, code, what):
    ok = response.status == status and response.content_type.startswith("application/json")
    try:
        error = response.json()["error"]
        ok = ok and error["code"] == code and isinstance(error["message"], str) and "pointer" in error
    except (ValueError, KeyError, TypeError):
        ok = False
    check(ok, f"{what} -> {status} {code} (got {response.status} {response.body[:160]!r})")


def test_hostile(port):
    get = lambda path: request(port, "GET", path)
    post = lambda path, body: request(port, "POST", path, body, {"Content-Type": "application/json"})
    expect_error(get("/api/route?from=XIAN&to=BAKU&colour=red"), 400, "E-QUERY", "unknown parameter")
    expect_error(get("/api/route?from=XIAN&from=KASHGAR&to=BAKU"), 400, "E-QUERY", "a parameter given twice")
    expect_error(get("/api/route?from=XIAM&to=BAKU"), 400, "E-QUERY-REF", "unknown node id")
    check(b"XIAN" in get("/api/route?from=XIAM&to=BAKU").body, "unknown node id: the error suggests XIAN")
    expect_error(get("/api/route?to=BAKU"), 400, "E-MISSING-KEY", "missing from")
    expect_error(get("/api/route?from=XIAN&to=BAKU&k=abc"), 400, "E-TYPE", "k=abc")
    expect_error(get("/api/route?from=XIAN&to=BAKU&k=-1"), 400, "E-RANGE", "k=-1")
    expect_error(get("/api/route?from=XIAN&to=BAKU&k=99999999999999999999"), 400, "E-RANGE", "k beyond 64 bits")
    expect_error(get("/api/route?from=XIAN&to=BAKU&max_overlap=nan"), 400, "E-RANGE", "max_overlap=NaN")
    expect_error(get("/api/route?from=XIAN&to=BAKU&by=fastest"), 400, "E-ENUM", "by=fastest")
    expect_error(get("/api/route?from=XIAN&to=BAKU&pareto=maybe"), 400, "E-TYPE", "pareto=maybe")
    expect_error(get("/api/route?from=%00%ff&to=BAKU"), 400, "E-QUERY-REF", "binary node id")
    expect_error(get("/api/flow?from=KHORGOS&to=BAKU&target_tpy=-5"), 400, "E-RANGE", "negative target_tpy")
    expect_error(get("/api/flow?from=KHORGOS&to=BAKU&target_tpy=1e7"), 400, "E-TYPE", "target_tpy=1e7")
    expect_error(get("/api/flow?from=&to=BAKU"), 400, "E-MISSING-KEY", "empty from")
    expect_error(get("/api/reliability?from=XIAN&to=BAKU&samples=1000000000000"), 400, "E-RANGE", "10^12 samples")
    expect_error(get("/api/reliability?from=XIAN&to=BAKU&samples=inf"), 400, "E-TYPE", "samples=inf")
    expect_error(get("/api/reliability?from=XIAN&to=BAKU&k=0"), 400, "E-RANGE", "reliability k=0 (as --k 0)")
    expect_error(get("/api/reliability?from=XIAN&to=BAKU&samples=200000&k=10"), 400, "E-RANGE",
                 "2,000,000 sampled journeys (samples x k)")
    expect_error(get("/api/reliability?from=XIAN&to=BAKU&deadline_days=-infinity"), 400, "E-RANGE", "deadline -inf")
    expect_error(post("/api/run", "{"), 400, "E-SYNTAX", "malformed JSON")
    expect_error(post("/api/run", ""), 400, "E-EMPTY", "empty body")
    expect_error(post("/api/run", "[" * 100000), 400, "E-DEPTH", "JSON nested 100,000 deep")
    expect_error(post("/api/run", '{"name": "x", "network": "/etc/passwd", "queries": []}'), 400,
                 "E-SCENARIO-NETWORK", "a scenario naming a network file")
    expect_error(post("/api/run", '{"name": "x", "queries": [{"type": "assign", "demand_csv": "/etc/passwd"}]}'),
                 400, "E-QUERY", "a query naming a demand CSV file")
    sampled = {"name": "x", "queries": [{"type": "reliability", "from": "XIAN", "to": "BAKU", "samples": 1e12}]}
    expect_error(post("/api/run", json.dumps(sampled)), 400, "E-RANGE", "a run with 10^12 samples")
    sampled["queries"] = [{"type": "reliability", "from": "XIAN", "to": "BAKU", "samples": 600000}] * 2
    expect_error(post("/api/run", json.dumps(sampled)), 400, "E-RANGE", "a run sampling 1,200,000 journeys in all")
    many = {"name": "x", "queries": [{"type": "route", "from": "XIAN", "to": "BAKU"}] * 33}
    expect_error(post("/api/run", json.dumps(many)), 400, "E-RANGE", "a run with 33 queries")
    bad_change = {"name": "x", "changes": [{"type": "set_link", "id": "AKTAU-BAKU", "values": {"capacity_tpy": -1}}]}
    expect_error(post("/api/run", json.dumps(bad_change)), 400, "E-RANGE", "a negative capacity in a change")
    # Every problem in one answer, as corridor run gives them: a misspelt key found when reading,
    # a negative capacity found when applying, an unknown node found when resolving.
    several = {"name": "x", "corridr": "middle",
               "changes": [{"type": "set_link", "id": "AKTAU-BAKU", "values": {"capacity_tpy": -1, "hourz": 3}}],
               "queries": [{"type": "route", "from": "XIANN", "to": "BAKU"}]}
    answer = post("/api/run", json.dumps(several))
    pointers = [d["pointer"] for d in json.loads(answer.body)["errors"]] if answer.status == 400 else []
    check(sorted(pointers) == ["/changes/0/values/capacity_tpy", "/changes/0/values/hourz", "/corridr", "/queries/0/from"],
          f"every problem of a run in one answer (got {answer.status}, {pointers})")
    cut_off = get("/api/route?from=BAKU&to=NAKHCHIVAN")
    check(cut_off.status == 200 and json.loads(cut_off.body) == {"from": "BAKU", "to": "NAKHCHIVAN", "by": "time",
                                                                  "found": False, "routes": []},
          f"a cut-off place is an answer (200, found false), as corridor route --format json gives it ({cut_off.status})")
    expect_error(get("/api/nope"), 404, "HTTP-404", "unknown API path")
    expect_error(get("/etc/passwd"), 404, "HTTP-404", "a file path")
    expect_error(get("/../../etc/passwd"), 404, "HTTP-404", "a path with ..")
    expect_error(request(port, "POST", "/api/route", "{}"), 405, "HTTP-405", "POST on a GET endpoint")
    check(request(port, "POST", "/api/route", "{}").headers.get("allow") == "GET, HEAD", "405 names the allowed methods")
    expect_error(request(port, "DELETE", "/api/run"), 405, "HTTP-405", "DELETE /api/run")
    expect_error(request(port, "GET", "/api/run"), 405, "HTTP-405", "GET /api/run")
    # Without a body (no Content-Length): as with an empty one, not the library's bare 400.
    for method, path, status, code in [("POST", "/api/run", 400, "E-EMPTY"), ("PATCH", "/api/route", 405, "HTTP-405"),
                                       ("PUT", "/api/route", 405, "HTTP-405"), ("POST", "/", 405, "HTTP-405")]:
        answer = raw(port, f"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        try:
            got_code = json.loads(body_of(answer))["error"]["code"]
        except (ValueError, KeyError, TypeError):
            got_code = None
        check(status_of(answer) == status and got_code == code,
              f"{method} {path} without a body -> {status} {code} (got {status_of(answer)}, {got_code})")

    # Raw HTTP: the library's own limits, answered in JSON too.
    for data, status, what in [
        (b"GARBAGE\r\n\r\n", 400, "a request line that is not HTTP"),
        (b"GET /api\r\n\r\n", 400, "a request line without an HTTP version"),
        (b"GET /api/route?from=" + b"X" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "a 9,000-byte request line"),
        (b"GET /api HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(150)) + b"\r\n", 431,
         "150 header fields"),
        (b"POST /api/run HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", 413, "a 2 MB body (announced)"),
    ]:
        answer = raw(port, data)
        got = status_of(answer)
        try:
            code = json.loads(body_of(answer))["error"]["code"]
        except (ValueError, KeyError, TypeError):
            code = None
        check(got == status and code is not None, f"{what} -> {status} with a JSON error (got {got}, {code})")
    chunked = b"POST /api/run HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    chunked += b"".join(b"10000\r\n" + b" " * 0x10000 + b"\r\n" for _ in range(20)) + b"0\r\n\r\n"
    check(status_of(raw(port, chunked)) == 411, "a chunked body (1.3 MB) -> 411: bodies must announce their length")
    big = request(port, "POST", "/api/run", b"{" + b" " * (2 << 20) + b"}", {"Content-Type": "application/json"})
    expect_error(big, 413, "E-TOO-BIG", "a 2 MB body (sent)")
    # A compressed body would be inflated before its size is checked: a 1 MB gzip of 1 GB.
    bomb = gzip.compress(b" " * (32 << 20) + b'{"name": "bomb", "queries": []}')
    expect_error(request(port, "POST", "/api/run", bomb, {"Content-Type": "application/json", "Content-Encoding": "gzip"}),
                 415, "HTTP-415", "a gzip body")
    # Every range of a Range header would be answered: "0-" thousands of times multiplies the answer.
    whole = request(port, "GET", "/api/network")
    ranges = request(port, "GET", "/api/network", None, {"Range": "bytes=" + ",".join(["0-"] * 2000)})
    check(ranges.status == 200 and ranges.body == whole.body,
          f"2,000 ranges are ignored: the whole network once (got {ranges.status}, {len(ranges.body):,} bytes)")
    check(request(port, "GET", "/api/network", None, {"Range": "bytes=0-9"}).status in (200, 206), "one range is served")
    # A run's solver work is bounded: alternatives, equilibrium iterations and gaps, plan steps.
    for query, what in [
        ({"type": "route", "from": "XIAN", "to": "BAKU", "k": 50}, "k 50 in a run"),
        ({"type": "assign", "demand": [{"from": "XIAN", "to": "BAKU", "tonnes_per_year": 5e7}],
          "equilibrium": "user", "gap": 1e-300}, "an equilibrium gap of 1e-300"),
        ({"type": "assign", "demand": [{"from": "XIAN", "to": "BAKU", "tonnes_per_year": 5e7}],
          "equilibrium": "user", "max_iterations": 1000000}, "a million equilibrium iterations"),
        ({"type": "curve", "from": "XIAN", "to": "BAKU", "volumes_mt": list(range(1, 10))}, "a curve of 9 volumes"),
        ({"type": "upgrades", "from": "KHORGOS", "to": "BAKU", "target_tpy": 10**12, "max_steps": 1000},
         "an upgrade plan of 1,000 steps"),
    ]:
        expect_error(post("/api/run", json.dumps({"name": "x", "queries": [query]})), 400, "E-RANGE", what)
    curve = {"name": "x", "queries": [{"type": "curve", "from": "XIAN", "to": "BAKU", "volumes_mt": [1, 2, 3]}]}
    check(post("/api/run", json.dumps(curve)).status == 200, "a curve of 3 volumes is answered")
    # A query the CLI refuses as having no effect is refused here too.
    expect_error(get("/api/route?from=XIAN&to=BAKU&max_overlap=0.5"), 400, "E-QUERY", "max_overlap without k")
    expect_error(get("/api/route?from=XIAN&to=BAKU&value_of_time_usd_per_t_day=5"), 400, "E-QUERY",
                 "a value of time without by=generalized")
    expect_error(post("/api/run", '{"name": "x", "name": "y", "queries": []}'), 400, "E-DUPLICATE-KEY",
                 "a key given twice")
    check(request(port, "GET", "/api/network").status == 200, "the server still answers after the hostile requests")


def schema_errors(value, schema, spec, where="$"):
    """A small JSON Schema check (the subset docs/openapi.json uses): $ref, type, required,
    properties, items, enum, oneOf via nullable."""
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
    if value is None and schema.get("nullable"):
        return []
    types = {"object": dict, "array": list, "string": str, "boolean": bool, "integer": int, "number": (int, float)}
    t = schema.get("type")
    if t and (not isinstance(value, types[t]) or (t in ("integer", "number") and isinstance(value, bool))):
        return [f"{where}: expected {t}, got {type(value).__name__}"]
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if t == "object":
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: missing {key}")
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += schema_errors(value[key], sub, spec, f"{where}.{key}")
    if t == "array" and "items" in schema:
        for i, item in enumerate(value[:50]):
            errors += schema_errors(item, schema["items"], spec, f"{where}[{i}]")
    return errors


def test_openapi(source_dir, port):
    with open(os.path.join(source_dir, "docs", "openapi.json")) as f:
        spec = json.load(f)
    documented = set()
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            documented.add((method.upper(), path))
            params = {p["name"]: str(p["example"]) for p in op.get("parameters", []) if "example" in p}
            body = None
            if "requestBody" in op:
                body = json.dumps(op["requestBody"]["content"]["application/json"]["example"])
            url = path + ("?" + query(params) if params else "")
            r = request(port, method.upper(), url, body, {"Content-Type": "application/json"} if body else {})
            documented_ok = op["responses"].get("200", {})
            content = documented_ok.get("content", {})
            mime = next(iter(content), "")
            ok = r.status == 200 and r.content_type.split(";")[0] == mime
            errors = []
            if ok and mime == "application/json":
                errors = schema_errors(json.loads(r.body), content[mime].get("schema", {}), spec)
            check(ok and not errors, f"openapi: {method.upper()} {url} -> 200 {mime} in the documented shape {errors[:3]}")
            if "400" in op["responses"]:
                bad = request(port, method.upper(), path + "?unknown_parameter=1", "{" if body else None)
                err = schema_errors(bad.json(), {"$ref": "#/components/schemas/Error"}, spec) if bad.status == 400 else ["status"]
                check(bad.status == 400 and not err, f"openapi: {method.upper()} {path} with a bad request -> documented 400 error")
    served = {(e["method"], e["path"]) for e in request(port, "GET", "/api").json()["endpoints"]}
    served |= {("GET", "/"), ("GET", "/app.js"), ("GET", "/app.css")}
    check(served <= documented, f"openapi: every served path is documented (missing: {sorted(served - documented)})")
    check(documented <= served, f"openapi: every documented path is served (extra: {sorted(documented - served)})")


def test_busy_and_shutdown(binary):
    # One worker, one waiting place: a burst of slow requests must overflow into 503s.
    with Server(binary, "--threads", "1", "--queue", "1") as server:
        slow = "/api/reliability?from=XIAN&to=ISTANBUL&samples=1000000"
        with concurrent.futures.ThreadPoolExecutor(12) as pool:
            answers = list(pool.map(lambda _: request(server.port, "GET", slow, timeout=120), range(12)))
        statuses = sorted(a.status for a in answers)
        busy = [a for a in answers if a.status == 503]
        check(busy and all(a.json()["error"]["code"] == "HTTP-503" for a in busy) and statuses[0] == 200,
              f"a burst beyond the queue limit gets 503 with a JSON error, the rest 200 ({statuses})")
        check(request(server.port, "GET", "/api").status == 200, "the server answers again after the burst")
        code, out = server.stop(signal.SIGTERM)
        check(code == 0 and "stopped" in out, f"SIGTERM stops the server cleanly (exit {code})")
    with Server(binary) as server:
        # A second server on a port in use stops at once (E-LISTEN), not sharing the port.
        second = subprocess.run([binary, "serve", "--port", str(server.port)], capture_output=True, text=True,
                                timeout=60)
        check(second.returncode == 1 and "E-LISTEN" in second.stderr,
              f"a second server on the same port -> exit 1, E-LISTEN (got {second.returncode}: {second.stderr[:160]!r})")
        code, out = server.stop(signal.SIGINT)
        check(code == 0 and "stopped" in out, f"SIGINT stops the server cleanly (exit {code})")
        check(not any("warning" in line for line in server.stderr_lines), "no warning on loopback")


def main():
    binary, source_dir = sys.argv[1], sys.argv[2]
    with Server(binary) as server:
        check(server.banner.startswith(f"corridor serve: http://127.0.0.1:{server.port}/"), "prints its loopback address")
        test_identical(binary, source_dir, server.port)
        test_hostile(server.port)
        test_openapi(source_dir, server.port)
    test_busy_and_shutdown(binary)
    print(f"{len(FAILURES)} failure(s)")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
