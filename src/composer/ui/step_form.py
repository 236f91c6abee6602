"""The dose form: sets, reps or time, hold, tempo, sides, rest and a note for
one step, checked as you type with the same bounds as session files.
An empty field takes the exercise's default, shown greyed in the field."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual.content import Content

from ..model import Dose, Exercise, Session, Sides, Step
from ..safetext import visible
from . import fields
from .forms import Field, FormScreen, check

_SIDES = [
    ("both sides at once", Sides.BOTH.value),
    ("each side in turn", Sides.EACH.value),
    ("alternating sides", Sides.ALTERNATING.value),
]


class StepForm(FormScreen[Step]):
    """Edit the dose and note of `step`; dismisses with the changed copy."""

    def __init__(self, step: Step, exercise: Exercise | None, session: Session) -> None:
        super().__init__()
        self.step = step
        self.exercise = exercise
        self.session = session
        name = exercise.name if exercise else (step.name or step.exercise)
        self.heading = f"Dose of {visible(name)}"

    def _default(self, name: str) -> str:
        if self.exercise is None:
            return "default"
        value = getattr(self.exercise.dose, name)
        if value is None:
            return ""
        shown = fields.show_seconds(value) if name.endswith("_s") else str(value)
        return f"{shown} (default)"

    def fields(self) -> list[Field]:
        dose = self.step.dose
        sides_default = self.exercise.dose.sides if self.exercise else None
        default_label = "as the exercise says"
        if sides_default is not None:
            default_label += f" ({dict((v, k) for k, v in _SIDES)[sides_default.value]})"
        return [
            Field("sets", "Sets", _int(dose.sets), self._default("sets")),
            Field("reps", "Reps", _int(dose.reps), self._default("reps")),
            Field(
                "duration_s", "Time (or reps)", _sec(dose.duration_s), self._default("duration_s")
            ),
            Field("hold_s", "Hold each rep", _sec(dose.hold_s), self._default("hold_s")),
            Field("rep_s", "Tempo, s per rep", _sec(dose.rep_s), self._default("rep_s")),
            Field(
                "sides",
                "Sides",
                dose.sides.value if dose.sides else "",
                kind="select",
                choices=[(default_label, ""), *_SIDES],
            ),
            Field("rest_s", "Rest between sets", _sec(dose.rest_s), self._default("rest_s")),
            Field("note", "Note", self.step.note or "", "shown while you do it", kind="area"),
        ]

    def collect(self, values, problems) -> Step | None:
        sets = check(problems, "sets", lambda: fields.whole_number(values["sets"], "sets"))
        reps = check(problems, "reps", lambda: fields.whole_number(values["reps"], "reps"))
        seconds = {
            name: check(problems, name, partial(fields.seconds, values[name], name))
            for name in ("duration_s", "hold_s", "rep_s", "rest_s")
        }
        note = check(problems, "note", lambda: fields.text(values["note"].strip(), "note"))
        if reps is not None and seconds["duration_s"] is not None:
            problems["duration_s"] = "give reps or a time, not both"
        if seconds["hold_s"] is not None and seconds["rep_s"] is not None:
            problems["rep_s"] = "give a hold or a tempo, not both"
        counts_reps = reps is not None or (
            seconds["duration_s"] is None
            and self.exercise is not None
            and self.exercise.dose.reps is not None
        )
        if self.exercise is None and reps is None and seconds["duration_s"] is None:
            counts_reps = self.step.dose.reps is not None
        for name in ("hold_s", "rep_s"):
            if seconds[name] is not None and not counts_reps and name not in problems:
                problems[name] = "only for reps; this step is timed"
        if problems:
            return None
        sides = values["sides"] or None
        dose = Dose(
            sets=sets,
            reps=reps,
            duration_s=seconds["duration_s"],
            hold_s=seconds["hold_s"],
            rep_s=seconds["rep_s"],
            relax_s=self.step.dose.relax_s if counts_reps else None,
            sides=sides,
            rest_s=seconds["rest_s"],
            switch_s=self.step.dose.switch_s,
        )
        return replace(self.step, dose=dose, note=note or None)

    def preview(self, result: Step | None) -> Content | None:
        if result is None:
            return None
        dose = result.resolve(self.exercise, self.session.defaults).describe()
        return Content.assemble(("Dose: ", "bold"), dose)


def _int(value: int | None) -> str:
    return "" if value is None else str(value)


def _sec(value: float | None) -> str:
    return fields.show_seconds(value)
