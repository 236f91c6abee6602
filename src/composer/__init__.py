"""Glute Composer: compose, share and run glute-activation sessions.

The public plugin API lives here::

    from composer import Dose, Evidence, Exercise, Phase, Sides, hookimpl
"""

from __future__ import annotations

from .hookspecs import hookimpl
from .model import Dose, Evidence, Exercise, Phase, Sides

__version__ = "0.1.0"

__all__ = ["Dose", "Evidence", "Exercise", "Phase", "Sides", "__version__", "hookimpl"]
