#!/usr/bin/env python3
"""The peers of Nexo's job benchmark: the same no-op workload on pgqueuer (asyncpg) and procrastinate (psycopg).

    jobs_peers.py --url URL pgqueuer|procrastinate throughput --count N --workers W --concurrency C
    jobs_peers.py --url URL pgqueuer|procrastinate latency --rate R --seconds S --workers W --concurrency C

Prints one JSON line with the keys `nexo bench jobs` prints. The database at URL is wiped (schema public dropped and
made again, then the library's own schema installed) before each run. Workers are W processes (each its own event
loop and connections, as W worker processes would be), each allowed C jobs at a time:
- pgqueuer: QueueManager.run(batch_size=C/2, max_concurrent_tasks=C) — its default batch of 10 for C=20, and the
  cap it documents as a worker's in-flight limit (it must be at least twice the batch);
- procrastinate: App.run_worker_async(concurrency=C), psycopg pool of C+2 connections.
Throughput: N jobs enqueued in bulk (pgqueuer Queries.enqueue with lists, procrastinate Task.batch_defer_async, 1,000
per call); the clock starts when the idle, connected workers are told to go and stops when the database says all N
are done (pgqueuer: its queue table is empty — finished jobs move to its log; procrastinate: no job todo or doing),
polled every 5 ms. Latency: jobs enqueued one by one at R per second from another process while the workers wait;
enqueue-to-start is read from what each library records with the database clock: pgqueuer's log (`picked` row's
created minus the `queued` row's), procrastinate's events (`started` minus `deferred`).
"""
import argparse, asyncio, json, multiprocessing as mp, sys, time
from datetime import timedelta

ENTRY = "noop"


def percentile(values, p):
    values = sorted(values)
    if not values:
        return 0.0
    k = max(0, min(len(values) - 1, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


async def wait_event(event):
    while not event.is_set():
        await asyncio.sleep(0.002)


# --- pgqueuer --------------------------------------------------------------------------------------------------

async def pgq_reset(url):
    import asyncpg
    from pgqueuer import AsyncpgDriver, Queries
    conn = await asyncpg.connect(url)
    await conn.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    await Queries(AsyncpgDriver(conn)).install()
    await conn.close()


def pgq_worker(url, concurrency, ready, go, stop):
    asyncio.run(_pgq_worker(url, concurrency, ready, go, stop))


async def _pgq_worker(url, concurrency, ready, go, stop):
    import asyncpg
    from pgqueuer import AsyncpgDriver, Queries, QueueManager
    conn = await asyncpg.connect(url)
    qm = QueueManager(Queries(AsyncpgDriver(conn)))

    @qm.entrypoint(ENTRY)
    async def noop(job):
        pass

    ready.set()
    await wait_event(go)

    async def stopper():
        await wait_event(stop)
        qm.shutdown.set()

    watcher = asyncio.create_task(stopper())
    batch = max(1, concurrency // 2)
    await qm.run(batch_size=batch, max_concurrent_tasks=max(concurrency, 2 * batch))
    watcher.cancel()
    await conn.close()


async def pgq_enqueue_bulk(url, count):
    import asyncpg
    from pgqueuer import AsyncpgDriver, Queries
    conn = await asyncpg.connect(url)
    queries = Queries(AsyncpgDriver(conn))
    t = time.perf_counter()
    for start in range(0, count, 1000):
        n = min(1000, count - start)
        await queries.enqueue([ENTRY] * n, [None] * n, [0] * n)
    elapsed = time.perf_counter() - t
    await conn.close()
    return elapsed


async def pgq_enqueue_rate(url, rate, seconds):
    import asyncpg
    from pgqueuer import AsyncpgDriver, Queries
    conn = await asyncpg.connect(url)
    queries = Queries(AsyncpgDriver(conn))
    total = max(1, round(rate * seconds))
    t0 = time.perf_counter()
    for i in range(total):
        due = t0 + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        await queries.enqueue(ENTRY, None)
    elapsed = time.perf_counter() - t0
    await conn.close()
    return total, elapsed


PGQ = {
    "reset": pgq_reset,
    "worker": pgq_worker,
    "bulk": pgq_enqueue_bulk,
    "rate": pgq_enqueue_rate,
    "pending": "SELECT count(*) FROM pgqueuer",
    "latencies": """
        SELECT EXTRACT(EPOCH FROM p.created - q.created) * 1000
        FROM pgqueuer_log q JOIN pgqueuer_log p ON p.job_id = q.job_id AND p.status = 'picked'
        WHERE q.status = 'queued'
    """,
}


# --- procrastinate ---------------------------------------------------------------------------------------------

def proc_app(url, pool_size=4):
    import procrastinate
    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=url, min_size=1, max_size=pool_size))

    @app.task(name=ENTRY)
    async def noop():
        pass

    return app, noop


async def proc_reset(url):
    import psycopg
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        await conn.execute("CREATE SCHEMA public")
    app, _ = proc_app(url)
    async with app.open_async():
        await app.schema_manager.apply_schema_async()


def proc_worker(url, concurrency, ready, go, stop):
    asyncio.run(_proc_worker(url, concurrency, ready, go, stop))


async def _proc_worker(url, concurrency, ready, go, stop):
    app, _ = proc_app(url, pool_size=concurrency + 2)
    async with app.open_async():
        ready.set()
        await wait_event(go)
        worker = asyncio.create_task(app.run_worker_async(
            concurrency=concurrency, wait=True, install_signal_handlers=False, listen_notify=True))
        await wait_event(stop)
        worker.cancel()
        try:
            await worker
        except asyncio.CancelledError:
            pass


async def proc_enqueue_bulk(url, count):
    app, noop = proc_app(url)
    async with app.open_async():
        t = time.perf_counter()
        for start in range(0, count, 1000):
            n = min(1000, count - start)
            await noop.batch_defer_async(*([{}] * n))
        return time.perf_counter() - t


async def proc_enqueue_rate(url, rate, seconds):
    app, noop = proc_app(url)
    async with app.open_async():
        total = max(1, round(rate * seconds))
        t0 = time.perf_counter()
        for i in range(total):
            due = t0 + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            await noop.defer_async()
        return total, time.perf_counter() - t0


PROC = {
    "reset": proc_reset,
    "worker": proc_worker,
    "bulk": proc_enqueue_bulk,
    "rate": proc_enqueue_rate,
    "pending": "SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')",
    "latencies": """
        SELECT EXTRACT(EPOCH FROM s.at - d.at) * 1000
        FROM procrastinate_events d JOIN procrastinate_events s ON s.job_id = d.job_id AND s.type = 'started'
        WHERE d.type = 'deferred'
    """,
}


# --- driver ----------------------------------------------------------------------------------------------------

def start_workers(system, url, workers, concurrency):
    ctx = mp.get_context("spawn")
    go, stop = ctx.Event(), ctx.Event()
    procs, readies = [], []
    for _ in range(workers):
        ready = ctx.Event()
        p = ctx.Process(target=system["worker"], args=(url, concurrency, ready, go, stop), daemon=True)
        p.start()
        procs.append(p)
        readies.append(ready)
    for ready in readies:
        if not ready.wait(60):
            raise SystemExit("a worker did not start")
    return procs, go, stop


def stop_workers(procs, stop):
    stop.set()
    for p in procs:
        p.join(30)
        if p.is_alive():
            p.kill()


async def wait_done(url, sql, limit=600):
    import asyncpg
    conn = await asyncpg.connect(url)
    deadline = time.perf_counter() + limit
    try:
        while await conn.fetchval(sql) > 0:
            if time.perf_counter() > deadline:
                raise SystemExit("the jobs did not finish in time")
            await asyncio.sleep(0.005)
        return time.perf_counter()
    finally:
        await conn.close()


async def latencies(url, sql):
    import asyncpg
    conn = await asyncpg.connect(url)
    try:
        return [float(r[0]) for r in await conn.fetch(sql)]
    finally:
        await conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("system", choices=["pgqueuer", "procrastinate"])
    parser.add_argument("mode", choices=["throughput", "latency"])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    system = PGQ if args.system == "pgqueuer" else PROC
    asyncio.run(system["reset"](args.url))
    figures = {"system": args.system, "database": "postgresql", "workers": args.workers,
               "concurrency": args.concurrency, "mode": args.mode}
    if args.mode == "throughput":
        enqueue_seconds = asyncio.run(system["bulk"](args.url, args.count))
        procs, go, stop = start_workers(system, args.url, args.workers, args.concurrency)
        t0 = time.perf_counter()
        go.set()
        t1 = asyncio.run(wait_done(args.url, system["pending"]))
        stop_workers(procs, stop)
        figures.update(jobs=args.count, enqueue_seconds=enqueue_seconds, enqueued_per_second=args.count / enqueue_seconds,
                       seconds=t1 - t0, jobs_per_second=args.count / (t1 - t0))
    else:
        procs, go, stop = start_workers(system, args.url, args.workers, args.concurrency)
        go.set()
        time.sleep(1.5)  # workers connected, listening and idle
        total, elapsed = asyncio.run(system["rate"](args.url, args.rate, args.seconds))
        asyncio.run(wait_done(args.url, system["pending"]))
        stop_workers(procs, stop)
        values = asyncio.run(latencies(args.url, system["latencies"]))
        figures.update(jobs=total, rate=args.rate, enqueued_per_second=total / elapsed, samples=len(values),
                       latency_ms_p50=percentile(values, 50), latency_ms_p90=percentile(values, 90),
                       latency_ms_p99=percentile(values, 99), latency_ms_max=max(values or [0]))
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
