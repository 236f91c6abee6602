"""`glute serve`: the app in a web browser, through textual-serve.

Each browser tab gets its own ``glute`` process, started by textual-serve.
The page is our own (``serve_page/app_index.html``): it loads only this
server's scripts, styles and fonts, so it works with no internet access.
It listens on 127.0.0.1 unless told otherwise; anyone who can reach the
address can use the app with the rights of the user who runs it, so any
other host is warned about.
"""

from __future__ import annotations

import ipaddress
import shlex
import subprocess
import sys
from pathlib import Path

from composer.errors import UsageError

PAGE_FOLDER = Path(__file__).parent / "serve_page"


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(file: Path | None, run: bool) -> str:
    """The command textual-serve runs for each browser tab (it takes a
    shell command line; every part is quoted)."""
    argv = [sys.executable, "-m", "composer"]
    if file is not None:
        argv += ["run" if run else "edit", str(file.absolute())]
    if sys.platform == "win32":
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)


def _cannot_listen(host: str, port: int) -> str | None:
    """Why `host`:`port` cannot be listened on (in use, not an address of
    this machine), or None: checked before the server prints anything."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        return str(error.strerror or error)
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            return (
                "the port is already in use"
                if error.errno == errno.EADDRINUSE
                else str(error.strerror)
            )
    return None


def serve(
    file: Path | None, *, run: bool = False, host: str = "127.0.0.1", port: int = 8000
) -> int:
    if run and file is None:
        raise UsageError("--run needs a FILE")
    if not 0 < port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, got {port}")
    if file is not None and (run or file.exists()):
        from composer.format.reader import load_session

        load_session(file)  # a bad file is reported here, not in the browser
    try:
        from textual_serve.server import Server
    except ImportError:
        print(
            "glute: error: textual-serve is not installed (pip install textual-serve)",
            file=sys.stderr,
        )
        return 1
    if not is_loopback(host):
        print(
            f"warning: serving on {host}: anyone who can reach it can use Glute Composer "
            "and read and write your files as you; there is no password",
            file=sys.stderr,
        )
    problem = _cannot_listen(host, port)
    if problem is not None:
        print(f"glute: error: cannot listen on {host}:{port}: {problem}", file=sys.stderr)
        return 1
    server = Server(
        app_command(file, run),
        host=host,
        port=port,
        title="Glute Composer",
        templates_path=PAGE_FOLDER,
    )
    server.serve()
    return 0
