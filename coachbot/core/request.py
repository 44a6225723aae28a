"""Who is talking to the coach, from where: what both adapters hand the core."""

from __future__ import annotations

from pydantic import BaseModel


class Request(BaseModel):
    """One incoming command, message or click, transport-neutral."""

    team_id: str
    user_id: str
    channel_id: str | None = None
    in_dm: bool = True
    locale: str | None = None
    tz: str | None = None
