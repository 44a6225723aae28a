"""Starting `coachbot serve`: Slack unreachable is one clear line and status 2 in either
mode; a started server says nothing false and its workers' lines reach the log."""

from __future__ import annotations

import pytest

from tests.serve_harness import Served, serve_refused
from tests.slack_harness import free_port

# Not moved by the shifted-clock runs: start-up refusals have no dates.
pytestmark = pytest.mark.clock_free


@pytest.mark.parametrize("mode", ["http", "socket"])
def test_slack_unreachable_at_start_is_one_line_and_status_2(tmp_path, fake_slack, mode):
    nowhere = f"http://127.0.0.1:{free_port()}/api/"  # nothing listens there
    server = Served(tmp_path / "c.db", fake_slack, tmp_path / "log", COACHBOT_SLACK_API_URL=nowhere)
    env = server.env()
    if mode == "socket":
        env["SLACK_APP_TOKEN"] = "xapp-test"
    done = serve_refused(env)
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if "coachbot serve:" in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"coachbot serve: cannot reach Slack at {nowhere}")
    assert "Traceback" not in done.stderr


def test_a_started_server_logs_its_workers_and_no_token_notice(served, fake_slack):
    fake_slack.fail_next("users.info", 500, times=3)  # more than the retries allow
    served.command("help")
    fake_slack.wait_for("response_url")
    served.stop()
    logged = served.logged()
    assert "users.info failed for team T1" in logged  # said in the worker process
    assert "`token` will be unused" not in logged
