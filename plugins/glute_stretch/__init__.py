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

_SEED4 = "seed 004 (004_7d982241bfcb9d87.txt)"
_SEED3 = "seed 003 (003_b707250307161610.txt)"
_SEED1 = "seed 001 (001_729b2315f100b8cd.txt)"

_TIGHT_NOT_PAIN = "Stretch to a feeling of tightness, never to pain; ease off if it hurts."
_SHORT_BEFORE = (
    "Before activation or sport keep each hold under 60 s: longer holds cut "
    "performance by about 4.6 %, shorter ones by about 1.1 % (Behm et al. 2016)."
)
_NERVE = (
    "Piriformis syndrome shows as buttock pain or numbness down the back of the "
    "leg; if this stretch brings that on, stop and see a health professional."
)

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
            "1. Kneel on a mat, then step one foot forward into a long lunge.",
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
        cautions=(_TIGHT_NOT_PAIN, _SHORT_BEFORE),
        evidence=(_BEHM, _MILLS),
        source=f"{_SEED4}, the hip opener: about 30 s each side with deep breaths.",
    ),
    Exercise(
        id="hip-flexor-knee-lifted",
        name="Hip flexor stretch, back knee lifted",
        phase="stretch",
        summary=(
            "From the low lunge, tuck the back toes under and lift the back knee off "
            "the floor for a deeper stretch, held for a few breaths per side."
        ),
        instructions=(
            "1. Start in the low lunge with hands beside the front foot.",
            "2. Curl the toes of the back foot under.",
            "3. Press the back knee up off the floor so the back leg is long.",
            "4. Reach back through the heel and keep breathing slowly.",
            "5. Lower the knee, then change sides when the timer tells you.",
        ),
        cues=("Toes tucked, knee up", "Long back leg"),
        targets=("psoas", "iliacus", "rectus femoris"),
        equipment=("mat",),
        dose=Dose(sets=1, duration_s=20, sides="each"),
        level=2,
        progresses="half-kneeling-hip-flexor",
        cautions=(_TIGHT_NOT_PAIN, _SHORT_BEFORE),
        evidence=(_BEHM,),
        source=f"{_SEED4}: the second stage of the hip opener, held 'a few more breaths'; "
        "we read that as about 20 s (four or five slow breaths).",
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
        cautions=(_TIGHT_NOT_PAIN, _SHORT_BEFORE),
        evidence=(_BEHM,),
        source=f"{_SEED4}: the third stage of the hip opener (a tight psoas arches the back, "
        "so tuck the pelvis); it gives no time, so we use the same 30 s as the first stage.",
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
        cautions=(_TIGHT_NOT_PAIN, _SHORT_BEFORE),
        evidence=(_BEHM, _MILLS),
        source=f"{_SEED4}, step 3: hold about 30 s, then the other side. {_SEED1} also "
        "stretches the psoas first.",
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
        cautions=("If the ache turns sharp or spreads down a leg, get up and rest another way.",),
        source=f"{_SEED4}: the hint for a very contracted psoas, resting face up with the knees "
        "propped on a pillow for 15 minutes (900 s).",
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
        source=f"{_SEED1} names the quads as tight too, and {_SEED4} stretches them with the "
        "psoas; neither gives a time, so we use the hip opener's 30 s per side.",
    ),
    Exercise(
        id="piriformis-stretch",
        name="Piriformis stretch",
        phase="stretch",
        summary=(
            "On your back, cross one ankle over the other knee and draw the knee toward "
            "the opposite shoulder to stretch deep in the seat."
        ),
        instructions=(
            "1. Lie on your back with both knees bent and feet flat.",
            "2. Cross the right ankle over the left knee.",
            "3. Hold the right knee with both hands and pull it toward your left shoulder.",
            "4. Stop where you feel a stretch deep in the right buttock and breathe.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Knee to opposite shoulder", "Deep in the seat"),
        targets=("piriformis", "deep hip rotators", "gluteus maximus"),
        equipment=("mat",),
        dose=Dose(sets=1, duration_s=30, sides="each"),
        level=1,
        cautions=(_TIGHT_NOT_PAIN, _NERVE, _SHORT_BEFORE),
        evidence=(_BEHM,),
        source=f"{_SEED3} keeps hip range with piriformis stretches; no time is given, so "
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
        cautions=(_TIGHT_NOT_PAIN, _SHORT_BEFORE),
        evidence=(_BEHM,),
        source=f"{_SEED3} lists groin stretches for hip range; no time is given, so our "
        "dose is 30 s, the same as the other pre-work holds.",
    ),
]


@hookimpl
def composer_exercises():
    return EXERCISES
