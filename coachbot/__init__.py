"""coachbot: a social media strategy coach that lives in Slack."""

from coachbot.resources import shipped

__version__ = "0.1.0"

# Read with .open("rb"), "/" and .iterdir() only: importlib.resources' Traversable.
PROMPTS_DIR = shipped("prompts")
DATA_DIR = shipped("data")
