"""Installing the plugins a shared file requires, from the composer: pip in
this interpreter, its output kept off the screen. (`glute plugins install`
runs pip in the terminal instead: `composer.cli.plugins`.) No Textual."""

from __future__ import annotations

import subprocess
import sys


def pip_install_captured(requirements: list[str]) -> tuple[bool, str]:
    """Install `requirements` with pip in this interpreter, its output kept
    off the screen (for the composer). Returns whether it worked and the
    last lines pip wrote."""
    command = [sys.executable, "-m", "pip", "install", *requirements]
    try:
        result = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
        )
    except OSError as error:
        return False, f"cannot run pip: {error.strerror or error}"
    lines = [line for line in (result.stderr or result.stdout or "").splitlines() if line.strip()]
    return result.returncode == 0, "\n".join(lines[-5:])
