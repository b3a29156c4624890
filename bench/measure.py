"""Timing helpers: server time of in-process requests, with their query counts."""
import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def percentile(values, share):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


class Timing:
    """p50/p95 in milliseconds of ``runs`` calls, and the queries of the last call."""

    def __init__(self, samples, queries, status):
        self.samples = samples
        self.queries = queries
        self.status = status

    @property
    def p50(self):
        return statistics.median(self.samples)

    @property
    def p95(self):
        return percentile(self.samples, 0.95)

    @property
    def grouped_queries(self):
        return sum("GROUP BY" in q["sql"] for q in self.queries)


def time_request(call, runs=30, warmup=3):
    """Run ``call()`` (which returns a response) ``warmup + runs`` times; time the last ``runs``."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(runs - 1):
        started = time.perf_counter()
        response = call()
        samples.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = call()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(samples, captured.captured_queries, response.status_code)
