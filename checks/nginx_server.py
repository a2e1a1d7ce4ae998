"""Serving a built site with Debian's nginx and the configuration the build
ships (``site/_nginx.conf``), as the README tells a host to: for the tests
(tests/test_nginx.py) and the Lighthouse benchmark (bench/lighthouse.py)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def config(prefix: Path, root: Path, port: int) -> str:
    """A whole nginx.conf serving ``root`` on 127.0.0.1:``port``, including the site's ``_nginx.conf``."""
    temp = " ".join(f"{name}_temp_path {prefix / name};" for name in
                    ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""
user root;
worker_processes 1;
pid {prefix / 'nginx.pid'};
error_log {prefix / 'error.log'};
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    {temp}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include {root / '_nginx.conf'};
    }}
}}
"""


class Nginx:
    """nginx serving ``root`` on 127.0.0.1:``port`` while the ``with`` block runs."""

    def __init__(self, root: Path, port: int, prefix: Path | None = None) -> None:
        self.root, self.port = root, port
        self._tmp = None if prefix else tempfile.TemporaryDirectory(prefix="tw-nginx-")
        self.prefix = prefix or Path(self._tmp.name)
        self.conf = self.prefix / "nginx.conf"
        self.url = f"http://127.0.0.1:{port}/"

    def __enter__(self) -> Nginx:
        self.conf.write_text(config(self.prefix, self.root, self.port), encoding="utf-8")
        test = subprocess.run([NGINX, "-t", "-q", "-p", str(self.prefix), "-c", str(self.conf)],
                              capture_output=True, text=True, check=False)
        if test.returncode != 0:
            raise RuntimeError(f"nginx refused the configuration for {self.root}:\n{test.stderr}")
        subprocess.run([NGINX, "-p", str(self.prefix), "-c", str(self.conf)], check=True, capture_output=True)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url, timeout=1).close()  # noqa: S310 (127.0.0.1 only)
                break
            except OSError:
                time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run([NGINX, "-p", str(self.prefix), "-c", str(self.conf), "-s", "stop"], check=False,
                       capture_output=True)
        if self._tmp is not None:
            self._tmp.cleanup()
