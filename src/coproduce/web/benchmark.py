"""For the benchmark only (``make bench``, ``COPRODUCE_BENCH_HEADERS=true``): each response carries the
number of database queries it made and the time the server spent on it, so the load generator can
report them per page. Never on unless that setting is, so production responses carry neither."""

from __future__ import annotations

import time

from django.db import connections

QUERIES_HEADER = "X-Bench-Queries"
TIMING_HEADER = "Server-Timing"


class BenchHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connections["default"].execute_wrapper(counted):
            response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response[QUERIES_HEADER] = str(count)
        response[TIMING_HEADER] = f"app;dur={elapsed_ms:.1f}"
        return response
