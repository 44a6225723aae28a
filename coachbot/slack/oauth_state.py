"""The OAuth `state` of an install: signed, not stored, and usable once.

slack_sdk's SQLite state store writes a row for every GET of /slack/install, which anyone
can send, and never removes expired rows; it consumes a state by selecting and then
deleting it, so two redirects with one state can both succeed. Here the install page
costs no row: the state carries its own expiry and an HMAC made with the app's client
secret. A row is written only when a redirect comes back with a genuine, unexpired
state, and that INSERT on the state's unique nonce is what consumes it: a second redirect
with the same state finds the nonce taken, whenever it comes. Rows past the expiry are
removed on the scheduler's tick (OAuthStateRepo.forget_expired).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import struct
import time

from slack_sdk.oauth.state_store import OAuthStateStore

from coachbot.store import Store

log = logging.getLogger("coachbot.slack")


class SignedOAuthStateStore(OAuthStateStore):
    def __init__(self, store: Store, secret: str, expiration_seconds: int = 600):
        self.store = store
        self.key = hashlib.sha256(b"coachbot oauth state\0" + secret.encode()).digest()
        self.expiration_seconds = expiration_seconds

    @property
    def logger(self) -> logging.Logger:
        return log

    def issue(self, *args, **kwargs) -> str:
        payload = secrets.token_bytes(16) + struct.pack(
            ">Q", int(time.time()) + self.expiration_seconds
        )
        return _b64(payload + self._mac(payload))

    def consume(self, state: str) -> bool:
        try:
            raw = base64.urlsafe_b64decode(state.encode("ascii") + b"==")
        except (ValueError, UnicodeEncodeError):
            return False
        payload, mac = raw[:24], raw[24:]
        if len(raw) != 56 or not hmac.compare_digest(mac, self._mac(payload)):
            return False
        (expire_at,) = struct.unpack(">Q", payload[16:])
        if expire_at < time.time():
            return False
        return self.store.oauth_states.use(_b64(payload[:16]), expire_at)

    def _mac(self, payload: bytes) -> bytes:
        return hmac.new(self.key, payload, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")
