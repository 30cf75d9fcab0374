"""Contract checks on Resources/openapi.json, the OpenAPI 3.1 document served at /api/v1/openapi.json.

The static tests need no server: the document is a valid OpenAPI 3.1 document, every operation has an id, a
summary, a 2xx and the error responses it can answer, and every example matches its schema. The last test calls
every operation of a real `nexo serve` (conftest's `nexo_server`) and checks each answer against the document;
it is skipped when no server binary was built and NEXO_BIN is not set.
That the document's paths and the registered /api/v1 routes are the same set is checked by the Swift test
`openAPIDocumentAndRoutesMatch` (Tests/NexoServerTests/Platform/PlatformTests.swift).
Needs the Python package openapi-spec-validator (installed by scripts/test.sh); jsonschema comes with it.
"""
from __future__ import annotations

import copy
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import time
import uuid
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

DOCUMENT_PATH = Path(__file__).resolve().parent / ".." / ".." / "Resources" / "openapi.json"
DOCUMENT_URI = "urn:nexo:openapi"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# The only operation that needs no token.
PUBLIC_OPERATIONS = {"getOpenAPIDocument"}
# Operations that can collide with another contact's e-mail or phone.
CONFLICT_OPERATIONS = {"createContact", "upsertContact", "updateContact"}
# Operations whose body may be any JSON (a sample payload): nothing in it is a wrong value, so they never answer 422.
ANY_JSON_BODY_OPERATIONS = {"testWebhookSource"}


@pytest.fixture(scope="module")
def document() -> dict:
    with open(DOCUMENT_PATH, encoding="utf-8") as f:
        return json.load(f)


def operations(document: dict):
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item, item[method]


def resolve(document: dict, node: dict) -> dict:
    """Follows local `$ref`s (`#/components/...`) until a concrete object."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local references are expected, got {ref}"
        assert ref not in seen, f"reference cycle at {ref}"
        seen.add(ref)
        node = document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def parameters_of(document: dict, item: dict, operation: dict) -> list[dict]:
    return [resolve(document, p) for p in item.get("parameters", []) + operation.get("parameters", [])]


def expected_errors(document: dict, item: dict, operation: dict) -> set[str]:
    """The error statuses an operation can answer, by what it takes (see docs/api.md, "Errors")."""
    if operation["operationId"] in PUBLIC_OPERATIONS:
        return set()
    expected = {"401", "403", "429"}  # bad token; banned or suspended business or role; limits
    params = parameters_of(document, item, operation)
    if any(p["in"] == "path" and p["name"] == "id" for p in params):
        expected.add("404")
    if any(p["in"] == "query" for p in params):
        expected.add("400")
    if "requestBody" in operation:
        expected |= {"400", "413"}
        if operation["operationId"] not in ANY_JSON_BODY_OPERATIONS:
            expected.add("422")
    if operation["operationId"] in CONFLICT_OPERATIONS:
        expected.add("409")
    return expected


def schema_validator(document: dict, schema: dict) -> Draft202012Validator:
    """A JSON Schema 2020-12 validator for a schema of the document, resolving its `#/components/...` refs."""

    def anchor(node):
        if isinstance(node, dict):
            return {k: (DOCUMENT_URI + v if k == "$ref" and isinstance(v, str) and v.startswith("#") else anchor(v))
                    for k, v in node.items()}
        if isinstance(node, list):
            return [anchor(v) for v in node]
        return node

    registry = Registry().with_resource(DOCUMENT_URI, DRAFT202012.create_resource(document))
    return Draft202012Validator(anchor(copy.deepcopy(schema)), registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid(document: dict, schema: dict, value, where: str) -> None:
    errors = sorted(schema_validator(document, schema).iter_errors(value), key=lambda e: list(e.absolute_path))
    assert not errors, f"{where} does not match its schema: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors)


def test_document_is_a_valid_openapi_3_1_document(document):
    assert document["openapi"].startswith("3.1"), "Nexo publishes OpenAPI 3.1"
    validate(document)  # raises OpenAPIValidationError with the first problem


def test_file_is_pretty_printed_utf8_json():
    text = DOCUMENT_PATH.read_text(encoding="utf-8")
    reformatted = json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    assert text == reformatted, (
        "keep Resources/openapi.json pretty-printed with a 2-space indent and a final newline: "
        "python3 -m json.tool --indent 2 --no-ensure-ascii Resources/openapi.json")


def test_every_path_is_under_api_v1_with_its_parameters_declared(document):
    assert document["paths"], "the document has no paths"
    for path, item in document["paths"].items():
        assert path.startswith("/api/v1/"), f"{path}: only /api/v1 routes belong in the document"
        templated = set(re.findall(r"{([^}]+)}", path))
        for method in METHODS:
            if method not in item:
                continue
            declared = {p["name"] for p in parameters_of(document, item, item[method]) if p["in"] == "path"}
            assert declared == templated, f"{method.upper()} {path}: path parameters {sorted(declared)} != {sorted(templated)}"


def test_security_is_bearer_everywhere_but_on_the_document_itself(document):
    scheme = document["components"]["securitySchemes"]["bearerAuth"]
    assert scheme["type"] == "http" and scheme["scheme"].lower() == "bearer"
    assert document["security"] == [{"bearerAuth": []}]
    for path, method, _, operation in operations(document):
        if operation.get("operationId") in PUBLIC_OPERATIONS:
            assert operation.get("security") == [], f"{method.upper()} {path} is served without a token"
        else:
            assert "security" not in operation, f"{method.upper()} {path} must keep the global bearerAuth"


def test_every_operation_has_an_id_a_summary_a_success_and_its_error_responses(document):
    seen_ids = set()
    problems = []
    for path, method, item, operation in operations(document):
        name = f"{method.upper()} {path}"
        operation_id = operation.get("operationId")
        if not operation_id:
            problems.append(f"{name}: no operationId")
            continue
        if operation_id in seen_ids:
            problems.append(f"{name}: operationId {operation_id} is used twice")
        seen_ids.add(operation_id)
        if not operation.get("summary", "").strip():
            problems.append(f"{name}: no summary")
        statuses = set(operation.get("responses", {}))
        if not any(re.fullmatch(r"2\d\d", s) for s in statuses):
            problems.append(f"{name}: no 2xx response")
        missing = expected_errors(document, item, operation) - statuses
        if missing:
            problems.append(f"{name}: missing error responses {sorted(missing)}")
        for status in sorted(s for s in statuses if re.fullmatch(r"[45]\d\d", s)):
            response = resolve(document, operation["responses"][status])
            content = response.get("content", {})
            if list(content) != ["application/problem+json"]:
                problems.append(f"{name} {status}: errors are application/problem+json, not {list(content)}")
            elif resolve(document, content["application/problem+json"]["schema"]) is not document["components"]["schemas"]["Problem"]:
                problems.append(f"{name} {status}: the error schema must be #/components/schemas/Problem")
            if status == "429" and "Retry-After" not in response.get("headers", {}):
                problems.append(f"{name} 429: must document the Retry-After header")
    assert not problems, "\n".join(problems)


def test_conventions_for_the_contact_routes(document):
    paths = document["paths"]
    create = paths["/api/v1/contacts"]["post"]
    assert "201" in create["responses"]
    assert any(resolve(document, p)["name"] == "Idempotency-Key" for p in create.get("parameters", []))
    upsert = paths["/api/v1/contacts/upsert"]["post"]["responses"]
    assert {"200", "201"} <= set(upsert)
    assert set(paths["/api/v1/contacts/{id}"]["delete"]["responses"]) & {"200", "201", "202", "204"} == {"204"}
    assert "201" in paths["/api/v1/contacts/{id}/notes"]["post"]["responses"]
    assert "text/csv" in paths["/api/v1/contacts/export"]["get"]["responses"]["200"]["content"]
    for path in ("/api/v1/contacts", "/api/v1/contacts/{id}/interactions"):
        names = {p["name"] for p in parameters_of(document, paths[path], paths[path]["get"])}
        assert {"limit", "cursor"} <= names, f"GET {path} pages with limit and cursor"
        limit = next(p for p in parameters_of(document, paths[path], paths[path]["get"]) if p["name"] == "limit")
        assert (limit["schema"]["minimum"], limit["schema"]["maximum"], limit["schema"]["default"]) == (1, 200, 50)
    list_filters = {p["name"] for p in parameters_of(document, paths["/api/v1/contacts"], paths["/api/v1/contacts"]["get"])}
    export_filters = {p["name"] for p in parameters_of(document, paths["/api/v1/contacts/export"],
                                                         paths["/api/v1/contacts/export"]["get"])}
    filters = {"q", "tag", "status", "source", "created_from", "created_to", "birthday_month"}
    assert filters <= list_filters and filters <= export_filters

    schemas = document["components"]["schemas"]
    for name in ("Contact", "ContactInput", "ContactPage", "Interaction", "InteractionPage", "Problem", "FieldError", "Me"):
        assert name in schemas, f"components/schemas/{name} is missing"
    contact = schemas["Contact"]
    assert set(contact["required"]) == set(contact["properties"]), "every Contact field is always present"
    assert schemas["ContactInput"]["additionalProperties"] is False, "unknown input keys answer 422"
    assert set(schemas["ContactPage"]["required"]) == {"data", "next_cursor"}


def test_examples_match_their_schemas(document):
    checked = 0
    for name, schema in document["components"]["schemas"].items():
        for i, example in enumerate(schema.get("examples", [])):
            assert_valid(document, {"$ref": f"#/components/schemas/{name}"}, example, f"components/schemas/{name} example {i}")
            checked += 1

    def media_examples(where, media):
        nonlocal checked
        if "schema" not in media:
            return
        values = [("example", media["example"])] if "example" in media else []
        values += [(f"examples/{key}", resolve(document, ex)["value"]) for key, ex in media.get("examples", {}).items()]
        for label, value in values:
            assert_valid(document, media["schema"], value, f"{where} {label}")
            checked += 1

    for path, method, item, operation in operations(document):
        name = f"{method.upper()} {path}"
        for parameter in parameters_of(document, item, operation):
            if "example" in parameter:
                assert_valid(document, parameter["schema"], parameter["example"], f"{name} parameter {parameter['name']}")
                checked += 1
        body = resolve(document, operation.get("requestBody", {}))
        for media_type, media in body.get("content", {}).items():
            media_examples(f"{name} request {media_type}", media)
        for status, response in operation["responses"].items():
            for media_type, media in resolve(document, response).get("content", {}).items():
                media_examples(f"{name} {status} {media_type}", media)
    assert checked > 20, f"only {checked} examples were checked"


# ---------------------------------------------------------------------------------------------- live server

def _server_binary_available() -> bool:
    if os.environ.get("NEXO_BIN"):
        return True  # set by scripts/test.sh: a missing binary must fail (in conftest), not skip
    return os.access(Path(__file__).resolve().parent.parent.parent / ".build" / "debug" / "nexo", os.X_OK)


class LiveAPI:
    """Calls a running server and checks every answer against the document."""

    def __init__(self, document: dict, base_url: str, token: str):
        self.document = document
        self.base_url = base_url
        self.token = token
        self.called: set[tuple[str, str]] = set()
        self.templates = [(re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(p)) + "$"), p)
                          for p in document["paths"]]

    def call(self, method: str, path: str, body=None, *, expect: int, token: bool = True, headers=None):
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        if token:
            request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, response_headers, raw = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, response_headers, raw = error.code, error.headers, error.read()
        where = f"{method} {path} -> {status}"
        assert status == expect, f"{where}, expected {expect}: {raw[:500]!r}"

        route_path = urllib.parse.urlsplit(path).path
        template = next((t for pattern, t in self.templates if pattern.match(route_path)), None)
        assert template, f"{where}: no documented path matches {route_path}"
        operation = self.document["paths"][template].get(method.lower())
        assert operation, f"{where}: {method} {template} is not documented"
        self.called.add((method.lower(), template))
        documented = operation["responses"].get(str(status))
        assert documented, f"{where}: status {status} is not documented for {method} {template}"
        documented = resolve(self.document, documented)
        for name in documented.get("headers", {}):
            if name not in ("Idempotent-Replayed",):  # sent only on replays
                assert response_headers.get(name), f"{where}: documented header {name} is missing"
        content_type = (response_headers.get("Content-Type") or "").split(";")[0].strip()
        if not documented.get("content"):
            assert not raw, f"{where}: the document says no body, got {raw[:200]!r}"
            return None
        media = documented["content"].get(content_type)
        assert media, f"{where}: Content-Type {content_type!r} is not among {list(documented['content'])}"
        if not content_type.endswith("json"):
            return raw
        value = json.loads(raw)
        assert_valid(self.document, media["schema"], value, where)
        return value


def fetch(url: str, method: str = "GET", body=None, headers=None) -> tuple[int, bytes]:
    """A request outside the documented API (a webhook source's URL, Meta's callback): its status and raw body."""
    data = None if body is None else body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.skipif(not _server_binary_available(), reason="no nexo binary: build it or set NEXO_BIN")
def test_a_real_server_answers_as_documented(document, request):
    server = request.getfixturevalue("nexo_server")
    name = f"Contrato OpenAPI {uuid.uuid4().hex[:8]}"
    created = server.run("tenants", "create", "--name", name, "--country", "AR",
                         "--owner-email", f"api-{uuid.uuid4().hex[:8]}@example.com", "--json")
    line = next(l for l in reversed(created.stdout.splitlines()) if l.startswith("{") and "api_token" in l)
    tenant = json.loads(line)
    api = LiveAPI(document, server.base_url, tenant["api_token"])

    served = api.call("GET", "/api/v1/openapi.json", expect=200, token=False)
    assert served == document, "the server must serve Resources/openapi.json as it is"
    api.call("GET", "/api/v1/me", expect=401, token=False)
    api.call("GET", "/api/v1/me", expect=401, headers={"Authorization": "Bearer nexo_not-a-token"}, token=False)
    me = api.call("GET", "/api/v1/me", expect=200)
    assert me["tenant_id"].lower() == tenant["tenant_id"].lower()

    email = f"jose.nunez.{uuid.uuid4().hex[:6]}@example.com"
    body = {"first_name": "José", "last_name": "Núñez", "email": email.upper(), "phone": "+54 9 11 3333-2222",
            "birthday": "--03-14", "tags": ["VIP", "Clínica "], "metadata": {"crm_id": "A-1042"},
            "consent": {"whatsapp": {"state": "given", "method": "formulario web"}}}
    key = str(uuid.uuid4())
    jose = api.call("POST", "/api/v1/contacts", body, expect=201, headers={"Idempotency-Key": key})
    assert (jose["email"], jose["source"], jose["tags"]) == (email, "api", ["vip", "clínica"])
    assert jose["phone"] == "+5491133332222" and jose["phone_valid"] is True
    replay = api.call("POST", "/api/v1/contacts", body, expect=201, headers={"Idempotency-Key": key})
    assert replay == jose
    api.call("POST", "/api/v1/contacts", {"email": email}, expect=409)
    api.call("POST", "/api/v1/contacts", {"first_name": "Ana", "email": "no", "telefono": "1"}, expect=422)
    api.call("POST", "/api/v1/contacts", {}, expect=422)
    api.call("POST", "/api/v1/contacts", b"{", expect=400)
    api.call("POST", "/api/v1/contacts", b"[]", expect=400)
    api.call("POST", "/api/v1/contacts", b'{"notes": "' + b"x" * (2 << 20) + b'"}', expect=413)

    ana = api.call("POST", "/api/v1/contacts/upsert", {"first_name": "Ana", "last_name": "Peña",
                                                       "phone": "+54 9 11 4444-5555"}, expect=201)
    same = api.call("POST", "/api/v1/contacts/upsert", {"phone": "+5491144445555", "status": "cliente"}, expect=200)
    assert (same["id"], same["status"], same["first_name"]) == (ana["id"], "cliente", "Ana")
    api.call("POST", "/api/v1/contacts/upsert", {"phone": "+5491144445555", "email": email}, expect=409)

    contact = f"/api/v1/contacts/{jose['id']}"
    api.call("GET", contact, expect=200)
    api.call("GET", f"/api/v1/contacts/{uuid.uuid4()}", expect=404)
    api.call("GET", "/api/v1/contacts/no-es-un-uuid", expect=404)
    patched = api.call("PATCH", contact, {"company": "Clínica Sonrisa", "metadata": {"crm_id": None, "sucursal": "Palermo"},
                                          "id": jose["id"], "created_at": jose["created_at"]}, expect=200)
    assert patched["company"] == "Clínica Sonrisa" and patched["metadata"] == {"sucursal": "Palermo"}
    api.call("PATCH", contact, {"score": 5_000_000}, expect=422)
    api.call("PATCH", contact, {"phone": "+5491144445555"}, expect=409)
    api.call("POST", f"{contact}/tags", {"tags": ["Ortodoncia"]}, expect=200)
    api.call("POST", f"{contact}/tags", {"tag": "x"}, expect=422)
    untagged = api.call("DELETE", f"{contact}/tags/" + urllib.parse.quote("CLÍNICA"), expect=200)
    assert untagged["tags"] == ["vip", "ortodoncia"]
    api.call("POST", f"{contact}/notes", {"text": "Pidió turno para limpieza en marzo."}, expect=201)
    api.call("POST", f"{contact}/notes", {"text": "   "}, expect=422)
    timeline = api.call("GET", f"{contact}/interactions?limit=1", expect=200)
    assert timeline["data"][0]["type"] == "note_added" and timeline["next_cursor"]
    api.call("GET", f"{contact}/interactions?cursor=" + timeline["next_cursor"], expect=200)

    page = api.call("GET", "/api/v1/contacts?limit=1", expect=200)
    assert len(page["data"]) == 1 and page["next_cursor"]
    api.call("GET", "/api/v1/contacts?cursor=" + page["next_cursor"], expect=200)
    found = api.call("GET", "/api/v1/contacts?" + urllib.parse.urlencode(
        {"q": "nunez", "tag": "VIP", "birthday_month": 3, "created_from": "2000-01-01"}), expect=200)
    assert [c["id"] for c in found["data"]] == [jose["id"]]
    for bad in ("limit=0", "limit=201", "cursor=zzz", "created_to=ayer", "birthday_month=13"):
        api.call("GET", "/api/v1/contacts?" + bad, expect=400)
    csv = api.call("GET", "/api/v1/contacts/export?tag=vip", expect=200)
    assert csv.startswith(b"\xef\xbb\xbffirst_name,last_name,email,phone,") and email.encode() in csv
    api.call("GET", "/api/v1/contacts/export?birthday_month=0", expect=400)

    api.call("DELETE", f"/api/v1/contacts/{ana['id']}", expect=204)
    api.call("GET", f"/api/v1/contacts/{ana['id']}/interactions", expect=404)

    # Automations: switch the welcome e-mail on, let the server's worker run it, look at the run, retry it.
    automations = api.call("GET", "/api/v1/automations", expect=200)
    welcome = next(a for a in automations["data"] if a["builtin"] == "welcome")
    automation = f"/api/v1/automations/{welcome['id']}"
    api.call("GET", automation, expect=200)
    api.call("GET", f"/api/v1/automations/{uuid.uuid4()}", expect=404)
    assert api.call("PATCH", automation, {"enabled": True}, expect=200)["enabled"] is True
    api.call("PATCH", automation, {"steps": [], "colour": "red"}, expect=422)
    api.call("PATCH", automation, b"{", expect=400)
    api.call("POST", "/api/v1/contacts", {"email": f"bienvenida.{uuid.uuid4().hex[:6]}@example.com",
                                          "consent": {"email": {"state": "given"}}}, expect=201)
    deadline = time.monotonic() + 30
    runs = {"data": []}
    while time.monotonic() < deadline:
        runs = api.call("GET", f"{automation}/runs?limit=10", expect=200)
        if runs["data"] and runs["data"][0]["state"] == "succeeded":
            break
        time.sleep(0.3)
    assert runs["data"] and runs["data"][0]["state"] == "succeeded", runs
    api.call("GET", f"{automation}/runs?state=bogus", expect=400)
    run = runs["data"][0]["id"]
    api.call("POST", f"/api/v1/automation-runs/{run}/retry", {"from": "failed_step"}, expect=409)
    api.call("POST", f"/api/v1/automation-runs/{run}/retry", {"from": "sideways"}, expect=422)
    api.call("POST", f"/api/v1/automation-runs/{run}/retry", b"[", expect=400)
    assert api.call("POST", f"/api/v1/automation-runs/{run}/retry", {"from": "start"}, expect=202)["state"] == "pending"
    api.call("POST", f"/api/v1/automation-runs/{uuid.uuid4()}/retry", expect=404)

    # Imports: a Spanish Excel file (Windows-1252, ";"), previewed, started, followed; its rejected row downloaded.
    excel = (f"Nombre;Apellido;Correo electrónico;Teléfono\r\nMarta;Gómez;marta.{uuid.uuid4().hex[:6]}@example.com;"
             "11 5555-6666\r\nPedro;Muñoz;no-es-un-correo;\r\n").encode("cp1252")
    csv_type = {"Content-Type": "text/csv"}
    uploaded = api.call("POST", "/api/v1/contact-imports?filename=clientes.csv", excel, expect=201, headers=csv_type)
    assert (uploaded["encoding"], uploaded["delimiter"], uploaded["state"]) == ("windows-1252", ";", "uploaded")
    assert [c["field"] for c in uploaded["columns"]] == ["first_name", "last_name", "email", "phone"]
    assert uploaded["preview"][0]["values"]["last_name"] == "Gómez" and uploaded["preview"][1]["problems"]
    api.call("POST", "/api/v1/contact-imports", b"", expect=400, headers=csv_type)
    api.call("POST", "/api/v1/contact-imports", {"file": "no"}, expect=415)
    api.call("POST", "/api/v1/contact-imports", b"\n\n", expect=422, headers=csv_type)
    imported = f"/api/v1/contact-imports/{uploaded['id']}"
    api.call("GET", imported, expect=200)
    api.call("GET", f"/api/v1/contact-imports/{uuid.uuid4()}", expect=404)
    api.call("POST", f"{imported}/start", {"mapping": {"1": "apellido"}, "colour": "red"}, expect=422)
    api.call("POST", f"{imported}/start", b"{", expect=400)
    api.call("POST", f"{imported}/start", {}, expect=202)
    api.call("POST", f"{imported}/start", {}, expect=409)
    deadline = time.monotonic() + 30
    done = {}
    while time.monotonic() < deadline:
        done = api.call("GET", imported, expect=200)
        if done["state"] == "completed":
            break
        time.sleep(0.3)
    assert (done["state"], done["created"], done["rejected"], done["rows_done"]) == ("completed", 1, 1, 2), done
    rejected_rows = api.call("GET", done["rejected_rows_url"], expect=200)
    assert rejected_rows.startswith("\ufefferror;Nombre;Apellido".encode()) and "Muñoz".encode() in rejected_rows
    api.call("GET", f"/api/v1/contact-imports/{uuid.uuid4()}/rejected.csv", expect=404)
    assert api.call("GET", "/api/v1/contact-imports", expect=200)["data"][0]["id"] == uploaded["id"]

    # Webhook sources: one with a mapping, an event id and a filter; tried on samples, fed through its own URL.
    tag = uuid.uuid4().hex[:8]
    mapping = {"fields": [{"path": "customer.email", "field": "email"},
                          {"path": "customer.first_name", "field": "first_name"}],
               "id_path": "order_id", "filter": {"path": "status", "op": "equals", "value": "paid"}}
    source = api.call("POST", "/api/v1/webhook-sources", {"name": f"Tienda {tag}", "mapping": mapping}, expect=201)
    assert source["secret"].startswith("whsec_") and source["enabled"] is True and source["mapping"] == mapping
    taken = api.call("POST", "/api/v1/webhook-sources", {"name": f"Tienda {tag}"}, expect=409)
    assert taken["existing_id"].lower() == source["id"].lower()
    api.call("POST", "/api/v1/webhook-sources", {"name": "x", "mapping": {"fields": [{"path": "a[", "field": "email"}]}},
             expect=422)
    api.call("POST", "/api/v1/webhook-sources", {"enabled": True, "colour": "red"}, expect=422)
    api.call("POST", "/api/v1/webhook-sources", b"{", expect=400)
    hook = f"/api/v1/webhook-sources/{source['id']}"
    shown = api.call("GET", hook, expect=200)
    assert "secret" not in shown and shown["url"] == source["url"]
    listed = api.call("GET", "/api/v1/webhook-sources", expect=200)["data"]
    assert [s["id"] for s in listed] == [source["id"]] and "secret" not in listed[0]
    api.call("GET", f"/api/v1/webhook-sources/{uuid.uuid4()}", expect=404)
    assert api.call("PATCH", hook, {"enabled": True}, expect=200)["enabled"] is True
    api.call("PATCH", hook, {"mapping": {"fields": [{"path": "empresa", "field": "company"}]}}, expect=422)
    api.call("PATCH", hook, b"[", expect=400)
    buyer = f"ana.{tag}@example.com"
    sample = {"order_id": f"ord-{tag}", "status": "paid", "customer": {"email": buyer, "first_name": "Ana"}}
    tried = api.call("POST", f"{hook}/test", sample, expect=200)
    assert (tried["result"], tried["event_id"], tried["contact"]["email"]) == ("accepted", f"ord-{tag}", buyer), tried
    assert tried.get("matches_contact_id") is None
    ignored = api.call("POST", f"{hook}/test", {**sample, "status": "pending"}, expect=200)
    assert ignored["result"] == "ignored" and ignored["reason"]
    rejected = api.call("POST", f"{hook}/test", {"status": "paid", "customer": {}}, expect=200)
    assert rejected["result"] == "rejected" and "webhook.id_missing" in {p["code"] for p in rejected["problems"]}
    api.call("POST", f"{hook}/test", b"{", expect=400)
    api.call("POST", f"/api/v1/webhook-sources/{uuid.uuid4()}/test", sample, expect=404)
    rotated = api.call("POST", f"{hook}/rotate-secret", expect=200)
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != source["secret"]
    api.call("POST", f"/api/v1/webhook-sources/{uuid.uuid4()}/rotate-secret", expect=404)

    inbound = urllib.parse.urlsplit(source["url"]).path
    assert inbound.startswith("/hooks/in/"), source["url"]
    status, raw = fetch(server.base_url + inbound, "POST", sample, {"X-Nexo-Secret": source["secret"]})
    assert status == 401, f"the old secret must stop working: {status} {raw[:300]!r}"
    status, raw = fetch(server.base_url + inbound, "POST", sample, {"X-Nexo-Secret": rotated["secret"]})
    assert status == 202, f"POST {inbound} -> {status}: {raw[:300]!r}"
    receipt = json.loads(raw)
    assert receipt["status"] == "queued"
    deadline = time.monotonic() + 30
    log, delivery = {"data": []}, None
    while time.monotonic() < deadline:
        log = api.call("GET", f"{hook}/deliveries", expect=200)
        delivery = next((d for d in log["data"] if d["id"].lower() == receipt["id"].lower()), None)
        if delivery and delivery["state"] == "accepted":
            break
        time.sleep(0.3)
    assert delivery and delivery["state"] == "accepted", log
    assert (delivery["status_code"], delivery["outcome"], delivery["event_id"]) == (202, "created", f"ord-{tag}")
    assert delivery["payload"] == sample
    assert sorted((d["state"], d["status_code"]) for d in log["data"]) == [("accepted", 202), ("refused", 401)]
    assert api.call("GET", f"/api/v1/contacts/{delivery['contact_id']}", expect=200)["email"] == buyer
    again = api.call("POST", f"{hook}/test", sample, expect=200)
    assert again["matches_contact_id"].lower() == delivery["contact_id"].lower()
    api.call("GET", f"/api/v1/webhook-sources/{uuid.uuid4()}/deliveries", expect=404)
    api.call("DELETE", hook, expect=204)
    api.call("GET", hook, expect=404)
    api.call("DELETE", hook, expect=404)
    assert fetch(server.base_url + inbound, "POST", sample, {"X-Nexo-Secret": rotated["secret"]})[0] == 404

    # Webhook subscriptions: created (the secret shown once), checked, switched off, its log read, deleted.
    subscription = api.call("POST", "/api/v1/webhook-subscriptions",
                            {"url": "https://example.com/nexo", "event_types": ["contact.created"],
                             "description": "CRM central"}, expect=201)
    assert subscription["secret"].startswith("whsec_") and subscription["event_types"] == ["contact.created"]
    assert subscription["enabled"] is True and subscription["description"] == "CRM central"
    api.call("POST", "/api/v1/webhook-subscriptions", {"url": "ftp://example.com/nexo", "event_types": ["*"]}, expect=422)
    api.call("POST", "/api/v1/webhook-subscriptions",
             {"url": "https://example.com/nexo", "event_types": ["contact.merged"]}, expect=422)
    api.call("POST", "/api/v1/webhook-subscriptions", b"[]", expect=400)
    sub = f"/api/v1/webhook-subscriptions/{subscription['id']}"
    shown = api.call("GET", sub, expect=200)
    assert "secret" not in shown and shown["url"] == "https://example.com/nexo"
    assert [s["id"] for s in api.call("GET", "/api/v1/webhook-subscriptions", expect=200)["data"]] == [subscription["id"]]
    api.call("GET", f"/api/v1/webhook-subscriptions/{uuid.uuid4()}", expect=404)
    assert api.call("PATCH", sub, {"enabled": False}, expect=200)["enabled"] is False
    api.call("PATCH", sub, {"event_types": []}, expect=422)
    api.call("PATCH", sub, b"{", expect=400)
    api.call("GET", f"{sub}/deliveries", expect=200)  # may be empty; any delivery must match its schema
    api.call("DELETE", sub, expect=204)
    api.call("GET", f"{sub}/deliveries", expect=404)

    # Lead Ads: a page connected (its verify token answers Meta's handshake), refused twice, listed, disconnected.
    page_id = str(10**14 + uuid.uuid4().int % (9 * 10**14))
    connected = api.call("POST", "/api/v1/lead-ads/pages",
                         {"page_id": page_id, "name": "Clínica Sonrisa", "access_token": "EAAB-prueba"}, expect=201)
    assert connected["page_id"] == page_id and connected["verify_token"].startswith("nexo_verify_")
    assert urllib.parse.urlsplit(connected["webhook_url"]).path == "/hooks/meta/leadgen"
    status, raw = fetch(server.base_url + "/hooks/meta/leadgen?" + urllib.parse.urlencode(
        {"hub.mode": "subscribe", "hub.verify_token": connected["verify_token"], "hub.challenge": "1158201444"}))
    assert (status, raw) == (200, b"1158201444")
    taken = api.call("POST", "/api/v1/lead-ads/pages", {"page_id": int(page_id), "access_token": "EAAB-otra"}, expect=409)
    assert taken["existing_id"].lower() == connected["id"].lower()
    api.call("POST", "/api/v1/lead-ads/pages", {"page_id": "abc", "access_token": "EAAB-prueba"}, expect=422)
    api.call("POST", "/api/v1/lead-ads/pages", b"{", expect=400)
    pages = api.call("GET", "/api/v1/lead-ads/pages", expect=200)["data"]
    assert [p["id"] for p in pages] == [connected["id"]] and "verify_token" not in pages[0]
    assert api.call("GET", "/api/v1/lead-ads/leads", expect=200)["data"] == []
    api.call("DELETE", f"/api/v1/lead-ads/pages/{connected['id']}", expect=204)
    api.call("DELETE", f"/api/v1/lead-ads/pages/{connected['id']}", expect=404)

    server.run("tenants", "set-status", "--tenant", tenant["slug"], "--status", "suspended", "--reason", "pago pendiente")
    api.call("GET", contact, expect=200)
    api.call("POST", f"{contact}/notes", {"text": "no"}, expect=403)
    server.run("tenants", "set-status", "--tenant", tenant["slug"], "--status", "banned")
    api.call("GET", "/api/v1/me", expect=403)

    never_called = {(m, p) for p, m, _, _ in operations(document)} - api.called
    assert not never_called, f"operations this test does not call: {sorted(never_called)}"
