"""The operators' page in a real browser: granted from the command line, invisible to everyone else."""
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import screenshot
from test_automations import create_contact, reload_until, sign_up, switch_on_welcome
from test_backoffice import main_text, sign_in, sign_out


def test_an_operator_granted_from_the_cli_sees_every_businesss_jobs(nexo_server, browser):
    base = nexo_server.base_url
    first = "Clínica Norte " + uuid.uuid4().hex[:4]
    owner = sign_up(browser, base, first)

    # Not an operator yet: the page does not exist for this owner.
    browser.get(base + "/ops/jobs")
    assert "No encontrado" in main_text(browser)
    browser.get(base + "/dashboard")
    sign_out(browser)

    # Another business, with work of its own: its welcome automation switched on, a contact created.
    second = "Dental Sur " + uuid.uuid4().hex[:4]
    sign_up(browser, base, second)
    switch_on_welcome(browser, base)
    create_contact(browser, base, "Rita", "rita@example.com")
    sign_out(browser)

    # Granted from the command line; an unknown e-mail is refused with a clear message.
    refused = nexo_server.run("operators", "grant", "nadie@example.com", check=False)
    assert refused.returncode != 0 and "no user signs in with nadie@example.com" in refused.stderr
    granted = nexo_server.run("operators", "grant", owner)
    assert "is now an operator" in granted.stdout
    assert owner in nexo_server.run("operators", "list").stdout

    sign_in(browser, base, owner, "secret123")
    browser.get(base + "/settings/jobs")
    browser.find_element(By.PARTIAL_LINK_TEXT, "todas las empresas").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/ops/jobs"))
    page = main_text(browser)
    assert "Operación: trabajos de todas las empresas" in page
    # The other business's automation run is listed under its name (the worker may still be on it).
    reload_until(browser, second)
    assert "Ejecución de automatización" in main_text(browser)
    screenshot(browser, "ops-jobs")

    # An unknown business in the filter is said, not ignored.
    browser.get(base + "/ops/jobs?tenant=no-existe")
    assert "No hay ninguna empresa con ese slug o id." in main_text(browser)

    # Revoked: the page is gone again.
    nexo_server.run("operators", "revoke", owner)
    browser.get(base + "/ops/jobs")
    assert "Operación: trabajos de todas las empresas" not in main_text(browser)
