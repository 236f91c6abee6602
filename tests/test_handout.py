"""`glute export`: the handout as HTML and Markdown, golden files, escaping,
and what Chromium makes of the page on screen and on paper.

Set GLUTE_UPDATE_GOLDEN=1 to write the golden files again after a
deliberate change, then read the diff."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from composer import Dose, Evidence, Exercise, hookimpl
from composer.catalog.manager import Catalog
from composer.cli.main import main
from composer.format.reader import load_session
from composer.model import Block, ResolvedDose, Session, SessionDefaults, Sides, Step
from composer.share.handout import build_handout, dose_in_words, render_html, render_markdown

from .conftest import ROOT

GOLDEN = Path(__file__).parent / "data" / "handout"


def pack_catalog() -> Catalog:
    """A fixed pack, so that the golden files do not follow the shipped packs."""

    @hookimpl
    def composer_exercises():
        return [
            Exercise(
                id="squeeze",
                name="Prone glute squeeze",
                phase="activate",
                summary="Face down, squeeze one buttock, hold, let go, then the other.",
                instructions=[
                    "1. Lie on your front, forehead on your hands.",
                    "2. Squeeze one buttock and hold.",
                    "3) Let go, then the other side.",
                ],
                cues=["One cheek, then the other", "Hold 3"],
                targets=["gluteus maximus"],
                equipment=["mat"],
                dose=Dose(sets=3, reps=15, hold_s=3, sides="alternating", rest_s=30),
                cautions=["Stop on sharp pain."],
                evidence=[
                    Evidence(
                        muscle="gluteus maximus",
                        mvic_percent="81 ± 42",
                        source="A study, 2009",
                        note="one study only",
                    )
                ],
            ),
            Exercise(
                id="stretch",
                name="Half-kneeling hip flexor stretch",
                phase="stretch",
                summary="Kneel on one knee and tuck the pelvis.",
                instructions=["Kneel on one knee.", "Tuck the pelvis under."],
                equipment=["mat", "cushion (optional)"],
                dose=Dose(duration_s=45, sides="each"),
            ),
            Exercise(
                id="walk",
                name="Band walk",
                phase="stabilize",
                equipment=["mini band (optional)", "mini band"],
                dose=Dose(sets=2, reps=10, sides="both"),
            ),
            Exercise(
                id="clam",
                name="Clamshell",
                phase="activate",
                dose=Dose(sets=2, reps=12, rep_s=2, sides="each", rest_s=20),
            ),
        ]

    catalog = Catalog()
    catalog.register_module("pack", SimpleNamespace(composer_exercises=composer_exercises))
    return catalog


def golden_session() -> Session:
    return Session(
        title="Hips for the office",
        author="Sam",
        description="Open the front of the hip, then wake the glutes.\n\nAbout ten minutes.",
        defaults=SessionDefaults(transition_s=10),
        blocks=[
            Block(
                title="Open up",
                steps=[Step(exercise="pack/stretch", note="Breathe out\ninto the stretch")],
            ),
            Block(
                title="Wake up",
                rounds=2,
                rest_s=45,
                steps=[
                    Step(exercise="pack/squeeze"),
                    Step(exercise="pack/clam", name="Clamshell (tempo)", own_name=True),
                    Step(exercise="pack/walk", dose=Dose(sets=1)),
                ],
            ),
            Block(
                title="From a pack you do not have",
                steps=[
                    Step(
                        exercise="yoga/pigeon",
                        name="Pigeon pose",
                        dose=Dose(duration_s=60, sides="each"),
                    )
                ],
            ),
            Block(title="Empty"),
        ],
    )


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("GLUTE_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def test_html_handout_matches_its_golden_file():
    catalog = pack_catalog()
    check_golden("office.html", render_html(build_handout(golden_session(), catalog.get)))


def test_markdown_handout_matches_its_golden_file():
    catalog = pack_catalog()
    check_golden("office.md", render_markdown(build_handout(golden_session(), catalog.get)))


@pytest.mark.parametrize(
    ("dose", "words"),
    [
        (
            dict(sets=3, reps=15, hold_s=3, sides=Sides.ALTERNATING),
            "3 sets of 15 reps, hold each 3 s, alternate sides, rest 30 s between sets",
        ),
        (dict(sets=1, duration_s=45, sides=Sides.EACH), "45 s, each side"),
        (dict(sets=2, duration_s=90), "2 sets of 1 min 30 s, rest 30 s between sets"),
        (dict(sets=1, reps=10), "10 reps, at your own pace"),
        (dict(sets=1, reps=1), "1 rep, at your own pace"),
        (
            dict(sets=2, reps=12, rep_s=2, sides=Sides.EACH, rest_s=0),
            "2 sets of 12 reps, 2 s a rep, each side",
        ),
    ],
)
def test_dose_in_words(dose, words):
    values = dict(
        sets=1,
        reps=None,
        duration_s=None,
        hold_s=None,
        rep_s=None,
        relax_s=2.0,
        sides=Sides.BOTH,
        rest_s=30.0,
        switch_s=5.0,
    )
    values.update(dose)
    assert dose_in_words(ResolvedDose(**values)) == words


# -- escaping ------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> & \"quotes\" 'too' ##"
MD_HOSTILE = [
    "# not a heading",
    "*not emphasis* and _not either_",
    "[not a link](https://example.invalid)",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "`not code` | not | a table",
    "<b>not bold</b> &amp; not an entity",
    "===",
    "    not code either",
    "~~not struck~~ \\not an escape",
]


class _Page(HTMLParser):
    """Every tag, attribute and text of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs
        self.in_title = tag == "h1"

    def handle_endtag(self, tag):
        if tag == "h1":
            self.in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self.in_title:
            self.title += data


def hostile_session() -> Session:
    return Session(
        title=HOSTILE,
        author=HOSTILE,
        description="\n".join(MD_HOSTILE),
        blocks=[
            Block(
                title=HOSTILE,
                steps=[
                    Step(
                        exercise="gone/x",
                        name=HOSTILE,
                        dose=Dose(duration_s=30),
                        note="\n".join(MD_HOSTILE) + "\n\x1b[31mred\u202eevil",
                    )
                ],
            )
        ],
    )


def test_html_shows_every_text_as_text():
    page = render_html(build_handout(hostile_session(), lambda _id: None))
    parsed = _Page()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert "b" not in parsed.tags
    assert parsed.title == HOSTILE
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#x27;too&#x27; ##" in page
    )
    # Control and bidi characters are shown as escapes, never written raw.
    assert "\x1b" not in page and "\u202e" not in page
    assert "\\x1b[31mred\\u202eevil" in page


def test_html_loads_and_runs_nothing():
    page = render_html(build_handout(golden_session(), pack_catalog().get))
    parsed = _Page()
    parsed.feed(page)
    assert set(parsed.tags) <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "p", "span",
        "main", "section", "h2", "article", "h3", "ol", "li", "footer", "strong",
    }  # fmt: skip
    for name, _value in parsed.attributes:
        assert not name.startswith("on"), name
        assert name not in ("src", "href", "action"), name
    lowered = page.lower()
    for forbidden in ("<script", "<link", "<img", "<iframe", "url(", "@import", "http://"):
        assert forbidden not in lowered, forbidden
    assert "default-src 'none'" in page
    assert "@media print" in page and "@page" in page


def test_markdown_shows_every_text_as_text():
    markdown_it = pytest.importorskip("markdown_it")
    text = render_markdown(build_handout(hostile_session(), lambda _id: None))
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough")
    html = rendered.render(text)
    parsed = _Page()
    parsed.feed(html)
    # Only the structure the handout writes itself.
    assert parsed.tags.count("h1") == 1 and parsed.tags.count("h2") == 1
    assert parsed.tags.count("h3") == 1
    for tag in ("a", "ol", "ul", "blockquote", "code", "pre", "table", "em", "s", "del", "b"):
        if tag == "em":
            # emphasis only where the handout puts it: the missing-plugin line and the credit
            assert parsed.tags.count("em") == 2, parsed.tags
            continue
        assert tag not in parsed.tags, (tag, html)
    assert parsed.title == HOSTILE
    shown = "".join(parsed.text)
    for line in MD_HOSTILE:
        assert line.strip() in shown, line
    assert "\x1b" not in text and "\u202e" not in text


# -- the command ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_export_writes_the_handout(suffix, tmp_path, capsys):
    out = tmp_path / f"wake-up{suffix}"
    assert main(["export", str(ROOT / "templates" / "wake-up.toml"), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote {out}."
    text = out.read_text()
    assert "Glute wake-up" in text and "Prone glute squeeze" in text
    assert "3 sets of 15 reps, hold each 3 s, alternate sides, rest 30 s between sets" in text
    assert "not medical advice" in text
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_export_refuses_other_suffixes_and_reports_write_errors(tmp_path, capsys):
    session = str(ROOT / "templates" / "wake-up.toml")
    assert main(["export", session, "-o", str(tmp_path / "handout.pdf")]) == 2
    assert "a handout is written as .html or .md" in capsys.readouterr().err
    folder = tmp_path / "taken.html"
    folder.mkdir()
    assert main(["export", session, "-o", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{folder}: cannot write: ") and "Traceback" not in err
    missing = tmp_path / "no" / "such" / "folder.md"
    assert main(["export", session, "-o", str(missing)]) == 1
    assert capsys.readouterr().err.startswith(f"{missing}: cannot write: ")
    assert main(["export", str(tmp_path / "absent.toml"), "-o", str(tmp_path / "x.md")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_export_without_the_plugins_says_what_is_missing(tmp_path, capsys):
    source = ROOT / "tests" / "data" / "valid" / "missing-plugin.toml"
    out = tmp_path / "handout.md"
    assert main(["export", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "needs the plugin distribution glute-composer-yoga>=1.2 (not installed)" in err
    text = out.read_text()
    assert "Pigeon pose" in text and "2 sets of 45 s, each side, rest 15 s between sets" in text
    assert "plugin that provides it is not installed" in text


# -- Chromium: the page on screen and on paper ------------------------------------------


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def decode_png(data: bytes) -> tuple[int, int, int, bytes]:
    """Width, height, channels and pixel bytes of an 8-bit, non-interlaced
    PNG (what Chromium writes), decoded with zlib alone."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunk = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
    assert header is not None, "no IHDR"
    width, height, depth, color, _compression, _filter, interlace = header
    assert depth == 8 and interlace == 0 and color in (0, 2, 4, 6), header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color]
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    out = bytearray()
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        row = bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(channels, stride):
                row[i] = (row[i] + row[i - channels]) & 255
        elif kind == 2:  # Up
            row = bytearray((a + b) & 255 for a, b in zip(row, previous, strict=True))
        elif kind == 3:  # Average
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                row[i] = (row[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = row[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += row
        previous = row
    return width, height, channels, bytes(out)


def dark_share(pixels: bytes) -> float:
    """The share of colour bytes darker than light grey."""
    return len(pixels.translate(None, bytes(range(200, 256)))) / max(1, len(pixels))


def test_png_decoder_on_a_known_image():
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    # 2×2 RGB, a Sub-filtered row and an Up-filtered one: white, black / white, black
    rows = b"\x01" + bytes([255, 255, 255, 1, 1, 1]) + b"\x02" + bytes(6)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    width, height, channels, pixels = decode_png(png)
    assert (width, height, channels) == (2, 2, 3)
    assert pixels == bytes([255] * 3 + [0] * 3 + [255] * 3 + [0] * 3)
    assert dark_share(pixels) == 0.5


@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed")
@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)
def test_chromium_prints_and_shows_the_handout(tmp_path):
    page = tmp_path / "wake-up.html"
    template = ROOT / "templates" / "wake-up.toml"
    assert main(["export", str(template), "-o", str(page)]) == 0
    base = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    pdf, png = tmp_path / "out.pdf", tmp_path / "out.png"
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    for extra in (
        [f"--print-to-pdf={pdf}"],
        [f"--screenshot={png}", "--window-size=1000,1400"],
    ):
        done = subprocess.run(
            [*base, *extra, page.as_uri()], capture_output=True, text=True, timeout=180, env=env
        )
        assert done.returncode == 0, done.stderr[-2000:]

    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    session = load_session(template)
    expected = [session.title, "Total time:", "not medical advice"]
    expected += [block.title for block in session.blocks]
    expected += [step.name for step in session.steps()]
    expected.append("3 sets of 15 reps, hold each 3 s, alternate sides, rest 30 s between sets")
    flat = " ".join(text.split())
    for words in expected:
        assert " ".join(words.split()) in flat, words

    width, height, _channels, pixels = decode_png(png.read_bytes())
    assert (width, height) == (1000, 1400)
    share = dark_share(pixels)
    assert 0.01 < share < 0.5, f"{share:.1%} of the screenshot is dark: blank or broken page"
