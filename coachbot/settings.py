"""Settings from the environment or a `.env` file (names fixed in PRODUCT.md)."""

from functools import cached_property
from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from coachbot.resources import checkout_root


def default_db_path() -> Path:
    """data/coachbot.db in a checkout; the per-user data directory for an installed package."""
    root = checkout_root()
    if root is not None:
        return root / "data" / "coachbot.db"
    return user_data_path("coachbot", appauthor=False) / "coachbot.db"


class Settings(BaseSettings):
    """Everything the coach reads from its environment."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    # Secrets stay out of repr(), and so out of logs and tracebacks.
    slack_bot_token: str | None = Field(default=None, alias="SLACK_BOT_TOKEN", repr=False)
    slack_signing_secret: str | None = Field(default=None, alias="SLACK_SIGNING_SECRET", repr=False)
    slack_app_token: str | None = Field(default=None, alias="SLACK_APP_TOKEN", repr=False)
    slack_client_id: str | None = Field(default=None, alias="SLACK_CLIENT_ID")
    slack_client_secret: str | None = Field(default=None, alias="SLACK_CLIENT_SECRET", repr=False)
    # Never the current directory unasked: see default_db_path().
    db_path: Path = Field(default_factory=default_db_path, alias="COACHBOT_DB")
    port: int = Field(default=3000, alias="COACHBOT_PORT", ge=1, le=65535)
    tick_seconds: float = Field(default=60, alias="COACHBOT_TICK_SECONDS", gt=0)
    slack_timeout: float = Field(default=10, alias="COACHBOT_SLACK_TIMEOUT", gt=0)
    nudge_lease_seconds: int = Field(default=300, alias="COACHBOT_NUDGE_LEASE_SECONDS", ge=1)
    # How long a worker's claim on a job holds (it is renewed while the job runs): a job
    # whose worker died is run again this long after it was claimed.
    job_lease_seconds: int = Field(default=30, alias="COACHBOT_JOB_LEASE_SECONDS", ge=1)
    encryption_key: str | None = Field(default=None, alias="COACHBOT_ENCRYPTION_KEY", repr=False)
    workers: int = Field(default=1, alias="COACHBOT_WORKERS", ge=1, le=16)
    slack_api_url: str = Field(default="https://slack.com/api/", alias="COACHBOT_SLACK_API_URL")

    @cached_property
    def has_slack(self) -> bool:
        """True when enough credentials are present to talk to Slack."""
        single = bool(self.slack_bot_token and self.slack_signing_secret)
        oauth = bool(
            self.slack_client_id and self.slack_client_secret and self.slack_signing_secret
        )
        return single or oauth or bool(self.slack_app_token and self.slack_bot_token)
