"""A fake Slack Web API on 127.0.0.1 that records every call and answers as Slack does."""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

POSTING = ("chat.postMessage", "chat.postEphemeral", "chat.update", "files.completeUploadExternal")


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.failures: dict[str, list[tuple[int, dict[str, str], dict[str, Any]]]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.posts_to: Counter[str] = Counter()  # chat.postMessage calls per channel
        # Conversations that answer every post with an error, as Slack does: a channel the
        # bot was not invited to (`not_in_channel`), one deleted (`channel_not_found`) or
        # archived (`is_archived`), a deactivated person (`account_inactive`).
        self.refusing: dict[str, str] = {}
        self.team_id = "T1"  # the workspace the bot token belongs to (auth.test)
        # Files people uploaded: files.info describes them, GET url_private_download serves
        # their bytes to a request that carries a bot token (add_file).
        self.files: dict[str, dict[str, Any]] = {}
        self._ts = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if len(raw) < length:
                    return  # the sender died mid-request: Slack would not have accepted it
                # A sender that dies before reading the answer: the call still counts.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    fake._handle(self, raw)

            def do_GET(self) -> None:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    fake._download(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- recording ---------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler, raw: bytes) -> None:
        path = handler.path
        content_type = handler.headers.get("Content-Type", "")
        if path.startswith("/api/"):
            method = path[len("/api/") :].split("?")[0]
        elif path.startswith("/response/"):
            method = "response_url"
        elif path.startswith("/upload/"):
            method = "upload"
        else:
            method = path
        if "json" in content_type:
            args = json.loads(raw or b"{}")
        elif method == "upload":
            args = {"bytes": raw}
        else:
            args = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            for key in ("blocks", "view"):
                if isinstance(args.get(key), str):
                    args[key] = json.loads(args[key])
        with self.lock:
            if method == "chat.postMessage":
                self.posts_to[str(args.get("channel"))] += 1
            auth = handler.headers.get("Authorization", "")
            self.calls.append(
                {
                    "method": method,
                    "args": args,
                    "at": time.monotonic(),
                    "auth": auth,
                    "path": path,
                }
            )
            queued = self.failures.get(method)
            failure = queued.pop(0) if queued else None
        if failure and failure[0] == 0:  # a hang: answer late, after the client gave up
            time.sleep(failure[1]["seconds"])
            failure = None
        if failure:
            status, headers, body = failure
        else:
            status, headers, body = 200, {}, self._answer(method, args)
        data = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method in POSTING:
            channel = args.get("channel") or args.get("channel_id")
            if not channel:
                return {"ok": False, "error": "channel_not_found"}
            if str(channel) in self.refusing:
                return {"ok": False, "error": self.refusing[str(channel)]}
        if method == "auth.test":
            return {
                "ok": True,
                "team": "Test",
                "team_id": self.team_id,
                "user_id": "UBOT",
                "bot_id": "B1",
            }
        if method == "users.info":
            user = args.get("user", "")
            profile = {"locale": "en-US", "tz": "Europe/Stockholm", **self.users.get(user, {})}
            return {"ok": True, "user": {"id": user, **profile}}
        if method == "chat.postMessage":
            return {
                "ok": True,
                "channel": args.get("channel"),
                "ts": f"1700000000.{next(self._ts):06d}",
            }
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(args.get("users", "U")).strip("[]\"'")}}
        if method == "oauth.v2.access" and args.get("grant_type") == "refresh_token":
            n = next(self._ts)
            return {
                "ok": True,
                "token_type": "bot",
                "access_token": f"xoxe.xoxb-rotated-{n}",
                "refresh_token": f"xoxe-1-rotated-{n}",
                "expires_in": 43200,
            }
        if method == "files.info":
            found = self.files.get(str(args.get("file")))
            if found is None:
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "file": {k: v for k, v in found.items() if k != "bytes"}}
        if method == "files.getUploadURLExternal":
            return {
                "ok": True,
                "upload_url": f"http://127.0.0.1:{self.port}/upload/F1",
                "file_id": "F1",
            }
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": "F1", "title": args.get("files", "")}]}
        return {"ok": True}

    # --- files -------------------------------------------------------------------------

    def add_file(self, file_id: str, name: str, data: bytes, filetype: str = "csv", **info: Any):
        """A file someone uploaded, as files.info describes it; returns that description."""
        path = f"/files-pri/{self.team_id}-{file_id}/download/{name}"
        described = {
            "id": file_id,
            "name": name,
            "title": name,
            "filetype": filetype,
            "size": len(data),
            "url_private": f"http://127.0.0.1:{self.port}{path}",
            "url_private_download": f"http://127.0.0.1:{self.port}{path}",
            **info,
        }
        with self.lock:
            self.files[file_id] = {**described, "bytes": data, "path": path}
        return described

    def _download(self, handler: BaseHTTPRequestHandler) -> None:
        auth = handler.headers.get("Authorization", "")
        with self.lock:
            self.calls.append(
                {
                    "method": "download",
                    "args": {},
                    "at": time.monotonic(),
                    "auth": auth,
                    "path": handler.path,
                }
            )
            found = next((f for f in self.files.values() if f["path"] == handler.path), None)
        if found is None or not auth.startswith("Bearer xox"):
            # What Slack does without a token: a sign-in page, not the file.
            status, kind, data = (
                (404 if found is None else 200),
                "text/html",
                b"<html>sign in</html>",
            )
        else:
            status, kind, data = 200, "application/octet-stream", found["bytes"]
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    # --- reading -----------------------------------------------------------------------

    def fail_next(
        self, method: str, status: int, headers: dict[str, str] | None = None, times: int = 1
    ):
        body = {"ok": False, "error": "ratelimited" if status == 429 else "internal_error"}
        with self.lock:
            self.failures.setdefault(method, []).extend([(status, headers or {}, body)] * times)

    def refuse(self, channel: str, error: str = "not_in_channel") -> None:
        """Every post to `channel` from now on fails with `error`."""
        with self.lock:
            self.refusing[channel] = error

    def hang_next(self, method: str, seconds: float, times: int = 1) -> None:
        with self.lock:
            self.failures.setdefault(method, []).extend([(0, {"seconds": seconds}, {})] * times)

    def of(self, method: str) -> list[dict[str, Any]]:
        with self.lock:
            return [c["args"] for c in self.calls if c["method"] == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.of(method)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(
            f"expected {count} {method} call(s), got {len(self.of(method))}: {self.methods()}"
        )

    def tokens(self) -> set[str]:
        with self.lock:
            return {c["auth"] for c in self.calls if c["method"] not in ("response_url", "upload")}

    def methods(self) -> list[str]:
        with self.lock:
            return [c["method"] for c in self.calls]

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until no call has arrived for `quiet` seconds (lazy listeners are done)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                last = self.calls[-1]["at"] if self.calls else 0
            if time.monotonic() - last >= quiet:
                return
            time.sleep(0.05)

    def clear(self) -> None:
        with self.lock:
            self.calls.clear()
