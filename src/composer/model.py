"""The session model: exercises, doses, sessions, blocks and steps.

Plain Python with no UI imports. Plugins build `Exercise` and `Dose`; the
session reader builds `Session`, `Block` and `Step`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from enum import Enum, StrEnum
from typing import Any, Literal

__all__ = [
    "BUILTIN_DEFAULTS",
    "SCHEMA_VERSION",
    "SELF_PACED_REP_ESTIMATE_S",
    "Block",
    "Dose",
    "Evidence",
    "Exercise",
    "Phase",
    "PhaseValue",
    "ResolvedDose",
    "Session",
    "SessionDefaults",
    "Sides",
    "SidesValue",
    "Step",
]

SCHEMA_VERSION = 1

# Seconds we assume a self-paced rep takes when estimating a session's length.
SELF_PACED_REP_ESTIMATE_S = 3.0

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\Z")


class Phase(StrEnum):
    """Where an exercise sits in the protocol, in protocol order."""

    ROLL = "roll"
    MOBILIZE = "mobilize"
    STRETCH = "stretch"
    ACTIVATE = "activate"
    STABILIZE = "stabilize"
    INTEGRATE = "integrate"
    COOLDOWN = "cooldown"

    @property
    def order(self) -> int:
        return list(Phase).index(self)

    @property
    def label(self) -> str:
        return _PHASE_LABELS[self]

    def __str__(self) -> str:
        return self.value


_PHASE_LABELS = {
    Phase.ROLL: "Roll",
    Phase.MOBILIZE: "Mobilize",
    Phase.STRETCH: "Stretch",
    Phase.ACTIVATE: "Activate",
    Phase.STABILIZE: "Stabilize",
    Phase.INTEGRATE: "Integrate",
    Phase.COOLDOWN: "Cool down",
}


class Sides(StrEnum):
    """How a step treats the left and right side of the body.

    `both`: one bout works both sides at once (or has no side).
    `each`: every set is done on the left, then (after a switch) on the right.
    `alternating`: reps alternate left and right within a set.
    """

    BOTH = "both"
    EACH = "each"
    ALTERNATING = "alternating"

    def __str__(self) -> str:
        return self.value


# The plain string values `Exercise(phase=...)` and `Dose(sides=...)` accept.
PhaseValue = Literal[
    "roll", "mobilize", "stretch", "activate", "stabilize", "integrate", "cooldown"
]
SidesValue = Literal["both", "each", "alternating"]


def _coerce_enum(enum: type[Enum], value: Any, what: str) -> Any:
    if value is None or isinstance(value, enum):
        return value
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValueError(f"{what} must be one of {allowed}, not {value!r}") from None


def _lines(value: Any) -> tuple[Any, ...]:
    """A tuple from a list, tuple or other iterable; one string is one line."""
    if isinstance(value, str):
        return (value,)
    return tuple(value)


# Fields of a dose, in the order they are written to files.
DOSE_FIELDS = (
    "sets",
    "reps",
    "duration_s",
    "hold_s",
    "rep_s",
    "relax_s",
    "sides",
    "rest_s",
    "switch_s",
)

_NO_DOSE = dict.fromkeys(DOSE_FIELDS)


@dataclass(frozen=True, init=False)
class Dose:
    """A dose: how much of an exercise to do. Every field is optional.

    Give `reps` or `duration_s`, not both. A rep is held for `hold_s`
    seconds (then `relax_s` to let go), or lasts `rep_s` seconds (tempo);
    with neither, reps are self-paced and the timer waits for "done".
    `sides` takes a `Sides` or its plain value (``"each"``).
    """

    sets: int | None
    reps: int | None
    duration_s: float | None
    hold_s: float | None
    rep_s: float | None
    relax_s: float | None
    sides: Sides | None
    rest_s: float | None
    switch_s: float | None

    def __init__(
        self,
        *,
        sets: int | None = None,
        reps: int | None = None,
        duration_s: float | None = None,
        hold_s: float | None = None,
        rep_s: float | None = None,
        relax_s: float | None = None,
        sides: Sides | SidesValue | None = None,
        rest_s: float | None = None,
        switch_s: float | None = None,
    ) -> None:
        if sides is not None and type(sides) is not Sides:
            sides = _coerce_enum(Sides, sides, "sides")
        # One update of the instance's fields (the class is frozen to others).
        self.__dict__.update(
            sets=sets,
            reps=reps,
            duration_s=duration_s,
            hold_s=hold_s,
            rep_s=rep_s,
            relax_s=relax_s,
            sides=sides,
            rest_s=rest_s,
            switch_s=switch_s,
        )
        self._check()

    @classmethod
    def _from_checked(cls, values: dict[str, Any]) -> Dose:
        """A dose of values the session reader has checked already, by the
        spec's bounds (stricter than `_check`'s, as a test makes sure), with
        `sides` a `Sides`: no second check for every step of a file."""
        dose = object.__new__(cls)
        dose.__dict__.update(_NO_DOSE, **values)
        return dose

    def _check(self) -> None:
        if self.reps is not None and self.duration_s is not None:
            raise ValueError("a dose has reps or duration_s, not both")
        for name, value in (("sets", self.sets), ("reps", self.reps)):
            if value is None or (type(value) is int and value >= 1):
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a whole number of at least 1")
        for name, seconds in (
            ("duration_s", self.duration_s),
            ("hold_s", self.hold_s),
            ("rep_s", self.rep_s),
            ("relax_s", self.relax_s),
            ("rest_s", self.rest_s),
            ("switch_s", self.switch_s),
        ):
            if seconds is None or (type(seconds) is float and seconds >= 0):
                continue
            if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
                raise ValueError(f"{name} must be a number of seconds, at least 0")

    def as_dict(self) -> dict[str, Any]:
        """The fields that are set, with plain values (for JSON and TOML)."""
        out: dict[str, Any] = {}
        for name in DOSE_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = value.value if isinstance(value, Enum) else value
        return out


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """One published figure about an exercise, e.g. muscle activity in %MVIC."""

    muscle: str
    source: str
    mvic_percent: str | None = None  # e.g. "81 ± 42" or "40–54"
    note: str | None = None

    def describe(self) -> str:
        parts = [self.muscle]
        if self.mvic_percent:
            parts.append(f"{self.mvic_percent} %MVIC")
        text = ": ".join(parts)
        if self.note:
            text += f" ({self.note})"
        return f"{text}. {self.source}"


@dataclass(frozen=True, init=False)
class Exercise:
    """An exercise a plugin provides. Build it with keyword arguments.

    `id` is a slug unique within the plugin; the full id that session files
    use is ``"<plugin namespace>/<id>"``. `phase` accepts a `Phase` or its
    plain value (``"activate"``); the text fields that hold several lines
    accept any sequence of strings (a list or a tuple) and are kept as
    tuples.
    """

    id: str
    name: str
    phase: Phase
    summary: str
    instructions: tuple[str, ...]
    cues: tuple[str, ...]
    targets: tuple[str, ...]
    equipment: tuple[str, ...]
    dose: Dose
    level: int
    progresses: str | None
    cautions: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    source: str
    # Filled in by the plugin manager: the plugin namespace it came from.
    namespace: str

    def __init__(
        self,
        *,
        id: str,
        name: str,
        phase: Phase | PhaseValue,
        summary: str = "",
        instructions: Iterable[str] = (),
        cues: Iterable[str] = (),
        targets: Iterable[str] = (),
        equipment: Iterable[str] = (),
        dose: Dose | None = None,
        level: int = 1,
        progresses: str | None = None,
        cautions: Iterable[str] = (),
        evidence: Iterable[Evidence] = (),
        source: str = "",
        namespace: str = "",
    ) -> None:
        coerced = _coerce_enum(Phase, phase, "phase")
        if coerced is None:
            raise ValueError("phase is required")
        if isinstance(dose, dict):  # accepted for convenience: Dose(**dose)
            dose = Dose(**dose)
        values: dict[str, Any] = {
            "id": id,
            "name": name,
            "phase": coerced,
            "summary": summary,
            "instructions": _lines(instructions),
            "cues": _lines(cues),
            "targets": _lines(targets),
            "equipment": _lines(equipment),
            "dose": Dose() if dose is None else dose,
            "level": level,
            "progresses": progresses,
            "cautions": _lines(cautions),
            "evidence": _lines(evidence),
            "source": source,
            "namespace": namespace,
        }
        for key, value in values.items():
            object.__setattr__(self, key, value)
        self.check()

    def check(self) -> None:
        """Raise ValueError naming the first thing wrong with this exercise."""
        if not isinstance(self.id, str) or not _SLUG.match(self.id):
            raise ValueError(f"id {self.id!r} must be a slug: lower-case letters, digits and '-'")
        if not isinstance(self.name, str) or not self.name.strip() or len(self.name) > 120:
            raise ValueError(f"exercise {self.id!r}: name must be 1 to 120 characters")
        if not isinstance(self.summary, str) or len(self.summary) > 300:
            raise ValueError(
                f"exercise {self.id!r}: summary must be text of at most 300 characters"
            )
        for name in ("instructions", "cues", "targets", "equipment", "cautions"):
            for item in getattr(self, name):
                if not isinstance(item, str):
                    raise ValueError(f"exercise {self.id!r}: {name} must be a list of text")
        if not isinstance(self.dose, Dose):
            raise ValueError(f"exercise {self.id!r}: dose must be a Dose")
        if (
            isinstance(self.level, bool)
            or not isinstance(self.level, int)
            or not 1 <= self.level <= 5
        ):
            raise ValueError(f"exercise {self.id!r}: level must be 1 to 5")
        if self.progresses is not None and not isinstance(self.progresses, str):
            raise ValueError(f"exercise {self.id!r}: progresses must be an exercise id")
        for item in self.evidence:
            if not isinstance(item, Evidence):
                raise ValueError(f"exercise {self.id!r}: evidence must be Evidence objects")

    @property
    def full_id(self) -> str:
        return f"{self.namespace}/{self.id}" if self.namespace else self.id

    @property
    def progresses_full_id(self) -> str | None:
        """The full id of the easier exercise this one builds on, if any."""
        if not self.progresses:
            return None
        if "/" in self.progresses:
            return self.progresses
        return f"{self.namespace}/{self.progresses}"

    def with_namespace(self, namespace: str) -> Exercise:
        return replace(self, namespace=namespace)


@dataclass(frozen=True, kw_only=True)
class SessionDefaults:
    """The optional `[defaults]` table of a session file."""

    rest_s: float | None = None
    switch_s: float | None = None
    transition_s: float | None = None
    relax_s: float | None = None


# The last fallback of every dose field (numbers, and a `Sides`).
BUILTIN_DEFAULTS: dict[str, Any] = {
    "sets": 1,
    "sides": Sides.BOTH,
    "rest_s": 30.0,
    "switch_s": 5.0,
    "transition_s": 10.0,
    "relax_s": 2.0,
    "duration_s": 30.0,
}


@dataclass(frozen=True)
class ResolvedDose:
    """A complete dose after step → exercise → session defaults → built-ins."""

    sets: int
    reps: int | None
    duration_s: float | None
    hold_s: float | None
    rep_s: float | None
    relax_s: float
    sides: Sides
    rest_s: float
    switch_s: float

    @property
    def self_paced(self) -> bool:
        return self.reps is not None and self.hold_s is None and self.rep_s is None

    def describe(self) -> str:
        """A short human line such as ``3 × 15 reps · hold 3 s · alternating``."""
        if self.reps is not None:
            work = f"{self.reps} reps"
        else:
            work = format_seconds(self.duration_s or 0)
        text = f"{self.sets} × {work}" if self.sets > 1 else work
        if self.reps is not None:
            if self.hold_s is not None:
                text += f" · hold {format_seconds(self.hold_s)}"
            elif self.rep_s is not None:
                text += f" · {format_seconds(self.rep_s)}/rep"
            else:
                text += " · self-paced"
        if self.sides is Sides.EACH:
            text += " · each side"
        elif self.sides is Sides.ALTERNATING:
            text += " · alternating sides"
        if self.sets > 1:
            text += f" · rest {format_seconds(self.rest_s)}"
        return text


@dataclass(kw_only=True)
class Step:
    """One exercise in a block, with the dose fields the file sets."""

    exercise: str
    name: str | None = None
    dose: Dose = field(default_factory=Dose)
    note: str | None = None
    # Where the step was read from: a callable giving its line, for messages.
    origin: Any = field(default=None, compare=False, repr=False)
    # Whether `name` is the user's own label (True) or the catalog's name for
    # the exercise (False). None until known: a name read from a file may be
    # either, and is kept as written until `Session.settle_names` compares it
    # with the catalog.
    own_name: bool | None = field(default=None, compare=False)

    def display_name(self, exercise: Exercise | None) -> str:
        """The name to show and to save: the user's own label, else the
        catalog's name, else the name the file saved, else the id."""
        if self.name and self.own_name is not False:
            return self.name
        if exercise is not None:
            return exercise.name
        return self.name or self.exercise

    @property
    def line(self) -> int | None:
        """The line of the file the step was read from, if known."""
        return self.origin() if callable(self.origin) else None

    def resolve(self, exercise: Exercise | None, defaults: SessionDefaults) -> ResolvedDose:
        """Fill every dose field: step → exercise default → `[defaults]` → built-in.

        Work is one unit: a step that gives `reps` also decides how they are
        timed (`hold_s`, `rep_s`, or neither: self-paced); one that leaves
        `reps` out takes the exercise's reps with their hold or tempo.
        """
        layers: list[Dose] = [self.dose]
        if exercise is not None:
            layers.append(exercise.dose)

        def pick(name: str, fallback: Any = None) -> Any:
            for layer in layers:
                value = getattr(layer, name)
                if value is not None:
                    return value
            default = getattr(defaults, name, None)
            if default is not None:
                return default
            return BUILTIN_DEFAULTS.get(name, fallback)

        # Work is reps or a duration, decided by the first layer that says.
        reps = duration = None
        work_layer: Dose | None = None
        for layer in layers:
            if layer.reps is not None or layer.duration_s is not None:
                reps, duration, work_layer = layer.reps, layer.duration_s, layer
                break
        if work_layer is None:
            duration = BUILTIN_DEFAULTS["duration_s"]
        hold = rep_s = None
        if reps is not None:
            # A held rep or a tempo, decided by the first layer that says.
            # A layer that gives reps with neither makes them self-paced,
            # even over an exercise whose default holds them.
            for layer in layers:
                if layer.hold_s is not None or layer.rep_s is not None:
                    hold, rep_s = layer.hold_s, layer.rep_s
                    break
                if layer.reps is not None:
                    break
        return ResolvedDose(
            sets=pick("sets"),
            reps=reps,
            duration_s=float(duration) if duration is not None else None,
            hold_s=float(hold) if hold is not None else None,
            rep_s=float(rep_s) if rep_s is not None else None,
            relax_s=float(pick("relax_s")),
            sides=pick("sides"),
            rest_s=float(pick("rest_s")),
            switch_s=float(pick("switch_s")),
        )


@dataclass(kw_only=True)
class Block:
    title: str = ""
    rounds: int = 1
    rest_s: float = 0.0
    steps: list[Step] = field(default_factory=list)


@dataclass(kw_only=True)
class Session:
    schema_version: int = SCHEMA_VERSION
    title: str = ""
    description: str = ""
    author: str = ""
    tags: list[str] = field(default_factory=list)
    requires: list[str] = field(default_factory=list)
    defaults: SessionDefaults = field(default_factory=SessionDefaults)
    blocks: list[Block] = field(default_factory=list)
    # Comment lines at the top of the file (e.g. a ``#:schema`` line), kept on save.
    leading_comments: list[str] = field(default_factory=list, compare=False)

    def steps(self) -> list[Step]:
        return [step for block in self.blocks for step in block.steps]

    def settle_names(self, lookup: Callable[[str], Exercise | None]) -> None:
        """Decide for each step whether its name is the user's own label:
        a name equal to the catalog's name for the exercise is not. Steps
        whose exercise `lookup` does not know keep their name as written."""
        for step in self.steps():
            exercise = lookup(step.exercise)
            if step.name is None:
                step.own_name = False
            elif exercise is not None:
                step.own_name = step.name != exercise.name

    def transition_s(self) -> float:
        value = self.defaults.transition_s
        return float(BUILTIN_DEFAULTS["transition_s"] if value is None else value)


def format_seconds(seconds: float) -> str:
    """`90` → ``1 min 30 s``; `3` → ``3 s``; `2.5` → ``2.5 s``."""
    if seconds < 60:
        if float(seconds).is_integer():
            return f"{int(seconds)} s"
        return f"{seconds:g} s"
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if secs:
        parts.append(f"{secs} s")
    return " ".join(parts)


def format_clock(seconds: float) -> str:
    """`75` → ``1:15``; `3725` → ``1:02:05``."""
    total = max(0, int(seconds + 0.999))  # round up, so 0.2 s left still shows 0:01
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def dose_field_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Dose))
