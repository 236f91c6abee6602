"""The `glute` command line.

Commands that draw no TUI never import Textual, so they start fast.
Exit codes: 0 success, 1 invalid input, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

# The phases in protocol order (composer.model.Phase; a test keeps them equal).
PHASES = ("roll", "mobilize", "stretch", "activate", "stabilize", "integrate", "cooldown")

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glute",
        description="Compose, share and run glute-activation sessions.",
        epilog="Run 'glute' alone to open the composer. This app is not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"glute-composer {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    edit = commands.add_parser("edit", help="open FILE in the composer (created on first save)")
    edit.add_argument("file", type=Path)
    run = commands.add_parser("run", help="open FILE straight on the timer screen")
    run.add_argument("file", type=Path)
    new = commands.add_parser("new", help="write a new session file from a template")
    new.add_argument("-t", "--template", help="template name (see 'glute templates')")
    new.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    new.add_argument("file", type=Path)
    validate = commands.add_parser("validate", help="check session files; exit 1 if any is invalid")
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    validate.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    show = commands.add_parser("show", help="print the plan: blocks, steps, dose, total time")
    show.add_argument("file", type=Path)
    exercises = commands.add_parser("exercises", help="list the exercise catalog")
    exercises.add_argument("--phase", choices=PHASES)
    exercises.add_argument(
        "--search", default="", help="words to look for (name, muscle, equipment, plugin)"
    )
    exercises.add_argument("--json", action="store_true", help="print JSON")
    commands.add_parser("templates", help="list the session templates")
    commands.add_parser("schema", help="print the JSON Schema of the session file format")

    plugins = commands.add_parser("plugins", help="list, install, remove or start plugins")
    actions = plugins.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help="every plugin: name, version, exercises, status")
    install = actions.add_parser("install", help="install plugin packages with pip")
    install.add_argument("names", nargs="+", metavar="NAME")
    install.add_argument("-U", "--upgrade", action="store_true")
    uninstall = actions.add_parser("uninstall", help="remove plugin packages with pip")
    uninstall.add_argument("names", nargs="+", metavar="NAME")
    scaffold = actions.add_parser("new", help="write a new plugin project that passes its own test")
    scaffold.add_argument("name", metavar="NAME")
    scaffold.add_argument(
        "--directory", type=Path, help="where to write it (default: ./glute-composer-NAME)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    # Imported only now, so that --version and --help stay fast.
    from .errors import ComposerError, SessionError, UsageError

    try:
        return _dispatch(args, parser)
    except SessionError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except UsageError as error:
        print(f"glute: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ComposerError as error:
        print(f"glute: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:
        if args.debug:
            raise
        print(
            f"glute: internal error: {type(error).__name__}: {error} (run with --debug for details)",
            file=sys.stderr,
        )
        return 3


def _dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    command = args.command
    if command is None:
        return _tui(None, run=False)
    if command == "edit":
        return _tui(args.file, run=False)
    if command == "run":
        return _tui(args.file, run=True)
    if command == "validate":
        return cmd_validate(args.files, quiet=args.quiet)
    if command == "show":
        return cmd_show(args.file)
    if command == "exercises":
        return cmd_exercises(args.phase, args.search, args.json)
    if command == "templates":
        return cmd_templates()
    if command == "new":
        return cmd_new(args.file, args.template, args.force)
    if command == "schema":
        import json

        from .schema import session_schema

        print(json.dumps(session_schema(), indent=2))
        return EXIT_OK
    if command == "plugins":
        from . import plugin_commands

        return plugin_commands.run(args)
    parser.error(f"unknown command {command}")
    return EXIT_USAGE


def _catalog():
    from .config import load_config
    from .plugins import load_catalog

    config = load_config()
    for problem in config.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return load_catalog(disabled=config.disabled_plugins)


def _report_broken(catalog) -> None:
    for info in catalog.broken:
        print(f"warning: plugin {info.name!r} is not loaded: {info.error}", file=sys.stderr)


def _tui(path: Path | None, *, run: bool) -> int:
    from .sessionfile import load_session

    session = None
    if path is not None and (run or path.exists()):
        session = load_session(path)  # errors are printed before any screen is drawn
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        print(
            "glute: the composer needs a terminal (try 'glute show FILE' instead)", file=sys.stderr
        )
        return EXIT_USAGE
    from .ui.app import make_app

    app = make_app(path=path, session=session, run=run)
    app.run()
    return app.return_code or EXIT_OK


def cmd_validate(files: list[Path], *, quiet: bool = False) -> int:
    from .errors import SessionError
    from .sessionfile import load_session, missing_exercises, missing_requirements
    from .timeline import compile_timeline

    catalog = _catalog()
    status = EXIT_OK
    for path in files:
        try:
            session = load_session(path)
        except SessionError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            status = EXIT_INVALID
            continue
        for warning in missing_requirements(session, str(path)):
            print(warning, file=sys.stderr)
        for warning in missing_exercises(session, catalog.get, str(path)):
            print(warning, file=sys.stderr)
        if not quiet:
            from .model import format_seconds

            timeline = compile_timeline(session, catalog.get)
            steps = len(session.steps())
            about = "about " if timeline.estimated else ""
            print(
                f"{path}: ok ({_count(len(session.blocks), 'block')}, {_count(steps, 'step')}, "
                f"{about}{format_seconds(timeline.total)})"
            )
    return status


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def cmd_show(path: Path) -> int:
    from .sessionfile import load_session, missing_exercises, missing_requirements
    from .show import render_plan

    catalog = _catalog()
    session = load_session(path)
    for warning in missing_requirements(session, str(path)):
        print(warning, file=sys.stderr)
    for warning in missing_exercises(session, catalog.get, str(path)):
        print(warning, file=sys.stderr)
    print(render_plan(session, catalog))
    return EXIT_OK


def cmd_exercises(phase: str | None, search: str, as_json: bool) -> int:
    catalog = _catalog()
    _report_broken(catalog)
    matches = catalog.matches(search, phase)
    found = [exercise for exercise, _tier in matches]
    if as_json:
        import json

        print(json.dumps([_exercise_json(e) for e in found], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not found:
        print("No exercises match.", file=sys.stderr)
        return EXIT_OK
    from .model import Step

    id_width = min(48, max(len(e.full_id) for e in found))
    name_width = min(40, max(len(e.name) for e in found))
    current = None
    for exercise, tier in matches:
        # Best match first, under what matched; the whole catalog by phase.
        heading = exercise.phase.label if tier is None else tier.heading
        if heading != current:
            current = heading
            print(f"\n{current.upper()}")
        dose = Step(exercise=exercise.full_id).resolve(exercise, _no_defaults()).describe()
        print(
            f"  {exercise.full_id:<{id_width}}  {exercise.name:<{name_width}}  L{exercise.level}  {dose}"
        )
    from .wording import count

    print(f"\n{count(len(found), 'exercise')}")
    return EXIT_OK


def _no_defaults():
    from .model import SessionDefaults

    return SessionDefaults()


def _exercise_json(exercise) -> dict:
    return {
        "id": exercise.full_id,
        "name": exercise.name,
        "phase": exercise.phase.value,
        "plugin": exercise.namespace,
        "summary": exercise.summary,
        "targets": list(exercise.targets),
        "equipment": list(exercise.equipment),
        "dose": exercise.dose.as_dict(),
        "level": exercise.level,
        "progresses": exercise.progresses_full_id,
    }


def cmd_templates() -> int:
    catalog = _catalog()
    _report_broken(catalog)
    templates = catalog.templates()
    if not templates:
        print("No templates installed.", file=sys.stderr)
        return EXIT_OK
    from .errors import SessionError
    from .sessionfile import parse_session

    width = max(len(name) for name in templates)
    for name, template in sorted(templates.items()):
        try:
            session = parse_session(template.text(), template.filename)
            title = session.title or "(untitled)"
        except SessionError as error:
            title = f"(invalid: {error.problems[0].message})"
        print(f"{name:<{width}}  {title}  [{template.plugin}]")
    for info in catalog.plugins:
        for warning in info.warnings:
            if "template" in warning:
                print(f"warning: plugin {info.name!r}: {warning}", file=sys.stderr)
    return EXIT_OK


def cmd_new(path: Path, template_name: str | None, force: bool) -> int:
    from .errors import UsageError
    from .model import Session
    from .sessionfile import parse_session, save_session

    if path.exists() and not force:
        raise UsageError(f"{path} already exists (use --force to overwrite)")
    if path.suffix != ".toml":
        raise UsageError(f"{path}: session files end in .toml")
    catalog = _catalog()
    if template_name:
        templates = catalog.templates()
        template = templates.get(template_name)
        if template is None:
            import difflib

            close = difflib.get_close_matches(template_name, list(templates), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; see 'glute templates'"
            raise UsageError(f"no template named {template_name!r}{hint}")
        session = parse_session(template.text(), template.filename)
        session.leading_comments = []
    else:
        session = Session(title=path.stem.replace("-", " ").replace("_", " ").capitalize())
    if path.parent and not path.parent.exists():
        raise UsageError(f"{path.parent} does not exist")
    save_session(session, path, catalog.names())
    print(f"Wrote {path}. Next: 'glute edit {path}' or 'glute run {path}'.")
    return EXIT_OK
