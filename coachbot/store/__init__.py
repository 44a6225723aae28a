"""Durable state: one SQLite file through sqlite-utils, schema by migrations."""

from coachbot.store.db import Store, open_database

__all__ = ["Store", "open_database"]
