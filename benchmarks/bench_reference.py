"""Reference data: loading the M49 countries and taxonomies, and the countries API."""

import time

from django.test import Client

from benchmarks.common import summary, timings_ms
from capdev.core.services import reference_load


def run(out) -> None:
    started = time.perf_counter()
    reference_load()
    out.figure("load_reference (248 countries, 186 SDG codes)", time.perf_counter() - started, "s")
    client = Client()

    def list_countries():
        response = client.get("/api/v1/countries?limit=300")
        assert response.status_code == 200 and response.json()["count"] == 248

    figures = summary(timings_ms(list_countries))
    out.figure("GET /api/v1/countries (all 248) p50", figures["p50"], "ms")
    out.figure("GET /api/v1/countries (all 248) p95", figures["p95"], "ms", target=100)
