#!/usr/bin/env python3
"""Contact base benchmark: list/search latency, sign-in and create throughput, memory — SQLite and PostgreSQL.

Run through bench/contacts.sh (it builds the release binary and provides PostgreSQL). Prints one table.
"""
import argparse, http.client, json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.parse


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


class Client:
    def __init__(self, port, token=None):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.token = token
        self.cookie = None

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if self.cookie:
            h["Cookie"] = self.cookie
        self.conn.request(method, path, body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie" and v.startswith("nexo_session="):
                self.cookie = v.split(";")[0]
        return r.status, data


def timed(client, path, n):
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        status, _ = client.request("GET", path)
        samples.append((time.perf_counter() - t) * 1000)
        assert status == 200, (path, status)
    return statistics.median(samples), percentile(samples, 99)


def throughput(port, seconds, threads, action):
    count = [0] * threads
    errors = [0] * threads
    stop = time.time() + seconds

    def run(i):
        c = Client(port)
        while time.time() < stop:
            if action(c, i, count[i]):
                count[i] += 1
            else:
                errors[i] += 1

    ts = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    t0 = time.time()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    elapsed = time.time() - t0
    return sum(count) / elapsed, sum(errors)


def bench(name, binary, env_extra, count, samples):
    data = tempfile.mkdtemp(prefix="nexo-bench-")
    port = free_port()
    env = dict(os.environ, NEXO_DATA_DIR=data, NEXO_PORT=str(port), NEXO_HOST="127.0.0.1", NEXO_LOG_LEVEL="error", **env_extra)
    run = lambda *a: subprocess.run([binary, *a], env=env, check=True, capture_output=True, text=True)
    created = json.loads(run("tenants", "create", "--name", "Bench", "--country", "AR", "--owner-email", "bench@example.com",
                             "--owner-password", "secret123", "--json").stdout.strip().splitlines()[-1])
    t = time.time()
    run("demo", "contacts", "--tenant", created["slug"], "--count", str(count))
    seed_seconds = time.time() - t
    server = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                if Client(port).request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        api = Client(port, created["api_token"])
        api.request("GET", "/api/v1/contacts?limit=50")
        time.sleep(1)
        idle_rss = rss_kib(server.pid)
        _, first = api.request("GET", "/api/v1/contacts?limit=50")
        cursor = json.loads(first)["next_cursor"]
        for _ in range(20):  # a cursor some pages deep
            cursor = json.loads(api.request("GET", f"/api/v1/contacts?limit=50&cursor={cursor}")[1])["next_cursor"]
        results = {
            "list page 1": timed(api, "/api/v1/contacts?limit=50", samples),
            "list page 21 (cursor)": timed(api, f"/api/v1/contacts?limit=50&cursor={cursor}", samples),
            "search common (gonzalez)": timed(api, "/api/v1/contacts?limit=50&q=gonzalez", samples),
            "search accent (nunez)": timed(api, "/api/v1/contacts?limit=50&q=nunez", samples),
            "search rare (one e-mail)": timed(api, f"/api/v1/contacts?limit=50&q=.{count // 2}%40example", samples),
            "search phone digits": timed(api, f"/api/v1/contacts?limit=50&q={count // 3:08d}", samples),
            "search no match": timed(api, "/api/v1/contacts?limit=50&q=zzzzqqq", samples),
            "filter tag (vip)": timed(api, "/api/v1/contacts?limit=50&tag=vip", samples),
        }
        page = Client(port)
        page.request("GET", "/signin")
        status, body = page.request("GET", "/signin")
        csrf = re.search(rb'name="_csrf" value="([^"]+)"', body).group(1).decode()
        form = urllib.parse.urlencode({"_csrf": csrf, "email": "bench@example.com", "password": "secret123"})
        status, _ = page.request("POST", "/signin", form, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 303, status
        results["contacts page (HTML)"] = timed(page, "/contacts", samples)
        results["contacts page search (HTML)"] = timed(page, "/contacts?q=nunez", samples)

        peak = [idle_rss]
        sampling = True

        def sample():
            while sampling:
                peak[0] = max(peak[0], rss_kib(server.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()

        def create(c, i, n):
            c.token = created["api_token"]
            body = json.dumps({"first_name": "Carga", "email": f"load-{name}-{i}-{n}-{time.time_ns()}@example.com"})
            return c.request("POST", "/api/v1/contacts", body, {"Content-Type": "application/json"})[0] == 201

        def sign_in(c, i, n):
            c.cookie = None
            status, body = c.request("GET", "/signin")
            token = re.search(rb'name="_csrf" value="([^"]+)"', body).group(1).decode()
            form = urllib.parse.urlencode({"_csrf": token, "email": "bench@example.com", "password": "secret123"})
            return c.request("POST", "/signin", form, {"Content-Type": "application/x-www-form-urlencoded"})[0] == 303

        creates, create_errors = throughput(port, 5, 4, create)
        signins, signin_errors = throughput(port, 5, 4, sign_in)
        sampling = False
        sampler.join()
        return {
            "seed": seed_seconds, "latency": results, "creates": creates, "create_errors": create_errors,
            "signins": signins, "signin_errors": signin_errors, "idle_rss": idle_rss, "peak_rss": peak[0],
        }
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--postgres-url", required=True, help="server URL; a database nexo_bench is (re)created on it")
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()

    admin = args.postgres_url
    subprocess.run(["psql", admin, "-qc", "DROP DATABASE IF EXISTS nexo_bench WITH (FORCE)"], check=True)
    subprocess.run(["psql", admin, "-qc", "CREATE DATABASE nexo_bench"], check=True)
    pg_url = urllib.parse.urlunparse(urllib.parse.urlparse(admin)._replace(path="/nexo_bench"))

    runs = {}
    for name, extra in (("sqlite", {}), ("postgres", {"NEXO_DATABASE_URL": pg_url})):
        print(f"== {name}: seeding {args.contacts} contacts and measuring…", file=sys.stderr, flush=True)
        runs[name] = bench(name, args.bin, extra, args.contacts, args.samples)

    print(f"\nNexo contact base benchmark — {args.contacts} contacts in one tenant, {args.samples} sequential requests per row,")
    print("page size 50, release build, one machine (client and server share its cores). Times in ms.\n")
    print(f"{'':32} {'SQLite p50':>11} {'p99':>8} {'PostgreSQL p50':>15} {'p99':>8}")
    for key in runs["sqlite"]["latency"]:
        s50, s99 = runs["sqlite"]["latency"][key]
        p50, p99 = runs["postgres"]["latency"][key]
        print(f"{key:32} {s50:11.2f} {s99:8.2f} {p50:15.2f} {p99:8.2f}")
    print()
    for label, key, fmt in (("seed (s)", "seed", "{:.1f}"), ("create contact (req/s, 4 clients)", "creates", "{:.0f}"),
                            ("create errors", "create_errors", "{}"), ("sign-in (full flows/s, 4 clients)", "signins", "{:.1f}"),
                            ("sign-in errors", "signin_errors", "{}"), ("RSS idle (MiB)", "idle_rss", None), ("RSS peak under load (MiB)", "peak_rss", None)):
        values = []
        for name in ("sqlite", "postgres"):
            v = runs[name][key]
            values.append(f"{v / 1024:.0f}" if fmt is None else fmt.format(v))
        print(f"{label:36} {values[0]:>10} {values[1]:>16}")


if __name__ == "__main__":
    main()
