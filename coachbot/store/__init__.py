"""Durable state: one SQLite file through sqlite-utils, schema by migrations."""

from coachbot.store.db import Store, forget_everything, open_database

__all__ = ["Store", "forget_everything", "open_database"]
