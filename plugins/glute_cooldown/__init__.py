"""Cool-down: long, calm stretches for the tight, overactive areas after the work.

After targeted exercise, holds of 30–60 s in the areas that sitting and
hunching shorten (hip flexors, quads, chest) help them settle. For most
adults 30 s does as much as 60 s (Bandy & Irion 1994); ACSM advises 10–30 s,
and 30–60 s for older adults. After the work there is no performance to
protect, so these holds sit at the long end. Finish with child's pose.
"""

from composer import Dose, Evidence, Exercise, hookimpl

_AMNESIA = '"Gluteal amnesia" (a movement teacher\'s blog post, 19 June 2017)'
_WONT_FIRE = "\"Why your glutes won't fire\" (a runner's article)"
_RUNNERS = '"Getting those Glutes to fire" (a post for runners)'

_TIGHT_NOT_PAIN = "Stretch to a feeling of tightness, never to pain."
_NERVE = (
    "Piriformis syndrome shows as buttock pain or numbness down the back of the "
    "leg; if this stretch brings that on, stop and see a health professional."
)
_KNEES = (
    "Kneeling: put a folded towel or cushion under the knees; if kneeling still "
    "hurts, choose a stretch lying down instead."
)


def _new_hip(what: str) -> str:
    return f"After a hip replacement, follow your surgeon's movement limits: {what}."


_BANDY = Evidence(
    muscle="stretched muscle",
    source="Bandy & Irion 1994, Phys Ther 74(9):845",
    note="30 s holds were as good as 60 s for most adults; ACSM advises 10–30 s, "
    "30–60 s for older adults",
)

EXERCISES = [
    Exercise(
        id="childs-pose",
        name="Child's pose",
        phase="cooldown",
        summary=(
            "Kneel, sit back on your heels and fold forward with arms reaching out "
            "and forehead down. A gentle stretch for the back and the glutes."
        ),
        instructions=(
            "1. Kneel with big toes together and knees as wide as is comfortable.",
            "2. Sit your hips back toward your heels.",
            "3. Walk the hands forward and lower the forehead to the mat or a cushion.",
            "4. Let the head, shoulders and arms go heavy.",
            "5. Breathe slowly into the back of the ribs.",
        ),
        cues=("Hips to heels", "Head and shoulders heavy", "Slow breaths"),
        targets=("lower back", "gluteus maximus", "latissimus dorsi"),
        equipment=("mat", "cushion (optional)"),
        dose=Dose(sets=1, duration_s=60, sides="both"),
        level=1,
        cautions=(
            "Put a cushion between heels and seat if the knees complain.",
            _KNEES,
            _new_hip("sitting back onto the heels bends the hips deeply, so stop short"),
            "Pregnancy: spread the knees wide enough to make room for the bump.",
        ),
        source=f"From {_RUNNERS}, step 5: hold for several breaths; we time 60 s, about "
        "eight slow breaths.",
    ),
    Exercise(
        id="hip-flexor-long-hold",
        name="Kneeling hip flexor hold (long)",
        phase="cooldown",
        summary=(
            "The half-kneeling hip flexor stretch, held long after the workout to "
            "let the front of the hip settle. 60 s per side."
        ),
        instructions=(
            "1. Kneel on one knee with the other foot forward, both at right angles.",
            "2. Tuck the tail under a little and shift the hips forward until the "
            "front of the back hip stretches.",
            "3. Reach the arm of the kneeling side up overhead for a little more.",
            "4. Relax and breathe; sink a touch on each breath out.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Tail tucked", "Hips forward", "Breathe and sink"),
        targets=("psoas", "iliacus", "rectus femoris"),
        equipment=("mat", "cushion for the knee"),
        dose=Dose(sets=1, duration_s=60, sides="each"),
        level=1,
        cautions=(
            _TIGHT_NOT_PAIN,
            "Save the long hold for after the work, not before it.",
            _KNEES,
        ),
        evidence=(_BANDY,),
        source=f"From {_AMNESIA}: hold 30–60 s in the tight, overactive areas after the "
        "workout; "
        "we default to the 60 s end for the hip flexors, the main tight area. Shorten to "
        "30 s if you like (Bandy & Irion 1994).",
    ),
    Exercise(
        id="figure-four-stretch",
        name="Figure-four glute stretch",
        phase="cooldown",
        summary=(
            "On your back, cross one ankle over the other knee and pull the legs in "
            "to stretch the seat of the crossed side."
        ),
        instructions=(
            "1. Lie on your back, knees bent, and cross one ankle over the other knee.",
            "2. Thread your hands behind the thigh of the bottom leg.",
            "3. Draw that thigh toward your chest until the crossed side's buttock stretches.",
            "4. Keep the head and shoulders down and breathe.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Ankle over knee", "Pull the thigh in", "Head down, breathe"),
        targets=("gluteus maximus", "piriformis", "deep hip rotators"),
        equipment=("mat",),
        dose=Dose(sets=1, duration_s=45, sides="each"),
        level=1,
        cautions=(
            _TIGHT_NOT_PAIN,
            _NERVE,
            "Pain on the outer side of the hip (gluteal tendon pain)? Crossing the leg "
            "and pulling it in presses those tendons against the bone: leave this "
            "stretch out and ask a physiotherapist.",
            _new_hip("this crosses the leg and bends the hips deeply"),
        ),
        evidence=(_BANDY,),
        source=f"{_AMNESIA} asks for 30–60 s holds after the work, and {_WONT_FIRE} "
        "stretches the piriformis; 45 s, the middle of that range, is our default.",
    ),
    Exercise(
        id="lying-quad-stretch",
        name="Side-lying quad stretch",
        phase="cooldown",
        summary=(
            "Lying on your side, hold the top ankle and draw the heel back toward your "
            "seat, knees level, to stretch the front of the thigh."
        ),
        instructions=(
            "1. Lie on one side with your head on the lower arm.",
            "2. Bend the top knee and hold that ankle with the top hand.",
            "3. Keep the knees level and gently move the heel back toward the seat.",
            "4. Push the hip forward a little to feel it higher in the thigh.",
            "5. Change sides when the timer tells you.",
        ),
        cues=("Knees level", "Hip forward", "Breathe"),
        targets=("quadriceps", "rectus femoris", "hip flexors"),
        equipment=("mat", "strap (optional)"),
        dose=Dose(sets=1, duration_s=45, sides="each"),
        level=1,
        cautions=(
            _TIGHT_NOT_PAIN,
            "Use a strap if the ankle is out of reach.",
            "Pain on the outer side of the hip (gluteal tendon pain)? Lying on that "
            "side presses on those tendons: lie on the other side, or use the standing "
            "quad stretch.",
        ),
        evidence=(_BANDY,),
        source=f"{_AMNESIA} asks for 30–60 s holds after the work, and {_RUNNERS} "
        "finds the quads overactive in runners; 45 s is our default.",
    ),
    Exercise(
        id="doorway-chest-stretch",
        name="Doorway chest stretch",
        phase="cooldown",
        summary=(
            "Forearm on a door frame, step through and turn away to stretch the chest "
            "and front of the shoulder that a desk pulls forward."
        ),
        instructions=(
            "1. Stand in a doorway and rest one forearm on the frame, elbow at shoulder height.",
            "2. Step the same-side foot through and turn the chest gently away from the arm.",
            "3. Stop when the front of the shoulder and chest stretch; keep the shoulder down.",
            "4. Breathe slowly. Change sides when the timer tells you.",
        ),
        cues=("Elbow at shoulder height", "Turn away gently"),
        targets=("pectoralis major", "pectoralis minor", "anterior deltoid"),
        equipment=("doorway or wall corner",),
        dose=Dose(sets=1, duration_s=45, sides="each"),
        level=1,
        cautions=(
            _TIGHT_NOT_PAIN,
            "Tingling in the hand means too much; lower the elbow and ease off.",
        ),
        evidence=(_BANDY,),
        source=f"From {_AMNESIA}: the front of the shoulder is a tight area from "
        "hunching, and it asks for 30–60 s holds after the work; 45 s is our default.",
    ),
]


@hookimpl
def composer_exercises() -> list[Exercise]:
    return EXERCISES
