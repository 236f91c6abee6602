"""`glute serve`: the app in a browser. A real server on a free loopback
port, loaded in headless Chromium; the page must show the composer."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from composer.cli.serve import PAGE_FOLDER, app_command, is_loopback

from .conftest import glute_command

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)


def test_loopback_hosts():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert is_loopback("127.0.0.2") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    assert not is_loopback("example.org")


def test_app_command_quotes_the_file(tmp_path):
    path = tmp_path / "my session; rm -rf ~.toml"
    command = app_command(path, run=True)
    assert command.endswith(" -m composer run '" + str(path) + "'")


def test_the_page_loads_nothing_from_elsewhere():
    page = (PAGE_FOLDER / "app_index.html").read_text()
    assert "http" not in page.replace("{{ config.static.url }}", "")
    assert "RobotoMono-VariableFont_wght.ttf" in page


def test_serve_warns_for_a_host_other_than_loopback(monkeypatch, capsys):
    import textual_serve.server

    from composer.cli.serve import serve

    started = []

    class FakeServer:
        def __init__(self, command, **options):
            started.append((command, options))

        def serve(self):
            pass

    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    assert serve(None, host="127.0.0.1", port=8000) == 0
    assert capsys.readouterr().err == ""
    assert serve(None, host="0.0.0.0", port=8000) == 0
    assert "warning: serving on 0.0.0.0: anyone who can reach it" in capsys.readouterr().err
    command, options = started[0]
    assert command.endswith("-m composer") and options["templates_path"] == PAGE_FOLDER


def test_serve_refuses_a_bad_port(glute_env):
    out = subprocess.run(
        [*glute_command(), "serve", "--port", "0"],
        capture_output=True,
        text=True,
        env=glute_env,
        timeout=60,
    )
    assert out.returncode == 2 and "--port must be between 1 and 65535" in out.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"glute serve ended: {proc.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("glute serve did not listen")


@pytest.mark.e2e
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_glute_serve_shows_the_composer_in_a_browser(tmp_path, glute_env):
    from .browser import Browser, png_pixels

    port = free_port()
    server = subprocess.Popen(
        [
            *glute_command(),
            "serve",
            "--host",
            "0.0.0.0" if False else "127.0.0.1",
            "--port",
            str(port),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=glute_env,
    )
    browser = None
    try:
        wait_for_port(port, server)
        browser = Browser(CHROMIUM, tmp_path / "profile")

        def colours(png: bytes) -> int:
            _width, _height, rows = png_pixels(png)
            return len({row[x : x + 3] for row in rows[::8] for x in range(0, len(row), 24)})

        ready, png = browser.visit(
            f"http://127.0.0.1:{port}/",
            "document.body.classList.contains('-first-byte') && !!document.querySelector('.xterm')",
            shot_ok=lambda png: colours(png) > 20,
        )
        (tmp_path / "browser.png").write_bytes(png)
        assert ready, "the app never sent the terminal its first bytes"
        # The composer's panels, text and colours: far from a blank page.
        assert colours(png) > 20
    finally:
        if browser is not None:
            browser.close()
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def test_a_port_in_use_is_one_clear_line(capsys):
    import socket

    from composer.cli.main import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    assert capsys.readouterr().err == (
        f"glute: error: cannot listen on 127.0.0.1:{port}: the port is already in use\n"
    )
