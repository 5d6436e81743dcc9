"""Run the benchmarks: `make bench` or `python -m benchmarks [NAME ...]`.

Each `benchmarks/bench_<name>.py` has a `run(out)` function that builds its own data
and prints figures and ratios through `out` (a `benchmarks.common.Report`). They use a
database of their own: `BENCH_DATABASE_URL`, or a SQLite file under var/bench/.
"""

import importlib
import logging
import os
import pkgutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    os.environ["CAPDEV_VAR_DIR"] = str(bench_dir)
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{bench_dir / 'bench.sqlite3'}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capdev.settings")
    # Benchmarks request pages through Django's test client.
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    import django

    django.setup()
    from django.conf import settings

    # Measure as production runs: without development's query log and template debugging
    # (both read DEBUG when first used, after this point).
    settings.DEBUG = False
    # Tasks run in-process here; a log line for each one would drown the figures.
    logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
    from django.core.management import call_command

    from benchmarks.common import Report

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    names = argv or sorted(
        module.name.removeprefix("bench_")
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if module.name.startswith("bench_")
    )
    report = Report()
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        report.heading(name)
        started = time.perf_counter()
        module.run(report)
        report.line(f"({name} took {time.perf_counter() - started:.1f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
