"""Automations in a real browser against a real `nexo serve`, whose in-process worker and scheduler do the work."""
import time
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import screenshot
from test_backoffice import fill, main_text, sign_in, submit, unique_email, wait_text


def sign_up(browser, base, business):
    email = unique_email("marta")
    browser.get(base + "/signup")
    fill(browser, "business_name", business)
    Select(browser.find_element(By.ID, "country")).select_by_value("AR")
    fill(browser, "owner_name", "Marta Gómez")
    fill(browser, "email", email)
    fill(browser, "password", "secret123")
    submit(browser)
    WebDriverWait(browser, 10).until(EC.url_contains("/dashboard"))
    return email


def switch_on_welcome(browser, base):
    """Switch the built-in welcome automation on from the list."""
    browser.get(base + "/automations")
    row = browser.find_element(By.XPATH, "//tr[.//a[normalize-space()='Correo de bienvenida']]")
    row.find_element(By.CSS_SELECTOR, "button.switch").click()
    wait_text(browser, "“Correo de bienvenida” está activa.")


def create_contact(browser, base, first_name, email, consent=True):
    """Create a contact from the form (with e-mail consent given, by default) and wait for its page."""
    browser.get(base + "/contacts/new")
    fill(browser, "first_name", first_name)
    fill(browser, "email", email)
    if consent:
        Select(browser.find_element(By.ID, "consent_email")).select_by_value("given")
    submit(browser, "form.contact-form")
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "dl.details")))


def reload_until(browser, text, timeout=20):
    """The worker runs in the background: reload until the page shows the text."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in main_text(browser):
            return
        time.sleep(0.5)
        browser.refresh()
    raise AssertionError(f"{text!r} did not appear within {timeout} s; the page says:\n{main_text(browser)}")


def test_enabling_the_welcome_automation_emails_a_new_contact_and_records_the_run(nexo_server, browser):
    base = nexo_server.base_url
    business = "Óptica Luz " + uuid.uuid4().hex[:4]
    sign_up(browser, base, business)

    # The built-in welcome automation is there, switched off; switch it on from the list.
    browser.find_element(By.LINK_TEXT, "Automatizaciones").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/automations"))
    page = main_text(browser)
    assert "Correo de bienvenida" in page and "Saludo de cumpleaños" in page and "Te extrañamos" in page
    screenshot(browser, "automations-list")
    switch_on_welcome(browser, base)

    # Look at the editor: the e-mail's template is there and can be read.
    browser.find_element(By.LINK_TEXT, "Correo de bienvenida").click()
    assert "{{business.name}}" in browser.find_element(By.ID, "s0-subject").get_attribute("value")
    screenshot(browser, "automation-editor")

    # Create a contact who agreed to receive e-mail.
    create_contact(browser, base, "Lucía", "lucia@example.com")

    # The welcome e-mail lands in the outbox …
    browser.get(base + "/settings/outbox")
    reload_until(browser, "lucia@example.com")
    assert f"¡Te damos la bienvenida a {business}!" in main_text(browser)
    screenshot(browser, "outbox-welcome")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Te damos la bienvenida").click()
    body = main_text(browser)
    assert "Hola Lucía:" in body
    assert "/u/" in body  # the unsubscribe link

    # … and the run is in the history, with its step.
    browser.get(base + "/automations")
    browser.find_element(By.XPATH, "//tr[.//a[normalize-space()='Correo de bienvenida']]//td[3]/a").click()
    reload_until(browser, "Lucía")
    assert "Completada" in main_text(browser)
    screenshot(browser, "automation-history")
    browser.find_element(By.LINK_TEXT, "Completada").click()
    wait_text(browser, "Enviar e-mail")
    assert "Hecho" in main_text(browser)
    screenshot(browser, "automation-run")

    # Explain: a contact without consent would not get it, and the page says why.
    create_contact(browser, base, "Pablo", "pablo@example.com", consent=False)
    browser.get(base + "/automations")
    browser.find_element(By.LINK_TEXT, "Correo de bienvenida").click()
    browser.find_element(By.LINK_TEXT, "Probar y explicar").click()
    fill(browser, "contact", "pablo@example.com")
    browser.find_element(By.XPATH, "//button[normalize-space()='Ver']").click()
    wait_text(browser, "No se ejecutaría para Pablo")
    assert "No hay consentimiento registrado" in main_text(browser)
    screenshot(browser, "automation-explain")


def test_the_unsubscribe_link_works_without_signing_in(nexo_server, browser):
    base = nexo_server.base_url
    business = "Dental Norte " + uuid.uuid4().hex[:4]
    owner = sign_up(browser, base, business)
    switch_on_welcome(browser, base)
    create_contact(browser, base, "Rita", "rita@example.com")
    contact_url = browser.current_url
    browser.get(base + "/settings/outbox")
    reload_until(browser, "rita@example.com")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Te damos la bienvenida").click()
    link = next(word for word in main_text(browser).split() if "/u/" in word)

    browser.delete_all_cookies()
    browser.get(link)
    assert business in main_text(browser)
    screenshot(browser, "unsubscribe")
    browser.find_element(By.XPATH, "//button[contains(., 'no quiero recibir más correos')]").click()
    wait_text(browser, "no te enviará más correos")

    # The owner sees the withdrawal on the contact: consent withdrawn, and an entry on the timeline.
    sign_in(browser, base, owner, "secret123")
    browser.get(contact_url)
    page = main_text(browser)
    assert "Retirado" in page
    assert "Se dio de baja" in page
    assert "E-mail enviado" in page
