"""One typed settings object, read from the environment.

With no environment at all, Coproduce runs the demo on an embedded SQLite database. In production
(``COPRODUCE_ENVIRONMENT=production``) it refuses to start without a secret key, allowed hosts and a
database URL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

BASE_DIR = Path(__file__).resolve().parents[3]

DEV_SECRET_KEY = "coproduce-development-only-key-never-use-in-production"


class ConfigurationError(RuntimeError):
    """Raised when the environment cannot run Coproduce safely."""


def _split_commas(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Env(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COPRODUCE_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    secret_key: SecretStr = SecretStr(DEV_SECRET_KEY)
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["127.0.0.1", "localhost"])
    database_url: str = Field(default="", validation_alias="DATABASE_URL")
    demo_mode: bool = False
    site_url: str = "http://127.0.0.1:8000"
    data_dir: Path = BASE_DIR / "var"

    email_backend: str = "django.core.mail.backends.console.EmailBackend"
    email_host: str = "localhost"
    email_port: int = 25
    email_host_user: str = ""
    email_host_password: SecretStr = SecretStr("")
    email_use_tls: bool = False
    default_from_email: str = "Coproduce <no-reply@coproduce.invalid>"

    log_level: str = "INFO"
    invitation_days: int = 14
    #: The benchmark only (``make bench``): each response says how many database queries it made and how
    #: long the server took. Off unless set.
    bench_headers: bool = False
    #: Answers (and agreements to talk) one connection may send to one survey in an hour.
    survey_submissions_per_hour: int = Field(default=20, ge=1)
    #: Suggest survey themes from sentence embeddings (needs the ``embeddings`` extra installed).
    survey_theme_embeddings: bool = False

    @model_validator(mode="before")
    @classmethod
    def _lists(cls, data: dict) -> dict:
        if isinstance(data, dict):
            for key in ("allowed_hosts", "COPRODUCE_ALLOWED_HOSTS"):
                if key in data:
                    data[key] = _split_commas(data[key])
        return data

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    def check_production(self) -> None:
        problems = []
        key = self.secret_key.get_secret_value()
        if key == DEV_SECRET_KEY or len(key) < 50:
            problems.append("COPRODUCE_SECRET_KEY must be set to a random value of at least 50 characters")
        if not self.allowed_hosts or self.allowed_hosts == ["127.0.0.1", "localhost"]:
            problems.append("COPRODUCE_ALLOWED_HOSTS must name the host names the service answers on")
        if not self.database_url:
            problems.append("DATABASE_URL must point at the production database")
        if self.demo_mode:
            problems.append("COPRODUCE_DEMO_MODE must be off in production")
        if problems:
            raise ConfigurationError("Coproduce will not start in production: " + "; ".join(problems) + ".")


def load_env() -> Env:
    env = Env()
    if env.is_production:
        env.check_production()
    return env
