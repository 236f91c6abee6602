"""Headless Chromium driven over the DevTools protocol, for the `glute serve`
test: open a page, wait for a condition in it, take a screenshot. Only the
loopback address is ever used. aiohttp (a textual-serve dependency) is the
websocket client."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import struct
import subprocess
import time
import zlib
from pathlib import Path

import aiohttp

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


class Browser:
    def __init__(self, chromium: str, profile: Path, size=(1200, 800)) -> None:
        self.proc = subprocess.Popen(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={size[0]},{size[1]}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.endpoint = self._endpoint()

    def _endpoint(self) -> str:
        end = time.monotonic() + 30
        assert self.proc.stderr is not None
        while time.monotonic() < end:
            line = self.proc.stderr.readline()
            if not line:
                break
            found = re.search(r"DevTools listening on (ws://127\.0\.0\.1:\d+)/", line)
            if found:
                return found.group(1).replace("ws://", "http://")
        raise RuntimeError("chromium did not start its DevTools endpoint")

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def visit(self, url: str, ready_js: str, shot_ok=None, timeout: float = 30.0):
        """Open `url`, wait until `ready_js` is true and then until
        `shot_ok(png)` is; return (ready, the last PNG)."""
        return asyncio.run(self._visit(url, ready_js, shot_ok, timeout))

    async def _visit(self, url: str, ready_js: str, shot_ok, timeout: float):
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{self.endpoint}/json/list") as response:
                targets = await response.json(content_type=None)
            page = next(t for t in targets if t.get("type") == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                ids = iter(range(1, 1_000_000))

                async def call(method: str, **params):
                    number = next(ids)
                    await ws.send_str(
                        json.dumps({"id": number, "method": method, "params": params})
                    )
                    while True:
                        message = json.loads((await ws.receive()).data)
                        if message.get("id") == number:
                            return message.get("result", {})

                await call("Page.enable")
                await call("Page.navigate", url=url)
                end = time.monotonic() + timeout
                ready = False
                while time.monotonic() < end:
                    result = await call("Runtime.evaluate", expression=ready_js, returnByValue=True)
                    if result.get("result", {}).get("value") is True:
                        ready = True
                        break
                    await asyncio.sleep(0.2)
                while True:
                    shot = await call("Page.captureScreenshot", format="png")
                    png = base64.b64decode(shot["data"])
                    if not ready or shot_ok is None or shot_ok(png) or time.monotonic() > end:
                        return ready, png
                    await asyncio.sleep(0.3)


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB or RGBA PNG (what Chromium writes): width,
    height and one bytes object per row."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + pred) & 0xFF
        rows.append(
            bytes(line) if channels == 3 else bytes(b for i, b in enumerate(line) if i % 4 != 3)
        )
        previous = line
    return width, height, rows
