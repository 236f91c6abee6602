"""Where the user's files go: under GLUTE_COMPOSER_HOME when it is set, else
in the platform's usual folders, which on Linux are worked out without
platformdirs and must be the same as its answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from composer.store import paths

linux = pytest.mark.skipif(sys.platform != "linux", reason="the XDG rules are Linux's")

KINDS = {
    "data": (paths.data_directory, platformdirs.user_data_dir),
    "config": (paths.config_directory, platformdirs.user_config_dir),
    "cache": (paths.cache_directory, platformdirs.user_cache_dir),
}
VARIABLES = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")


def test_the_home_variable_holds_everything(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    assert paths.data_directory() == tmp_path / "data"
    assert paths.config_file() == tmp_path / "config" / "config.toml"
    assert paths.cache_directory() == tmp_path / "cache"


@linux
@pytest.mark.parametrize(
    "home, xdg",
    [
        ("/home/ada", None),  # the defaults under HOME
        ("/home/ada", "/srv/xdg"),  # an absolute XDG variable wins
        ("/home/ada", ""),  # empty: ignored
        ("/home/ada", "relative/xdg"),  # relative: ignored, as the spec says
        ("relative-home", None),  # a relative HOME: the account's home folder
        (None, None),  # no HOME at all
    ],
)
def test_the_same_folders_as_platformdirs(monkeypatch, home, xdg):
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    for variable in VARIABLES:
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg if not xdg.startswith("/") else f"{xdg}/{variable}")
    for kind, (ours, theirs) in KINDS.items():
        assert ours() == Path(theirs(paths.APP_NAME, appauthor=False)), kind


@linux
def test_a_plain_command_does_not_import_platformdirs(tmp_path):
    script = (
        "import sys\n"
        "from composer.store import paths\n"
        "paths.config_file(); paths.data_directory(); paths.cache_directory()\n"
        "print('platformdirs' in sys.modules)"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.stdout.strip() == "False", out.stderr
