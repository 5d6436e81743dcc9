"""Timing helpers shared by the benchmarks."""

import statistics
import time
from collections.abc import Callable


class Report:
    def heading(self, name: str) -> None:
        print(f"\n== {name} ==", flush=True)

    def line(self, text: str) -> None:
        print(text, flush=True)

    def figure(self, name: str, value: float, unit: str, *, target: float | None = None) -> None:
        verdict = ""
        if target is not None:
            verdict = f"  (target < {target:g} {unit}: {'met' if value < target else 'MISSED'})"
        print(f"{name}: {value:.3g} {unit}{verdict}", flush=True)


def timings_ms(function: Callable[[], object], *, repeat: int = 30, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "p50": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "max": max(samples),
    }
