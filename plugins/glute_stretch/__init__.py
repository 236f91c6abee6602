"""Stretch: lengthen the short, tight side, mostly the hip flexors and psoas.

Hours of sitting keep the front of the hip shortened. These holds open it up
before the glutes are asked to work, plus the quads, the piriformis and the
groin. Holds here are short on purpose: in a large review, static holds of a
minute or more per muscle cut later performance by about 4.6 %, holds under a
minute by about 1.1 % (Behm et al. 2016). The long holds belong in the
cool-down pack. The idea that tight hip flexors switch the glutes off
("reciprocal inhibition") is a theory with weak evidence, mostly
cross-sectional (Mills et al. 2015).
"""

from composer import Dose, Evidence, Exercise, hookimpl

_RUNNERS = '"Getting those Glutes to fire" (a post for runners)'
_WONT_FIRE = "\"Why your glutes won't fire\" (a runner's article)"
_CHEEKY = '"Getting Cheeky about Dead Butt Syndrome (aka: Gluteal Amnesia)"'

_TIGHT_NOT_PAIN = "Stretch to a feeling of tightness, never to pain; ease off if it hurts."
_SHORT_BEFORE = (
    "Before activation or sport keep each hold under 60 s: longer holds cut "
    "performance by about 4.6 %, shorter ones by about 1.1 % (Behm et al. 2016)."
)
_NERVE = (
    "Piriformis syndrome shows as buttock pain or numbness down the back of the "
    "leg; if this stretch brings that on, stop and see a health professional."
)
_KNEES = (
    "Kneeling: put a folded towel or cushion under the knee; if kneeling still "
    "hurts, use the standing quad stretch or the lying psoas stretch instead."
)
_OUTER_HIP = (
    "Pain on the outer side of the hip (gluteal tendon pain)? Drawing the knee "
    "across the body presses those tendons against the bone: leave this stretch "
    "out and ask a physiotherapist."
)


def _new_hip(what: str) -> str:
    return f"After a hip replacement, follow your surgeon's movement limits: {what}."


_BEHM = Evidence(
    muscle="stretched muscles",
    source="Behm et al. 2016, Appl Physiol Nutr Metab 41:1",
    note="static holds of 60 s or more per muscle cut performance ~4.6 %, under 60 s ~1.1 %",
)
_MILLS = Evidence(
    muscle="hip flexors and gluteus maximus",
    source="Mills et al. 2015, IJSPT",
    note="evidence that tight hip flexors inhibit the glutes is weak and mostly "
    "cross-sectional; treat it as a theory",
)

EXERCISES = [
    Exercise(
        id="half-kneeling-hip-flexor",
        name="Half-kneeling hip flexor stretch",
        phase="stretch",
        summary=(
            "A low lunge with the back knee down and both hands beside the front foot, "
            "held for about 30 s of slow breathing on each side."
        ),
        instructions=(
            "1. Kneel on a mat, then step one foot forward into a long lunge, back knee "
            "on the floor.",
            "2. Put both hands on the floor on either side of the front foot.",
            "3. Let the hips sink forward and down until the front of the back hip "
            "feels a stretch.",
            "4. Breathe deeply and slowly, letting the hips settle a little on each breath out.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Hips sink forward", "Slow deep breaths"),
        targets=("psoas", "iliacus", "rectus femoris"),
        equipment=("mat", "cushion for the back knee"),
        dose=Dose(sets=1, duration_s=30, sides="each"),
        level=1,
        cautions=(_TIGHT_NOT_PAIN, _SHORT_BEFORE, _KNEES),
        evidence=(_BEHM, _MILLS),
        source=f"Dose from {_RUNNERS}, the hip opener: about 30 s each side with deep breaths.",
    ),
    Exercise(
        id="hip-flexor-knee-lifted",
        name="Hip flexor stretch, back knee lifted",
        phase="stretch",
        summary=(
            "From the kneeling low lunge, tuck the back toes under and lift the back "
            "knee off the floor for a deeper stretch, held for a few breaths."
        ),
        instructions=(
            "1. Start in the kneeling low lunge, back knee down, hands beside the front foot.",
            "2. Curl the toes of the back foot under.",
            "3. Press the back knee up off the floor so the back leg is long.",
            "4. Reach back through the heel and keep breathing slowly.",
            "5. Lower the knee, then change sides when the timer tells you.",
        ),
        cues=("Toes tucked, knee up", "Long back leg"),
        targets=("psoas", "iliacus", "rectus femoris"),
        equipment=("mat", "cushion for the back knee"),
        dose=Dose(sets=1, duration_s=20, sides="each"),
        level=2,
        progresses="half-kneeling-hip-flexor",
        cautions=(_TIGHT_NOT_PAIN, _SHORT_BEFORE, _KNEES),
        evidence=(_BEHM,),
        source=f"From {_RUNNERS}: the second stage of the hip opener, held 'a few more "
        "breaths'; we read that as about 20 s (four or five slow breaths).",
    ),
    Exercise(
        id="hip-flexor-pelvis-tuck",
        name="Hip flexor stretch, hands on knee, pelvis tucked",
        phase="stretch",
        summary=(
            "Back knee down, hands resting on the front knee, tail tucked under so the "
            "lower back flattens. Reaches the upper fibres of the psoas."
        ),
        instructions=(
            "1. Kneel in the lunge with the back knee on the floor again.",
            "2. Rest both hands on the front knee and lift the chest.",
            "3. Tuck the tailbone under, as if tipping a bowl of water backward, "
            "so the lower back flattens.",
            "4. Keep the tuck and shift the hips a little forward until the stretch "
            "climbs higher into the hip and belly.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Tuck the tail under", "Flatten the low back", "Chest tall"),
        targets=("psoas (upper fibres)", "iliacus"),
        equipment=("mat", "cushion for the back knee"),
        dose=Dose(sets=1, duration_s=30, sides="each"),
        level=2,
        progresses="half-kneeling-hip-flexor",
        cautions=(_TIGHT_NOT_PAIN, _SHORT_BEFORE, _KNEES),
        evidence=(_BEHM,),
        source=f"From {_RUNNERS}: the third stage of the hip opener (a tight psoas arches "
        "the back, so tuck the pelvis). It gives no time here, so we use the first "
        "stage's 30 s.",
    ),
    Exercise(
        id="supine-psoas-stretch",
        name="Supine psoas stretch",
        phase="stretch",
        summary=(
            "Lie on your back, hug one knee to the chest to anchor the pelvis and let "
            "the other leg lie long and heavy. About 30 s per side."
        ),
        instructions=(
            "1. Lie on your back with both legs straight.",
            "2. Pull one knee toward your chest with both hands.",
            "3. Let the other leg rest long on the floor, completely relaxed.",
            "4. Feel the front of the straight-leg hip and the lower back soften as you breathe.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Hug one knee in", "Other leg heavy"),
        targets=("psoas", "iliacus"),
        equipment=("mat",),
        dose=Dose(sets=1, duration_s=30, sides="each"),
        level=1,
        cautions=(
            _TIGHT_NOT_PAIN,
            _SHORT_BEFORE,
            _new_hip("hugging the knee to the chest bends the hip deeply"),
        ),
        evidence=(_BEHM, _MILLS),
        source=f"Dose from {_RUNNERS}, step 3: hold about 30 s, then the other side. "
        f"{_CHEEKY} also stretches the psoas first.",
    ),
    Exercise(
        id="constructive-rest",
        name="Constructive rest",
        phase="stretch",
        summary=(
            "Lie face up, knees propped softly bent on a cushion, and simply rest for "
            "up to 15 minutes. A gentle way in when the psoas is too tight for lunges."
        ),
        instructions=(
            "1. Lie on your back on a mat or firm bed.",
            "2. Put a pillow or rolled blanket under both knees so they stay softly bent.",
            "3. Rest your arms by your sides or on your belly.",
            "4. Breathe slowly and let the hips and lower back sink.",
            "5. A mild ache in the hips or lower back can come and go; just let it be.",
        ),
        cues=("Let everything sink", "Slow breaths"),
        targets=("psoas", "lower back"),
        equipment=("mat", "pillow"),
        dose=Dose(sets=1, duration_s=900, sides="both"),
        level=1,
        cautions=(
            "If the ache turns sharp or spreads down a leg, get up and rest another way.",
            "Pregnancy: from mid-pregnancy (about 20 weeks) do not lie flat on your "
            "back for long. Rest on your side with a pillow between the knees, or "
            "propped half-upright on pillows; roll onto your side at once if you feel "
            "dizzy, sick or short of breath.",
        ),
        source=f"Dose from {_RUNNERS}: its hint for a very contracted psoas, resting face "
        "up with the knees propped on a pillow for 15 minutes (900 s).",
    ),
    Exercise(
        id="quad-stretch",
        name="Standing quad stretch",
        phase="stretch",
        summary=(
            "Stand on one leg and draw the other heel toward your seat, knees side by "
            "side and hips pressed forward."
        ),
        instructions=(
            "1. Stand tall, one hand on a wall or chair.",
            "2. Bend one knee and take hold of that ankle behind you.",
            "3. Keep the two knees side by side and pull the heel gently toward your seat.",
            "4. Tuck the tail a little and press the hips forward to feel the front of the thigh.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Knees together", "Hips forward"),
        targets=("quadriceps", "rectus femoris", "hip flexors"),
        equipment=("wall or chair for balance",),
        dose=Dose(sets=1, duration_s=30, sides="each"),
        level=1,
        cautions=(_TIGHT_NOT_PAIN, _SHORT_BEFORE, "Use a strap if you cannot reach the ankle."),
        evidence=(_BEHM,),
        source=f"{_CHEEKY} names the quads as tight too, and {_RUNNERS} stretches them "
        "with the psoas; neither gives a time, so we use the hip opener's 30 s per side.",
    ),
    Exercise(
        id="piriformis-stretch",
        name="Piriformis stretch",
        phase="stretch",
        summary=(
            "On your back, draw one bent knee up and across toward the opposite "
            "shoulder to stretch deep in the seat of that side."
        ),
        instructions=(
            "1. Lie on your back with both legs straight.",
            "2. Bend the right knee up toward your chest.",
            "3. Hold the right knee with your left hand and the right ankle with your right hand.",
            "4. Draw the right knee across toward your left shoulder until you feel a "
            "stretch deep in the right buttock; keep the right hip on the floor.",
            "5. Breathe slowly. When the timer says switch, do the same with the left "
            "knee toward the right shoulder.",
        ),
        cues=("Knee to opposite shoulder", "Deep in the seat", "Hip stays down"),
        targets=("piriformis", "deep hip rotators", "gluteus maximus"),
        equipment=("mat",),
        dose=Dose(sets=1, duration_s=30, sides="each"),
        level=1,
        cautions=(
            _TIGHT_NOT_PAIN,
            _NERVE,
            _SHORT_BEFORE,
            _OUTER_HIP,
            _new_hip("this bends the hip deeply and takes the knee across the body"),
        ),
        evidence=(_BEHM,),
        source=f"{_WONT_FIRE} keeps hip range with piriformis stretches but gives no time; "
        "our dose is 30 s per side, under the 60 s Behm et al. 2016 flag before activity.",
    ),
    Exercise(
        id="groin-stretch",
        name="Butterfly groin stretch",
        phase="stretch",
        summary=(
            "Sit with the soles of the feet together and let the knees drop out to the "
            "sides to stretch the inner thighs."
        ),
        instructions=(
            "1. Sit tall with the soles of the feet together and the knees out to the sides.",
            "2. Hold the feet and draw them as close to you as is comfortable.",
            "3. Let the knees sink toward the floor; do not push them down with force.",
            "4. For more, hinge forward from the hips with a long back.",
        ),
        cues=("Sit tall", "Knees sink, no forcing"),
        targets=("adductors", "groin"),
        equipment=("mat",),
        dose=Dose(sets=1, duration_s=30, sides="both"),
        level=1,
        cautions=(
            _TIGHT_NOT_PAIN,
            _SHORT_BEFORE,
            _new_hip("the knees drop wide and the forward hinge bends the hips deeply"),
        ),
        evidence=(_BEHM,),
        source=f"{_WONT_FIRE} lists groin stretches for hip range but gives no time; our "
        "dose is 30 s, the same as the other pre-work holds.",
    ),
]


@hookimpl
def composer_exercises() -> list[Exercise]:
    return EXERCISES
