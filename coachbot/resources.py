"""The files coachbot ships beside its code: prompts/ (texts and flows) and data/ (reference).

Both are top-level folders of the repository. The wheel carries them inside the package, as
coachbot/prompts and coachbot/data, and they are read through importlib.resources, so an
installed coachbot finds them from any directory. A checkout (an editable install too) reads
the repository's own folders, so an edited prompt shows without reinstalling.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

SHIPPED = ("prompts", "data")


def checkout_root() -> Path | None:
    """The repository this package runs from; None when it runs as an installed package."""
    if (files(__package__) / "prompts").is_dir():
        return None
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and all((root / name).is_dir() for name in SHIPPED):
        return root
    return None


def shipped(name: str) -> Traversable:
    """One of the shipped folders, "prompts" or "data", wherever this coachbot runs from."""
    if name not in SHIPPED:
        raise ValueError(f"not a shipped folder: {name!r}")
    inside = files(__package__) / name
    if inside.is_dir():
        return inside
    root = checkout_root()
    if root is None:
        raise FileNotFoundError(f"coachbot is installed without its {name}/ folder; reinstall it")
    return root / name
