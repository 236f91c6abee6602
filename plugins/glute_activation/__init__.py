"""Activation: simple, isolated ("analytical") exercises to feel the glutes fire.

Before the glutes can help in a squat they have to be found again. These
drills isolate the gluteus maximus (squeezes, prone hip extension, donkey
kicks) and the gluteus medius (side-lying lifts, clamshells, fire hydrants),
in lying, kneeling or standing positions. %MVIC figures, where given, are
muscle activity as a share of a maximal test contraction; they differ with
electrode placement and test, so compare them only within one study. Above
about 45 % is often read as a strengthening stimulus, below as endurance
work (Ekstrom et al. 2007).
"""

from composer import Dose, Evidence, Exercise, hookimpl

_SEED1 = "seed 001 (001_729b2315f100b8cd.txt)"
_SEED2 = "seed 002 (002_61e79ce8df871ce2.txt)"
_SEED3 = "seed 003 (003_b707250307161610.txt)"
_SEED4 = "seed 004 (004_7d982241bfcb9d87.txt)"

_SHARP = "Stop on sharp pain."
_LOW_BACK = "If the lower back takes over, make the move smaller and squeeze the glute first."
_NERVE = (
    "Piriformis syndrome shows as buttock pain or numbness down the back of the "
    "leg; if glute work brings that on, stop and see a health professional."
)
_COMPARE = "compare only with figures from the same study"

EXERCISES = [
    Exercise(
        id="prone-glute-squeeze",
        name="Prone glute squeeze",
        phase="activate",
        summary=(
            "Lying face down, squeeze one buttock for 3 s, let go, then the other. "
            "Three sets of 15 on each side reintroduce the glutes to their job."
        ),
        instructions=(
            "1. Lie on your front, forehead on your hands, legs long and relaxed.",
            "2. Squeeze only one buttock as hard as you can and hold for 3 s.",
            "3. Let it go completely, then squeeze the other side for 3 s.",
            "4. Keep the legs, lower back and shoulders quiet; only the seat works.",
            "5. Count 15 squeezes on each side per set.",
        ),
        cues=("One cheek, then the other", "Squeeze, hold 3", "Legs stay soft"),
        targets=("gluteus maximus",),
        equipment=("mat",),
        dose=Dose(sets=3, reps=15, hold_s=3, relax_s=2, sides="alternating", rest_s=30),
        level=1,
        cautions=(_SHARP,),
        source=f"{_SEED1}: alternate squeezing each cheek for 3 s, 3 sets of 15 on each "
        "side. The 2 s let-go and 30 s rest between sets are ours.",
    ),
    Exercise(
        id="prone-squeeze-leg-lift",
        name="Prone squeeze with leg lift",
        phase="activate",
        summary=(
            "Face down, squeeze one buttock, then lift that straight leg a little and "
            "hold 3 s; lower and switch. The next step up from the plain squeeze."
        ),
        instructions=(
            "1. Lie on your front, forehead on your hands, legs long.",
            "2. Squeeze one buttock first.",
            "3. Keeping the squeeze, lift that leg a few centimetres off the floor, knee straight.",
            "4. Hold for 3 s with the hip bones pressed into the mat, then lower.",
            "5. Repeat on the other side; 15 lifts on each side per set.",
        ),
        cues=("Squeeze first, then lift", "Hips stay down", "Hold 3"),
        targets=("gluteus maximus", "hamstrings"),
        equipment=("mat",),
        dose=Dose(sets=3, reps=15, hold_s=3, relax_s=2, sides="alternating", rest_s=30),
        level=2,
        progresses="prone-glute-squeeze",
        cautions=(_SHARP, _LOW_BACK),
        source=f"{_SEED1}, the progression: squeeze, lift the leg, hold 3 s, alternate, "
        "3 sets of 15 on each side.",
    ),
    Exercise(
        id="donkey-kick",
        name="Donkey kick",
        phase="activate",
        summary=(
            "On hands and knees, squeeze one buttock and press that foot, flexed and "
            "knee bent, up toward the ceiling. 3 sets of 10–15 each side."
        ),
        instructions=(
            "1. Kneel on all fours, hands under shoulders, knees under hips.",
            "2. Flex one foot (toes toward the shin) and keep that knee bent at a right angle.",
            "3. Squeeze that buttock, then drive the sole of the foot up toward the ceiling.",
            "4. Stop when the thigh is in line with the body; do not arch the lower back.",
            "5. Lower with control. Finish the reps, then change sides.",
        ),
        cues=("Squeeze, then push up", "Sole to the ceiling", "Back stays flat"),
        targets=("gluteus maximus",),
        equipment=("mat",),
        dose=Dose(sets=3, reps=12, rep_s=2, sides="each", rest_s=30),
        level=2,
        cautions=(_SHARP, _LOW_BACK, "Pad the knees if kneeling hurts."),
        source=f"{_SEED1}: 10–15 reps per side, 3 sets on both sides; we default to 12 at "
        "about 2 s a rep (lift and lower). Raise reps toward 15 as it gets easy.",
    ),
    Exercise(
        id="gluteal-recruitment",
        name="Gluteal recruitment",
        phase="activate",
        summary=(
            "Face down: squeeze both glutes, straighten one knee with toes on the "
            "floor (3 s), then lift the heel a few inches with the toe pointed (3 s). "
            "6 each leg."
        ),
        instructions=(
            "1. Lie on your front, hands by your head, both legs straight behind you.",
            "2. Squeeze both buttocks together and keep them squeezed.",
            "3. Tighten one leg so the knee straightens hard, toes still on the floor; hold 3 s.",
            "4. Now lift that heel about 7–8 cm (3 in) off the floor and point the toe; hold 3 s.",
            "5. Lower the foot and relax. Do 6 on one leg, then 6 on the other.",
        ),
        cues=("Squeeze both cheeks", "Knee straight 3 s", "Heel up, toe pointed 3 s"),
        targets=("gluteus maximus", "hamstrings"),
        equipment=("mat",),
        dose=Dose(sets=1, reps=6, hold_s=6, relax_s=2, sides="each"),
        level=2,
        cautions=(_SHARP, _LOW_BACK, "Simple, but it often leaves you sore the next day."),
        source=f"{_SEED4}, step 4: two 3 s holds per rep (knee straight, then heel lifted), "
        "6 times each leg; the timer shows one 6 s hold per rep.",
    ),
    Exercise(
        id="prone-hip-extension",
        name="Prone hip extension",
        phase="activate",
        summary=(
            "Face down, squeeze one glute and lift that straight leg from the hip. A "
            "classic drill for feeling the gluteus maximus work on its own."
        ),
        instructions=(
            "1. Lie on your front with a small pillow under the hips if the back is sensitive.",
            "2. Squeeze the glute of one side.",
            "3. Lift that straight leg a hand's width off the floor, moving from the hip.",
            "4. Hold 2 s at the top without twisting the pelvis, then lower slowly.",
            "5. Finish the reps, then change sides.",
        ),
        cues=("Squeeze, then lift", "From the hip, not the back"),
        targets=("gluteus maximus", "gluteus medius", "hamstrings"),
        equipment=("mat",),
        dose=Dose(sets=2, reps=12, hold_s=2, relax_s=2, sides="each", rest_s=30),
        level=2,
        progresses="prone-squeeze-leg-lift",
        cautions=(_SHARP, _LOW_BACK),
        evidence=(
            Evidence(
                muscle="gluteus maximus",
                mvic_percent="59",
                source="summary table, IJSPT 2014;9(2):157 (PMC4004121)",
                note=_COMPARE,
            ),
            Evidence(
                muscle="gluteus medius",
                mvic_percent="46",
                source="summary table, IJSPT 2014;9(2):157 (PMC4004121)",
                note=_COMPARE,
            ),
        ),
        source=f"{_SEED2} uses prone hip extension for the gluteus maximus but gives no "
        "dose; 2 × 12 per side with a 2 s hold is our modest warm-up choice.",
    ),
    Exercise(
        id="side-lying-hip-abduction",
        name="Side-lying hip abduction",
        phase="activate",
        summary=(
            "Lying on one side, lift the straight top leg up and slightly back, heel "
            "leading. Among the strongest simple drills for the gluteus medius."
        ),
        instructions=(
            "1. Lie on one side with the bottom knee bent for balance and the top leg straight.",
            "2. Stack the hips and roll the top hip very slightly forward.",
            "3. Lift the top leg up and a little behind you, leading with the heel, toes forward.",
            "4. Hold 2 s at the top, then lower slowly without resting the leg.",
            "5. Finish the reps, then change sides.",
        ),
        cues=("Heel leads, toes forward", "Up and a little back", "Hips stacked"),
        targets=("gluteus medius", "gluteus minimus"),
        equipment=("mat",),
        dose=Dose(sets=2, reps=12, hold_s=2, relax_s=1, sides="each", rest_s=30),
        level=2,
        cautions=(
            _SHARP,
            "If the front of the hip does the work, take the leg further back.",
        ),
        evidence=(
            Evidence(
                muscle="gluteus medius",
                mvic_percent="81 ± 42",
                source="Distefano et al. 2009, JOSPT 39(7):532",
                note=_COMPARE,
            ),
        ),
        source=f"{_SEED2} (lateral decubitus abduction) and {_SEED3} (side-lying leg lifts) "
        "give no dose; 2 × 12 per side with a 2 s hold is ours.",
    ),
    Exercise(
        id="side-lying-abduction-ankle-weight",
        name="Side-lying hip abduction with ankle weight",
        phase="activate",
        summary=(
            "The side-lying leg lift with an ankle weight or a band around the ankles "
            "for more resistance once 2 × 12 is easy."
        ),
        instructions=(
            "1. Strap a light ankle weight to the top leg, or loop a band round both ankles.",
            "2. Lie on one side, bottom knee bent, top leg straight and a little behind you.",
            "3. Lift the top leg, heel first, hold 2 s, and lower slowly.",
            "4. Finish the reps, then change sides.",
        ),
        cues=("Heel leads", "Slow down, slow up"),
        targets=("gluteus medius", "gluteus minimus"),
        equipment=("ankle weight or mini band", "mat"),
        dose=Dose(sets=2, reps=10, hold_s=2, relax_s=1, sides="each", rest_s=45),
        level=3,
        progresses="side-lying-hip-abduction",
        cautions=(_SHARP, "Start light; the lever is long."),
        source=f"{_SEED3} adds a band or ankle weight for resistance; the dose (2 × 10 per "
        "side) is ours, two fewer reps than the unloaded lift.",
    ),
    Exercise(
        id="clamshell",
        name="Clamshell",
        phase="activate",
        summary=(
            "On your side with knees bent and feet together, open the top knee like a "
            "shell without rolling the pelvis back."
        ),
        instructions=(
            "1. Lie on one side, hips and knees bent, heels in line with your seat.",
            "2. Keep the feet touching and the top hip stacked over the bottom one.",
            "3. Lift the top knee as far as you can without the pelvis rolling backward.",
            "4. Pause a moment, then lower slowly. Add a band above the knees for more.",
            "5. Finish the reps, then change sides.",
        ),
        cues=("Feet together", "Pelvis stays still", "Open the shell"),
        targets=("gluteus medius", "deep hip rotators"),
        equipment=("mat", "mini band (optional)"),
        dose=Dose(sets=2, reps=15, rep_s=2, sides="each", rest_s=30),
        level=1,
        cautions=(_SHARP, _NERVE),
        evidence=(
            Evidence(
                muscle="gluteus medius",
                mvic_percent="40 ± 38",
                source="Distefano et al. 2009, JOSPT 39(7):532",
                note=_COMPARE,
            ),
        ),
        source=f"{_SEED3} retrains the gluteus medius with clamshells but gives no dose; "
        "2 × 15 per side at about 2 s a rep is ours.",
    ),
    Exercise(
        id="glute-squeeze",
        name="Standing or seated glute squeeze",
        phase="activate",
        summary=(
            "Squeeze both buttocks hard and hold, standing or sitting. No kit, no floor. "
            "In a trial, squeezes built hip strength as well as glute bridges did."
        ),
        instructions=(
            "1. Stand tall with feet hip-width apart, or sit upright near the front of the chair.",
            "2. Squeeze both buttocks as hard as you can; you may rise a little in the chair.",
            "3. Hold for 5 s, breathing normally.",
            "4. Let go fully for a couple of seconds, then squeeze again.",
        ),
        cues=("Squeeze hard, hold 5", "Breathe", "Let go fully"),
        targets=("gluteus maximus",),
        equipment=(),
        dose=Dose(sets=1, reps=10, hold_s=5, relax_s=2, sides="both"),
        level=1,
        cautions=(_SHARP,),
        evidence=(
            Evidence(
                muscle="gluteus maximus",
                source="Lehecka et al. 2019, PeerJ 7:e7287",
                note="n=32, 8 weeks: glute squeezes were as effective as glute bridges "
                "for hip-extension strength, with no difference between the groups",
            ),
        ),
        source=f"{_SEED3} names the glute squeeze; it reports a '16 % vs 11 %' strength "
        "result, but the study (Lehecka et al. 2019, PeerJ 7:e7287) found no difference "
        "between squeezes and bridges, so we say they were equally effective. Dose "
        "(10 × 5 s) is ours, sized for a desk break.",
    ),
    Exercise(
        id="fire-hydrant",
        name="Fire hydrant",
        phase="activate",
        summary=(
            "On hands and knees, lift one bent knee out to the side without tipping "
            "the trunk. Works the side of the seat."
        ),
        instructions=(
            "1. Kneel on all fours, hands under shoulders, knees under hips.",
            "2. Keeping the knee bent, lift one thigh out to the side.",
            "3. Go only as high as you can without leaning onto the other hip.",
            "4. Hold 2 s, lower slowly. Finish the reps, then change sides.",
        ),
        cues=("Knee out to the side", "Trunk stays level", "Hold 2"),
        targets=("gluteus medius", "gluteus maximus"),
        equipment=("mat",),
        dose=Dose(sets=2, reps=12, hold_s=2, relax_s=1, sides="each", rest_s=30),
        level=2,
        cautions=(_SHARP, "Pad the knees if kneeling hurts."),
        source="not in the seeds; added as a common all-fours gluteus medius drill that "
        "pairs with the donkey kick. Dose (2 × 12 per side, 2 s hold) is ours.",
    ),
]


@hookimpl
def composer_exercises():
    return EXERCISES
