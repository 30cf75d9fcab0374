"""The import page and the webhook settings in a real browser against a real `nexo serve` (with its worker)."""
import json
import os
import tempfile
import time
import urllib.request
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import screenshot
from test_automations import reload_until, sign_up
from test_backoffice import fill, main_text, submit


def test_a_csv_dropped_on_the_import_page_is_previewed_imported_and_summed(nexo_server, browser):
    base = nexo_server.base_url
    sign_up(browser, base, "Clínica Norte " + uuid.uuid4().hex[:4])
    folder = tempfile.mkdtemp(prefix="nexo-e2e-import-page-")
    path = os.path.join(folder, "pacientes.csv")
    with open(path, "w", encoding="cp1252", newline="") as out:
        out.write("Nombre;Apellido;Correo electrónico;Celular;Cumpleaños;Obra social\r\n"
                  "Ramón;Ibáñez;ramon@example.com;11 5555-1234;3/5/90;OSDE\r\n"
                  "Inés;Peña;ines@example.com;;31/02/1985;Swiss\r\n")

    # From the contacts list to the import page; choosing the file sends it.
    browser.get(base + "/contacts")
    browser.find_element(By.ID, "import-link").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/contacts/import"))
    screenshot(browser, "import-upload")
    browser.find_element(By.ID, "file").send_keys(path)
    WebDriverWait(browser, 10).until(EC.url_contains("/contacts/imports/"))

    # The preview shows how the file was read and the rows as they will be stored, with the impossible date.
    page = main_text(browser)
    assert "windows-1252" in page and "Ibáñez" in page and "+541155551234" in page
    assert "Esa fecha no existe." in page
    screenshot(browser, "import-preview")

    browser.find_element(By.ID, "start-import").click()
    WebDriverWait(browser, 30).until(lambda b: "Terminada" in main_text(b))
    page = main_text(browser)
    assert "Creados\n1" in page and "Rechazados\n1" in page, page
    assert browser.find_element(By.ID, "rejected-download").get_attribute("href").endswith("/rejected.csv")
    screenshot(browser, "import-done")


def test_a_webhook_source_shows_its_url_secret_test_and_log(nexo_server, browser):
    base = nexo_server.base_url
    sign_up(browser, base, "Tienda Sur " + uuid.uuid4().hex[:4])
    browser.get(base + "/settings/webhooks")
    fill(browser, "source-name", "tienda")
    submit(browser)
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "webhook-url")))
    url = browser.find_element(By.ID, "webhook-url").text
    secret = browser.find_element(By.ID, "webhook-secret").text
    assert "/hooks/in/whk_" in url and secret.startswith("whsec_")

    # The shop sends an order.
    body = json.dumps({"id": "ord-7", "customer": {"first_name": "Lucía", "last_name": "Paz",
                                                   "email": "lucia.paz@example.com", "phone": "11 4444-3333"}})
    path = url[url.index("/hooks/"):]
    request = urllib.request.Request(base + path, data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/json", "X-Nexo-Secret": secret})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 202

    # The log shows it accepted with a link to the contact; the secret stays hidden until asked for.
    reload_until(browser, "Contacto creado")
    assert secret not in main_text(browser)
    browser.find_element(By.ID, "reveal-secret").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "webhook-secret")))
    assert browser.find_element(By.ID, "webhook-secret").text == secret

    # A test payload in the Spanish shape shows the contact without storing it.
    fill(browser, "sample", json.dumps({"nombre": "Zoe Ruiz", "correo": "zoe@example.com"}))
    browser.find_element(By.XPATH, "//button[normalize-space()='Probar']").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "test-result")))
    page = main_text(browser)
    assert "Se aceptaría" in page and "zoe@example.com" in page
    screenshot(browser, "webhook-source")
    browser.get(base + "/contacts")
    assert "lucia.paz@example.com" in main_text(browser) and "zoe@example.com" not in main_text(browser)
