"""Stability: the glutes holding the pelvis steady, on two legs, one leg and unstable ground.

Besides driving the hip, the glutes keep the pelvis level and the knee from
caving in. This pack builds that job step by step: the bridge chain (both
feet → marching → one foot → feet on a ball → one foot on a ball), band walks
with the knees kept out, single-leg stance against a band, and planks. %MVIC
figures differ with electrode placement and test, so compare them only
within one study.
"""

from composer import Dose, Evidence, Exercise, hookimpl

_UNLOCK = '"Unlock Your Glutes"'
_WONT_FIRE = "\"Why your glutes won't fire\" (a runner's article)"

_SHARP = "Stop on sharp pain."
_HAMSTRING = "If the hamstrings cramp, bring the heels a little closer to the seat."
_BACK = "Lift with the glutes, not by arching the lower back; ribs stay down."
_VALGUS = "Keep the knees pushed out over the toes; never let them cave inward."
_COMPARE = "compare only with figures from the same study"
_NO_DOSE = "gives no dose; "
_KNEES = (
    "Kneeling: put a folded towel or cushion under the knees for the easier version on the knees."
)

_YOUDAS = (
    Evidence(
        muscle="gluteus medius, stance leg",
        mvic_percent="52 ± 18",
        source="Youdas et al. 2013, Physiother Theory Pract 29(2):113",
        note=_COMPARE,
    ),
    Evidence(
        muscle="gluteus medius, moving leg",
        mvic_percent="35 ± 16",
        source="Youdas et al. 2013, Physiother Theory Pract 29(2):113",
        note=_COMPARE,
    ),
)

EXERCISES = [
    Exercise(
        id="glute-bridge",
        name="Glute bridge",
        phase="stabilize",
        summary=(
            "On your back, knees bent, press through both feet and lift the hips until "
            "knees, hips and shoulders line up. The first rung of the bridge ladder."
        ),
        instructions=(
            "1. Lie on your back, knees bent, feet flat and hip-width apart, arms by your sides.",
            "2. Squeeze the glutes, then press through the heels to lift the hips.",
            "3. Stop when knees, hips and shoulders form a straight line.",
            "4. Hold 3 s at the top, squeezing, then roll down slowly.",
        ),
        cues=("Squeeze, then lift", "Knees to shoulders line", "Hold 3"),
        targets=("gluteus maximus", "gluteus medius", "hamstrings"),
        equipment=("mat",),
        dose=Dose(sets=3, reps=10, hold_s=3, relax_s=2, sides="both", rest_s=30),
        level=1,
        cautions=(_SHARP, _BACK, _HAMSTRING),
        evidence=(
            Evidence(
                muscle="gluteus maximus",
                mvic_percent="25",
                source="Ekstrom et al. 2007, JOSPT 37(12):754",
                note=_COMPARE,
            ),
            Evidence(
                muscle="gluteus medius",
                mvic_percent="28",
                source="Ekstrom et al. 2007, JOSPT 37(12):754",
                note=_COMPARE,
            ),
        ),
        source=f"{_UNLOCK} and {_WONT_FIRE} start the bridge work here; neither gives "
        "a dose, so 3 × 10 with a 3 s top hold, 2 s down and 30 s rest is ours.",
    ),
    Exercise(
        id="marching-bridge",
        name="Marching glute bridge",
        phase="stabilize",
        summary=(
            "Hold the bridge and lift one foot a little off the floor, then the other, "
            "without letting the hips drop or tilt."
        ),
        instructions=(
            "1. Lift into a glute bridge and hold the top.",
            "2. Keeping the hips high and level, lift one foot a few centimetres and hold 2 s.",
            "3. Put it down and lift the other foot.",
            "4. Count each lift; keep the pelvis like a tray that must not spill.",
            "5. Lower the hips at the end of the set.",
        ),
        cues=("Hips high and level", "Lift one foot, hold 2"),
        targets=("gluteus maximus", "gluteus medius", "hamstrings", "core"),
        equipment=("mat",),
        dose=Dose(sets=3, reps=10, hold_s=2, relax_s=1, sides="alternating", rest_s=30),
        level=2,
        progresses="glute-bridge",
        cautions=(_SHARP, _BACK, _HAMSTRING),
        source=f"{_WONT_FIRE} names the marching glute bridge but {_NO_DOSE}"
        "3 sets of 10 marches per side with a 2 s hold and 30 s rest is ours.",
    ),
    Exercise(
        id="single-leg-bridge",
        name="Single-leg bridge",
        phase="stabilize",
        summary=(
            "Bridge on one foot with the other leg held up. The pelvis must stay level "
            "while one glute carries the load."
        ),
        instructions=(
            "1. Lie on your back with knees bent, then lift one foot and hold that "
            "knee above the hip.",
            "2. Press through the heel of the foot on the floor and lift the hips.",
            "3. Keep both sides of the pelvis at the same height.",
            "4. Hold 2 s at the top, lower slowly. Finish the reps, then change sides.",
        ),
        cues=("Press through one heel", "Pelvis level", "Hold 2"),
        targets=("gluteus maximus", "gluteus medius", "hamstrings"),
        equipment=("mat",),
        dose=Dose(sets=3, reps=8, hold_s=2, relax_s=1, sides="each", rest_s=45),
        level=3,
        progresses="marching-bridge",
        cautions=(_SHARP, _BACK, _HAMSTRING),
        evidence=(
            Evidence(
                muscle="gluteus maximus",
                mvic_percent="40–54",
                source="IJSPT 2014;9(2):157 (PMC4004121); Macadam & Feser 2019, IJSPT",
                note="range across studies; " + _COMPARE,
            ),
            Evidence(
                muscle="gluteus medius",
                mvic_percent="47–55",
                source="IJSPT 2014;9(2):157 (PMC4004121); Macadam & Feser 2019, IJSPT",
                note="range across studies; " + _COMPARE,
            ),
        ),
        source=f"{_UNLOCK} moves from two-foot to one-foot support but {_NO_DOSE}"
        "3 × 8 per side with a 2 s hold and 45 s rest is ours.",
    ),
    Exercise(
        id="ball-bridge",
        name="Bridge with feet on a ball",
        phase="stabilize",
        summary=(
            "Bridge with both heels on a gym ball. The ball wobbles, so the glutes "
            "work to steady the hips as well as lift them."
        ),
        instructions=(
            "1. Lie on your back with calves and heels on a gym ball, arms out on the floor.",
            "2. Squeeze the glutes and lift the hips until the body is a straight line.",
            "3. Hold the ball still; do not let it roll sideways.",
            "4. Hold 3 s at the top, then lower slowly.",
            "5. Bring the arms closer to the body to make it harder.",
        ),
        cues=("Keep the ball still", "Squeeze and lift", "Hold 3"),
        targets=("gluteus maximus", "gluteus medius", "hamstrings", "core"),
        equipment=("gym ball", "mat"),
        dose=Dose(sets=3, reps=8, hold_s=3, relax_s=2, sides="both", rest_s=45),
        level=4,
        progresses="single-leg-bridge",
        cautions=(_SHARP, _BACK, "Start with the arms wide on the floor for balance."),
        source=f"{_UNLOCK} ends the bridge series on an unstable base such as a ball "
        f"but {_NO_DOSE}3 × 8 with a 3 s hold and 45 s rest is ours.",
    ),
    Exercise(
        id="single-leg-ball-bridge",
        name="Single-leg bridge with foot on a ball",
        phase="stabilize",
        summary=(
            "The top rung of the bridge ladder: one heel on a gym ball, the other leg "
            "held up, hips lifted and level while the ball tries to roll away."
        ),
        instructions=(
            "1. Lie on your back with both heels on a gym ball, arms wide on the floor.",
            "2. Squeeze the glutes and lift the hips into a straight line, as in the ball bridge.",
            "3. Lift one foot off the ball and hold that knee above the hip.",
            "4. Keep the pelvis level and the ball still for 2 s, then lower the hips "
            "with the foot still raised.",
            "5. Finish the reps, then change legs. Put both feet back on the ball "
            "whenever you lose control.",
        ),
        cues=("One heel on the ball", "Pelvis level", "Ball stays still"),
        targets=("gluteus maximus", "gluteus medius", "hamstrings", "core"),
        equipment=("gym ball", "mat"),
        dose=Dose(sets=2, reps=6, hold_s=2, relax_s=2, sides="each", rest_s=60),
        level=5,
        progresses="ball-bridge",
        cautions=(
            _SHARP,
            _BACK,
            _HAMSTRING.replace("heels", "ball"),
            "Only try this once 3 × 8 ball bridges on both feet are steady.",
        ),
        source=f"{_UNLOCK} progresses from two feet to one and from a stable to an "
        "unstable base; this combines the two as the last step. It gives no dose: "
        "2 × 6 per leg with a 2 s hold, 2 s down and 60 s rest is ours.",
    ),
    Exercise(
        id="banded-bridge",
        name="Banded glute bridge",
        phase="stabilize",
        summary=(
            "The two-foot bridge with a band above the knees; pressing the knees out "
            "against it adds work for the side of the seat."
        ),
        instructions=(
            "1. Put a mini band just above the knees and lie on your back, knees bent.",
            "2. Press the knees out against the band so they sit over the feet.",
            "3. Keeping that outward press, squeeze the glutes and lift the hips.",
            "4. Hold 3 s at the top, lower slowly, knees still pressing out.",
        ),
        cues=("Knees out into the band", "Squeeze, then lift"),
        targets=("gluteus maximus", "gluteus medius"),
        equipment=("mini band", "mat"),
        dose=Dose(sets=3, reps=10, hold_s=3, relax_s=2, sides="both", rest_s=30),
        level=2,
        progresses="glute-bridge",
        cautions=(_SHARP, _BACK, _VALGUS),
        source=f"{_WONT_FIRE} suggests a band for more resistance but {_NO_DOSE}"
        "ours matches the plain bridge (3 × 10, 3 s hold, 30 s rest).",
    ),
    Exercise(
        id="lateral-band-walk",
        name="Lateral band walk",
        phase="stabilize",
        summary=(
            "In a shallow squat with a band above the knees, step sideways with the "
            "knees kept out. You should feel the standing leg's hip most."
        ),
        instructions=(
            "1. Put a mini band just above the knees; feet hip-width apart.",
            "2. Sit into a shallow squat, chest up, knees pushed out over the toes.",
            "3. Step sideways with the lead foot, then follow with the other; "
            "never let the feet touch.",
            "4. Take 10 steps leading with one leg, then 10 steps back the other way "
            "leading with the other leg.",
            "5. Stay at the same height the whole way; no bobbing up.",
        ),
        cues=("Knees out", "Stay low", "Feet never touch"),
        targets=("gluteus medius", "gluteus maximus", "tensor fasciae latae"),
        equipment=("mini band",),
        dose=Dose(sets=2, reps=10, rep_s=2, sides="each", rest_s=30),
        level=2,
        cautions=(_SHARP, _VALGUS),
        evidence=_YOUDAS,
        source=f"{_UNLOCK} describes the sideways band walk without knee valgus but "
        f"{_NO_DOSE}2 sets of 10 steps leading with each leg, 30 s rest, is ours.",
    ),
    Exercise(
        id="monster-walk",
        name="Monster walk",
        phase="stabilize",
        summary=(
            "The sideways band walk made harder: band round the ankles, a deeper half "
            "squat and wider steps, knees pushed out over the toes the whole way."
        ),
        instructions=(
            "1. Loop a mini band round both ankles; stand with feet hip-width apart so "
            "the band is already taut.",
            "2. Sit into a half squat, deeper than for the band walk, chest up, knees "
            "pushed out over the toes.",
            "3. Take a wide step sideways with the leading foot, then bring the other "
            "foot after it, only partway, so the band never goes slack.",
            "4. Take 10 steps leading with one leg, then 10 steps back the other way "
            "leading with the other leg.",
            "5. Stay at the same depth throughout; if a knee caves in, take smaller steps.",
        ),
        cues=("Wide and low", "Knees out", "Band always tight"),
        targets=("gluteus medius", "gluteus maximus", "tensor fasciae latae"),
        equipment=("mini band",),
        dose=Dose(sets=2, reps=10, rep_s=2, sides="each", rest_s=30),
        level=3,
        progresses="lateral-band-walk",
        cautions=(_SHARP, _VALGUS),
        evidence=_YOUDAS,
        source=f"{_UNLOCK}, the monster step: sideways travel against a band without the "
        "knees falling into valgus. With the band at the ankles it pulls on a longer "
        f"lever than above the knees, so the same step is harder. It {_NO_DOSE}"
        "2 sets of 10 steps leading with each leg, 30 s rest, is ours.",
    ),
    Exercise(
        id="single-leg-balance",
        name="Single-leg stance",
        phase="stabilize",
        summary=(
            "Stand on one leg with the pelvis level and the knee soft but steady. "
            "The standing glute works to keep you upright."
        ),
        instructions=(
            "1. Stand near a wall, then shift onto one foot and lift the other.",
            "2. Keep the hips level; do not let the free side drop.",
            "3. Keep the standing knee soft and over the middle of the foot.",
            "4. Touch the wall only when you need to. Change legs when the timer tells you.",
        ),
        cues=("Hips level", "Knee over the foot"),
        targets=("gluteus medius", "gluteus minimus", "ankle stabilisers"),
        equipment=("wall for safety",),
        dose=Dose(sets=2, duration_s=30, sides="each", rest_s=15),
        level=1,
        cautions=("Stand near support if your balance is unsure.",),
        source=f"{_UNLOCK} uses balance in single support to make the gluteus medius "
        f"stabilise, and {_WONT_FIRE} asks for weight-bearing work; neither gives a "
        "dose, so 2 × 30 s per leg with 15 s rest is ours.",
    ),
    Exercise(
        id="single-leg-band-stance",
        name="Single-leg stance against a band",
        phase="stabilize",
        summary=(
            "Stand on one leg and press the free leg out against a band. The hip of "
            "the standing leg is the one that should burn, working without moving."
        ),
        instructions=(
            "1. Loop a mini band round both ankles (or tie a long band to something "
            "low, round the free ankle).",
            "2. Stand on one leg with a soft knee and a level pelvis.",
            "3. Press the free foot slowly out to the side against the band, "
            "then back, or just hold it out.",
            "4. Keep the standing knee over the toes and the trunk upright.",
            "5. Feel the side of the standing hip working. Change legs when the timer tells you.",
        ),
        cues=("Feel the standing hip", "Pelvis level", "Knee over toes"),
        targets=("gluteus medius (standing leg)", "gluteus minimus"),
        equipment=("mini band or long band", "wall for safety"),
        dose=Dose(sets=2, duration_s=30, sides="each", rest_s=15),
        level=3,
        progresses="single-leg-balance",
        cautions=(_SHARP, _VALGUS, "Stand near support if your balance is unsure."),
        source=f"{_UNLOCK}: resisting a band in single support, with the fixed leg's "
        f"gluteus medius working isometrically. It {_NO_DOSE}2 × 30 s per leg with 15 s "
        "rest is ours.",
    ),
    Exercise(
        id="plank",
        name="Plank",
        phase="stabilize",
        summary=(
            "Hold a straight line from head to heels on the forearms and toes, glutes "
            "squeezed so the hips neither sag nor pike."
        ),
        instructions=(
            "1. Forearms on the floor, elbows under the shoulders, legs long on the toes.",
            "2. Squeeze the glutes and brace the belly as if about to be poked.",
            "3. Hold a straight line from head to heels; breathe steadily.",
            "4. If the lower back starts to sag, kneel: knees down on the mat, body "
            "straight from head to knees.",
        ),
        cues=("Glutes tight", "Straight line", "Breathe"),
        targets=("core", "gluteus maximus", "shoulders"),
        equipment=("mat",),
        dose=Dose(sets=2, duration_s=30, sides="both", rest_s=30),
        level=2,
        cautions=(_SHARP, "Stop when the lower back sags; quality over time.", _KNEES),
        source=f"{_WONT_FIRE} lists planks among the glute exercises but {_NO_DOSE}"
        "2 × 30 s with 30 s rest is ours.",
    ),
    Exercise(
        id="side-plank",
        name="Side plank",
        phase="stabilize",
        summary=(
            "On one forearm and the side of the feet (or knees), lift the hips into a "
            "straight line. Loads the gluteus medius of the bottom side."
        ),
        instructions=(
            "1. Lie on one side, elbow under the shoulder, legs stacked.",
            "2. Lift the hips until the body is straight from head to feet.",
            "3. Push the top hip slightly forward so it does not roll back.",
            "4. To make it easier, bend the knees and kneel on the bottom knee instead "
            "of balancing on the feet.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Hips high", "Straight line", "Breathe"),
        targets=("gluteus medius", "obliques", "core"),
        equipment=("mat",),
        dose=Dose(sets=2, duration_s=20, sides="each", rest_s=30),
        level=3,
        progresses="plank",
        cautions=(_SHARP, "Shoulder pain: come down and use the knee version.", _KNEES),
        source="Not named in the source posts; added as the sideways partner of the "
        f"plank, which {_WONT_FIRE} lists. The dose, 2 × 20 s per side with 30 s rest, "
        "is ours.",
    ),
]


@hookimpl
def composer_exercises() -> list[Exercise]:
    return EXERCISES
