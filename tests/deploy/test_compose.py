"""deploy/compose.yaml cannot be run here (no image registry), so check what can be checked: it parses,
every reference resolves, every server has a health check, and the Muse settings it sets exist."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from muse.settings import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SERVERS = {"postgres", "chroma", "api", "ui"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def _env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    return dict(item.split("=", 1) for item in env) if isinstance(env, list) else {k: str(v) for k, v in env.items()}


GIVEN = {"POSTGRES_PASSWORD": "pw", "MUSE_API_KEYS": "k1,k2"}  # what deploy/.env must provide


def _resolve(value: str) -> str:
    """Substitute ${VAR:-default}, ${VAR:?message} and ${VAR} as compose would, with GIVEN as the .env."""
    def one(match: re.Match[str]) -> str:
        name, op, rest = match.group(1), match.group(2) or "", match.group(3) or ""
        if name in GIVEN:
            return GIVEN[name]
        assert op != ":?", f"{name} is required but GIVEN lacks it"
        return rest if op == ":-" else ""

    return re.sub(r"\$\{(\w+)(:[-?])?([^}]*)\}", one, value)


def test_services_and_references(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert SERVERS | {"init"} <= set(services)
    declared = set(compose.get("volumes", {}))
    for name, service in services.items():
        for target, condition in service.get("depends_on", {}).items():
            assert target in services, f"{name} depends on unknown {target}"
            if condition["condition"] == "service_healthy":
                assert "healthcheck" in services[target], f"{name} waits for {target}'s health, which has no check"
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert source.startswith((".", "/")) or source in declared, f"{name} uses undeclared volume {source}"
        if "build" in service:
            assert (DEPLOY / service["build"]["context"] / service["build"]["dockerfile"]).is_file()
    for name in SERVERS:
        assert services[name]["healthcheck"]["test"], f"{name} has no health check"
    init_waiters = [n for n in ("api", "ui") if services[n]["depends_on"]["init"]["condition"] == "service_completed_successfully"]
    assert init_waiters == ["api", "ui"]


def test_muse_settings_are_real_and_point_at_the_servers(compose: dict[str, Any]) -> None:
    services = compose["services"]
    pg = _env(services["postgres"])
    for name in ("init", "api", "ui"):
        env = _env(services[name])
        for key in env:
            assert key in {"MUSE_HOME"} or key.removeprefix("MUSE_").lower() in Settings.model_fields, f"{name}: {key}?"
        db = urlsplit(_resolve(env["MUSE_DATABASE_URL"]))
        assert (db.scheme, db.hostname, db.port, db.username, db.path) == ("postgresql", "postgres", 5432, pg["POSTGRES_USER"],
                                                                           "/" + pg["POSTGRES_DB"])
        assert db.password == _resolve(pg["POSTGRES_PASSWORD"]) == GIVEN["POSTGRES_PASSWORD"]
        chroma = urlsplit(env["MUSE_CHROMA_URL"])
        assert chroma.hostname == "chroma" and str(chroma.port) in services["chroma"]["entrypoint"]
        resolved = Settings(**{k.removeprefix("MUSE_").lower(): _resolve(v) for k, v in env.items()})  # values valid
        assert resolved.uses_postgres and resolved.chroma_url


def test_served_ports_match_health_checks(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name in ("api", "ui"):
        command = services[name]["command"]
        port = command[command.index("--port") + 1]
        assert f"127.0.0.1:{port}/" in " ".join(services[name]["healthcheck"]["test"])
        assert services[name]["ports"] == [f"{port}:{port}"]
        assert command[command.index("--host") + 1] == "0.0.0.0"
    assert int(_resolve(_env(services["api"])["MUSE_API_WORKERS"])) > 1  # several workers: why PostgreSQL is there


def test_env_example_covers_the_required_variables(compose: dict[str, Any]) -> None:
    required = set(re.findall(r"\$\{(\w+):\?", (DEPLOY / "compose.yaml").read_text(encoding="utf-8")))
    example = {line.split("=", 1)[0] for line in (DEPLOY / ".env.example").read_text().splitlines()
               if line and not line.startswith("#")}
    assert required and required <= example


def test_dockerfile_copies_what_exists_and_every_package() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    sources = [part for line in text.splitlines() if line.startswith("COPY ") for part in line.split()[1:-1]]
    root = DEPLOY.parent
    assert sources and all((root / source).exists() for source in sources)
    include = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    assert {name.rstrip("*") for name in include} <= set(sources)
    assert "data" in sources and "pip install -q -e ." in text  # the shipped dataset is found next to the code
