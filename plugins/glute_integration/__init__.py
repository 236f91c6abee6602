"""Integration: compound, standing movements that put the woken glutes to work.

Once the glutes can be felt in isolation, they must join in whole-body
movement; the nervous system learns movements, not single muscles. Squats,
lateral lunges and step-ups do that, and a band or ankle weight adds
resistance. Do these after activation: trying compound work while the glutes
still lag just rehearses the old pattern.
"""

from composer import Dose, Evidence, Exercise, hookimpl

_AMNESIA = '"Gluteal amnesia" (a movement teacher\'s blog post, 19 June 2017)'
_WONT_FIRE = "\"Why your glutes won't fire\" (a runner's article)"

_SHARP = "Stop on sharp pain in the knee, hip or back."
_VALGUS = "Keep the knees tracking over the toes; never let them cave inward."
_NO_DOSE = "gives no dose; "


def _new_hip(what: str) -> str:
    return f"After a hip replacement, follow your surgeon's movement limits: {what}."


EXERCISES = [
    Exercise(
        id="bodyweight-squat",
        name="Bodyweight squat",
        phase="integrate",
        summary=(
            "Sit the hips back and down, then stand by pushing the floor away. If "
            "you feel it only in the thighs, slow down and think glutes."
        ),
        instructions=(
            "1. Stand with feet a little wider than hips, toes turned slightly out.",
            "2. Push the hips back and bend the knees as if sitting onto a low chair.",
            "3. Go as deep as you can with a long back and heels down.",
            "4. Drive up through the whole foot, squeezing the glutes to finish tall.",
            "5. Take about 3 s for each rep: down slowly, up with intent.",
        ),
        cues=("Hips back", "Knees out", "Squeeze to stand"),
        targets=("gluteus maximus", "quadriceps", "adductors"),
        equipment=(),
        dose=Dose(sets=3, reps=10, rep_s=3, sides="both", rest_s=45),
        level=2,
        cautions=(_SHARP, _VALGUS, _new_hip("go only as deep as they allow")),
        source=f"{_AMNESIA} moves on to compound work after activation and {_WONT_FIRE} "
        "names the squat; neither gives a dose, so 3 × 10 at about 3 s a rep with 45 s "
        "rest is ours.",
    ),
    Exercise(
        id="banded-squat",
        name="Banded squat",
        phase="integrate",
        summary=(
            "The squat with a mini band just above the knees. Pushing the knees out "
            "against it brings the side of the seat into the movement."
        ),
        instructions=(
            "1. Loop a mini band just above the knees; stand with feet a little wider than hips.",
            "2. Press the knees out into the band before you start.",
            "3. Squat down and up as usual, keeping the band tight the whole way.",
            "4. Finish each rep tall with a strong glute squeeze.",
        ),
        cues=("Knees out into the band", "Hips back", "Squeeze to stand"),
        targets=("gluteus maximus", "gluteus medius", "quadriceps"),
        equipment=("mini band",),
        dose=Dose(sets=3, reps=10, rep_s=3, sides="both", rest_s=45),
        level=3,
        progresses="bodyweight-squat",
        cautions=(_SHARP, _VALGUS, _new_hip("go only as deep as they allow")),
        source=f"{_WONT_FIRE} adds a band for resistance but {_NO_DOSE}ours matches the "
        "bodyweight squat (3 × 10, 45 s rest).",
    ),
    Exercise(
        id="lateral-lunge",
        name="Lateral lunge",
        phase="integrate",
        summary=(
            "Step wide to one side and sit back into that hip with the other leg "
            "straight, then push back to the middle."
        ),
        instructions=(
            "1. Stand with feet together.",
            "2. Take a big step to one side and sit the hips back over that foot, "
            "knee bent, other leg straight.",
            "3. Keep the chest up, both feet flat and pointing forward.",
            "4. Push off the bent leg to come back to standing.",
            "5. Finish the reps, then change sides.",
        ),
        cues=("Step wide, sit back", "Knee over the toes", "Push back to centre"),
        targets=("gluteus medius", "gluteus maximus", "adductors", "quadriceps"),
        equipment=(),
        dose=Dose(sets=2, reps=8, rep_s=3, sides="each", rest_s=45),
        level=3,
        cautions=(_SHARP, _VALGUS, _new_hip("the bent side's hip bends deeply")),
        evidence=(
            Evidence(
                muscle="gluteus medius",
                mvic_percent="48 ± 21",
                source="Distefano et al. 2009, JOSPT 39(7):532",
                note="the figure Distefano et al. report for lunges, not one measured in "
                "this lateral lunge; compare only with figures from the same study",
            ),
        ),
        source=f"{_WONT_FIRE} lists lateral lunges for a sleepy seat but {_NO_DOSE}"
        "2 × 8 per side at about 3 s a rep with 45 s rest is ours.",
    ),
    Exercise(
        id="loaded-lateral-lunge",
        name="Lateral lunge with a load",
        phase="integrate",
        summary=(
            "The lateral lunge holding a weight at the chest, or with a band round "
            "the ankles, once 2 × 8 per side is easy."
        ),
        instructions=(
            "1. Hold a dumbbell or kettlebell at the chest, or loop a band round the ankles.",
            "2. Step wide to one side and sit back into that hip, other leg straight.",
            "3. Keep the chest up and the knee in line with the toes.",
            "4. Push back to standing. Finish the reps, then change sides.",
        ),
        cues=("Step wide, sit back", "Chest up", "Knee over the toes"),
        targets=("gluteus medius", "gluteus maximus", "adductors", "quadriceps"),
        equipment=("dumbbell, kettlebell or mini band",),
        dose=Dose(sets=2, reps=8, rep_s=3, sides="each", rest_s=60),
        level=4,
        progresses="lateral-lunge",
        cautions=(
            _SHARP,
            _VALGUS,
            "Start light and add load slowly.",
            _new_hip("the bent side's hip bends deeply"),
        ),
        source=f"{_WONT_FIRE} adds a band or weight for resistance but {_NO_DOSE}ours is "
        "the unloaded lunge's 2 × 8 per side, with a longer 60 s rest.",
    ),
    Exercise(
        id="step-up",
        name="Step-up",
        phase="integrate",
        summary=(
            "Step onto a stair or sturdy box and stand up on that leg, pushing through "
            "the heel so the glute does the lifting."
        ),
        instructions=(
            "1. Stand facing a stair or sturdy step, knee height or lower.",
            "2. Put one whole foot on the step.",
            "3. Lean slightly forward and push through that heel to stand up tall on the step.",
            "4. Lower the other foot back down slowly, same leg still working.",
            "5. Finish the reps, then change legs.",
        ),
        cues=("Whole foot on the step", "Push through the heel", "Down slowly"),
        targets=("gluteus maximus", "gluteus medius", "quadriceps"),
        equipment=("stair or sturdy step",),
        dose=Dose(sets=2, reps=10, rep_s=3, sides="each", rest_s=45),
        level=2,
        cautions=(_SHARP, _VALGUS, "Use a rail or wall for balance."),
        source="Not named in the source posts; added as the closed-chain, weight-bearing "
        f"work that {_WONT_FIRE} asks for, and it mirrors taking the stairs. The dose, "
        "2 × 10 per leg with 45 s rest, is ours.",
    ),
]


@hookimpl
def composer_exercises() -> list[Exercise]:
    return EXERCISES
