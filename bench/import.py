"""Contact import benchmark: `nexo import contacts` on generated CSV files of growing size, SQLite and PostgreSQL.

For each size: a Spanish Excel-style file (Windows-1252, `;`, day-first dates, tags, a customer-number column, one
row in 50 a repeat of an earlier person, one in 100 with an impossible date) is written, a fresh tenant created, and
the import run by the release binary under /usr/bin/time: wall time, rows per second, peak resident memory. Flat
memory with file size is the point of the streamed reader; the counts are checked against the file.
"""
import argparse
import json
import os
import random
import re
import subprocess
import tempfile
import time
import uuid

FIRST = ["José", "María", "Juan", "Lucía", "Martín", "Sofía", "Diego", "Valentina", "Ñusta", "Inés", "Ramón", "Camila"]
LAST = ["Núñez", "González", "Rodríguez", "Fernández", "López", "Muñoz", "Pérez", "Gómez", "Díaz", "Peña", "Ibáñez"]
TAGS = ["vip", "ortodoncia", "limpieza", "implantes", "nuevo", "referido"]


def write_file(path: str, rows: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    repeats = bad_dates = 0
    with open(path, "w", encoding="cp1252", newline="") as out:
        out.write("Nombre;Apellido;Correo electrónico;Teléfono;Fecha de nacimiento;Etiquetas;Número de cliente\r\n")
        for i in range(rows):
            person = i
            if i > 0 and i % 50 == 0:
                person = rng.randrange(i)
                repeats += 1
            day, month = (31, 2) if i % 100 == 99 else (1 + person % 28, 1 + person % 12)
            if i % 100 == 99:
                bad_dates += 1
            out.write(f"{FIRST[person % len(FIRST)]};{LAST[person % len(LAST)]};cliente{person}@example.com;"
                      f"11 {4000 + person // 10000:04d}-{person % 10000:04d};{day:02d}/{month:02d}/19{50 + person % 50};"
                      f"{TAGS[person % len(TAGS)]};C-{person}\r\n")
    return {"rows": rows, "repeats": repeats, "bad_dates": bad_dates}


RAW_COLUMNS = "nombre text, apellido text, correo text, telefono text, nacimiento text, etiquetas text, numero text"


def raw_load(name: str, url: str | None, path: str, rows: int, work: str) -> dict:
    """The database's own bulk loader on the same file into a plain table: the rate nothing can beat."""
    if url:
        database = f"nexo_bench_raw_{uuid.uuid4().hex[:8]}"
        subprocess.run(["psql", url, "-qc", f"CREATE DATABASE {database}"], check=True, capture_output=True)
        target = url.rsplit("/", 1)[0] + "/" + database
        subprocess.run(["psql", target, "-qc", f"CREATE TABLE raw_contacts ({RAW_COLUMNS})"], check=True,
                       capture_output=True)
        command = ["psql", target, "-qc", f"\\copy raw_contacts FROM '{path}' WITH (FORMAT csv, DELIMITER ';', "
                   "HEADER true, ENCODING 'WIN1252')"]
    else:
        target = os.path.join(work, f"raw-{uuid.uuid4().hex[:8]}.sqlite")
        subprocess.run(["sqlite3", target, f"CREATE TABLE raw_contacts ({RAW_COLUMNS})"], check=True)
        command = ["sqlite3", target, ".mode csv", ".separator ;", f".import --skip 1 {path} raw_contacts"]
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    seconds = time.monotonic() - started
    return {"loader": name, "rows": rows, "seconds": seconds, "rows_per_second": rows / seconds}


def run(binary: str, env: dict, *args: str, timeout: int = 7200) -> subprocess.CompletedProcess:
    return subprocess.run([binary, *args], env=env, capture_output=True, text=True, timeout=timeout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--postgres-url", required=True)
    parser.add_argument("--rows", default="10000,100000", help="comma-separated file sizes in rows")
    args = parser.parse_args()
    sizes = [int(s) for s in args.rows.split(",")]
    work = tempfile.mkdtemp(prefix="nexo-bench-import-")
    results = []
    for size in sizes:
        path = os.path.join(work, f"clientes-{size}.csv")
        shape = write_file(path, size)
        megabytes = os.path.getsize(path) / (1 << 20)
        for name, url in (("postgres", args.postgres_url), ("sqlite", None)):
            loader = raw_load(name, url, path, size, work)
            print(json.dumps(loader), flush=True)
            env = dict(os.environ, NEXO_DATA_DIR=tempfile.mkdtemp(prefix="nexo-bench-import-data-"), NEXO_LOG_LEVEL="error")
            env.pop("NEXO_DATABASE_URL", None)
            if url:
                database = f"nexo_bench_import_{uuid.uuid4().hex[:8]}"
                subprocess.run(["psql", url, "-qc", f"CREATE DATABASE {database}"], check=True, capture_output=True)
                env["NEXO_DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + database
            created = run(args.bin, env, "tenants", "create", "--name", f"Import {size}", "--country", "AR",
                          "--owner-email", f"import-{size}@example.com", "--json")
            if created.returncode != 0:
                raise SystemExit(created.stdout + created.stderr)
            slug = json.loads(next(l for l in created.stdout.splitlines() if l.startswith("{")))["slug"]
            started = time.monotonic()
            result = run("/usr/bin/time", env, "-v", args.bin, "import", "contacts", path, "--tenant", slug)
            seconds = time.monotonic() - started
            rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) / 1024
            counts = re.search(r"created (\d+), updated (\d+), unchanged (\d+), merged (\d+), rejected (\d+) of (\d+) rows",
                               result.stdout)
            if not counts:
                raise SystemExit(f"no counts in:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
            created_n, updated_n, unchanged_n, merged_n, rejected_n, total = map(int, counts.groups())
            assert created_n + updated_n + unchanged_n + merged_n + rejected_n == total
            assert total == size, (total, size)
            assert rejected_n == shape["bad_dates"], (rejected_n, shape)
            results.append({"database": name, "rows": size, "megabytes": megabytes, "seconds": seconds,
                            "rows_per_second": size / seconds, "loader_rows_per_second": loader["rows_per_second"],
                            "peak_rss_mib": rss, "created": created_n,
                            "updated": updated_n, "unchanged": unchanged_n, "merged": merged_n, "rejected": rejected_n})
            print(json.dumps(results[-1]), flush=True)
    print("\nnexo import contacts — release build, 2-core machine; one process reads the file and writes the rows\n")
    print("Raw loader: the database's own bulk loader (psql \\copy, sqlite3 .import) putting the same file into a plain\n"
          "table of text columns, with no mapping, validation, normalization or upsert: the physical limit.\n")
    print(f"{'rows':>10} {'MB':>6} {'database':>10} {'seconds':>9} {'rows/s':>8} {'raw loader':>11} {'share':>6} "
          f"{'peak RSS MiB':>13} {'created':>9} {'unchanged':>10} {'merged':>7} {'rejected':>9}")
    for r in results:
        share = r['rows_per_second'] / r['loader_rows_per_second']
        print(f"{r['rows']:>10,} {r['megabytes']:>6.1f} {r['database']:>10} {r['seconds']:>9.1f} "
              f"{r['rows_per_second']:>8.0f} {r['loader_rows_per_second']:>11.0f} {share:>6.1%} "
              f"{r['peak_rss_mib']:>13.0f} {r['created']:>9,} {r['unchanged']:>10,} {r['merged']:>7,} {r['rejected']:>9,}")


if __name__ == "__main__":
    main()
