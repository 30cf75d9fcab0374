"""Two `nexo serve` processes on one PostgreSQL database serve side by side: they migrate the same empty
database at the same moment, and a session or a contact made through one is seen through the other."""
import base64
import http.cookiejar
import json
import os
import re
import subprocess
import time
import urllib.parse
import urllib.request
import uuid

import pytest

from conftest import REPO_ROOT, NexoServer, _stop, _wait_healthy, free_port, nexo_bin


@pytest.fixture
def postgres_database():
    base = os.environ.get("NEXO_TEST_POSTGRES_URL")
    if not base:
        pytest.fail("set NEXO_TEST_POSTGRES_URL=postgres://user:pass@host:port/db (make test starts a private cluster)",
                    pytrace=False)
    name = "nexo_e2e_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", base, "-qc", f"CREATE DATABASE {name}"], check=True)
    url = urllib.parse.urlunparse(urllib.parse.urlparse(base)._replace(path="/" + name))
    try:
        yield url
    finally:
        subprocess.run(["psql", base, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)


def start(binary, database_url, master_key, tmp_path, label, command="serve", extra_env=None):
    port = free_port()
    data_dir = tmp_path / label
    data_dir.mkdir()
    env = dict(os.environ, NEXO_DATABASE_URL=database_url, NEXO_MASTER_KEY=master_key, NEXO_DATA_DIR=str(data_dir),
               NEXO_PORT=str(port), NEXO_HOST="127.0.0.1", NEXO_PUBLIC_URL=f"http://127.0.0.1:{port}",
               NEXO_LOG_LEVEL="warning", **(extra_env or {}))
    log_path = tmp_path / f"{label}.log"
    server = NexoServer(base_url=f"http://127.0.0.1:{port}", data_dir=data_dir, port=port, env=env, binary=binary,
                        log_path=log_path)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([binary, command], cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT)
    return server, proc


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_two_processes_share_one_database(postgres_database, tmp_path):
    binary = nexo_bin()
    key = base64.b64encode(os.urandom(32)).decode()
    # Started together on an empty database: both migrate at once, one waits for the other.
    (a, proc_a), (b, proc_b) = start(binary, postgres_database, key, tmp_path, "a"), \
        start(binary, postgres_database, key, tmp_path, "b")
    try:
        _wait_healthy(proc_a, a)
        _wait_healthy(proc_b, b)
        for server in (a, b):
            with urllib.request.urlopen(server.url("/readyz")) as response:
                assert json.load(response)["database"] == "ok"

        # Sign up through A; the session cookie works on B.
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        page = opener.open(a.url("/signup")).read().decode()
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"_csrf": csrf, "business_name": "Sede Compartida", "country": "CL",
                                       "owner_name": "Ana", "email": "ana@example.com", "password": "secret123"})
        try:
            opener.open(a.url("/signup"), form.encode())
        except urllib.error.HTTPError as redirect:
            assert redirect.code == 303, redirect.read()
        cookie = next(c for c in jar if c.name == "nexo_session")
        request = urllib.request.Request(b.url("/dashboard"), headers={"Cookie": f"nexo_session={cookie.value}"})
        with urllib.request.urlopen(request) as response:
            assert "Sede Compartida" in response.read().decode()

        # A contact created through A's API is listed by B's.
        created = a.run("tenants", "create", "--name", "API", "--country", "AR", "--owner-email", "api@example.com",
                        "--owner-password", "secret123", "--json")
        token = json.loads(created.stdout.strip().splitlines()[-1])["api_token"]
        auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        body = json.dumps({"first_name": "Compartido", "phone": "011 15 3333-2222"}).encode()
        with urllib.request.urlopen(urllib.request.Request(a.url("/api/v1/contacts"), body, auth)) as response:
            assert response.status == 201
        with urllib.request.urlopen(urllib.request.Request(b.url("/api/v1/contacts?q=compartido"), headers=auth)) as response:
            listed = json.load(response)["data"]
        assert [c["phone"] for c in listed] == ["+5491133332222"]
    finally:
        _stop(proc_a)
        _stop(proc_b)


def api(server, method, path, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server.url(path), data, {"Authorization": f"Bearer {token}",
                                                              "Content-Type": "application/json"}, method=method)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def test_worker_processes_run_automations_for_a_server_without_a_worker(postgres_database, tmp_path):
    """`nexo serve` with NEXO_WORKER=false takes requests; two `nexo worker` processes share the jobs (SKIP LOCKED),
    one leads the event dispatch and scheduler (advisory lock), and NOTIFY wakes them: every contact gets its welcome
    e-mail exactly once."""
    binary = nexo_bin()
    key = base64.b64encode(os.urandom(32)).decode()
    web, proc_web = start(binary, postgres_database, key, tmp_path, "web", extra_env={"NEXO_WORKER": "false"})
    procs = [proc_web]
    try:
        _wait_healthy(proc_web, web)
        created = web.run("tenants", "create", "--name", "Óptica Central", "--country", "AR", "--owner-email",
                          "owner@example.com", "--owner-password", "secret123", "--json")
        token = json.loads(created.stdout.strip().splitlines()[-1])["api_token"]
        welcome = next(a for a in api(web, "GET", "/api/v1/automations", token)["data"] if a["builtin"] == "welcome")
        assert api(web, "PATCH", f"/api/v1/automations/{welcome['id']}", token, {"enabled": True})["enabled"] is True

        for label in ("worker1", "worker2"):
            _, proc = start(binary, postgres_database, key, tmp_path, label, command="worker")
            procs.append(proc)
        for n in range(20):
            api(web, "POST", "/api/v1/contacts", token,
                {"first_name": f"Cliente {n}", "email": f"cliente{n}@example.com", "consent": {"email": {"state": "given"}}})

        deadline = time.monotonic() + 60
        runs = []
        while time.monotonic() < deadline:
            runs = api(web, "GET", f"/api/v1/automations/{welcome['id']}/runs?limit=200", token)["data"]
            if len(runs) == 20 and all(r["state"] == "succeeded" for r in runs):
                break
            time.sleep(0.5)
        assert len(runs) == 20 and all(r["state"] == "succeeded" for r in runs), runs
        rows = subprocess.run(["psql", postgres_database, "-Atc",
                               "SELECT count(*), count(DISTINCT to_address) FROM outbox_emails WHERE kind = 'welcome'"],
                              check=True, capture_output=True, text=True).stdout.strip()
        assert rows == "20|20"
        stats = web.run("jobs", "stats").stdout
        assert "dead: 0" in stats and "running: 0" in stats
    finally:
        for proc in procs:
            _stop(proc)
