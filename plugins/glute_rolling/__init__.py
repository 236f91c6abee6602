"""Rolling: self-massage with a ball or foam roller before the work.

Pressing and rolling over the seat, the front of the thighs, the upper back,
the lats and the chest eases tissue that sitting and hunching leave stiff,
and helps you feel the area before you ask it to move. The default is one
bout of 60 s per area (per side where there are two), within the 1–3 sets of
30–120 s a 2022 review recommends. That review's trials were of the lower
body; so were the two single studies quoted here, one on the thigh and knee,
one on the hamstrings, so those two are attached only to the leg rolls.
"""

from composer import Dose, Evidence, Exercise, hookimpl

_AMNESIA = '"Gluteal amnesia" (a movement teacher\'s blog post, 19 June 2017)'
_UNLOCK = '"Unlock Your Glutes"'
_WONT_FIRE = "\"Why your glutes won't fire\" (a runner's article)"
_RUNNERS = '"Getting those Glutes to fire" (a post for runners)'

_DOSE_NOTE = (
    "the source gives no time, so the dose is ours: 1 set × 60 s per side, within "
    "the 1–3 sets × 30–120 s per area that Pagaduan et al. 2022 (IJERPH 19(7):4315) "
    "recommend"
)

_PAGADUAN = Evidence(
    muscle="any rolled area",
    source="Pagaduan et al. 2022, IJERPH 19(7):4315",
    note="the review recommends 1–3 sets of 30–120 s per area; the trials it "
    "reviewed all rolled the lower body",
)
_CHEATHAM = Evidence(
    muscle="thigh (measured at the knee)",
    source="Cheatham & Stull 2020, J Sport Rehabil",
    note="a prescribed 2-minute foam-roller routine on the thigh raised passive knee "
    "range of motion by 7–8°; nothing was measured at the seat",
)
_COUTURE = Evidence(
    muscle="hamstrings",
    source="Couture et al. 2015",
    note="two 10-second bouts of rolling the hamstrings made no measurable difference "
    "to knee range of motion; a reason to roll for a real minute",
)

_SHARP = "Stop if you feel sharp, burning or electric pain; dull pressure is fine."
_NOT_FOR = (
    "Do not roll or knead if a blood clot is suspected (a swollen, warm, painful "
    "calf or thigh: see a doctor the same day), if you take blood thinners, over "
    "varicose veins, or over a recent injury such as a tear or a deep bruise."
)
_RIBS = (
    "Osteoporosis: keep the pressure off the ribs and the spine, and ask your "
    "doctor or physiotherapist before rolling here."
)
_NERVE = (
    "Piriformis syndrome shows as buttock pain or numbness running down the back "
    "of the leg. If rolling brings that on, move the ball off the spot and ask a "
    "health professional."
)
_OUTER_HIP = (
    "Pain on the outer side of the hip (gluteal tendon pain)? Keep the ball or "
    "roller off the bony point at the side of the hip, and do not cross the ankle "
    "over the knee: both press on those tendons."
)
_NEW_HIP = (
    "After a hip replacement, follow your surgeon's movement limits: crossing "
    "the ankle over the other knee takes the leg across the body."
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
        cautions=(_SHARP, _NOT_FOR, _NERVE, _OUTER_HIP, _NEW_HIP, _BONES),
        evidence=(_PAGADUAN, _COUTURE),
        source=(
            f"{_AMNESIA} rolls with therapy balls; {_UNLOCK} and {_RUNNERS}, with a "
            "tennis ball, also release the seat. Dose: " + _DOSE_NOTE + "."
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
        cautions=(_SHARP, _NOT_FOR, _NERVE, _OUTER_HIP, _NEW_HIP),
        evidence=(_PAGADUAN, _COUTURE),
        source=f"{_RUNNERS} starts with the foam roller. Dose: " + _DOSE_NOTE + ".",
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
        cautions=(
            _SHARP,
            _NOT_FOR,
            "Do not roll over the kneecap.",
            "Pregnancy: lying face down on a roller presses on the bump; once it does "
            "(often by mid-pregnancy), sit and roll the thigh with a hand roller or a "
            "ball instead.",
        ),
        evidence=(_PAGADUAN, _CHEATHAM, _COUTURE),
        source=f"{_RUNNERS} releases the quads first. Dose: " + _DOSE_NOTE + ".",
    ),
    Exercise(
        id="upper-back-ball-release",
        name="Upper-back ball release",
        phase="roll",
        summary=(
            "Standing with your back to a wall, pin a ball beside the spine between the "
            "shoulder blades and roll it slowly up and down by bending the knees."
        ),
        instructions=(
            "1. Stand with your back to a wall, feet a short step away from it.",
            "2. Place the ball between the wall and the muscle beside the spine, level "
            "with one shoulder blade; never on the spine itself.",
            "3. Cross your arms over your chest to draw the shoulder blade out of the way.",
            "4. Lean back to set the pressure, then bend and straighten the knees slowly "
            "so the ball travels up and down the muscle.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Beside the spine, not on it", "Hug yourself", "Slow and small"),
        targets=("rhomboids", "middle trapezius", "thoracic erectors"),
        equipment=("massage ball or tennis ball", "wall"),
        dose=Dose(sets=1, duration_s=60, sides="each"),
        level=1,
        cautions=(_SHARP, _NOT_FOR, _RIBS, _BONES),
        evidence=(_PAGADUAN,),
        source=f"{_AMNESIA} works the shoulders as well as the hips for the desk "
        "posture. Dose: " + _DOSE_NOTE + ".",
    ),
    Exercise(
        id="lat-ball-release",
        name="Lat ball release",
        phase="roll",
        summary=(
            "Lie on your side with a ball under the back of the armpit and roll the "
            "lats, the broad muscles from the upper arm down the side of the back."
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
        cautions=(
            _SHARP,
            _NOT_FOR,
            _RIBS,
            "Keep the ball off the armpit itself and off the ribs' bony edge.",
        ),
        evidence=(_PAGADUAN,),
        source=f"{_AMNESIA} calls the lats the glutes of the back and holds that a "
        "rounded posture inhibits them, as it says sitting does to the glutes; that is "
        "a theory from practice, not a measured finding. Dose: " + _DOSE_NOTE + ".",
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
            _NOT_FOR,
            _RIBS,
            "Stay off the collarbone and the armpit; move away from tingling in the arm.",
        ),
        evidence=(_PAGADUAN,),
        source=f"{_AMNESIA}: the front of the shoulder grows tight from rounding over "
        "screens. Dose: " + _DOSE_NOTE + ".",
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
        cautions=(_SHARP, _NOT_FOR, _NERVE),
        evidence=(),
        source=f"{_WONT_FIRE} describes kneading the buttock for blood flow; it gives no "
        "time, so we use the same 60 s per side as the rolling drills (within the "
        "Pagaduan et al. 2022 range), which is ours.",
    ),
]


@hookimpl
def composer_exercises() -> list[Exercise]:
    return EXERCISES
