"""`nexo import contacts` from the command line, against the same database a running server uses."""
import json
import os
import tempfile
import uuid


def test_the_cli_imports_a_spanish_excel_file_with_progress_and_exits_non_zero_on_rejected_rows(nexo_server):
    created = nexo_server.run("tenants", "create", "--name", f"Importadora {uuid.uuid4().hex[:6]}", "--country", "AR",
                              "--owner-email", f"import-{uuid.uuid4().hex[:6]}@example.com", "--json")
    tenant = json.loads(next(l for l in reversed(created.stdout.splitlines()) if l.startswith("{")))
    folder = tempfile.mkdtemp(prefix="nexo-e2e-import-")
    path = os.path.join(folder, "clientes.csv")
    with open(path, "w", encoding="cp1252", newline="") as out:
        out.write("Nombre;Apellido;Correo electrónico;Celular;Cumpleaños\r\n"
                  "Ramón;Ibáñez;ramon@example.com;11 5555-1234;3/5/90\r\n"
                  "Inés;Peña;ines@example.com;;31/02/1985\r\n"
                  "ramón;;RAMON@example.com;;\r\n")

    result = nexo_server.run("import", "contacts", path, "--tenant", tenant["slug"], check=False)
    assert result.returncode != 0, result.stdout
    out = result.stdout
    assert "windows-1252, delimiter semicolon (;)" in out
    assert "Correo electrónico  →  email" in out and "Cumpleaños  →  birthday" in out
    assert "3/3 rows" in out
    assert "created 1, updated 0, unchanged 0, merged 1, rejected 1 of 3 rows" in out
    rejected_path = os.path.join(folder, "clientes-rejected.csv")
    assert rejected_path in result.stderr
    rejected = open(rejected_path, encoding="utf-8-sig").read()
    assert rejected.startswith("error;Nombre;Apellido") and "Inés;Peña" in rejected and "31/02/1985" in rejected

    # Fixed and imported again: the fixed row is created, the rest is unchanged, and it exits 0.
    with open(path, "w", encoding="cp1252", newline="") as out_file:
        out_file.write("Nombre;Apellido;Correo electrónico;Celular;Cumpleaños\r\n"
                       "Ramón;Ibáñez;ramon@example.com;11 5555-1234;3/5/90\r\n"
                       "Inés;Peña;ines@example.com;;28/02/1985\r\n")
    again = nexo_server.run("import", "contacts", path, "--tenant", tenant["slug"])
    assert "created 1, updated 1, unchanged 0, merged 0, rejected 0 of 2 rows" in again.stdout, again.stdout

    unknown = nexo_server.run("import", "contacts", os.path.join(folder, "no-existe.csv"), "--tenant", tenant["slug"],
                              check=False)
    assert unknown.returncode != 0 and "cannot read" in unknown.stderr
