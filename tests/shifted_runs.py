"""Runs the date-sensitive tests once per moment of `tests.clock_moments`, two at a time
(each in two pytest-xdist workers: the tests mostly wait on the processes they start).

Each run's output is printed whole, in order, once all have ended; the exit status is
non-zero when any run failed. Extra arguments go to every pytest run.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from tests.clock_moments import moments

PARALLEL = 2
WORKERS = 2


def run(at: str, extra: list[str]) -> tuple[str, int, str]:
    with tempfile.TemporaryFile(mode="w+") as log:
        code = subprocess.call(
            [
                sys.executable,
                "-m",
                "pytest",
                "-n",
                str(WORKERS),
                "-m",
                "not clock_free",
                f"--clock={at}",
                *extra,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        log.seek(0)
        return at, code, log.read()


def main(extra: list[str]) -> int:
    ats = [m.isoformat(timespec="minutes") for m in moments(date.today())]
    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(pool.map(lambda at: run(at, extra), ats))
    failed = [at for at, code, _ in results if code != 0]
    for at, code, output in sorted(results, key=lambda r: r[1] == 0, reverse=True):
        print(f"== the suite as if it were {at}: {'passed' if code == 0 else 'FAILED'} ==")
        print(output, end="", flush=True)
    if failed:
        print(f"date-sensitive tests failed with the clock at: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
