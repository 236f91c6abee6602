"""What the commands share: the catalog as the plain commands read it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from composer.catalog.manager import Catalog


def command_catalog(*, index: bool = True) -> Catalog:
    """The catalog for commands that only read it: from the catalog index
    when it is fresh (composer.catalog.index), so the plugins need not load.
    With `index` False, the plugins are loaded whatever the index holds."""
    from composer.safetext import visible
    from composer.store.config import load_config

    config = load_config()
    for problem in config.problems:
        print(f"warning: {visible(problem)}", file=sys.stderr)
    if not index:
        from composer.catalog.manager import load_catalog

        return load_catalog(disabled=config.disabled_plugins)
    from composer.catalog.index import load_indexed_catalog

    return load_indexed_catalog(disabled=config.disabled_plugins)
