#!/usr/bin/env python3
"""Inbound webhook benchmark: deliveries per second accepted (stored and answered 202) and their latency, SQLite and
PostgreSQL side by side.

Run through bench/webhooks.sh (it builds the release binary, installs wrk and provides PostgreSQL). For each database:
`nexo serve` with its worker (NEXO_WORKER=true, as in production: the worker turns deliveries into contacts while
requests keep coming), a tenant, a webhook source made through the API, then

1. fixed rate: this script's own open-loop load generator (asyncio, keep-alive connections) sends ~430-byte JSON
   orders at --rate per second for --seconds; request i is due at start + i/rate whether or not earlier ones were
   answered, and its latency runs from that due time (no coordinated omission: a stall shows in every request that
   waited for it). wrk2 would do this, but Debian does not package it.
2. saturation: plain wrk (closed loop, bench/webhooks.lua) for the most deliveries per second and their latency.

After each, the worker is left to drain, then the database is asked what became of the deliveries: one
`webhooks.receive` job per stored delivery (the durable record: the delivery log itself is pruned to each source's
last 50 every minute), one `webhook.received` event per accepted one, and the contacts (every order is a new
customer, so each accepted delivery is a new contact). Prints one JSON line per database, then the table.
"""
import argparse
import asyncio
import http.client
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

FIRST = [("José", "jose"), ("María", "maria"), ("Juan", "juan"), ("Lucía", "lucia"), ("Martín", "martin"),
         ("Sofía", "sofia"), ("Diego", "diego"), ("Valentina", "valentina"), ("Inés", "ines"), ("Ramón", "ramon"),
         ("Camila", "camila"), ("Agustín", "agustin")]
LAST = [("Núñez", "nunez"), ("González", "gonzalez"), ("Rodríguez", "rodriguez"), ("Fernández", "fernandez"),
        ("López", "lopez"), ("Muñoz", "munoz"), ("Pérez", "perez"), ("Gómez", "gomez"), ("Díaz", "diaz"),
        ("Peña", "pena"), ("Ibáñez", "ibanez")]
CITIES = ["Córdoba", "Rosario", "San Miguel de Tucumán", "Mendoza", "La Plata", "Neuquén", "Bahía Blanca"]
ITEMS = [("LIM-01", "Limpieza dental", 18500), ("ORT-02", "Control de ortodoncia", 24000),
         ("BLQ-03", "Blanqueamiento", 65000), ("IMP-04", "Consulta de implantes", 30000), ("URG-05", "Urgencia", 21000)]
NOTES = ["Turno por la mañana", "Prefiere WhatsApp", "Paga con Mercado Pago", "Primera visita", "Viene con su hija"]
DONE_JOB_STATES = ("completed", "dead", "cancelled")
CLK_TCK = os.sysconf("SC_CLK_TCK")


def order(prefix: str, phone_digit: int, i: int, rng: random.Random) -> bytes:
    """A shop's "order paid" webhook for a new customer: e-mail and phone unique to (prefix, i)."""
    first, first_ascii = rng.choice(FIRST)
    last, last_ascii = rng.choice(LAST)
    sku, item, price = rng.choice(ITEMS)
    quantity = rng.randint(1, 3)
    body = {
        "id": f"ord_{prefix}_{i:07d}", "event": "order.paid", "created_at": "2026-11-23T15:04:05-03:00",
        "status": "paid",
        "customer": {"first_name": first, "last_name": last, "email": f"{first_ascii}.{last_ascii}.{prefix}{i}@example.com",
                     "phone": f"+54 9 11 {phone_digit}{i // 10000 % 1000:03d}-{i % 10000:04d}",
                     "city": rng.choice(CITIES),
                     "birthday": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/19{rng.randint(50, 99)}"},
        "items": [{"sku": sku, "name": item, "quantity": quantity, "price": price}],
        "total": quantity * price, "currency": "ARS", "payment": "Mercado Pago", "notes": rng.choice(NOTES),
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def raw_request(path: str, secret: str, body: bytes) -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"X-Nexo-Secret: {secret}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime


def own_cpu(who=resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


# --- the open-loop load generator -----------------------------------------------------------------------------------

async def read_response(reader: asyncio.StreamReader):
    line = await reader.readline()
    if not line:
        raise ConnectionError("connection closed by the server")
    status = int(line.split(b" ", 2)[1])
    length, close = 0, False
    while True:
        header = await reader.readline()
        if header in (b"\r\n", b"\n", b""):
            break
        name, _, value = header.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"connection" and value.strip().lower() == b"close":
            close = True
    body = await reader.readexactly(length) if length else b""
    return status, close, body


async def open_loop(port: int, requests: list, rate: float, connections: int, grace: float) -> dict:
    """Sends requests[i] when it is due (start + i/rate) on the first free keep-alive connection; a request waits in
    line when every connection is busy, and that wait is part of its latency."""
    loop = asyncio.get_running_loop()
    n = len(requests)
    queue: asyncio.Queue = asyncio.Queue()
    status = [0] * n          # 0: never answered, -1: connection error
    latency = [0.0] * n       # due time -> answer
    service = [0.0] * n       # actual send -> answer
    delay = [0.0] * n         # due time -> actual send
    errors: dict = {}
    bodies: dict = {}         # a few non-2xx answers, to show
    start = loop.time() + 0.2
    last_answer = [start]

    async def producer():
        for i in range(n):
            due = start + i / rate
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            queue.put_nowait((i, due))
        for _ in range(connections):
            queue.put_nowait(None)

    async def connection():
        reader = writer = None
        try:
            while (item := await queue.get()) is not None:
                i, due = item
                try:
                    if writer is None:
                        reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    sent = loop.time()
                    writer.write(requests[i])
                    code, close, body = await read_response(reader)
                    answered = loop.time()
                    status[i], latency[i], service[i], delay[i] = code, answered - due, answered - sent, sent - due
                    last_answer[0] = max(last_answer[0], answered)
                    if not 200 <= code < 300 and len(bodies) < 5:
                        bodies.setdefault(code, body[:300].decode(errors="replace"))
                    if close:
                        writer.close()
                        writer = None
                except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError) as error:
                    status[i] = -1
                    errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1
                    if writer is not None:
                        writer.close()
                    writer = None
        finally:
            if writer is not None:
                writer.close()

    cpu_before = own_cpu()
    workers = [asyncio.ensure_future(connection()) for _ in range(connections)]
    await producer()
    last_due = start + (n - 1) / rate
    done, pending = await asyncio.wait(workers, timeout=max(0.0, last_due - loop.time()) + grace)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    client_cpu = own_cpu() - cpu_before
    answered = [i for i in range(n) if status[i] > 0]
    ok = [i for i in answered if 200 <= status[i] < 300]
    lat = [latency[i] * 1000 for i in answered]
    codes: dict = {}
    for i in answered:
        codes[status[i]] = codes.get(status[i], 0) + 1
    wall = last_answer[0] - start
    return {
        "sent": n, "ok": len(ok), "non_2xx": len(answered) - len(ok), "connection_errors": status.count(-1),
        "unanswered": status.count(0), "statuses": codes, "errors": errors, "non_2xx_bodies": bodies,
        "achieved_rate": len(answered) / wall if wall > 0 else 0.0,
        "p50": percentile(lat, 50), "p90": percentile(lat, 90), "p99": percentile(lat, 99), "max": max(lat, default=0.0),
        "service_p50": percentile([service[i] * 1000 for i in answered], 50),
        "service_p99": percentile([service[i] * 1000 for i in answered], 99),
        "send_delay_p99": percentile([delay[i] * 1000 for i in answered], 99),
        "client_cpu_pct": 100 * client_cpu / max(wall, 1e-9), "seconds": wall,
    }


# --- wrk ----------------------------------------------------------------------------------------------------------

def to_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, secret: str, threads: int, connections: int, seconds: int, script: str) -> dict:
    env = dict(os.environ, NEXO_WEBHOOK_SECRET=secret)
    cpu_before = own_cpu(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script, url],
                         env=env, capture_output=True, text=True, timeout=seconds + 120)
    wall = time.monotonic() - started
    wrk_cpu = own_cpu(resource.RUSAGE_CHILDREN) - cpu_before
    text = out.stdout + out.stderr
    if out.returncode != 0 or "Requests/sec" not in text:
        raise SystemExit(f"wrk failed:\n{text}")
    print(text, file=sys.stderr, flush=True)
    result = {"output": text, "wrk_cpu_pct": 100 * wrk_cpu / wall}
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", text)
    result["answered"] = int(m.group(1))
    result["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    result["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    result["socket_errors"] = sum(map(int, m.groups())) if m else 0
    for p in ("50", "75", "90", "99"):
        m = re.search(rf"^\s+{p}(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        result[f"p{p}"] = to_ms(*m.groups())
    m = re.search(r"Latency\s+([\d.]+)(us|ms|s|m)\s+([\d.]+)(us|ms|s|m)\s+([\d.]+)(us|ms|s|m)", text)
    result["max"] = to_ms(m.group(5), m.group(6))
    return result


# --- the server and its database ------------------------------------------------------------------------------------

class Server:
    def __init__(self, binary: str, env: dict, log_path: str):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen([binary, "serve"], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.port = int(env["NEXO_PORT"])
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.close()
                raise SystemExit(f"nexo serve exited with {self.process.returncode}:\n{open(log_path).read()[-3000:]}")
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("nexo serve did not answer /healthz in 120 s")

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def cpu(self) -> float:
        return cpu_seconds(self.process.pid)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def log_summary(self, limit: int = 8) -> dict:
        lines = [l.rstrip() for l in open(self.log_path, errors="replace") if l.strip()]
        shapes: dict = {}
        for line in lines:  # the same message with other ids counts as one
            shape = re.sub(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}|\d+", "#", line)[:200]
            shapes.setdefault(shape, [0, line[:300]])[0] += 1
        top = sorted(shapes.values(), key=lambda v: -v[0])[:limit]
        return {"lines": len(lines), "messages": [{"count": c, "example": e} for c, e in top]}


class Counts:
    """What the database says became of the deliveries."""
    SQL = """SELECT (SELECT count(*) FROM jobs WHERE kind = 'webhooks.receive'),
       (SELECT count(*) FROM jobs WHERE kind = 'webhooks.receive' AND state IN ('completed', 'dead', 'cancelled')),
       (SELECT count(*) FROM jobs WHERE kind = 'webhooks.receive' AND state IN ('dead', 'cancelled')),
       (SELECT count(*) FROM jobs WHERE kind = 'webhooks.receive' AND attempts > 1),
       (SELECT count(*) FROM domain_events WHERE type = 'webhook.received'),
       (SELECT count(*) FROM contacts),
       (SELECT count(*) FROM webhook_deliveries WHERE state = 'queued')"""
    KEYS = ("stored", "finished", "dead", "retried", "accepted", "contacts", "queued")

    def __init__(self, sqlite_path=None, postgres_url=None):
        self.sqlite_path, self.postgres_url = sqlite_path, postgres_url

    def rows(self, sql: str) -> list:
        if self.postgres_url:
            out = subprocess.run(["psql", self.postgres_url, "-XAtq", "-F", "|", "-c", sql], check=True,
                                 capture_output=True, text=True).stdout
            return [tuple(line.split("|")) for line in out.splitlines() if line]
        db = sqlite3.connect(f"file:{self.sqlite_path}?mode=ro", uri=True, timeout=30)
        try:
            return [tuple(str(v) for v in row) for row in db.execute(sql)]
        finally:
            db.close()

    def now(self) -> dict:
        return dict(zip(self.KEYS, map(int, self.rows(self.SQL)[0])))

    def log_states(self) -> dict:
        return {s: int(n) for s, n in self.rows("SELECT state, count(*) FROM webhook_deliveries GROUP BY state")}

    def dead_errors(self) -> list:
        return [r[0][:300] for r in self.rows(
            "SELECT DISTINCT last_error FROM jobs WHERE kind = 'webhooks.receive' AND last_error IS NOT NULL LIMIT 5")]

    def drain(self, timeout: float) -> tuple:
        """Waits until every delivery job has finished; returns (seconds, counts)."""
        started = time.monotonic()
        while True:
            counts = self.now()
            if counts["finished"] == counts["stored"] and counts["queued"] == 0:
                return time.monotonic() - started, counts
            if time.monotonic() - started > timeout:
                print(f"   not drained after {timeout:.0f} s: {counts}", file=sys.stderr, flush=True)
                return float("nan"), counts
            time.sleep(0.5)


def delta(after: dict, before: dict) -> dict:
    return {k: after[k] - before[k] for k in after}


# --- one database --------------------------------------------------------------------------------------------------

def bench(name: str, args, postgres_url=None) -> dict:
    data = tempfile.mkdtemp(prefix=f"nexo-bench-webhooks-{name}-")
    port = free_port()
    env = dict(os.environ, NEXO_DATA_DIR=data, NEXO_PORT=str(port), NEXO_HOST="127.0.0.1", NEXO_LOG_LEVEL="warning",
               NEXO_WORKER="true")
    env.pop("NEXO_DATABASE_URL", None)
    if postgres_url:
        env["NEXO_DATABASE_URL"] = postgres_url
    try:
        return measure(name, args, env, data, postgres_url)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def measure(name: str, args, env: dict, data: str, postgres_url=None) -> dict:
    port = int(env["NEXO_PORT"])
    created = subprocess.run([args.bin, "tenants", "create", "--name", "Odontología Bench", "--country", "AR",
                              "--owner-email", f"webhooks-{name}@example.com", "--json"],
                             env=env, capture_output=True, text=True)
    if created.returncode != 0:
        raise SystemExit(created.stdout + created.stderr)
    tenant = json.loads(next(l for l in reversed(created.stdout.splitlines()) if l.startswith("{")))
    counts = Counts(sqlite_path=None if postgres_url else os.path.join(data, "nexo.sqlite"), postgres_url=postgres_url)
    server = Server(args.bin, env, os.path.join(data, "server.log"))
    result: dict = {"database": name}
    try:
        status, body = server.request("POST", "/api/v1/webhook-sources", json.dumps({"name": "bench"}),
                                      {"Authorization": "Bearer " + tenant["api_token"],
                                       "Content-Type": "application/json"})
        if status != 201:
            raise SystemExit(f"creating the webhook source: {status} {body[:500]!r}")
        source = json.loads(body)
        path, secret = urllib.parse.urlparse(source["url"]).path, source["secret"]

        # Warm-up: one connection, sequential, then let the worker finish them.
        rng = random.Random(1)
        warm = [order("warm", 3, i, rng) for i in range(args.warmup)]
        for body in warm:
            status, answer = server.request("POST", path, body, {"Content-Type": "application/json",
                                                                 "X-Nexo-Secret": secret})
            if status != 202:
                raise SystemExit(f"warm-up delivery answered {status}: {answer[:500]!r}")
        counts.drain(args.drain_timeout)

        # 1. Fixed rate, open loop.
        total = int(args.rate * args.seconds)
        rng = random.Random(2)
        requests = [raw_request(path, secret, order("f", 4, i, rng)) for i in range(total)]
        result["payload_bytes"] = sum(len(r) - r.index(b"\r\n\r\n") - 4 for r in requests) / total
        print(f"== {name}: {total} deliveries at {args.rate:g}/s over {args.connections} connections…",
              file=sys.stderr, flush=True)
        before = counts.now()
        cpu = server.cpu()
        fixed = asyncio.run(open_loop(port, requests, args.rate, args.connections, args.grace))
        fixed["server_cpu_pct"] = 100 * (server.cpu() - cpu) / fixed["seconds"]
        at_end = counts.now()
        fixed["backlog_at_end"] = at_end["stored"] - at_end["finished"]
        fixed["drain_seconds"], after = counts.drain(args.drain_timeout)
        fixed["db"] = delta(after, before)
        fixed["log_states"] = counts.log_states()
        result["fixed"] = fixed
        print(f"   {fixed['ok']} answered 2xx, p50 {fixed['p50']:.1f} ms, p99 {fixed['p99']:.1f} ms; "
              f"stored {fixed['db']['stored']}, accepted {fixed['db']['accepted']}", file=sys.stderr, flush=True)

        # 2. Saturation, closed loop (wrk).
        print(f"== {name}: wrk -t{args.wrk_threads} -c{args.wrk_connections} -d{args.wrk_seconds}s…",
              file=sys.stderr, flush=True)
        before = counts.now()
        cpu, started = server.cpu(), time.monotonic()
        saturation = run_wrk(f"http://127.0.0.1:{port}{path}", secret, args.wrk_threads, args.wrk_connections,
                             args.wrk_seconds, args.lua)
        saturation["server_cpu_pct"] = 100 * (server.cpu() - cpu) / (time.monotonic() - started)
        at_end = counts.now()
        saturation["backlog_at_end"] = at_end["stored"] - at_end["finished"]
        saturation["drain_seconds"], after = counts.drain(args.drain_timeout)
        saturation["db"] = delta(after, before)
        saturation["log_states"] = counts.log_states()
        result["saturation"] = saturation
        result["job_errors"] = counts.dead_errors()
    finally:
        server.stop()
        result["server_log"] = server.log_summary()
    printable = {k: v for k, v in result.items() if k != "saturation"}
    printable["saturation"] = {k: v for k, v in result.get("saturation", {}).items() if k != "output"}
    print(json.dumps(printable, ensure_ascii=False), flush=True)
    return result


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server and drop the database on the way out
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--postgres-url", required=True, help="server URL; a fresh database is made on it and dropped")
    parser.add_argument("--rate", type=float, default=float(os.environ.get("NEXO_BENCH_RATE", 1000)),
                        help="deliveries per second of the fixed-rate run (NEXO_BENCH_RATE, 1000)")
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("NEXO_BENCH_SECONDS", 30)),
                        help="length of the fixed-rate run (NEXO_BENCH_SECONDS, 30)")
    parser.add_argument("--connections", type=int, default=32, help="keep-alive connections of the fixed-rate run")
    parser.add_argument("--wrk-seconds", type=int, default=int(os.environ.get("NEXO_BENCH_WRK_SECONDS", 15)))
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--wrk-connections", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=100, help="sequential deliveries before measuring")
    parser.add_argument("--grace", type=float, default=60, help="seconds to wait for answers after the last send")
    parser.add_argument("--drain-timeout", type=float, default=900, help="seconds to wait for the worker")
    parser.add_argument("--only", default="sqlite,postgres")
    parser.add_argument("--lua", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "webhooks.lua"))
    args = parser.parse_args()
    if not 1 <= args.wrk_threads <= 5:
        parser.error("--wrk-threads must be 1 to 5 (bench/webhooks.lua makes phones from the thread's number)")

    runs = {}
    for name in args.only.split(","):
        if name == "sqlite":
            runs[name] = bench(name, args)
        elif name == "postgres":
            database = f"nexo_bench_webhooks_{uuid.uuid4().hex[:8]}"
            subprocess.run(["psql", args.postgres_url, "-Xqc", f"CREATE DATABASE {database}"], check=True,
                           capture_output=True)
            try:
                url = urllib.parse.urlunparse(urllib.parse.urlparse(args.postgres_url)._replace(path="/" + database))
                runs[name] = bench(name, args, url)
            finally:
                subprocess.run(["psql", args.postgres_url, "-Xqc", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"],
                               capture_output=True)
        else:
            parser.error(f"--only: unknown database {name}")
    report(runs, args)


def report(runs: dict, args) -> None:
    names = list(runs)
    titles = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    payload = next(iter(runs.values()))["payload_bytes"]

    def row(label, get, fmt="{:,.0f}"):
        cells = []
        for n in names:
            try:
                value = get(runs[n])
                cells.append(fmt.format(value) if not isinstance(value, str) else value)
            except (KeyError, TypeError, ValueError):
                cells.append("-")
        print(f"{label:52}" + "".join(f"{c:>13}" for c in cells))

    print(f"\nNexo inbound webhooks — POST /hooks/in/{{token}} with X-Nexo-Secret, JSON orders of ~{payload:.0f} bytes, "
          f"each a new customer;\nnexo serve with its worker (NEXO_WORKER=true); the load generators and the server "
          f"share this machine's {os.cpu_count()} cores.\nTimes in ms.\n")
    f = lambda r: r["fixed"]
    print(f"{'Fixed rate: ' + f'{args.rate:g}/s for {args.seconds:g} s, {args.connections} connections':52}"
          + "".join(f"{titles.get(n, n):>13}" for n in names))
    print("(open loop, latency from each request's due time)")
    row("requests sent", lambda r: f(r)["sent"])
    row("answered 2xx (202, stored)", lambda r: f(r)["ok"])
    row("non-2xx / connection errors / unanswered",
        lambda r: f"{f(r)['non_2xx']}/{f(r)['connection_errors']}/{f(r)['unanswered']}", "{}")
    row("achieved rate (answers/s)", lambda r: f(r)["achieved_rate"])
    for p in ("p50", "p90", "p99", "max"):
        row(f"latency {p}", lambda r, p=p: f(r)[p], "{:.1f}")
    row("  server time p50 / p99 (send -> answer)",
        lambda r: f"{f(r)['service_p50']:.1f}/{f(r)['service_p99']:.1f}", "{}")
    row("  waiting for a free connection p99", lambda r: f(r)["send_delay_p99"], "{:.1f}")
    row("server CPU (% of one core)", lambda r: f(r)["server_cpu_pct"])
    row("load generator CPU (% of one core)", lambda r: f(r)["client_cpu_pct"])
    row("deliveries still queued when the load stopped", lambda r: f(r)["backlog_at_end"])
    row("worker drain after the load (s)", lambda r: f(r)["drain_seconds"], "{:.1f}")
    row("stored (delivery jobs written)", lambda r: f(r)["db"]["stored"])
    row("accepted (webhook.received events)", lambda r: f(r)["db"]["accepted"])
    row("new contacts", lambda r: f(r)["db"]["contacts"])
    row(f"goal: p99 under 50 ms at 1,000/s",
        lambda r: ("met" if f(r)["p99"] < 50 and f(r)["ok"] == f(r)["sent"] else "NOT met")
        if args.rate >= 1000 else f"(rate {args.rate:g})", "{}")

    s = lambda r: r["saturation"]
    print(f"\n{f'Saturation: wrk -t{args.wrk_threads} -c{args.wrk_connections} -d{args.wrk_seconds}s --latency':52}"
          + "".join(f"{titles.get(n, n):>13}" for n in names))
    print("(closed loop: each connection sends when answered)")
    row("requests/s", lambda r: s(r)["rps"])
    row("answered", lambda r: s(r)["answered"])
    row("non-2xx / socket errors", lambda r: f"{s(r)['non_2xx']}/{s(r)['socket_errors']}", "{}")
    for p in ("p50", "p75", "p90", "p99", "max"):
        row(f"latency {p}", lambda r, p=p: s(r)[p], "{:.1f}")
    row("server CPU (% of one core)", lambda r: s(r)["server_cpu_pct"])
    row("wrk CPU (% of one core)", lambda r: s(r)["wrk_cpu_pct"])
    row("deliveries still queued when wrk stopped", lambda r: s(r)["backlog_at_end"])
    row("worker drain after the load (s)", lambda r: s(r)["drain_seconds"], "{:.1f}")
    row("stored (delivery jobs written)", lambda r: s(r)["db"]["stored"])
    row("accepted (webhook.received events)", lambda r: s(r)["db"]["accepted"])
    row("new contacts", lambda r: s(r)["db"]["contacts"])

    print()
    for n in names:
        r = runs[n]
        for label, phase, sent in (("fixed rate", r["fixed"], r["fixed"]["sent"]),
                                   ("wrk", r["saturation"], r["saturation"]["answered"])):
            db = phase["db"]
            ok = phase["ok"] if "ok" in phase else phase["answered"] - phase["non_2xx"]
            lost = ok - db["stored"]
            verdict = "nothing lost" if lost <= 0 and db["accepted"] == db["stored"] == db["contacts"] \
                and not db["dead"] else "CHECK"
            extra = f" (wrk counts only answered requests; {-lost} more were in flight when it stopped)" \
                if label == "wrk" and lost < 0 else ""
            print(f"{titles.get(n, n)}, {label}: sent {sent:,}, answered 2xx {ok:,}, stored {db['stored']:,}, "
                  f"accepted {db['accepted']:,}, new contacts {db['contacts']:,}, failed jobs {db['dead']}, "
                  f"retried {db['retried']} — {verdict}{extra}")
        if r["fixed"]["errors"] or r["fixed"]["non_2xx_bodies"]:
            print(f"  fixed-rate errors: {r['fixed']['errors']} {r['fixed']['non_2xx_bodies']}")
        if r.get("job_errors"):
            print(f"  job errors: {r['job_errors']}")
        log = r["server_log"]
        print(f"  server log (NEXO_LOG_LEVEL=warning): {log['lines']} lines"
              + "".join(f"\n    {m['count']:>6} x {m['example']}" for m in log["messages"]))


if __name__ == "__main__":
    main()
