"""Draw a digit: live probabilities from the network the student trained."""

import streamlit as st

from core.digits.questions import draw_questions
from ui.draw.key_experiment import key_experiment_step
from ui.draw.network_choice import choose_network, classmates
from ui.draw.views import model_upload, show_what_it_sees
from ui.frame.quick_questions import quick_questions
from ui.mnist import runs
from ui.state.kept_settings import LESSON_SETTING
from ui.training.elsewhere import training_under_way

st.title("🖊️ Draw a digit")
models = runs.mnist_models()
key_experiment_step(models)  # Black ink on white paper, for each kind of network there is.
shared_runs = classmates()  # The class board's MNIST runs: one read per page run.
if not models and not shared_runs and training_under_way("MNIST"):
    st.info("Your network comes here by itself as soon as its training ends (above).")
    st.stop()
if not models and not shared_runs:
    st.info(
        "There is no trained network yet. Train one on the MNIST training page (or pick a "
        "classmate's once the class shares runs), then come back to draw."
    )
    st.page_link("app_pages/mnist_training.py", label="Go to MNIST training", icon="✍️")
    model_upload()  # Or bring a trained network as a file.
    st.stop()

from core.digits.predict import predict_drawing  # noqa: E402
from ui.draw.board import drawing_board  # noqa: E402  (the canvas needs a running app)

network, options = st.columns([1, 1], vertical_alignment="bottom")
choice, model = choose_network(network, models, shared_runs)  # Theirs, or a classmate's.
centre = options.toggle(
    "Crop and centre the digit, as MNIST did",
    value=True,
    key="draw_centre",
    **LESSON_SETTING,
    help="Turn off to shrink the whole canvas instead, and watch the network struggle.",
)
drawing_board(model, centre)  # First: the canvas, with what to do on it.
model_upload()  # Where it was before the model came: an upload's message stays in view.
with st.expander("Draw with the keyboard, or pick a test digit"):  # No pointer needed.
    from ui.draw.keyboard_pen import keyboard_section

    keyboard_section(model, centre)

# --- Upload -----------------------------------------------------------------------------------
st.header("Or upload a photo of a digit")
upload = st.file_uploader(
    "A PNG or JPEG of one digit, any size (up to 5 MB)",
    type=["png", "jpg", "jpeg"],
    key="draw_upload",
)
if upload is not None:
    from core.digits.image_files import ImageFileError, decode_image

    try:
        photo = decode_image(upload.getvalue())
    except ImageFileError as error:
        st.error(f"{upload.name}: {error}")
    else:
        found = predict_drawing(model, photo, "auto", centre)
        a, b, c = st.columns([3, 2, 4])
        a.image(photo, caption=upload.name, width=200, alt=f"Your photo {upload.name}")
        if found.probabilities is None:
            b.warning("No digit found: the picture looks blank.")
        else:
            with b:
                show_what_it_sees(found)
            with c:
                st.markdown(f"**{upload.name}**: {found.digit} ({found.confidence:.0%})")
                if found.unsure:
                    st.caption("The network is unsure about this one.")

# --- The workshop's example table -------------------------------------------------------------
from ui.draw.examples import example_tables  # noqa: E402

example_tables(models if choice in dict(models) else [*models, (choice, model)], choice)
quick_questions("draw", draw_questions())
