"""The deployment recipe in ``deploy/`` holds together: what the image, compose file, proxy
configuration, example settings and documentation say about each other. (These machines run no
container daemon, so the image is not built here; ``tests/test_deploy_browser.py`` runs the same
proxy configuration with real PostgreSQL, app instances and Caddy.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from stack import CADDYFILE, Proxy, app_env

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
DOCKERFILE = (DEPLOY / "Dockerfile").read_text()
COMPOSE: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
COMPOSE_TEXT = (DEPLOY / "compose.yaml").read_text()
ENV_EXAMPLE = (DEPLOY / ".env.example").read_text()
README = (DEPLOY / "README.md").read_text()
CADDY = CADDYFILE.read_text()


def _apps() -> dict[str, Any]:
    return {
        name: service
        for name, service in COMPOSE["services"].items()
        if (service.get("build") or {}).get("dockerfile") == "deploy/Dockerfile"
    }


def _instructions(name: str) -> list[str]:
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    return [line for line in joined.splitlines() if line.split(" ", 1)[0] == name]


def test_image_runs_as_a_user_with_a_health_check() -> None:
    users = _instructions("USER")
    assert users, "the image names a user"
    assert users[-1].split()[1] not in ("root", "0"), users
    assert "useradd --system --uid 10001" in DOCKERFILE
    health = _instructions("HEALTHCHECK")
    assert len(health) == 1 and "/_stcore/health" in health[0]
    assert _instructions("CMD")[-1].endswith('["python", "-m", "streamlit", "run", "app.py"]')


def test_image_build_reaches_pypi_only_and_keeps_no_secret() -> None:
    assert not _instructions("ADD"), "ADD can fetch URLs; COPY cannot"
    for word in ("curl", "wget", "git ", "apt-get", "https://"):
        assert word not in DOCKERFILE, word
    assert set(re.findall(r"http://[^/'\"]+", DOCKERFILE)) == {"http://127.0.0.1:8501"}
    for line in _instructions("ENV") + _instructions("ARG"):
        assert not re.search(r"PASSWORD|SECRET|TOKEN|_KEY|DATABASE_URL", line), line
    for source in re.findall(r"^COPY (?!--)(\S+)", DOCKERFILE, re.MULTILINE):
        assert (ROOT / source).exists(), source
    ignored = (ROOT / ".dockerignore").read_text().split()
    for private in (".venv", "data", "*.db", ".env", "deploy/.env", "deploy/certs", ".git"):
        assert private in ignored, private


def test_compose_has_two_instances_postgres_and_the_proxy() -> None:
    apps = _apps()
    assert len(apps) >= 2, list(COMPOSE["services"])
    services = COMPOSE["services"]
    assert services["db"]["image"].startswith("postgres:")
    proxy = services["proxy"]
    assert proxy["image"].startswith("caddy:")
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    upstreams = proxy["environment"]["ECOMAP_UPSTREAMS"].split()
    assert sorted(upstreams) == sorted(f"{name}:8501" for name in apps)
    for name, service in services.items():
        if name != "proxy":
            assert "ports" not in service, f"{name} must not be reachable from outside"
    for app in apps.values():
        assert set(app_env("postgresql://x")) <= set(app["environment"]), "the test's settings"
        assert app["environment"]["ECOMAP_DATABASE_URL"].startswith("postgresql://")
        assert "@db:5432/" in app["environment"]["ECOMAP_DATABASE_URL"]
        assert app["networks"] == ["inside"]
    assert COMPOSE["networks"]["inside"]["internal"] is True


def test_settings_come_from_the_environment_and_are_documented() -> None:
    placeholders = set(re.findall(r"\{\$([A-Z0-9_]+)\}", CADDY))
    proxy_env = COMPOSE["services"]["proxy"]["environment"]
    assert placeholders == set(proxy_env), "compose sets every proxy setting"
    test_env = Proxy(Path("/nonexistent"), ["127.0.0.1:1"], Path("c.pem"), Path("k.pem")).env()
    assert placeholders <= set(test_env), "the deployment test sets every one too"
    used = set(re.findall(r"\$\{([A-Z0-9_]+)", COMPOSE_TEXT))
    example = dict(re.findall(r"^([A-Z0-9_]+)=(.*)$", ENV_EXAMPLE, re.MULTILINE))
    assert used <= set(example), used - set(example)
    for name in placeholders | used:
        assert f"`{name}`" in README, f"deploy/README.md explains {name}"


def test_no_secret_is_written_down() -> None:
    example = dict(re.findall(r"^([A-Z0-9_]+)=(.*)$", ENV_EXAMPLE, re.MULTILINE))
    assert example["POSTGRES_PASSWORD"] == ""
    assert "POSTGRES_PASSWORD:?" in COMPOSE_TEXT, "compose refuses to start without it"
    for service in COMPOSE["services"].values():
        for name, value in (service.get("environment") or {}).items():
            if "PASSWORD" in name:
                assert re.fullmatch(r"\$\{[A-Z_]+:\?[^}]*\}", value), (name, value)
    gitignore = (ROOT / ".gitignore").read_text().split()
    assert "deploy/.env" in gitignore and "deploy/certs/" in gitignore
    assert "-----BEGIN" not in CADDY + COMPOSE_TEXT + ENV_EXAMPLE


def test_the_proxy_keeps_no_access_log() -> None:
    """Page addresses carry the draft token: no access log, and Caddy's own log (errors) is
    filtered (tests/test_deploy_browser.py reads it after a failed request)."""
    site = CADDY[CADDY.index("\nhttps://") :]
    assert not re.search(r"^\s*log\b", site, re.MULTILINE), "no access log for the site"
    top = CADDY[: CADDY.index("\nhttps://")]
    for rule in ("delete d", "request>remote_ip delete", "request>headers delete"):
        assert rule in top, rule
