"""The editing rules now live in `composer.editing` (no Textual there);
this name stays for code that imports it from here."""

from ..editing import *  # noqa: F403
from ..editing import __all__  # noqa: F401
