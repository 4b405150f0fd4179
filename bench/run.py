# ruff: noqa: S603 (the benchmark runs its own programs with its own arguments)
"""``make bench``: the benchmark, end to end, on the local PostgreSQL.

1. Creates the bench database if it is missing, migrates it, and seeds a council of ``--plans`` EHC plans
   unless one is already there (``coproduce seed --if-empty``).
2. Starts the production server (gunicorn, static files by whitenoise, ``COPRODUCE_ENVIRONMENT=production``
   on localhost) with the bench-only headers that report each response's query count and server time.
3. Drives it from a separate process: locust, headless, as signed-in people of each role
   (``bench/locustfile.py``), then measures the plan PDF, the plan page's weight, and the SEN2 return for
   the whole council in a subprocess (time and peak memory).
4. Writes ``bench/results.json`` and prints a markdown table with each target met or missed.

Options (also from the Makefile): ``--database-url``, ``--plans``, ``--users``, ``--duration``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORK = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results.json"
COUNCIL = "Oakshire County Council"
PASSWORD = "coproduce seed password"
#: How many of the simulated people have each role (locust spreads its users by these weights).
WEIGHTS = {"officer": 6, "manager": 2, "senco": 4, "parent": 4, "coordinator": 4}
IMPORT = re.compile(r"""import[^"']*["']([^"']+[.]m?js)["']""")
KEY_PAGES = ["child page", "plan page", "caseload", "council overview", "forum workstream", "survey results"]

TARGETS = {
    "ratio_to_floor": 3.0,  # key page median server time within 3 x the floor
    "p95_ms": 200.0,  # at 20 concurrent users
    "sen2_seconds": 60.0,
    "sen2_mb": 500.0,
    "pdf_seconds": 1.0,
    "first_load_kb": 200.0,
}


def say(line: str) -> None:
    print(line, flush=True)


def run(*args: str, env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, check=True, cwd=ROOT, **kwargs)


# Setting up ------------------------------------------------------------------------------------------


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            say(f"Creating the database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def analyze(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def app_env(args) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COPRODUCE_", "DJANGO_"))}
    env.update(
        {
            "COPRODUCE_ENVIRONMENT": "production",
            "COPRODUCE_SECRET_KEY": secrets.token_urlsafe(64),
            "COPRODUCE_ALLOWED_HOSTS": "127.0.0.1",
            "COPRODUCE_SITE_URL": f"https://127.0.0.1:{args.port}",
            "COPRODUCE_DATA_DIR": str(WORK / "data"),
            "COPRODUCE_BENCH_HEADERS": "true",
            "COPRODUCE_LOG_LEVEL": "WARNING",
            "DATABASE_URL": args.database_url,
            "DJANGO_SETTINGS_MODULE": "coproduce.config.settings",
        }
    )
    return env


def wait_ready(port: int, server: subprocess.Popen) -> None:
    import requests

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("The server stopped: see var/bench/server.log")
        try:
            if requests.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    sys.exit("The server did not become ready: see var/bench/server.log")


# Measuring -------------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def unsecure(session) -> None:
    """As in the locustfile: send the secure cookies over the local connection (no TLS here)."""
    for cookie in session.cookies:
        cookie.secure = False


def signed_in_session(base: str, email: str, code: str | None):
    """A requests session signed in as ``email``, through the sign-in form and the second step."""
    import requests

    host = urlsplit(base).netloc
    session = requests.Session()
    session.headers.update({"X-Forwarded-Proto": "https", "Origin": f"https://{host}", "Referer": f"https://{host}/"})
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    page = session.get(base + "/sign-in/")
    unsecure(session)
    signed = session.post(
        base + "/sign-in/",
        {"csrfmiddlewaretoken": token.search(page.text).group(1), "email": email, "password": PASSWORD},
        allow_redirects=False,
    )
    assert signed.status_code == 302, f"sign-in refused for the benchmark ({signed.status_code})"
    unsecure(session)
    if code is not None:
        form = session.get(base + "/account/two-step/verify/")
        unsecure(session)
        verified = session.post(
            base + "/account/two-step/verify/",
            {"csrfmiddlewaretoken": token.search(form.text).group(1), "code": code, "next": "/"},
            allow_redirects=False,
        )
        assert verified.status_code == 302, f"second step refused for the benchmark ({verified.status_code})"
        unsecure(session)
    return session


def server_ms(response) -> float:
    return float(response.headers["Server-Timing"].split("=", 1)[1])


def measure_pdf(session, base: str, child_id: str, runs: int) -> dict:
    times, sizes, queries = [], [], []
    for _ in range(runs):
        response = session.get(f"{base}/children/{child_id}/plan/plan.pdf", allow_redirects=False)
        unsecure(session)
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), response.status_code
        times.append(server_ms(response))
        sizes.append(len(response.content))
        queries.append(int(response.headers["X-Bench-Queries"]))
    return {
        "runs": runs,
        "median_ms": statistics.median(times),
        "max_ms": max(times),
        "bytes": sizes[-1],
        "queries": statistics.median(queries),
    }


def transferred(session, url: str) -> tuple[int, str]:
    """Bytes on the wire (compressed if the server compressed it) and how it was encoded."""
    response = session.get(url, headers={"Accept-Encoding": "br, gzip"}, stream=True, allow_redirects=False)
    assert response.status_code == 200, (url, response.status_code)
    raw = response.raw.read(decode_content=False)
    unsecure(session)
    return len(raw), response.headers.get("Content-Encoding", "identity")


def measure_weight(session, base: str, child_id: str) -> dict:
    """The plan page's first load (HTML, CSS, JS and fonts, compressed as served) and later loads (the
    HTML only: the static files have cache-busting names and a long cache lifetime)."""
    path = f"/children/{child_id}/plan/"
    page = session.get(base + path)
    unsecure(session)
    html_bytes, html_encoding = transferred(session, base + path)
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', page.text)
    assets += re.findall(r'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', page.text)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', page.text)
    files = {}
    for asset in dict.fromkeys(assets):
        url = asset if asset.startswith("http") else base + asset
        size, encoding = transferred(session, url)
        files[asset] = {"bytes": size, "encoding": encoding}
        if asset.endswith((".mjs", ".js")):  # modules the script imports (GOV.UK Frontend)
            script = session.get(url).text
            for module in dict.fromkeys(IMPORT.findall(script)):
                module_url = url.rsplit("/", 1)[0] + "/" + module
                module_url = os.path.normpath(urlsplit(module_url).path)
                size, encoding = transferred(session, base + module_url)
                files[module_url] = {"bytes": size, "encoding": encoding}
        if asset.endswith(".css"):
            css = session.get(url).text
            for font in dict.fromkeys(re.findall(r"url\(([^)]+\.(?:woff2?|ttf|otf))\)", css)):
                font = font.strip("'\"")
                font_url = font if font.startswith("/") else url.rsplit("/", 1)[0] + "/" + font
                font_url = font_url if font_url.startswith("http") else base + font_url
                size, encoding = transferred(session, font_url)
                files[font] = {"bytes": size, "encoding": encoding}
    html_gzip = len(gzip.compress(page.content, 6))
    first = html_bytes + sum(f["bytes"] for f in files.values())
    return {
        "html_bytes": html_bytes,
        "html_encoding": html_encoding,
        "html_if_gzipped_by_proxy": html_gzip,
        "assets": files,
        "first_load_kb": round(first / 1024, 1),
        "later_load_kb": round(html_bytes / 1024, 1),
    }


def measure_sen2(env: dict, manager: str, timeout: float) -> dict:
    """The SEN2 return for the whole council, in its own process: wall time and that process's peak memory
    (its max RSS from the kernel, ``os.wait4``, the same figure ``getrusage(RUSAGE_CHILDREN)`` reports)."""
    out = WORK / "sen2"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    year = dt.date.today().year + 1  # the next return: every plan active now, and this year's activity
    started = time.monotonic()
    process = subprocess.Popen(
        [str(BIN / "coproduce"), "sen2", "--year", str(year), "--as", manager, "--output", str(out)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output_lines: list[bytes] = []
    reader = threading.Thread(target=lambda: output_lines.extend(process.stdout), daemon=True)
    reader.start()
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            say(f"The SEN2 return was stopped after {timeout} s")
            return {
                "year": year,
                "seconds": round(time.monotonic() - started, 1),
                "stopped": True,
                "peak_mb": round(usage.ru_maxrss / 1024, 1),
                "records": "",
                "xml_mb": 0,
            }
        time.sleep(0.2)
    seconds = time.monotonic() - started
    reader.join()
    output = b"".join(output_lines).decode()
    process.stdout.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        say(output)
        sys.exit("The SEN2 export failed")
    records = re.search(r"Records: (.*)\.", output)
    return {
        "year": year,
        "seconds": round(seconds, 1),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "records": records.group(1) if records else "",
        "xml_mb": round(sum(p.stat().st_size for p in out.glob("*.xml")) / 1e6, 1),
    }


def machine() -> dict:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1) if found else ""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"MemTotal:\s*(\d+)", meminfo.read_text())
        memory = f"{int(found.group(1)) / 1024 / 1024:.0f} GB" if found else ""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "memory": memory,
        "python": platform.python_version(),
        "load_before": load,
    }


# The run ---------------------------------------------------------------------------------------------


def main() -> None:  # noqa: C901 (one straight line of steps)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/coproduce_bench"),
    )
    parser.add_argument("--plans", type=int, default=25000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", default="90s", help="how long the load runs, after every user has started")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--pdf-runs", type=int, default=5)
    parser.add_argument("--sen2-timeout", type=float, default=900, help="stop the SEN2 return after this long")
    args = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    env = app_env(args)
    coproduce = str(BIN / "coproduce")
    report: dict = {"when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "machine": machine()}

    ensure_database(args.database_url)
    say("Migrating the bench database")
    run(coproduce, "migrate", "--no-input", "-v0", env=env)
    started = time.monotonic()
    seeded = run(
        coproduce,
        "seed",
        "--plans",
        str(args.plans),
        "--seed",
        "1",
        "--if-empty",
        "--allow-production",  # the bench's own database, served with production settings
        env=env,
        capture_output=True,
        text=True,
    )
    say(seeded.stdout.strip())
    if "already seeded" not in seeded.stdout:
        report["seed_seconds"] = round(time.monotonic() - started, 1)
    run(coproduce, "collectstatic", "--no-input", "-v0", env=env)
    analyze(args.database_url)  # fresh statistics after the bulk load, as a live database has

    targets_file = WORK / "targets.json"
    run(str(BIN / "python"), "bench/prepare.py", str(targets_file), "--council", COUNCIL, env=env)
    targets = json.loads(targets_file.read_text())
    report["data"] = {
        "plans": targets["plans"],
        "children": targets["children"],
        "officer_caseload": targets["caseload_children"],
    }
    report["machine"]["postgresql"] = targets.get("postgresql", "")
    if targets["plans"] != args.plans:
        say(f"Note: the database already holds {targets['plans']:,} plans (seeded earlier), not {args.plans:,}.")
        say("      Drop it (or set BENCH_DATABASE_URL to another database) to seed a different size.")

    server_log = (WORK / "server.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "coproduce.config.wsgi", "--bind", f"127.0.0.1:{args.port}"]
        + ["--workers", str(args.workers), "--threads", "4", "--timeout", "120"],
        env=env,
        cwd=ROOT,
        stdout=server_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_ready(args.port, server)
        say(f"Server ready ({args.workers} workers x 4 threads). Load: {args.users} users for {args.duration}.")
        say("Signing in the simulated people (sign-in form, then the second step with a recovery code)")
        codes = targets["codes"]
        targets["weights"] = WEIGHTS
        targets["sessions"] = {}
        wanted = []  # (role, email, recovery code), one for each simulated person and a spare for each role
        for role, weight in WEIGHTS.items():
            email = targets["people"][role]
            for _ in range(-(-args.users * weight // sum(WEIGHTS.values())) + 1):
                wanted.append((role, email, codes[email].pop() if email in codes else None))
        with ThreadPoolExecutor(4) as pool:
            made = pool.map(lambda w: (w[0], signed_in_session(base, w[1], w[2]).cookies.get_dict()), wanted)
            for role, cookies in made:
                targets["sessions"].setdefault(role, []).append(cookies)
        targets_file.write_text(json.dumps(targets, indent=2))
        samples_file = WORK / "samples.json"
        load_env = {k: v for k, v in os.environ.items() if not k.startswith(("COPRODUCE_", "DJANGO_"))}
        load_env |= {"BENCH_TARGETS": str(targets_file), "BENCH_SAMPLES": str(samples_file)}
        subprocess.run(
            [str(BIN / "locust"), "-f", "bench/locustfile.py", "--headless", "--host", base]
            + ["--users", str(args.users), "--spawn-rate", "5", "--run-time", args.duration]
            + ["--reset-stats", "--only-summary", "--csv", str(WORK / "locust"), "--loglevel", "WARNING"],
            env=load_env,
            cwd=ROOT,
            check=False,
        )
        samples = json.loads(samples_file.read_text())
        with (WORK / "locust_stats.csv").open() as stats_file:
            client = {row["Name"]: row for row in csv.DictReader(stats_file)}

        officer = targets["people"]["officer"]
        session = signed_in_session(base, officer, codes[officer].pop() if officer in codes else None)
        say("Measuring the plan PDF and the plan page's weight")
        report["pdf"] = measure_pdf(session, base, targets["child_id"], args.pdf_runs)
        report["weight"] = measure_weight(session, base, targets["child_id"])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        server_log.close()
    say("Measuring the SEN2 return for the whole council")
    report["sen2"] = measure_sen2(env, targets["people"]["manager"], args.sen2_timeout)

    pages = {}
    for name in ["floor", *KEY_PAGES]:
        times = [t for t, _ in samples.get(name, [])]
        queries = [q for _, q in samples.get(name, [])]
        row = client.get(name, {})
        pages[name] = {
            "requests": len(times),
            "failures": int(row.get("Failure Count", 0) or 0),
            "median_ms": round(statistics.median(times), 1) if times else None,
            "p95_ms": round(percentile(times, 0.95), 1) if times else None,
            "client_median_ms": float(row.get("Median Response Time", "nan") or "nan"),
            "client_p95_ms": float(row.get("95%", "nan") or "nan"),
            "rps": round(float(row.get("Requests/s", 0) or 0), 2),
            "queries": int(statistics.median(queries)) if queries else None,
            "queries_max": max(queries) if queries else None,
        }
    floor = pages["floor"]["median_ms"]
    for page in pages.values():
        page["ratio"] = round(page["median_ms"] / floor, 2) if floor and page["median_ms"] else None
    report["load"] = {"users": args.users, "duration": args.duration, "workers": args.workers, "threads": 4}
    report["pages"] = pages
    report["targets"] = TARGETS
    report["met"] = verdicts(report)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print()
    print(table(report))
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")


def verdicts(report: dict) -> dict:
    met = {}
    for name in KEY_PAGES:
        page = report["pages"][name]
        met[f"{name}: median within 3x floor"] = page["ratio"] is not None and page["ratio"] <= 3.0
        met[f"{name}: p95 < 200 ms"] = page["p95_ms"] is not None and page["p95_ms"] < 200 and not page["failures"]
    met["SEN2 < 60 s"] = report["sen2"]["seconds"] < TARGETS["sen2_seconds"]
    met["SEN2 < 500 MB"] = report["sen2"]["peak_mb"] < TARGETS["sen2_mb"]
    met["plan PDF < 1 s"] = report["pdf"]["median_ms"] < TARGETS["pdf_seconds"] * 1000
    met["plan page first load <= 200 KB"] = report["weight"]["first_load_kb"] <= TARGETS["first_load_kb"]
    return met


def table(report: dict) -> str:
    def fmt(value, unit=""):
        return "–" if value is None else f"{value:g}{unit}"

    lines = [
        f"Benchmark {report['when']}: {report['data']['plans']:,} plans, {report['load']['users']} users, "
        f"{report['load']['duration']}, {report['machine']['cpus']} CPUs",
        "",
        "| page | median ms | p95 ms | client p95 ms | req/s | queries | × floor | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, page in report["pages"].items():
        if name == "floor":
            ok = ""
        else:
            ok = (
                "yes"
                if report["met"][f"{name}: median within 3x floor"] and report["met"][f"{name}: p95 < 200 ms"]
                else "**no**"
            )
        lines.append(
            f"| {name} | {fmt(page['median_ms'])} | {fmt(page['p95_ms'])} | {fmt(page['client_p95_ms'])} | "
            f"{fmt(page['rps'])} | {fmt(page['queries'])} | {fmt(page['ratio'])} | {ok} |"
        )
    sen2, pdf, weight, met = report["sen2"], report["pdf"], report["weight"], report["met"]

    def yes(key):
        return "yes" if met[key] else "**no**"

    lines += [
        "",
        "| measure | result | target | met |",
        "|---|---|---|---|",
        f"| SEN2 return, whole council | {sen2['seconds']:g} s | < 60 s | {yes('SEN2 < 60 s')} |",
        f"| SEN2 peak memory | {sen2['peak_mb']:g} MB | < 500 MB | {yes('SEN2 < 500 MB')} |",
        f"| plan PDF (median of {pdf['runs']}) | {pdf['median_ms']:.0f} ms | < 1 s | {yes('plan PDF < 1 s')} |",
        f"| plan page first load | {weight['first_load_kb']:g} KB | ≤ 200 KB | "
        f"{yes('plan page first load <= 200 KB')} |",
        f"| plan page later loads (HTML only) | {weight['later_load_kb']:g} KB | ≤ 50 KB | "
        f"{'yes' if weight['later_load_kb'] <= 50 else '**no**'} |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
