#!/usr/bin/env python3
"""Job system benchmark: Nexo's jobs against pgqueuer and procrastinate on one PostgreSQL, fairness under a
backlog, and automation fan-out over a large contact base — PostgreSQL and SQLite.

Run through bench/jobs.sh (it builds the release binary, provides PostgreSQL and installs the peers). Each figure
comes from one `nexo bench …` or `bench/jobs_peers.py` command printing one JSON line; this script runs them,
alternating the systems so noise on the shared machine spreads evenly, and prints one table of medians.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


def log(message):
    print(message, file=sys.stderr, flush=True)


def last_json(stdout):
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise SystemExit("no JSON line in:\n" + stdout)


class Nexo:
    def __init__(self, binary, database_url):
        self.binary = binary
        self.data = tempfile.mkdtemp(prefix="nexo-bench-jobs-")
        self.env = dict(os.environ, NEXO_DATA_DIR=self.data, NEXO_LOG_LEVEL="error")
        self.env.pop("NEXO_DATABASE_URL", None)
        if database_url:
            self.env["NEXO_DATABASE_URL"] = database_url

    def run(self, *args, timeout=3600):
        result = subprocess.run([self.binary, "bench", *map(str, args)], env=self.env, capture_output=True, text=True,
                                timeout=timeout)
        if result.returncode != 0:
            raise SystemExit(f"nexo bench {' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}")
        return last_json(result.stdout)

    def close(self):
        shutil.rmtree(self.data, ignore_errors=True)


def peer(url, system, mode, **options):
    args = [sys.executable, os.path.join(HERE, "jobs_peers.py"), "--url", url, system, mode]
    for key, value in options.items():
        args += ["--" + key, str(value)]
    result = subprocess.run(args, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise SystemExit(f"{system} {mode} failed:\n{result.stdout}\n{result.stderr}")
    return last_json(result.stdout)


def median(values):
    return statistics.median(values) if values else float("nan")


def database(admin, name):
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    return urllib.parse.urlunparse(urllib.parse.urlparse(admin)._replace(path="/" + name))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--postgres-url", required=True, help="server URL; databases nexo_bench_jobs, bench_pgqueuer, "
                        "bench_procrastinate are (re)created on it")
    parser.add_argument("--runs", type=int, default=3, help="repetitions whose median is shown")
    parser.add_argument("--count", type=int, default=20_000, help="jobs per throughput run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rate", type=int, default=200, help="jobs per second in the latency runs")
    parser.add_argument("--seconds", type=float, default=5, help="length of a latency run")
    parser.add_argument("--backlog", type=int, default=1_000_000, help="fairness backlog on PostgreSQL")
    parser.add_argument("--sqlite-backlog", type=int, default=100_000, help="fairness backlog on SQLite")
    parser.add_argument("--contacts", type=int, default=1_000_000, help="contacts for the fan-out")
    parser.add_argument("--only", default="jobs,fairness,fanout", help="comma-separated parts to run")
    args = parser.parse_args()
    parts = set(args.only.split(","))

    nexo_pg_url = database(args.postgres_url, "nexo_bench_jobs")
    pg = Nexo(args.bin, nexo_pg_url)
    lite = Nexo(args.bin, None)
    results = {}
    try:
        if "jobs" in parts:
            pgq_url = database(args.postgres_url, "bench_pgqueuer")
            proc_url = database(args.postgres_url, "bench_procrastinate")
            shape = dict(workers=args.workers, concurrency=args.concurrency)
            runs = {k: [] for k in ("nexo", "pgqueuer", "procrastinate", "nexo-sqlite")}
            lat = {k: [] for k in runs}
            # procrastinate runs a few times slower: a smaller batch keeps its run short, jobs/s is comparable.
            proc_count = max(1000, args.count // 4)
            for i in range(args.runs):
                log(f"== jobs: throughput run {i + 1}/{args.runs}")
                runs["nexo"].append(pg.run("jobs", "--count", args.count, "--workers", args.workers,
                                           "--concurrency", args.concurrency))
                runs["pgqueuer"].append(peer(pgq_url, "pgqueuer", "throughput", count=args.count, **shape))
                runs["procrastinate"].append(peer(proc_url, "procrastinate", "throughput", count=proc_count, **shape))
                runs["nexo-sqlite"].append(lite.run("jobs", "--count", args.count, "--workers", 1,
                                                    "--concurrency", args.concurrency))
            for i in range(args.runs):
                log(f"== jobs: latency run {i + 1}/{args.runs}")
                latency = dict(rate=args.rate, seconds=args.seconds, **shape)
                lat["nexo"].append(pg.run("jobs", "--rate", args.rate, "--seconds", args.seconds, "--workers",
                                          args.workers, "--concurrency", args.concurrency))
                lat["pgqueuer"].append(peer(pgq_url, "pgqueuer", "latency", **latency))
                lat["procrastinate"].append(peer(proc_url, "procrastinate", "latency", **latency))
                lat["nexo-sqlite"].append(lite.run("jobs", "--rate", args.rate, "--seconds", args.seconds,
                                                   "--workers", 1, "--concurrency", args.concurrency))
            results["jobs"] = (runs, lat, proc_count)
        if "fairness" in parts:
            log(f"== fairness: PostgreSQL, {args.backlog} jobs of tenant A")
            fp = pg.run("fairness", "--backlog", args.backlog, "--workers", args.workers, "--concurrency", args.concurrency)
            log(f"== fairness: SQLite, {args.sqlite_backlog} jobs of tenant A")
            fs = lite.run("fairness", "--backlog", args.sqlite_backlog, "--workers", 1, "--concurrency", args.concurrency)
            results["fairness"] = (fp, fs)
        if "fanout" in parts:
            fan = {}
            for name, nexo in (("postgres", pg), ("sqlite", lite)):
                for automation in ("birthday", "reactivation"):
                    log(f"== fan-out: {name}, {automation}, {args.contacts} contacts (seeded on first use)")
                    fan[(name, automation)] = nexo.run("fanout", "--contacts", args.contacts, "--automation", automation,
                                                       "--repeat", args.runs)
            results["fanout"] = fan
    finally:
        pg.close()
        lite.close()
    report(args, results)


def report(args, results):
    print()
    print(f"Nexo job system benchmark — release build, one 2-core machine shared by PostgreSQL, the workers and the")
    print(f"clients; medians of {args.runs} runs, systems alternated run by run.")
    if "jobs" in results:
        runs, lat, proc_count = results["jobs"]
        print(f"\nNo-op jobs on one PostgreSQL: {args.workers} workers x concurrency {args.concurrency} "
              f"({args.count} jobs per throughput run; procrastinate {proc_count}); latency = enqueue -> start at "
              f"{args.rate} jobs/s for {args.seconds:g} s, one by one\n")
        cols = ("nexo", "pgqueuer", "procrastinate", "nexo-sqlite")
        heads = ("Nexo", "pgqueuer", "procrastinate", "Nexo SQLite*")
        print(f"{'':34}" + "".join(f"{h:>15}" for h in heads))
        rows = [
            ("throughput (jobs/s)", runs, "jobs_per_second", "{:.0f}"),
            ("bulk enqueue (jobs/s)", runs, "enqueued_per_second", "{:.0f}"),
            ("latency p50 (ms)", lat, "latency_ms_p50", "{:.1f}"),
            ("latency p90 (ms)", lat, "latency_ms_p90", "{:.1f}"),
            ("latency p99 (ms)", lat, "latency_ms_p99", "{:.1f}"),
        ]
        for label, source, key, fmt in rows:
            cells = [fmt.format(median([r[key] for r in source[c]])) for c in cols]
            print(f"{label:34}" + "".join(f"{v:>15}" for v in cells))
        spread = [f"{c} {min(r['jobs_per_second'] for r in runs[c]):.0f}-{max(r['jobs_per_second'] for r in runs[c]):.0f}"
                  for c in cols]
        print("throughput range: " + ", ".join(spread))
        print("* SQLite: one process, one worker (its design); Nexo records times to the millisecond.")
    if "fairness" in results:
        fp, fs = results["fairness"]
        print(f"\nFairness: tenant A has a backlog; tenant B enqueues one job while the workers run A's "
              f"(3 samples, median)\n")
        print(f"{'':44}{'PostgreSQL':>16}{'SQLite':>16}")
        print(f"{'backlog of tenant A (jobs)':44}{fp['backlog']:>16,}{fs['backlog']:>16,}")
        print(f"{'backlog insert, set-based (s)':44}{fp['insert_seconds']:>16.1f}{fs['insert_seconds']:>16.1f}")
        print(f"{'A jobs/s with the backlog':44}{fp['a_jobs_per_second_with_backlog']:>16.0f}"
              f"{fs['a_jobs_per_second_with_backlog']:>16.0f}")
        print(f"{'B enqueue -> handler started (ms)':44}{fp['b_wait_ms_median']:>16.1f}{fs['b_wait_ms_median']:>16.1f}")
        print(f"{'B started_at - created_at (ms)':44}{median(fp['b_wait_ms_recorded']):>16.1f}"
              f"{median(fs['b_wait_ms_recorded']):>16.1f}")
        print(f"{'A jobs started while B waited':44}{fp['a_jobs_started_while_b_waited_median']:>16.0f}"
              f"{fs['a_jobs_started_while_b_waited_median']:>16.0f}")
    if "fanout" in results:
        fan = results["fanout"]
        print(f"\nFan-out: one scheduled fire over {args.contacts:,} contacts; median of {args.runs}. "
              f"fanOut(fireID:) selects the matching contacts in one ordered scan and queues one batch job per "
              f"500; then the batch jobs write the runs and their jobs (timed apart, four batches at a time)\n")
        print(f"{'':44}{'PostgreSQL':>16}{'SQLite':>16}")
        for automation in ("birthday", "reactivation"):
            p, s = fan[("postgres", automation)], fan[("sqlite", automation)]
            print(f"{automation + ': contacts matched':44}{p['matched']:>16,}{s['matched']:>16,}")
            print(f"{automation + ': batch jobs queued':44}{p['batches']:>16,}{s['batches']:>16,}")
            print(f"{automation + ': select + enqueue (s)':44}{p['median_seconds']:>16.2f}{s['median_seconds']:>16.2f}")
            print(f"{automation + ': runs (and run jobs) written':44}{p['runs']:>16,}{s['runs']:>16,}")
            print(f"{automation + ': all batches done (s)':44}{p['runs_median_seconds']:>16.2f}"
                  f"{s['runs_median_seconds']:>16.2f}")
        seeds = [fan[(n, 'birthday')].get('seed_seconds') for n in ("postgres", "sqlite")]
        if all(v is not None for v in seeds):
            print(f"{'seeding the contacts, set-based (s)':44}{seeds[0]:>16.1f}{seeds[1]:>16.1f}")


if __name__ == "__main__":
    main()
