"""A small, fixed catalog for the SVG snapshots.

The snapshots show the UI, so they must not change when the exercise packs'
text or the program's version does: they are drawn from these few
exercises and templates, written for the purpose, with a fixed version.
"""

from __future__ import annotations

from types import SimpleNamespace

from composer import Dose, Evidence, Exercise, hookimpl
from composer.catalog.manager import Catalog

VERSION = "9.9.9"

_PACKS: dict[str, list[Exercise]] = {
    "rolling": [
        Exercise(
            id="glute-ball-roll",
            name="Glute ball roll",
            phase="roll",
            summary="Sit on a ball under one buttock and roll slowly over the tender spots.",
            instructions=("1. Sit on the ball.", "2. Roll slowly.", "3. Pause on tender spots."),
            cues=("Breathe out", "Slow"),
            targets=("gluteus maximus",),
            equipment=("massage ball",),
            dose=Dose(duration_s=60, sides="each"),
            evidence=(Evidence(muscle="fixture", mvic_percent="10", source="Fixture 2000"),),
        ),
        Exercise(
            id="foam-roller-quads",
            name="Foam roller quads",
            phase="roll",
            summary="Face down on a roller under the thighs.",
            equipment=("foam roller",),
            dose=Dose(duration_s=60),
        ),
    ],
    "stretch": [
        Exercise(
            id="half-kneeling-hip-flexor",
            name="Half-kneeling hip flexor stretch",
            phase="stretch",
            summary="One knee down, tuck the pelvis and shift forward.",
            instructions=("1. Kneel on one knee.", "2. Tuck the pelvis.", "3. Shift forward."),
            cues=("Tuck", "Tall"),
            targets=("iliopsoas", "rectus femoris"),
            equipment=("mat",),
            dose=Dose(sets=2, duration_s=30, sides="each"),
            cautions=("Pad the knee.",),
        ),
        Exercise(
            id="piriformis",
            name="Piriformis stretch",
            phase="cooldown",
            summary="On your back, ankle over knee, pull the thigh in.",
            dose=Dose(duration_s=30, sides="each"),
        ),
    ],
    "activation": [
        Exercise(
            id="prone-glute-squeeze",
            name="Prone glute squeeze",
            phase="activate",
            summary="Face down, squeeze the buttocks and hold.",
            instructions=("1. Lie face down.", "2. Squeeze one side.", "3. Hold, then relax."),
            cues=("Squeeze", "Relax"),
            targets=("gluteus maximus",),
            equipment=("mat",),
            dose=Dose(sets=3, reps=15, hold_s=3, relax_s=2, sides="alternating", rest_s=30),
            progresses="gluteal-recruitment",
        ),
        Exercise(
            id="gluteal-recruitment",
            name="Gluteal recruitment",
            phase="activate",
            summary="Face down, squeeze, then lift the leg a little.",
            cues=("Squeeze first", "Lift a hand's width"),
            targets=("gluteus maximus",),
            equipment=("mat",),
            dose=Dose(sets=2, reps=10, hold_s=3, relax_s=2, sides="each", rest_s=30),
            level=2,
        ),
        Exercise(
            id="clamshell",
            name="Clamshell",
            phase="activate",
            summary="On your side, knees bent, open the top knee.",
            targets=("gluteus medius",),
            equipment=("mat",),
            dose=Dose(sets=2, reps=15, sides="each", rest_s=30),
        ),
    ],
    "stability": [
        Exercise(
            id="glute-bridge",
            name="Glute bridge",
            phase="stabilize",
            summary="On your back, press through the feet and lift the hips.",
            instructions=("1. Knees bent.", "2. Lift the hips.", "3. Hold, then roll down."),
            cues=("Squeeze, then lift",),
            targets=("gluteus maximus", "hamstrings"),
            equipment=("mat",),
            dose=Dose(sets=3, reps=10, hold_s=3, relax_s=2, sides="both", rest_s=30),
            progresses="single-leg-bridge",
        ),
        Exercise(
            id="single-leg-bridge",
            name="Single-leg bridge",
            phase="stabilize",
            summary="The bridge on one foot.",
            dose=Dose(sets=2, reps=8, sides="each", rest_s=30),
            level=2,
        ),
        Exercise(
            id="side-plank",
            name="Side plank",
            phase="stabilize",
            summary="On one elbow, hips up in a straight line.",
            dose=Dose(sets=2, duration_s=20, sides="each", rest_s=20),
        ),
    ],
}

_TEMPLATES = [
    """title = "Fixture wake-up"
description = "A short session for the snapshots."

[[blocks]]
title = "Unlock"

[[blocks.steps]]
exercise = "rolling/glute-ball-roll"

[[blocks]]
title = "Wake"

[[blocks.steps]]
exercise = "activation/prone-glute-squeeze"
""",
    """title = "Fixture bridge ladder"
description = "Both feet, then one."

[[blocks]]
title = "Ladder"

[[blocks.steps]]
exercise = "stability/glute-bridge"

[[blocks.steps]]
exercise = "stability/single-leg-bridge"
""",
]


def _pack(name: str, exercises: list[Exercise]) -> SimpleNamespace:
    @hookimpl
    def composer_exercises() -> list[Exercise]:
        return list(exercises)

    hooks = {"composer_exercises": composer_exercises}
    if name == "stability":

        @hookimpl
        def composer_templates() -> list[str]:
            return list(_TEMPLATES)

        hooks["composer_templates"] = composer_templates
    return SimpleNamespace(**hooks)


def snapshot_catalog() -> Catalog:
    """The fixture packs, each at version `VERSION`; nothing installed loads."""
    catalog = Catalog()
    for name, exercises in _PACKS.items():
        catalog.register_module(name, _pack(name, exercises), version=VERSION, first_party=True)
    return catalog
