"""Bot and user tokens encrypted at rest: slack_sdk's SQLite installation store, wrapped
so every token is Fernet-encrypted before it is written and decrypted when read."""

from __future__ import annotations

import copy
import logging
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore
from slack_sdk.oauth.installation_store.sqlite3 import SQLite3InstallationStore

log = logging.getLogger("coachbot.slack")

TOKEN_FIELDS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")


class MissingEncryptionKey(RuntimeError):
    """OAuth mode keeps many workspaces' tokens; it does not start without a key."""


def fernet_for(key: str | None) -> Fernet:
    if not key:
        raise MissingEncryptionKey(
            "COACHBOT_ENCRYPTION_KEY is required with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET: "
            "bot tokens are encrypted at rest. Make one with `coachbot newkey`."
        )
    try:
        return Fernet(key.encode())
    except (ValueError, TypeError) as exc:
        raise MissingEncryptionKey("COACHBOT_ENCRYPTION_KEY is not a valid Fernet key") from exc


class EncryptedInstallationStore(InstallationStore):
    def __init__(self, inner: SQLite3InstallationStore, fernet: Fernet):
        self.inner = inner
        self.fernet = fernet

    @property
    def logger(self) -> logging.Logger:
        return self.inner.logger

    def _seal(self, item: Any) -> Any:
        sealed = copy.copy(item)
        for field in TOKEN_FIELDS:
            value = getattr(sealed, field, None)
            if value:
                setattr(sealed, field, self.fernet.encrypt(value.encode()).decode())
        return sealed

    def _open(self, item: Any) -> Any:
        if item is None:
            return None
        for field in TOKEN_FIELDS:
            value = getattr(item, field, None)
            if value:
                try:
                    setattr(item, field, self.fernet.decrypt(value.encode()).decode())
                except InvalidToken:
                    log.error(
                        "a stored %s could not be decrypted (wrong COACHBOT_ENCRYPTION_KEY?)", field
                    )
                    setattr(item, field, None)
        return item

    def save(self, installation: Installation) -> None:
        self.inner.save(self._seal(installation))

    def save_bot(self, bot: Bot) -> None:
        self.inner.save_bot(self._seal(bot))

    def find_bot(self, *, enterprise_id, team_id, is_enterprise_install=False) -> Bot | None:
        return self._open(
            self.inner.find_bot(
                enterprise_id=enterprise_id,
                team_id=team_id,
                is_enterprise_install=is_enterprise_install,
            )
        )

    def find_installation(
        self, *, enterprise_id, team_id, user_id=None, is_enterprise_install=False
    ) -> Installation | None:
        return self._open(
            self.inner.find_installation(
                enterprise_id=enterprise_id,
                team_id=team_id,
                user_id=user_id,
                is_enterprise_install=is_enterprise_install,
            )
        )

    def delete_bot(self, *, enterprise_id, team_id) -> None:
        self.inner.delete_bot(enterprise_id=enterprise_id, team_id=team_id)

    def delete_installation(self, *, enterprise_id, team_id, user_id=None) -> None:
        self.inner.delete_installation(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
        )

    def delete_all(self, *, enterprise_id, team_id) -> None:
        self.inner.delete_all(enterprise_id=enterprise_id, team_id=team_id)


def undecryptable_tokens(db_path, fernet: Fernet) -> int:
    """How many stored bot tokens this key cannot decrypt (a wrong COACHBOT_ENCRYPTION_KEY)."""
    import sqlite3

    conn = sqlite3.connect(str(db_path))
    try:
        rows = conn.execute("SELECT bot_token FROM slack_bots WHERE bot_token != ''").fetchall()
    except sqlite3.OperationalError:  # no installation yet
        return 0
    finally:
        conn.close()
    bad = 0
    for (token,) in rows:
        try:
            fernet.decrypt(token.encode())
        except InvalidToken:
            bad += 1
    return bad
