"""The deployment recipe's parts, run for real on this machine: a TLS certificate, and Caddy
with ``deploy/Caddyfile`` in front of ``streamlit run`` instances (PostgreSQL: ``tests/pg.py``).

The proxy runs the recipe's own Caddyfile, unchanged: only the environment differs (host, ports,
certificate paths, the instances' addresses), exactly as ``deploy/compose.yaml`` sets it. It
listens on 127.0.0.1 only. Used by ``tests/test_deploy_browser.py`` and ``bench/load.py``.

Locally a missing Caddy or openssl skips the tests that need them; under ``CI=true`` it fails them
(``scripts/test.sh`` installs both).
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import LocalProcess

ROOT = Path(__file__).resolve().parent.parent
CADDYFILE = ROOT / "deploy" / "Caddyfile"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
HOST = "127.0.0.1"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI=true but {reason}: the deployment tests must run in CI")
    pytest.skip(reason)


def require_tools() -> None:
    """Skip (locally) or fail (CI) when Caddy or openssl is missing."""
    for tool, package in (("caddy", "caddy"), ("openssl", "openssl")):
        if shutil.which(tool) is None:
            _unavailable(f"{tool} is not installed (apt-get install {package})")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def make_certificate(folder: Path, host: str = HOST) -> tuple[Path, Path]:
    """A self-signed certificate for ``host`` (and localhost), valid for a day: (cert, key)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={host}",
            "-addext",
            f"subjectAltName=IP:{host},DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    key.chmod(0o600)
    return cert, key


def app_env(database_url: str) -> dict[str, str]:
    """An app instance's settings as ``deploy/compose.yaml`` gives them (address and port come
    from ``streamlit run``'s flags here, from the image's environment there)."""
    return {
        "ECOMAP_DATABASE_URL": database_url,
        "STREAMLIT_SERVER_ALLOWED_HOSTS": HOST,
        "STREAMLIT_BROWSER_SERVER_ADDRESS": HOST,
    }


def tls_context(cert: Path) -> ssl.SSLContext:
    """A client context that trusts exactly this certificate (and checks the host name)."""
    return ssl.create_default_context(cafile=str(cert))


@dataclass
class Proxy(LocalProcess):
    """Caddy with deploy/Caddyfile, on 127.0.0.1, in front of ``upstreams`` (host:port each)."""

    folder: Path
    upstreams: list[str]
    cert: Path
    key: Path
    https_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    @property
    def log_path(self) -> Path:
        return self.folder / "caddy.log"

    def env(self) -> dict[str, str]:
        """The recipe's settings (deploy/README.md), as compose.yaml passes them."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("ECOMAP_")}
        env.update(
            {
                "ECOMAP_SERVER_NAME": HOST,
                "ECOMAP_HTTPS_PORT": str(self.https_port),
                "ECOMAP_HTTP_PORT": str(self.http_port),
                "ECOMAP_BIND": HOST,
                "ECOMAP_TLS_CERT": str(self.cert),
                "ECOMAP_TLS_KEY": str(self.key),
                "ECOMAP_UPSTREAMS": " ".join(self.upstreams),
                # Caddy keeps a little state (locks, an instance id): here, not in $HOME.
                "XDG_DATA_HOME": str(self.folder / "data"),
                "XDG_CONFIG_HOME": str(self.folder / "config"),
            }
        )
        return env

    def start(self, timeout: float = 30) -> None:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            ["caddy", "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
            cwd=self.folder,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        context = tls_context(self.cert)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"caddy exited early:\n{self.log_text()}")
            try:
                with urllib.request.urlopen(
                    f"{self.url}/_stcore/health", timeout=5, context=context
                ) as r:
                    if r.read().decode().strip() == "ok":
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"caddy did not answer through to an app:\n{self.log_text()}")
