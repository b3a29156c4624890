"""Concurrent load over loopback against gunicorn, and the memory its workers peak at."""
import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


async def _fetch(host, port, path):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    return data[9:12] == b"200", len(data)


async def _load(host, port, path, seconds, concurrency):
    done = failed = 0
    deadline = time.monotonic() + seconds

    async def client():
        nonlocal done, failed
        while time.monotonic() < deadline:
            try:
                ok, _ = await _fetch(host, port, path)
            except OSError:
                ok = False
            done += ok
            failed += not ok

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    return done / (time.monotonic() - started), failed


def throughput(port, path, seconds=10, concurrency=8):
    """Successful requests per second, and the number that failed."""
    return asyncio.run(_load("127.0.0.1", port, path, seconds, concurrency))


class Gunicorn:
    """gunicorn serving the app on loopback, as docs/deployment.md runs it."""

    def __init__(self, port, env, workers=2):
        self.port = port
        self.env = {**os.environ, **env}
        self.workers = workers

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "archive.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--log-level", "warning"],
            cwd=ROOT, env=self.env,
        )
        for _ in range(100):
            try:
                ok, _ = asyncio.run(_fetch("127.0.0.1", self.port, "/health/"))
                if ok:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def worker_peak_rss_mb(self):
        """Peak resident memory (VmHWM) of each worker, in MB."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        peaks = []
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return peaks

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
