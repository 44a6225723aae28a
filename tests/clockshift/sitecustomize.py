"""Moves this process's wall clock when the test suite asks (a test-only start-up hook).

`pytest --clock=...` puts this folder on PYTHONPATH and sets COACHBOT_TEST_CLOCK_OFFSET,
so every process the tests start (`coachbot serve`, its spawned workers, the shell) sees
the same shifted "now" as the test that started it. Production code never reads the
variable: the shift happens in the interpreter, below the coach.
"""

import os

_offset = os.environ.get("COACHBOT_TEST_CLOCK_OFFSET")
if _offset:
    import time

    import time_machine  # a dev dependency; a shifted run without it must fail loudly

    time_machine.travel(time.time() + float(_offset), tick=True).start()
