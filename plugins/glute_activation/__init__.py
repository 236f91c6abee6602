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

_CHEEKY = '"Getting Cheeky about Dead Butt Syndrome (aka: Gluteal Amnesia)"'
_UNLOCK = '"Unlock Your Glutes"'
_WONT_FIRE = "\"Why your glutes won't fire\" (a runner's article)"
_RUNNERS = '"Getting those Glutes to fire" (a post for runners)'

_SHARP = "Stop on sharp pain."
_LOW_BACK = "If the lower back takes over, make the move smaller and squeeze the glute first."
_NERVE = (
    "Piriformis syndrome shows as buttock pain or numbness down the back of the "
    "leg; if glute work brings that on, stop and see a health professional."
)
_KNEES = (
    "Kneeling: put a folded towel or cushion under the knees; if kneeling still "
    "hurts, choose a version that keeps the knees off the floor."
)
_OUTER_HIP = (
    "Pain on the outer side of the hip (gluteal tendon pain)? Lying on that side, "
    "or letting the top knee sink toward the floor, squeezes those tendons: keep a "
    "pillow between the knees, lie on the other side, and leave this out and ask a "
    "physiotherapist if it brings the pain on."
)
_COMPARE = "compare only with figures from the same study"


def _pregnant_prone(instead: str) -> str:
    return (
        "Pregnancy: lying face down presses on the bump and soon becomes "
        f"uncomfortable (often by mid-pregnancy); from then on do {instead} instead."
    )


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
            "1. Lie face down, forehead on your hands, legs long and relaxed.",
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
        cautions=(_SHARP, _pregnant_prone("the standing or seated glute squeeze")),
        source=f"Dose from {_CHEEKY}: squeeze each cheek in turn for 3 s, 3 sets of 15 on "
        "each side. The 2 s let-go between squeezes and the 30 s rest between sets are ours.",
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
            "1. Lie face down, forehead on your hands, legs long.",
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
        cautions=(
            _SHARP,
            _LOW_BACK,
            _pregnant_prone("the donkey kick on all fours, or the standing glute squeeze"),
        ),
        source=f"Dose from {_CHEEKY}, its progression: squeeze, lift the leg, hold 3 s, "
        "alternate sides, 3 sets of 15 on each side. The 2 s with the leg down between "
        "lifts and the 30 s rest between sets are ours.",
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
        equipment=("mat", "cushion for the knees"),
        dose=Dose(sets=3, reps=12, rep_s=2, sides="each", rest_s=30),
        level=2,
        cautions=(_SHARP, _LOW_BACK, _KNEES),
        source=f"Dose from {_CHEEKY}: 10–15 reps per side, 3 sets on both sides; we "
        "default to 12 at about 2 s a rep (lift and lower) and add the 30 s rest between "
        "sets ourselves. Raise the reps toward 15 as it gets easy.",
    ),
    Exercise(
        id="gluteal-recruitment",
        name="Gluteal recruitment",
        phase="activate",
        summary=(
            "Face down with toes tucked: squeeze both glutes, push one knee straight "
            "(3 s), then lift that straight leg a few centimetres, toes pointed (3 s). "
            "6 each leg."
        ),
        instructions=(
            "1. Lie face down, hands by your head, legs straight back and hip-width apart, "
            "toes tucked under so they rest on the floor; let the knees rest on the mat.",
            "2. Squeeze both buttocks together and keep them squeezed to the end of the rep.",
            "3. On one leg, press back through the tucked toes until the knee straightens "
            "and lifts off the mat; the toes stay on the floor. Hold 3 s.",
            "4. Keeping that knee straight, lift the whole leg from the hip until the foot "
            "clears the floor by about 7–8 cm (3 in), and point the toes away. Hold 3 s.",
            "5. Lower the leg, tuck the toes again and relax it. Do 6 on one leg, then 6 "
            "on the other.",
        ),
        cues=("Squeeze both cheeks", "Knee straight, hold 3", "Leg up, toes pointed, hold 3"),
        targets=("gluteus maximus", "hamstrings"),
        equipment=("mat",),
        dose=Dose(sets=1, reps=6, hold_s=6, relax_s=2, sides="each"),
        level=2,
        progresses="prone-glute-squeeze",
        cautions=(
            _SHARP,
            _LOW_BACK,
            "Simple, but it often leaves you sore the next day.",
            _pregnant_prone("the donkey kick on all fours"),
        ),
        source=f"Dose from {_RUNNERS}, step 4: two 3 s holds per rep (knee straight, "
        "then leg lifted), 6 times on each leg. The timer shows the two holds as one "
        "6 s hold; the 2 s relax between reps is ours.",
    ),
    Exercise(
        id="prone-hip-extension",
        name="Prone hip extension, knee bent",
        phase="activate",
        summary=(
            "Face down with one knee bent to a right angle, squeeze that glute and lift "
            "the thigh a little off the floor. With the knee bent the hamstrings help "
            "less, so the glute does more."
        ),
        instructions=(
            "1. Lie face down, forehead on your hands; a small pillow under the hips "
            "helps a sensitive back.",
            "2. Bend one knee to a right angle so the sole of that foot faces the ceiling.",
            "3. Squeeze the glute of that side, then lift the thigh a few centimetres off "
            "the floor, keeping the knee at a right angle.",
            "4. Hold 2 s without twisting the pelvis or arching the back, then lower slowly.",
            "5. Finish the reps, then change sides. Once 2 × 12 is easy, add a light ankle weight.",
        ),
        cues=("Knee bent, sole up", "Squeeze, then lift", "From the hip, not the back"),
        targets=("gluteus maximus", "gluteus medius"),
        equipment=("mat", "ankle weight (optional)"),
        dose=Dose(sets=2, reps=12, hold_s=2, relax_s=2, sides="each", rest_s=30),
        level=3,
        progresses="prone-squeeze-leg-lift",
        cautions=(
            _SHARP,
            _LOW_BACK,
            "If the back of the thigh cramps, lower the foot a little and lift less high.",
            _pregnant_prone("the donkey kick on all fours"),
        ),
        evidence=(
            Evidence(
                muscle="gluteus maximus",
                mvic_percent="59",
                source="summary table, IJSPT 2014;9(2):157 (PMC4004121)",
                note="the table's row is plain prone hip extension, knee angle not "
                "given; " + _COMPARE,
            ),
            Evidence(
                muscle="gluteus medius",
                mvic_percent="46",
                source="summary table, IJSPT 2014;9(2):157 (PMC4004121)",
                note="the table's row is plain prone hip extension, knee angle not "
                "given; " + _COMPARE,
            ),
        ),
        source=f"{_UNLOCK} uses prone hip extension for the gluteus maximus but gives no "
        "dose. We bend the knee so this is a real step up from the straight-leg lift "
        "before it; 2 × 12 per side with a 2 s hold, 2 s down between lifts and 30 s "
        "rest is our modest choice.",
    ),
    Exercise(
        id="clamshell",
        name="Clamshell",
        phase="activate",
        summary=(
            "On your side, hips bent to about 45° and knees to about 90°, feet together: "
            "open the top knee like a shell without rolling the pelvis back."
        ),
        instructions=(
            "1. Lie on one side, head on the lower arm, hips bent to about 45° and knees "
            "to about 90°, heels in line with your seat.",
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
        cautions=(_SHARP, _NERVE, _OUTER_HIP),
        evidence=(
            Evidence(
                muscle="gluteus medius",
                mvic_percent="40 ± 38",
                source="Distefano et al. 2009, JOSPT 39(7):532",
                note=_COMPARE,
            ),
        ),
        source=f"{_WONT_FIRE} retrains the gluteus medius with clamshells but gives no "
        "dose; 2 × 15 per side at about 2 s a rep, with 30 s rest, is ours.",
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
        progresses="clamshell",
        cautions=(
            _SHARP,
            "If the front of the hip does the work, take the leg further back.",
            _OUTER_HIP,
        ),
        evidence=(
            Evidence(
                muscle="gluteus medius",
                mvic_percent="81 ± 42",
                source="Distefano et al. 2009, JOSPT 39(7):532",
                note="the clamshell scored 40 ± 38 in the same study; " + _COMPARE,
            ),
        ),
        source=f"{_UNLOCK} abducts the hip lying on the side and {_WONT_FIRE} lists "
        "side-lying leg lifts; neither gives a dose, so 2 × 12 per side with a 2 s hold "
        "and 30 s rest is ours.",
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
        cautions=(_SHARP, "Start light; the lever is long.", _OUTER_HIP),
        source=f"{_WONT_FIRE} adds a band or ankle weight for resistance but gives no "
        "dose; 2 × 10 per side, two fewer reps than the unloaded lift, with 45 s rest, "
        "is ours.",
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
        source=f"{_WONT_FIRE} names the glute squeeze; it reports a '16 % vs 11 %' "
        "strength result, but the study (Lehecka et al. 2019, PeerJ 7:e7287) found no "
        "difference between squeezes and bridges, so we say they were equally effective. "
        "The article gives no dose: 10 × 5 s is ours, sized for a desk break.",
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
        equipment=("mat", "cushion for the knees"),
        dose=Dose(sets=2, reps=12, hold_s=2, relax_s=1, sides="each", rest_s=30),
        level=2,
        cautions=(_SHARP, _KNEES),
        source="Not named in the source posts; added as a common all-fours gluteus "
        "medius drill that pairs with the donkey kick. The dose (2 × 12 per side, 2 s "
        "hold, 30 s rest) is ours.",
    ),
]


@hookimpl
def composer_exercises() -> list[Exercise]:
    return EXERCISES
