"""`coachbot health`: what the container's HEALTHCHECK runs, since the image has no curl."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from coachbot.cli import main


def _server(status: int) -> ThreadingHTTPServer:
    class Health(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            code = status if self.path == "/healthz" else 404
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"ok": %s}' % (b"true" if code == 200 else b"false"))

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize(("status", "exit_code"), [(200, 0), (503, 1)])
def test_health_exit_status_follows_the_healthz_answer(monkeypatch, capsys, status, exit_code):
    server = _server(status)
    try:
        monkeypatch.setenv("COACHBOT_PORT", str(server.server_address[1]))
        monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
        monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
        assert main(["health"]) == exit_code
    finally:
        server.shutdown()
    out, err = capsys.readouterr()
    assert str(status) in (out + err)


def test_health_fails_in_one_line_when_nothing_listens(capsys):
    server = _server(200)
    port = server.server_address[1]
    server.shutdown()
    server.server_close()
    assert main(["health", "--url", f"http://127.0.0.1:{port}/healthz", "--timeout", "2"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "unreachable" in err


def test_health_passes_where_no_http_server_runs(monkeypatch, capsys):
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1-socket")
    assert main(["health"]) == 0
    assert "no HTTP server" in capsys.readouterr().out
