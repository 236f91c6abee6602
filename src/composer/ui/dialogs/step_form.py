"""The dose form: sets, reps or time, hold, tempo, sides, rest and a note for
one step, checked as you type with the same bounds as session files.
An empty field takes the exercise's default, shown greyed in the field."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual.content import Content
from textual.widgets import Input

from composer.edit import fields
from composer.model import Dose, Exercise, Session, Sides, Step
from composer.safetext import visible
from composer.ui.dialogs.forms import Field, FormScreen, check

SELF_PACED = "self"
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
                "pace",
                "Pace of the reps",
                SELF_PACED if _self_paced(dose) else "",
                kind="select",
                choices=[(self._timed_label(), ""), ("self-paced: Enter when done", SELF_PACED)],
            ),
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

    def validate(self) -> None:
        super().validate()
        # Self-paced reps have no hold or tempo: say so instead of a default.
        self_paced = self.values().get("pace") == SELF_PACED
        for name in ("hold_s", "rep_s"):
            field = self.query_one(f"#f-{name}", Input)
            field.placeholder = "none: self-paced" if self_paced else self._default(name)

    def _timed_label(self) -> str:
        label = "timed by hold or tempo"
        if self.exercise is None:
            return label
        default = self.exercise.dose
        if default.reps is None:
            return f"{label} (default: a time)"
        if default.hold_s is not None:
            return f"{label} (default: hold {fields.show_seconds(default.hold_s)} s)"
        if default.rep_s is not None:
            return f"{label} (default: {fields.show_seconds(default.rep_s)} s/rep)"
        return f"{label} (default: self-paced)"

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
        for name in ("hold_s", "rep_s"):
            if name in problems and _is_zero(values[name]):
                problems[name] = "for reps with no timer, set Pace to self-paced"
        hold, tempo = seconds["hold_s"], seconds["rep_s"]
        self_paced = values.get("pace") == SELF_PACED
        if self_paced:
            # Reps and nothing else: the file format's way to say self-paced.
            if hold is not None or tempo is not None:
                problems["pace"] = "self-paced reps have no hold or tempo: clear them"
            elif seconds["duration_s"] is not None or not counts_reps:
                problems["pace"] = "self-paced is for reps, not for a time"
            elif reps is None:
                reps = self.step.dose.reps or (self.exercise.dose.reps if self.exercise else None)
                if reps is None:
                    problems["reps"] = "give the reps"
        elif reps is not None and hold is None and tempo is None:
            # Reps typed in, timing left to the default: write the default out,
            # since reps with neither would be self-paced.
            default = self.exercise.dose if self.exercise is not None else self.step.dose
            hold, tempo = default.hold_s, default.rep_s
        if problems:
            return None
        sides = values["sides"] or None
        dose = Dose(
            sets=sets,
            reps=reps,
            duration_s=seconds["duration_s"],
            hold_s=hold,
            rep_s=tempo,
            relax_s=self.step.dose.relax_s if counts_reps and not self_paced else None,
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


def _self_paced(dose: Dose) -> bool:
    """Reps given with neither a hold nor a tempo: self-paced."""
    return dose.reps is not None and dose.hold_s is None and dose.rep_s is None


def _is_zero(text: str) -> bool:
    try:
        return fields.seconds(text, "relax_s") == 0
    except ValueError:
        return False


def _int(value: int | None) -> str:
    return "" if value is None else str(value)


def _sec(value: float | None) -> str:
    return fields.show_seconds(value)
