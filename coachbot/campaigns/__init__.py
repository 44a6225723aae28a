"""Campaigns: registration, nudges that arrive on time and once, evaluation and learnings."""
