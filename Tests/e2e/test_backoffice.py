"""The backoffice in a real headless Chromium, against a real `nexo serve` (SQLite) started by conftest."""
import json
import re
import time
import uuid

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import screenshot


def unique_email(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}@example.com"


def fill(browser, field_id, text):
    element = browser.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def submit(browser, form_selector="main form"):
    browser.find_element(By.CSS_SELECTOR, form_selector + " button[type=submit]").click()


def wait_text(browser, text, tag="main", timeout=10):
    """Waits until the element shows the text; tolerant of the page being replaced while it looks."""
    WebDriverWait(browser, timeout, ignored_exceptions=(WebDriverException,)).until(
        lambda b: text in b.find_element(By.TAG_NAME, tag).text)


def main_text(browser):
    # A page may still be replacing the previous one right after a navigation: ask again briefly.
    for _ in range(30):
        try:
            return browser.find_element(By.TAG_NAME, "main").text
        except WebDriverException:
            time.sleep(0.1)
    return browser.find_element(By.TAG_NAME, "main").text


def sign_in(browser, base_url, email, password):
    browser.get(base_url + "/signin")
    fill(browser, "email", email)
    fill(browser, "password", password)
    submit(browser)
    WebDriverWait(browser, 10).until(EC.url_contains("/dashboard"))


def sign_out(browser):
    browser.find_element(By.XPATH, "//header//form[contains(@action, '/signout')]//button").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/signin"))


def test_sign_up_then_create_find_edit_and_delete_a_contact(nexo_server, browser):
    base = nexo_server.base_url
    # Sign-up: business, country, owner.
    browser.get(base + "/signup")
    assert "Crear cuenta" in browser.title
    fill(browser, "business_name", "Clínica Sonrisa")
    Select(browser.find_element(By.ID, "country")).select_by_value("AR")
    assert "America/Argentina/Buenos_Aires" in browser.find_element(By.ID, "country-hint").text
    fill(browser, "owner_name", "Ana Pérez")
    fill(browser, "email", unique_email("ana"))
    fill(browser, "password", "secret123")
    screenshot(browser, "signup")
    submit(browser)
    WebDriverWait(browser, 10).until(EC.url_contains("/dashboard"))
    assert "Clínica Sonrisa está listo" in main_text(browser)
    screenshot(browser, "dashboard-empty")

    # Create a contact through the form.
    browser.find_element(By.LINK_TEXT, "Contactos").click()
    browser.find_element(By.LINK_TEXT, "Nuevo contacto").click()
    fill(browser, "first_name", "José")
    fill(browser, "last_name", "Núñez")
    fill(browser, "email", "Jose.Nunez@Example.com")
    fill(browser, "phone", "011 15 3333-2222")
    fill(browser, "birthday", "--05-17")
    fill(browser, "tags", "vip, ortodoncia")
    screenshot(browser, "contact-form")
    submit(browser, "form.contact-form")
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "dl.details")))
    details = main_text(browser)
    assert "+5491133332222" in details
    assert "jose.nunez@example.com" in details
    assert "17 de mayo" in details
    screenshot(browser, "contact-page")

    # Find it by searching without accents.
    browser.find_element(By.LINK_TEXT, "Contactos").click()
    fill(browser, "q", "nunez")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    WebDriverWait(browser, 10).until(EC.url_contains("q=nunez"))
    rows = browser.find_elements(By.CSS_SELECTOR, "table.contacts tbody tr")
    assert len(rows) == 1 and "José Núñez" in rows[0].text
    screenshot(browser, "contacts-search")

    # Edit it.
    rows[0].find_element(By.LINK_TEXT, "José Núñez").click()
    browser.find_element(By.LINK_TEXT, "Editar contacto").click()
    fill(browser, "company", "Sonrisas SA")
    submit(browser, "form.contact-form")
    wait_text(browser, "Sonrisas SA")
    assert "Cambios guardados." in main_text(browser)

    # Delete it (the page asks for confirmation first).
    browser.find_element(By.XPATH, "//button[normalize-space()='Borrar']").click()
    WebDriverWait(browser, 5).until(EC.alert_is_present())
    browser.switch_to.alert.accept()
    wait_text(browser, "Contacto borrado.")
    fill(browser, "q", "nunez")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    WebDriverWait(browser, 10).until(EC.url_contains("q=nunez"))
    assert browser.find_elements(By.CSS_SELECTOR, "table.contacts tbody tr") == []
    assert "Ningún contacto coincide" in main_text(browser)


def test_an_invited_agent_works_with_contacts_but_is_refused_the_settings(nexo_server, browser):
    base = nexo_server.base_url
    owner_email = unique_email("owner")
    created = nexo_server.run("tenants", "create", "--name", "Dental Norte", "--country", "MX",
                              "--owner-email", owner_email, "--owner-password", "secret123", "--json")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout.strip().splitlines()[-1])["api_token"].startswith("nexo_")

    # The owner invites an agent from the team page.
    sign_in(browser, base, owner_email, "secret123")
    browser.find_element(By.LINK_TEXT, "Equipo").click()
    agent_email = unique_email("agente")
    fill(browser, "invite-email", agent_email)
    Select(browser.find_element(By.ID, "invite-role")).select_by_value("agent")
    browser.find_element(By.XPATH, "//button[normalize-space()='Enviar invitación']").click()
    wait_text(browser, "Invitación enviada a")
    screenshot(browser, "members")

    # The invitation waits in the outbox, link included.
    browser.find_element(By.LINK_TEXT, "Bandeja de salida").click()
    browser.find_element(By.PARTIAL_LINK_TEXT, "Dental Norte").click()
    body = browser.find_element(By.CSS_SELECTOR, "pre.email-body").text
    link = re.search(r"https?://\S+/invitations/inv_\w+", body).group(0)
    sign_out(browser)

    # The agent accepts it and lands on the dashboard.
    browser.get(link)
    fill(browser, "name", "Pablo Agente")
    fill(browser, "password", "secret456")
    submit(browser)
    WebDriverWait(browser, 10).until(EC.url_contains("/dashboard"))
    assert "Ya sos parte de Dental Norte" in main_text(browser)
    assert browser.find_elements(By.LINK_TEXT, "Equipo") == []
    browser.find_element(By.LINK_TEXT, "Contactos").click()
    assert browser.find_elements(By.LINK_TEXT, "Exportar CSV") == []

    # Settings are refused, with a page that says why.
    for path in ("/settings/members", "/settings/tokens", "/settings/profile"):
        browser.get(base + path)
        assert "Acceso restringido" in main_text(browser), path
    screenshot(browser, "agent-refused")


def test_pages_render_their_own_strings_in_spanish_and_english(nexo_server, browser):
    base = nexo_server.base_url
    browser.get(base + "/signin")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Iniciar sesión"
    browser.find_element(By.LINK_TEXT, "English").click()
    wait_text(browser, "Sign in", tag="h1")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert browser.find_element(By.CSS_SELECTOR, "label[for=password]").text == "Password"
    screenshot(browser, "signin-en")

    # A signed-in user's choice is kept with the user.
    owner_email = unique_email("lang")
    nexo_server.run("tenants", "create", "--name", "Idiomas", "--country", "UY", "--owner-email", owner_email,
                    "--owner-password", "secret123", "--json")
    browser.delete_all_cookies()
    sign_in(browser, base, owner_email, "secret123")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Inicio"
    browser.find_element(By.XPATH, "//header//button[normalize-space()='English']").click()
    wait_text(browser, "Dashboard", tag="h1")
    browser.find_element(By.LINK_TEXT, "Contacts").click()
    assert browser.find_element(By.LINK_TEXT, "New contact")
    screenshot(browser, "contacts-en")
