"""Mobility: move the hips and shoulders through their range before the work.

Movements here cross more than one joint at a time, because that carries over
best to daily life and sport, and they wake up the nervous system rather than
just warming joints. Any stretch inside them is brief, so the muscles are not
dulled before activation. The pack also holds the simplest remedy for a day
of sitting: get up, walk, take the stairs. The source posts give no counts for
these drills; each `source` says what we chose and why.
"""

from composer import Dose, Exercise, hookimpl

_AMNESIA = '"Gluteal amnesia" (a movement teacher\'s blog post, 19 June 2017)'
_CHEEKY = '"Getting Cheeky about Dead Butt Syndrome (aka: Gluteal Amnesia)"'
_UNLOCK = '"Unlock Your Glutes"'
_WONT_FIRE = "\"Why your glutes won't fire\" (a runner's article)"

_SHARP = "Stop if you feel sharp pain; move only through a range that feels easy."
_NO_DOSE = "it gives no count, so the dose is ours: "
_KNEES = (
    "Kneeling: if you put the back knee down, rest it on a folded towel or "
    "cushion; or keep the knee up and make the lunge shorter."
)


def _new_hip(what: str) -> str:
    return f"After a hip replacement, follow your surgeon's movement limits: {what}."


EXERCISES = [
    Exercise(
        id="hip-circles",
        name="Standing hip circles",
        phase="mobilize",
        summary=(
            "Stand on one leg and draw big, slow circles with the other knee, one way "
            "then the other, to take the hip through its whole range."
        ),
        instructions=(
            "1. Stand tall next to a wall or chair and rest one hand on it.",
            "2. Lift the outside knee in front of you to hip height.",
            "3. Keeping it at hip height, open the knee out to the side as far as it goes.",
            "4. Turn the thigh so the knee points at the floor and the foot lifts out "
            "behind you, then lower the knee until it is beside the standing knee.",
            "5. Bring the knee forward and up to the start: one circle. Keep the pelvis "
            "and trunk still; only the thigh moves.",
            "6. After 5 circles, do 5 in reverse: from the front, lower the knee beside "
            "the standing knee, lift it out to the side, then sweep it forward. Then "
            "turn round for the other leg.",
        ),
        cues=("Big, slow circles", "Trunk stays still"),
        targets=("hip flexors", "gluteus medius", "hip rotators", "adductors"),
        equipment=("wall or chair for balance",),
        dose=Dose(sets=1, reps=10, rep_s=4, sides="each"),
        level=1,
        cautions=(
            _SHARP,
            _new_hip("the knee rises to hip height and the thigh turns inward"),
        ),
        source=f"{_UNLOCK} asks for global mobility over more than one joint; "
        + _NO_DOSE
        + "10 slow circles per leg (5 each way, about 4 s each) is a common warm-up amount.",
    ),
    Exercise(
        id="leg-swings-front-back",
        name="Leg swings, front to back",
        phase="mobilize",
        summary=(
            "Hold a support and swing one straight-ish leg forward and back like a "
            "pendulum, letting each swing grow a little."
        ),
        instructions=(
            "1. Stand side-on to a wall with the near hand on it.",
            "2. Swing the outside leg forward and back, knee soft.",
            "3. Start small and let the swing grow as the hip loosens.",
            "4. Keep the trunk upright; do not round the back to chase height.",
            "5. Turn round and swing the other leg.",
        ),
        cues=("Easy pendulum", "Let it grow", "Stand tall"),
        targets=("hip flexors", "hamstrings", "gluteus maximus"),
        equipment=("wall or chair for balance",),
        dose=Dose(sets=1, reps=15, rep_s=2, sides="each"),
        level=1,
        cautions=(
            _SHARP,
            _new_hip("keep the forward swing below hip height"),
        ),
        source=f"{_UNLOCK}, global hip mobility; "
        + _NO_DOSE
        + "15 swings per leg at about 2 s each, a usual dynamic warm-up.",
    ),
    Exercise(
        id="leg-swings-side",
        name="Leg swings, side to side",
        phase="mobilize",
        summary=(
            "Face a wall and swing one leg across the body and out to the side to "
            "open the inner and outer hip."
        ),
        instructions=(
            "1. Face a wall with both hands on it.",
            "2. Swing one leg across in front of the other, then out to the side.",
            "3. Keep the hips facing the wall; let the swing widen slowly.",
            "4. Change legs when the timer tells you.",
        ),
        cues=("Hips face the wall", "Across and out"),
        targets=("adductors", "gluteus medius", "tensor fasciae latae"),
        equipment=("wall",),
        dose=Dose(sets=1, reps=15, rep_s=2, sides="each"),
        level=1,
        cautions=(
            _SHARP,
            _new_hip("swinging the leg across in front of the other crosses the midline"),
        ),
        source=f"{_UNLOCK}, global hip mobility; "
        + _NO_DOSE
        + "15 swings per leg at about 2 s each, matching the front-to-back swings.",
    ),
    Exercise(
        id="worlds-greatest-stretch",
        name="World's greatest stretch",
        phase="mobilize",
        summary=(
            "A flowing lunge: step forward, drop the elbow toward the front foot, "
            "then turn and reach to the ceiling. Hips, hamstrings and upper back in "
            "one move."
        ),
        instructions=(
            "1. From standing, step the right foot far forward into a long lunge; kneel "
            "with the left knee on the mat if you need to.",
            "2. Put the left hand flat on the floor inside the right foot.",
            "3. Bring the right elbow down toward the inside of the right foot.",
            "4. Turn the chest to the right and reach the right arm up to the ceiling, "
            "eyes following the right hand.",
            "5. Put the right hand back down, step back to standing and repeat. Keep "
            "every position to one breath; this is a flow, not a hold.",
            "6. When the timer says switch: left foot forward, right hand down, left "
            "elbow in, left arm up.",
        ),
        cues=("Lunge, elbow, reach up", "Follow your hand", "Keep it flowing"),
        targets=("hip flexors", "gluteus maximus", "hamstrings", "thoracic spine"),
        equipment=("mat",),
        dose=Dose(sets=1, reps=5, rep_s=8, sides="each"),
        level=2,
        cautions=(
            _SHARP,
            "Before glute work keep each position short; long static holds dull the "
            "muscles (Behm et al. 2016).",
            _KNEES,
            _new_hip("the deep lunge bends the front hip a long way"),
        ),
        source=f"{_UNLOCK} wants mobility over several joints with only brief "
        "lengthening; " + _NO_DOSE + "5 slow flows per side, about 8 s each.",
    ),
    Exercise(
        id="wall-slides",
        name="Wall slides",
        phase="mobilize",
        summary=(
            "Back against a wall, slide the arms up and down in a W-to-Y shape to open "
            "a chest and shoulders that a desk has rounded forward."
        ),
        instructions=(
            "1. Stand with your back, head and bottom against a wall, feet a step away.",
            "2. Raise your arms into a W with elbows bent and the backs of the hands "
            "toward the wall.",
            "3. Slide the arms up into a Y as far as you can without the back arching off.",
            "4. Slide back down to the W, drawing the shoulder blades down and together.",
            "5. Keep the chin tucked and the ribs down throughout.",
        ),
        cues=("W up to Y", "Ribs down", "Chin tucked"),
        targets=("lower trapezius", "serratus anterior", "shoulders", "thoracic spine"),
        equipment=("wall",),
        dose=Dose(sets=1, reps=10, rep_s=4, sides="both"),
        level=1,
        cautions=(_SHARP, "Only go as high as you can while the lower back stays on the wall."),
        source=f"{_AMNESIA} mobilizes the shoulders for the rounded desk posture; "
        + _NO_DOSE
        + "10 slow slides, about 4 s each.",
    ),
    Exercise(
        id="thoracic-open-book",
        name="Open book (thoracic opener)",
        phase="mobilize",
        summary=(
            "Lying on your side with knees bent, sweep the top arm open like the cover "
            "of a book to turn the upper back and open the chest."
        ),
        instructions=(
            "1. Lie on one side with hips and knees bent to a right angle, arms straight in front.",
            "2. Keep the knees stacked and touching the floor.",
            "3. Lift the top arm and sweep it up and over, turning the chest to the ceiling.",
            "4. Follow the hand with your eyes and breathe out as you open.",
            "5. Sweep back to close the book. Change sides when the timer tells you.",
        ),
        cues=("Knees stay together", "Open and breathe out"),
        targets=("thoracic spine", "pectoralis major", "shoulders"),
        equipment=("mat",),
        dose=Dose(sets=1, reps=8, rep_s=5, sides="each"),
        level=1,
        cautions=(
            _SHARP,
            "Pain on the outer side of the hip (gluteal tendon pain)? Lying on that "
            "side, or with the top knee resting across the bottom one, squeezes those "
            "tendons: lie on the other side and keep a pillow between the knees.",
            _new_hip("keep a pillow between the knees so the top leg does not cross"),
        ),
        source=f"{_AMNESIA}, shoulder and upper-back mobility for desk workers; "
        + _NO_DOSE
        + "8 slow openings per side, about 5 s each.",
    ),
    Exercise(
        id="movement-break",
        name="Movement break",
        phase="mobilize",
        summary=(
            "Stand up from the chair and move for a minute: walk about, roll the "
            "shoulders, reach up, march on the spot. Do it often through a day of sitting."
        ),
        instructions=(
            "1. Stand up and step away from the desk.",
            "2. Walk around the room or march on the spot, swinging your arms.",
            "3. Roll the shoulders back a few times and reach both arms overhead.",
            "4. Squeeze your glutes a couple of times while standing tall.",
        ),
        cues=("Up and moving", "Swing the arms", "Stand tall"),
        targets=("whole body", "gluteus maximus", "hip flexors"),
        equipment=(),
        dose=Dose(sets=1, duration_s=60, sides="both"),
        level=1,
        cautions=(),
        source=f"{_CHEEKY} and {_WONT_FIRE} both say to get up and move often when "
        "sitting a lot; neither gives a time, so one minute, short enough to repeat "
        "every hour, is ours.",
    ),
    Exercise(
        id="walk",
        name="Walk",
        phase="mobilize",
        summary=(
            "An easy walk at a comfortable pace. It keeps the glutes working under "
            "body weight and builds tolerance for more."
        ),
        instructions=(
            "1. Walk at a pace where you could still hold a conversation.",
            "2. Let the arms swing and push the ground away behind you with each step.",
            "3. Feel the seat of the back leg working as it pushes off.",
            "4. If your hip is recovering, start short and add a little each time.",
        ),
        cues=("Easy pace", "Push off the back foot"),
        targets=("gluteus maximus", "gluteus medius", "whole body"),
        equipment=(),
        dose=Dose(sets=1, duration_s=300, sides="both"),
        level=1,
        cautions=("Shorten the walk if the hip aches more afterwards.",),
        source=f"{_WONT_FIRE} uses walking to rebuild weight-bearing tolerance and "
        f"{_CHEEKY} says to keep moving; neither gives a time, so 5 minutes, a gentle "
        "start to build from, is ours.",
    ),
    Exercise(
        id="stair-climb",
        name="Take the stairs",
        phase="mobilize",
        summary=(
            "Walk up and down a flight of stairs, pressing through the whole foot so "
            "the glute of the stepping leg does the lifting."
        ),
        instructions=(
            "1. Walk up the stairs at a steady pace, one step at a time, "
            "holding the rail if you like.",
            "2. Put the whole foot on each step and push up through the heel.",
            "3. Stand tall at the top; do not lean far forward.",
            "4. Walk back down with control and repeat until the timer ends.",
        ),
        cues=("Whole foot on the step", "Push through the heel"),
        targets=("gluteus maximus", "quadriceps", "calves"),
        equipment=("stairs",),
        dose=Dose(sets=1, duration_s=120, sides="both"),
        level=2,
        cautions=("Use the handrail; stop if the knee or hip hurts.",),
        source=f"{_CHEEKY} suggests the stairs whenever possible; "
        + _NO_DOSE
        + "2 minutes of up and down.",
    ),
]


@hookimpl
def composer_exercises() -> list[Exercise]:
    return EXERCISES
