"""The `glute` command line.

Commands that draw no TUI never import Textual, so they start fast.
Exit codes: 0 success, 1 invalid input, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from composer import __version__

# The phases in protocol order (composer.model.Phase; a test keeps them equal).
PHASES = ("roll", "mobilize", "stretch", "activate", "stabilize", "integrate", "cooldown")

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

# The commands, in the order the parser lists them (a test keeps them equal).
COMMANDS = (
    "edit",
    "run",
    "serve",
    "new",
    "validate",
    "show",
    "exercises",
    "templates",
    "export",
    "schema",
    "history",
    "advise",
    "due",
    "remind",
    "plugins",
)


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width as
    `shutil.get_terminal_size` would: argparse makes a formatter for every
    option it is given, and finds the width through shutil, which imports
    the compression modules: a tenth of a plain command's imports."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
        **kwargs,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width, **kwargs)


def _terminal_columns() -> int:
    import os

    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Parser(argparse.ArgumentParser):
    """argparse, with its error messages escaped: they quote the command
    line, where a file name from a glob may hold escape sequences."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        from composer.safetext import visible

        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {visible(message)}\n")


def _command_of(argv: Sequence[str]) -> str | None:
    """The command a command line plainly names (its first word after
    ``--debug``), "" for ``--version``, or None when it takes the whole
    parser to tell (``--help``, a mistake, nothing)."""
    for word in argv:
        if word == "--debug":
            continue
        if word == "--version":
            return ""
        return word if word in COMMANDS else None
    return None


class _Skipped:
    """Stands for the parser of a command that is not on the command line:
    takes the calls that build it, and keeps nothing."""

    def add_argument(self, *_args: object, **_options: object) -> None:
        return None

    def add_subparsers(self, *_args: object, **_options: object) -> _Skipped:
        return self

    def add_parser(self, *_args: object, **_options: object) -> _Skipped:
        return self


class _OnlyOne:
    """The commands' subparsers, of which only `name` is really made: the
    others would be built to be thrown away (a third of the parser's cost)."""

    def __init__(self, commands, name: str):
        self._commands = commands
        self._name = name

    def add_parser(self, name: str, **options):
        if name == self._name:
            return self._commands.add_parser(name, **options)
        return _Skipped()


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `only`, the parser of that command
    alone (and "": of none), which parses its command line the same way."""
    # argparse asks gettext for each of its messages as each parser and
    # option is made, and gettext looks for a translation file on disk
    # every time: the answer does not change within one run. Remembered
    # while the parser is built, this is a third of its cost.
    import functools

    translate = argparse._  # type: ignore[attr-defined]
    argparse._ = functools.cache(translate)  # type: ignore[attr-defined]
    try:
        return _build_parser(only)
    finally:
        argparse._ = translate  # type: ignore[attr-defined]


def _build_parser(only: str | None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="glute",
        description="Compose, share and run glute-activation sessions.",
        epilog="Run 'glute' alone to open the composer. This app is not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"glute-composer {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    if only is not None:
        commands = _OnlyOne(commands, only)  # type: ignore[assignment]

    edit = commands.add_parser("edit", help="open FILE in the composer (created on first save)")
    edit.add_argument("file", type=Path)
    run = commands.add_parser("run", help="open FILE straight on the timer screen")
    run.add_argument("file", type=Path)
    run.add_argument(
        "--plain", action="store_true", help="plain text lines, no screen (when not a terminal too)"
    )
    run.add_argument("--voice", action="store_true", default=None, help="speak the cues")
    run.add_argument(
        "--notify", action="store_true", default=None, help="desktop notifications at each change"
    )
    run.add_argument(
        "--wait", action="store_true", default=None, help="hold each get-ready until you say go"
    )
    serve = commands.add_parser("serve", help="the composer in a web browser (textual-serve)")
    serve.add_argument("file", type=Path, nargs="?", help="session to open")
    serve.add_argument("--run", action="store_true", help="open FILE on the timer")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    run.add_argument("--resume", action="store_true", help="continue the interrupted run of FILE")
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
    export = commands.add_parser(
        "export", help="write a printable handout of FILE: .html or .md, by OUT's suffix"
    )
    export.add_argument("file", type=Path)
    export.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help="OUT.html or OUT.md"
    )
    commands.add_parser("schema", help="print the JSON Schema of the session file format")
    history = commands.add_parser("history", help="past runs: date, session, minutes, check-in")
    history.add_argument("--json", action="store_true", help="print JSON")
    history.add_argument("--since", metavar="DATE", help="from DATE (YYYY-MM-DD, or 7d, 2w)")
    advise = commands.add_parser("advise", help="protocol advice for a session (exit 0)")
    advise.add_argument("file", type=Path)
    advise.add_argument("--json", action="store_true", help="print JSON, with each edit")
    _reminder_parsers(commands)

    plugins = commands.add_parser("plugins", help="list, install, remove or start plugins")
    actions = plugins.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help="every plugin: name, version, exercises, status")
    install = actions.add_parser("install", help="install plugin packages with pip")
    install.add_argument("names", nargs="*", metavar="NAME")
    install.add_argument("-U", "--upgrade", action="store_true")
    install.add_argument(
        "--for",
        dest="for_file",
        type=Path,
        metavar="FILE",
        help="install what the session FILE requires and this machine lacks",
    )
    install.add_argument(
        "-y", "--yes", action="store_true", help="with --for: install without asking"
    )
    uninstall = actions.add_parser("uninstall", help="remove plugin packages with pip")
    uninstall.add_argument("names", nargs="+", metavar="NAME")
    scaffold = actions.add_parser("new", help="write a new plugin project that passes its own test")
    scaffold.add_argument("name", metavar="NAME")
    scaffold.add_argument(
        "--directory", type=Path, help="where to write it (default: ./glute-composer-NAME)"
    )
    return parser


def _reminder_parsers(commands) -> None:
    due = commands.add_parser("due", help="exit 0 and say so when a session is due, else exit 1")
    due.add_argument("--notify", action="store_true", help="also send a desktop notification")
    due.add_argument("--at", metavar="TIME", help="check as if it were TIME (2025-03-03T13:05)")
    remind = commands.add_parser("remind", help="install or remove the reminder scheduler entry")
    remind.add_argument("action", choices=("install", "remove"))
    remind.add_argument(
        "--scheduler", choices=("systemd", "launchd", "cron"), help="default: found on this system"
    )


def entry() -> int:
    """The `glute` program: `main` on the process's command line.

    The garbage collector is held off while the program starts: imports,
    the parser, the catalog and a screen's first frame make many objects
    and almost no garbage, and the collector would walk them all again and
    again (a tenth of the time to the composer's first frame). What runs
    for long turns it back on (`collect_from_now`): the full-screen app
    once its first frame is drawn, `run --plain` and `serve` as they
    start. As the process is about to end, what it made is frozen out of
    the collector's way: the interpreter's last full collection would walk
    it all for nothing."""
    import gc

    gc.disable()
    code = main()
    gc.freeze()
    return code


def collect_from_now() -> None:
    """The garbage collector on again, for a command that runs for long
    (`entry` holds it off while the program starts)."""
    import gc

    gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = _parser(_command_of(argv))
    args = parser.parse_args(argv)
    # Imported only now, so that --version and --help stay fast.
    from composer.errors import ComposerError, SessionError, UsageError
    from composer.safetext import visible

    _escape_python_reports()
    try:
        return _dispatch(args, parser)
    except SessionError as error:
        _print_problems(error.problems)
        return EXIT_INVALID
    except UsageError as error:
        print(f"glute: error: {visible(error)}", file=sys.stderr)
        return EXIT_USAGE
    except ComposerError as error:
        print(f"glute: error: {visible(error)}", file=sys.stderr)
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
            f"glute: internal error: {type(error).__name__}: {visible(error)} "
            "(run with --debug for details)",
            file=sys.stderr,
        )
        return 3


def _escape_python_reports() -> None:
    """Python's own reports on stderr (a warning, an exception ignored in a
    finaliser) quote plugin code: its messages, its objects' names, its
    source lines. Show them through `visible` too."""
    import warnings

    from composer.safetext import visible

    if getattr(warnings.formatwarning, "escaped", False):
        return
    plain_format = warnings.formatwarning

    def formatwarning(*args, **kwargs) -> str:
        return visible(plain_format(*args, **kwargs), multiline=True)

    formatwarning.escaped = True  # type: ignore[attr-defined]
    warnings.formatwarning = formatwarning

    def unraisablehook(unraisable) -> None:
        try:
            import traceback

            try:
                about = repr(unraisable.object)
            except BaseException:
                about = "an object of a plugin"
            lines = [f"{unraisable.err_msg or 'Exception ignored in'}: {about}\n"]
            lines += traceback.format_exception(
                unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback
            )
            sys.stderr.write(visible("".join(lines), multiline=True))
        except BaseException:
            pass  # late in shutdown, or the report itself is hostile: say nothing

    sys.unraisablehook = unraisablehook


def _dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    command = args.command
    if command is None:
        return _tui(None, run=False)
    if command == "edit":
        return _tui(args.file, run=False)
    if command == "run":
        return cmd_run(args)
    if command == "serve":
        from composer.cli.serve import serve

        collect_from_now()
        return serve(args.file, run=args.run, host=args.host, port=args.port)
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
    if command == "export":
        return cmd_export(args.file, args.output)
    if command == "schema":
        import json

        from composer.format.schema import session_schema

        print(json.dumps(session_schema(), indent=2))
        return EXIT_OK
    if command == "plugins":
        from composer.cli import plugins as plugin_commands

        return plugin_commands.run(args)
    if command == "history":
        from composer.cli import history as history_command

        return history_command.run(args)
    if command == "advise":
        from composer.habit.advice import print_advice

        return print_advice(args.file, command_catalog(), as_json=args.json)
    if command in ("due", "remind"):
        from composer.habit import reminders

        return reminders.run(args)
    parser.error(f"unknown command {command}")
    return EXIT_USAGE


def command_catalog(*, index: bool = True):
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


def _report_broken_used(catalog, session) -> None:
    """The broken plugins whose exercises `session` uses: their steps would
    otherwise only read as "missing", though the plugin is installed."""
    used = {step.exercise.split("/", 1)[0] for step in session.steps()}
    for info in catalog.broken:
        if info.name in used:
            _report_broken_one(info)


def _report_broken_one(info) -> None:
    from composer.safetext import visible

    print(
        f"warning: plugin '{visible(info.name)}' is not loaded: {visible(info.error)}",
        file=sys.stderr,
    )


def _report_broken(catalog) -> None:
    for info in catalog.broken:
        _report_broken_one(info)


def _print_problems(problems) -> None:
    """One line per problem; after 50, one line says how many more."""
    from composer.errors import capped

    for problem in capped(list(problems)):
        print(problem, file=sys.stderr)


def _in_browser() -> bool:
    """Run by `glute serve`: Textual talks to the browser through pipes."""
    import os

    return "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")


def _tui(path: Path | None, *, run: bool, config=None, resume: bool = False) -> int:
    from composer.catalog.manager import load_catalog
    from composer.format.reader import load_session
    from composer.format.size import check_size
    from composer.store.config import load_config
    from composer.store.filestate import read_state

    session = None
    catalog = None
    # Fingerprinted before it is read: a change made meanwhile shows at save.
    state = read_state(path)[0] if path is not None else None
    if path is not None and (run or path.exists()):
        # Errors are printed before any screen is drawn, the size among
        # them: a session too large to run is refused before its timeline.
        session = load_session(path)
        if run:
            _refuse_empty(session, path)
        if config is None:
            config = load_config()
        catalog = load_catalog(disabled=config.disabled_plugins)
        check_size(session, catalog.get, str(path))
    if (not sys.stdin.isatty() or not sys.stdout.isatty()) and not _in_browser():
        print(
            "glute: the composer needs a terminal (try 'glute show FILE' instead)", file=sys.stderr
        )
        return EXIT_USAGE
    plan = None
    if run and path is not None and session is not None:
        from composer.run.resume import plan_resume

        plan = plan_resume(path, session, asked=resume)
    from composer.ui.app import make_app

    app = make_app(
        path=path,
        session=session,
        run=run,
        catalog=catalog,
        config=config,
        file_state=state,
        resume=plan,
    )
    app.run()
    return app.return_code or EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    """The timer: full screen, or plain lines with --plain or when stdout
    is not a terminal."""
    from composer.store.config import load_config

    config = load_config()
    for key in ("voice", "notify", "wait"):
        if getattr(args, key):
            config.command_line[key] = True
    if not args.plain and (sys.stdout.isatty() or _in_browser()):
        return _tui(args.file, run=True, config=config, resume=args.resume)
    from composer.catalog.manager import load_catalog
    from composer.format.reader import load_session, missing_exercises
    from composer.format.size import check_size
    from composer.run.cues import CueDispatcher, CueSettings
    from composer.run.plain import PlainRunner, StdinLines
    from composer.run.timeline import compile_timeline
    from composer.safetext import visible

    session = load_session(args.file)
    _refuse_empty(session, args.file)
    for problem in config.problems:
        print(f"warning: {visible(problem)}", file=sys.stderr)
    catalog = load_catalog(disabled=config.disabled_plugins)
    _report_broken(catalog)
    check_size(session, catalog.get, str(args.file))
    _print_problems(missing_exercises(session, catalog.get, str(args.file)))
    tty = sys.stdout.isatty()

    def bell() -> None:
        sys.stdout.write("\a")
        sys.stdout.flush()

    def terminal(sequence: str) -> None:
        sys.stdout.write(sequence)
        sys.stdout.flush()

    cues = CueDispatcher(
        CueSettings.from_config(config),
        bell=bell if tty else None,
        terminal=terminal if tty else None,
        catalog=catalog,
    )
    collect_from_now()
    runner = PlainRunner(
        session,
        compile_timeline(session, catalog.get),
        out=sys.stdout,
        errors=sys.stderr,
        wait_input=StdinLines(),
        cues=cues,
        wait=config.setting("wait"),
        file=args.file,
    )
    return runner.run()


def cmd_validate(files: list[Path], *, quiet: bool = False) -> int:
    from composer.errors import SessionError
    from composer.format.reader import load_session, missing_exercises, missing_requirements
    from composer.format.size import check_size
    from composer.safetext import visible

    catalog = command_catalog()
    status = EXIT_OK
    for path in files:
        try:
            session = load_session(path)
            # Worked out from the doses: no timeline is built to check it.
            size = check_size(session, catalog.get, str(path))
        except SessionError as error:
            _print_problems(error.problems)
            status = EXIT_INVALID
            continue
        _report_broken_used(catalog, session)
        _print_problems(
            missing_requirements(session, str(path))
            + missing_exercises(session, catalog.get, str(path))
            + _empty_warning(session, path)
        )
        if not quiet:
            from composer.model import format_seconds

            steps = len(session.steps())
            about = "about " if size.estimated else ""
            print(
                f"{visible(path)}: ok ({_count(len(session.blocks), 'block')}, "
                f"{_count(steps, 'step')}, {about}{format_seconds(size.seconds)})"
            )
    return status


def _empty_warning(session, path: Path) -> list:
    """A session with no step is valid to edit, but there is nothing to run."""
    from composer.errors import Problem

    if session.steps():
        return []
    return [Problem(str(path), "the session has no steps: nothing to run", warning=True)]


def _refuse_empty(session, path: Path) -> None:
    from composer.errors import Problem, SessionError

    if not session.steps():
        raise SessionError([Problem(str(path), "the session has no steps: nothing to run")])


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def cmd_show(path: Path) -> int:
    from composer.cli.show import render_plan
    from composer.format.reader import load_session
    from composer.format.size import check_size

    catalog = command_catalog()
    session = load_session(path)
    check_size(session, catalog.get, str(path))
    session.settle_names(catalog.get)
    _report_broken_used(catalog, session)
    _warn_missing(session, catalog, path)
    print(render_plan(session, catalog))
    return EXIT_OK


def _warn_missing(session, catalog, path: Path) -> None:
    """One line naming the plugin distributions the file requires and this
    machine lacks, with the command that installs them; without such a line,
    one warning per step whose exercise no plugin provides."""
    from composer.format.reader import missing_exercises, missing_requirements

    requirements = missing_requirements(session, str(path))
    _print_problems(requirements or missing_exercises(session, catalog.get, str(path)))


def cmd_export(path: Path, output: Path) -> int:
    from composer.errors import UsageError
    from composer.format.reader import load_session
    from composer.safetext import visible
    from composer.share.handout import format_for, write_handout

    if format_for(output) is None:
        raise UsageError(f"{visible(output)}: a handout is written as .html or .md")
    catalog = command_catalog()
    session = load_session(path)
    session.settle_names(catalog.get)
    _report_broken_used(catalog, session)
    _warn_missing(session, catalog, path)
    try:
        write_handout(session, catalog.get, output)
    except OSError as error:
        print(f"{visible(output)}: cannot write: {error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Wrote {visible(output)}.")
    return EXIT_OK


def cmd_exercises(phase: str | None, search: str, as_json: bool) -> int:
    catalog = command_catalog()
    _report_broken(catalog)
    matches = catalog.matches(search, phase)
    found = [exercise for exercise, _tier in matches]
    from composer.safetext import json_text, visible

    if as_json:
        print(json_text([_exercise_json(e) for e in found], indent=2))
        return EXIT_OK
    if not found:
        print("No exercises match.", file=sys.stderr)
        return EXIT_OK
    from composer.model import Step

    rows = [(visible(e.full_id), visible(e.name), e, tier) for e, tier in matches]
    id_width = min(48, max(len(row[0]) for row in rows))
    name_width = min(40, max(len(row[1]) for row in rows))
    current = None
    for full_id, name, exercise, tier in rows:
        # Best match first, under what matched; the whole catalog by phase.
        heading = exercise.phase.label if tier is None else tier.heading
        if heading != current:
            current = heading
            print(f"\n{current.upper()}")
        dose = Step(exercise=exercise.full_id).resolve(exercise, _no_defaults()).describe()
        print(f"  {full_id:<{id_width}}  {name:<{name_width}}  L{exercise.level}  {dose}")
    from composer.wording import count

    print(f"\n{count(len(found), 'exercise')}")
    return EXIT_OK


def _no_defaults():
    from composer.model import SessionDefaults

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
    catalog = command_catalog()
    _report_broken(catalog)
    templates = catalog.templates()
    if not templates:
        print("No templates installed.", file=sys.stderr)
        return EXIT_OK
    from composer.errors import SessionError
    from composer.format.reader import parse_session
    from composer.safetext import visible

    width = max(len(visible(name)) for name in templates)
    for name, template in sorted(templates.items()):
        try:
            session = parse_session(template.text(), template.filename)
            title = session.title or "(untitled)"
        except SessionError as error:
            title = f"(invalid: {error.problems[0].message})"
        print(f"{visible(name):<{width}}  {visible(title)}  [{visible(template.plugin)}]")
    for info in catalog.plugins:
        for warning in info.problems:
            if "template" in warning:
                print(
                    f"warning: plugin '{visible(info.name)}': {visible(warning)}", file=sys.stderr
                )
    return EXIT_OK


def cmd_new(path: Path, template_name: str | None, force: bool) -> int:
    from composer.errors import UsageError
    from composer.format.reader import parse_session
    from composer.format.writer import save_session
    from composer.model import Session

    if path.exists() and not force:
        raise UsageError(f"{path} already exists (use --force to overwrite)")
    if path.suffix != ".toml":
        raise UsageError(f"{path}: session files end in .toml")
    catalog = command_catalog()
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
        session.settle_names(catalog.get)
    else:
        session = Session(title=path.stem.replace("-", " ").replace("_", " ").capitalize())
    if path.parent and not path.parent.exists():
        raise UsageError(f"{path.parent} does not exist")
    save_session(session, path, catalog)
    import shlex

    from composer.safetext import visible

    quoted = visible(shlex.quote(str(path)))
    print(f"Wrote {visible(path)}. Next: glute edit {quoted}  (or: glute run {quoted})")
    return EXIT_OK
