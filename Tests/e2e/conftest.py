"""Shared fixtures for Nexo's browser and contract tests (run by `scripts/test.sh`, i.e. `make test`).

Fixtures:
  nexo_server  (session) a real `nexo serve` on a free port of 127.0.0.1, with its own SQLite data directory.
               Attributes: .base_url, .data_dir, .port, .env; .url(path); .run(*args) runs `$NEXO_BIN args`
               (e.g. ``nexo_server.run("tenants", "create", ...)``) with the server's environment.
  browser      (function) headless Chromium driven by Selenium; quits after the test.

Helper:
  screenshot(browser, name)  saves Tests/e2e/screenshots/<name>.png when NEXO_E2E_SCREENSHOTS=1
                             (``from conftest import screenshot``).

Environment:
  NEXO_BIN      the built server (scripts/test.sh sets it to `$(swift build --show-bin-path)/nexo`);
                default: .build/debug/nexo of this checkout.
  CHROMEDRIVER  chromedriver to use (default /usr/bin/chromedriver).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

E2E_DIR = Path(__file__).resolve().parent
REPO_ROOT = E2E_DIR.parent.parent
SCREENSHOT_DIR = E2E_DIR / "screenshots"

STARTUP_TIMEOUT_S = 60
STOP_TIMEOUT_S = 10


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nexo_bin() -> str:
    path = os.environ.get("NEXO_BIN") or str(REPO_ROOT / ".build" / "debug" / "nexo")
    if not os.access(path, os.X_OK):
        pytest.fail(
            f"the Nexo server binary {path!r} does not exist or is not executable: build it with "
            "`swift build` and set NEXO_BIN=$(swift build --show-bin-path)/nexo, or run `make test`",
            pytrace=False,
        )
    return path


def _tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no output captured)"
    return "\n".join(text.splitlines()[-lines:]) or "(no output)"


@dataclass
class NexoServer:
    base_url: str
    data_dir: Path
    port: int
    env: dict = field(repr=False)
    binary: str = field(repr=False)
    log_path: Path = field(repr=False)

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def run(self, *args: str, check: bool = True, timeout: float = 120,
            input: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
        """Run `$NEXO_BIN *args` from the checkout with the server's environment (plus `env`).

        Returns the CompletedProcess (text stdout/stderr). With check=True (the default) a non-zero exit
        fails the test with the command's output; pass check=False to test failures yourself.
        """
        run_env = dict(self.env)
        if env:
            run_env.update(env)
        cmd = [self.binary, *map(str, args)]
        proc = subprocess.run(cmd, cwd=REPO_ROOT, env=run_env, input=input, text=True,
                              capture_output=True, timeout=timeout)
        if check and proc.returncode != 0:
            pytest.fail(
                f"`nexo {' '.join(cmd[1:])}` exited with status {proc.returncode}\n"
                f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}",
                pytrace=False,
            )
        return proc

    def log_tail(self, lines: int = 60) -> str:
        """The last lines the server wrote (stdout and stderr together)."""
        return _tail(self.log_path, lines)


def _wait_healthy(proc: subprocess.Popen, server: NexoServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"`nexo serve` exited with status {proc.returncode} before /healthz answered.\n"
                f"--- server output (last lines) ---\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(server.url("/healthz"), timeout=2) as resp:
                if resp.status == 200:
                    return
                last_error = f"HTTP {resp.status}"
        except urllib.error.HTTPError as e:
            last_error = f"HTTP {e.code}"
        except (urllib.error.URLError, OSError) as e:
            last_error = str(e)
        time.sleep(0.2)
    raise RuntimeError(
        f"`nexo serve` did not answer GET /healthz with 200 within {STARTUP_TIMEOUT_S} s "
        f"(last: {last_error}).\n--- server output (last lines) ---\n{server.log_tail()}"
    )


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_TIMEOUT_S)


@pytest.fixture(scope="session")
def nexo_server(tmp_path_factory):
    """A running `nexo serve` on SQLite (the default) in a fresh data directory, for the whole session."""
    binary = nexo_bin()
    work = tmp_path_factory.mktemp("nexo-server")
    data_dir = work / "data"
    data_dir.mkdir()
    log_path = work / "server.log"
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"

    env = dict(os.environ)
    env.pop("NEXO_DATABASE_URL", None)  # the e2e server always uses its own SQLite database
    env.update({
        "NEXO_DATA_DIR": str(data_dir),
        "NEXO_PORT": str(port),
        "NEXO_HOST": "127.0.0.1",
        "NEXO_PUBLIC_URL": base_url,
        "NEXO_LOG_LEVEL": "warning",
    })

    server = NexoServer(base_url=base_url, data_dir=data_dir, port=port, env=env, binary=binary,
                        log_path=log_path)
    # The server reads Resources/ and Public/ from its working directory: start it from the checkout.
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([binary, "serve"], cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        startup_error = None
        try:
            _wait_healthy(proc, server)
        except RuntimeError as e:
            startup_error = str(e)
        if startup_error:
            pytest.fail(startup_error, pytrace=False)
        yield server
    finally:
        _stop(proc)


def _chromium_binary() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture
def browser():
    """Headless Chromium through Selenium and chromedriver; quits after the test."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    binary = _chromium_binary()
    if binary:
        options.binary_location = binary
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(browser, name: str) -> Path | None:
    """Save a PNG of the page as Tests/e2e/screenshots/<name>.png when NEXO_E2E_SCREENSHOTS=1.

    Returns the file's path, or None when screenshots are off.
    """
    if os.environ.get("NEXO_E2E_SCREENSHOTS") != "1":
        return None
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "screenshot"
    path = SCREENSHOT_DIR / f"{safe}.png"
    if not browser.save_screenshot(str(path)):
        raise RuntimeError(f"could not save screenshot {path}")
    return path
