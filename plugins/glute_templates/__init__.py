"""Templates: the ready sessions that ship with Glute Composer."""

from pathlib import Path

from composer import hookimpl


def _template_dir() -> Path:
    here = Path(__file__).parent / "templates"  # inside an installed wheel
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "templates"  # a source checkout (editable install)


@hookimpl
def composer_templates() -> list[Path]:
    return sorted(_template_dir().glob("*.toml"))
