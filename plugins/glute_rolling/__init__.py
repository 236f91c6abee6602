"""Rolling: self-massage with a ball or foam roller before the work.

Pressing and rolling over the seat, the front of the thighs, the upper back,
the lats and the chest loosens tissue that sitting and hunching have left
stiff, and gives the body a clearer sense of the area before it is asked to
move. The default dose is one bout of 60 s per area (per side where there
are two), the middle of the 1–3 sets × 30–120 s range a 2022 review found
useful; a couple of 10-second passes did nothing measurable in one study, so
the timer asks for a real minute.
"""

from composer import Dose, Evidence, Exercise, hookimpl

_DOSE_NOTE = (
    "seed gives no time, so the dose is ours: 1 set × 60 s per side, the middle of the "
    "1–3 sets × 30–120 s per area reviewed by Pagaduan et al. 2022 (IJERPH "
    "19(7):4315); 2 × 10 s had no effect (Couture et al. 2015)"
)


def _dose_evidence(area: str) -> tuple[Evidence, ...]:
    return (
        Evidence(
            muscle=area,
            source="Pagaduan et al. 2022, IJERPH 19(7):4315",
            note="1–3 sets of 30–120 s per area is the dose the review supports",
        ),
        Evidence(
            muscle=area,
            source="Cheatham & Stull 2020, J Sport Rehabil",
            note="a 2-minute rolling routine raised knee range of motion by 7–8°",
        ),
        Evidence(
            muscle=area,
            source="Couture et al. 2015",
            note="two 10-second bouts made no measurable difference",
        ),
    )


_SHARP = "Stop if you feel sharp, burning or electric pain; dull pressure is fine."
_NERVE = (
    "Piriformis syndrome shows as buttock pain or numbness running down the back "
    "of the leg. If rolling brings that on, move the ball off the spot and ask a "
    "health professional."
)
_BONES = "Keep the ball or roller off bones and joints; stay on muscle."

EXERCISES = [
    Exercise(
        id="glute-ball-roll",
        name="Glute ball roll",
        phase="roll",
        summary=(
            "Sit on a massage ball and work slowly through the seat muscles of one "
            "side, pausing on tender spots, then change sides."
        ),
        instructions=(
            "1. Sit on the floor with knees bent and put the ball under the middle of one buttock.",
            "2. Lean onto that side and lift the other hip a little so your weight sinks in.",
            "3. Roll in small circles and short lines from the top of the pelvis "
            "to where the leg begins.",
            "4. When you find a tender point, stop there and breathe slowly until it eases.",
            "5. For more pressure, cross the ankle of that side over the other knee.",
            "6. Swap sides when the timer tells you.",
        ),
        cues=("Slow circles", "Pause on tender spots", "Breathe out, sink in"),
        targets=("gluteus maximus", "gluteus medius", "piriformis"),
        equipment=("massage ball or tennis ball", "mat"),
        dose=Dose(sets=1, duration_s=60, sides="each"),
        level=1,
        cautions=(_SHARP, _NERVE, _BONES),
        evidence=_dose_evidence("gluteal muscles"),
        source=(
            "seed 000 (000_4ea1e147ef241d7e.txt) rolls with therapy balls; seed 002 "
            "(002_61e79ce8df871ce2.txt) and seed 004 (004_7d982241bfcb9d87.txt, tennis "
            "ball) also release the seat; dose: " + _DOSE_NOTE
        ),
    ),
    Exercise(
        id="foam-roll-glutes",
        name="Foam roller glutes",
        phase="roll",
        summary=(
            "Sit on a foam roller with one ankle crossed over the other knee and roll "
            "the seat of that side, then switch."
        ),
        instructions=(
            "1. Sit on the roller with your hands behind you on the floor.",
            "2. Cross one ankle over the other knee and tip toward the crossed side.",
            "3. Roll a short distance up and down over the seat, slowly.",
            "4. Hold still on any sore spot for a few breaths.",
            "5. Change legs when the timer tells you.",
        ),
        cues=("Tip onto the crossed side", "Short, slow rolls"),
        targets=("gluteus maximus", "gluteus medius", "piriformis"),
        equipment=("foam roller",),
        dose=Dose(sets=1, duration_s=60, sides="each"),
        level=1,
        cautions=(_SHARP, _NERVE),
        evidence=_dose_evidence("gluteal muscles"),
        source="seed 004 (004_7d982241bfcb9d87.txt) starts with the foam roller; dose: "
        + _DOSE_NOTE,
    ),
    Exercise(
        id="foam-roll-quads",
        name="Foam roller quads",
        phase="roll",
        summary=(
            "Lie face down with the front of one thigh on a foam roller and roll from "
            "just above the knee to the hip crease."
        ),
        instructions=(
            "1. Lie face down on your forearms with the roller under the front of one thigh.",
            "2. Bend the other leg out to the side to take some of your weight.",
            "3. Pull with your arms to roll from above the knee up to the hip crease and back.",
            "4. Turn a little inward and outward to reach the sides of the thigh.",
            "5. Keep your belly gently tight so your lower back does not sag.",
            "6. Change legs when the timer tells you.",
        ),
        cues=("Knee to hip crease", "Belly gently tight"),
        targets=("quadriceps", "rectus femoris", "hip flexors"),
        equipment=("foam roller",),
        dose=Dose(sets=1, duration_s=60, sides="each"),
        level=1,
        cautions=(_SHARP, "Do not roll over the kneecap."),
        evidence=_dose_evidence("quadriceps"),
        source="seed 004 (004_7d982241bfcb9d87.txt) releases the quads first; dose: " + _DOSE_NOTE,
    ),
    Exercise(
        id="upper-back-ball-release",
        name="Upper-back ball release",
        phase="roll",
        summary=(
            "Lean against a wall or lie on a ball placed beside the spine between the "
            "shoulder blades to ease an upper back that hunching has overstretched."
        ),
        instructions=(
            "1. Put the ball between the spine and one shoulder blade; never on the spine itself.",
            "2. Lean into a wall, or lie on the floor with knees bent, to set the pressure.",
            "3. Cross your arms over your chest to pull the shoulder blade out of the way.",
            "4. Bend your knees a little to move the ball up and down the muscle.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Beside the spine, not on it", "Hug yourself", "Slow and small"),
        targets=("rhomboids", "middle trapezius", "thoracic erectors"),
        equipment=("massage ball or tennis ball", "wall or mat"),
        dose=Dose(sets=1, duration_s=60, sides="each"),
        level=1,
        cautions=(_SHARP, _BONES),
        evidence=_dose_evidence("upper back"),
        source="seed 000 (000_4ea1e147ef241d7e.txt) works the shoulders as well as the "
        "hips for the desk posture; dose: " + _DOSE_NOTE,
    ),
    Exercise(
        id="lat-ball-release",
        name="Lat ball release",
        phase="roll",
        summary=(
            "Lie on your side with a ball under the back of the armpit to free the lats, "
            "the big back muscles that a rounded posture switches off."
        ),
        instructions=(
            "1. Lie on one side with the arm stretched overhead, thumb up.",
            "2. Place the ball just below and behind the armpit, on the thick muscle there.",
            "3. Roll your body a little forward and back over the ball.",
            "4. Move the ball a hand's width lower and repeat down toward the lower ribs.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Arm long overhead", "Rock forward and back"),
        targets=("latissimus dorsi", "teres major"),
        equipment=("massage ball or tennis ball", "mat"),
        dose=Dose(sets=1, duration_s=60, sides="each"),
        level=1,
        cautions=(_SHARP, "Keep the ball off the armpit itself and off the ribs' bony edge."),
        evidence=_dose_evidence("latissimus dorsi"),
        source="seed 000 (000_4ea1e147ef241d7e.txt) calls the lats the glutes of the "
        "back and says a rounded posture inhibits them; dose: " + _DOSE_NOTE,
    ),
    Exercise(
        id="chest-ball-wall",
        name="Chest ball on the wall",
        phase="roll",
        summary=(
            "Pin a ball between the wall and the front of your shoulder to loosen the "
            "chest muscles that pull the shoulders forward at a desk."
        ),
        instructions=(
            "1. Stand facing a wall and put the ball just below the collarbone, "
            "toward the shoulder.",
            "2. Lean in until the pressure is firm but easy to breathe through.",
            "3. Make small circles by moving your body, not the ball.",
            "4. For more, slide the arm of that side slowly up and down the wall.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Below the collarbone", "Small circles", "Arm slides the wall"),
        targets=("pectoralis major", "pectoralis minor", "anterior deltoid"),
        equipment=("massage ball or tennis ball", "wall"),
        dose=Dose(sets=1, duration_s=60, sides="each"),
        level=1,
        cautions=(
            _SHARP,
            "Stay off the collarbone and the armpit; move away from tingling in the arm.",
        ),
        evidence=_dose_evidence("chest and front of shoulder"),
        source="seed 000 (000_4ea1e147ef241d7e.txt): the front of the shoulder grows "
        "tight from rounding over screens; dose: " + _DOSE_NOTE,
    ),
    Exercise(
        id="buttock-kneading",
        name="Buttock self-kneading",
        phase="roll",
        summary=(
            "Grab, squeeze and lift the flesh of one buttock with your hands to bring "
            "blood into the area and loosen it. Handy at a desk with no ball."
        ),
        instructions=(
            "1. Stand, or lie on your side, with the working side relaxed.",
            "2. Grip the muscle of the buttock with your fingers and thumb.",
            "3. Squeeze, lift a little and let go, moving your grip over the whole buttock.",
            "4. Keep a steady rhythm, about one squeeze a second.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Grip, lift, let go", "Cover the whole cheek"),
        targets=("gluteus maximus", "gluteus medius"),
        equipment=(),
        dose=Dose(sets=1, duration_s=60, sides="each"),
        level=1,
        cautions=(_SHARP, _NERVE),
        evidence=(),
        source="seed 003 (003_b707250307161610.txt) describes kneading the buttock for "
        "blood flow; it gives no time, so we use the same 60 s per side as the rolling "
        "drills (Pagaduan et al. 2022 range).",
    ),
]


@hookimpl
def composer_exercises():
    return EXERCISES
