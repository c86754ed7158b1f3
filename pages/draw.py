"""Draw a digit: live probabilities from the network the student trained."""

import streamlit as st

from core.example_digits import example_batch, examples, paper_label
from ui import session
from ui.draw_views import example_table, model_upload, show_answer, show_what_it_sees

PAPERS = {
    "black": "White ink on black paper (like MNIST)",
    "white": "Black ink on white paper (like real paper)",
}
CANVAS = 280

st.title("🖊️ Draw a digit")
model_upload()
models = session.mnist_models()
if not models:
    st.info(
        "There is no trained network yet. Train one on the MNIST training page (a few "
        "thousand examples are enough for a first try), then come back to draw."
    )
    st.page_link("pages/mnist_training.py", label="Go to MNIST training", icon="✍️")
    st.stop()

from streamlit_drawable_canvas import st_canvas  # noqa: E402  (needs a running app)

from core.digit_predict import forward, predict_drawing  # noqa: E402

current = session.current_mnist_model()
labels = [label for label, _ in models]
default = labels.index(current[1]) if current and current[1] in labels else len(labels) - 1
choice = st.selectbox("Network", labels, index=default, key="draw_model")
model = dict(models)[choice]

left, middle, right = st.columns([5, 3, 5])
with left:
    paper = st.radio(
        "Paper", list(PAPERS), format_func=PAPERS.get, key="draw_paper", horizontal=False
    )
    st.session_state.setdefault("draw_canvas_version", 0)
    pen, clear = st.columns([3, 1])
    pen_width = pen.slider("Pen width", 5, 40, CANVAS // 12, key="draw_pen")
    if clear.button("Clear", key="draw_clear", help="Start a new drawing"):
        st.session_state["draw_canvas_version"] += 1
    ink, background = ("#FFFFFF", "#000000") if paper == "black" else ("#000000", "#FFFFFF")
    canvas = st_canvas(
        stroke_width=pen_width,
        stroke_color=ink,
        background_color=background,
        height=CANVAS,
        width=CANVAS,
        drawing_mode="freedraw",
        return_image_data=True,
        key=f"draw_canvas_{paper}_{st.session_state['draw_canvas_version']}",
    )
    centre = st.toggle(
        "Crop and centre the digit, as MNIST did",
        value=True,
        key="draw_centre",
        help="Turn off to shrink the whole canvas instead, and watch the network struggle.",
    )

image = canvas.image_data
prediction = predict_drawing(model, image, paper, centre) if image is not None else None
if prediction is None or prediction.probabilities is None:
    with middle:
        st.info(
            "Draw a digit from 0 to 9 on the canvas. The network answers when you lift the mouse."
        )
else:
    st.session_state[session.LATEST_DRAWING] = image
    with middle:
        show_what_it_sees(prediction, "draw")
    with right:
        show_answer(prediction, "draw")

# --- Upload -----------------------------------------------------------------------------------
st.header("Or upload a photo of a digit")
upload = st.file_uploader(
    "A PNG or JPEG of one digit, any size (up to 5 MB)",
    type=["png", "jpg", "jpeg"],
    key="draw_upload",
)
if upload is not None:
    from core.image_files import ImageFileError, decode_image

    try:
        photo = decode_image(upload.getvalue())
    except ImageFileError as error:
        st.error(f"{upload.name}: {error}")
    else:
        found = predict_drawing(model, photo, "auto", centre)
        a, b, c = st.columns([3, 2, 4])
        a.image(photo, caption=upload.name, width=200)
        if found.probabilities is None:
            b.warning("No digit found: the picture looks blank.")
        else:
            with b:
                show_what_it_sees(found, "upload")
            with c:
                st.markdown(f"**{upload.name}**: {found.digit} ({found.confidence:.0%})")
                if found.unsure:
                    st.caption("The network is unsure about this one.")

# --- The workshop's example table -------------------------------------------------------------
st.header("The workshop's example table")
st.markdown(
    "The same pictures, asked of one network or of two side by side. Train one network "
    "without and one with **invert** on the MNIST page, then compare: which of them reads "
    "black-on-white digits? (The smiley is no digit, yet the network must answer.)"
)
compare = st.multiselect(
    "Networks to compare (two at most)", labels, default=[choice], key="draw_compare"
)[:2]
rows = examples()
batch = example_batch()  # Prepared once per server, not on every stroke.
for column, label in zip(st.columns(max(1, len(compare))), compare, strict=False):
    with column:
        probabilities = forward(dict(models)[label], batch)
        right_count = sum(
            int(p.argmax()) == e.truth for p, e in zip(probabilities, rows, strict=True)
        )
        digits = sum(e.truth is not None for e in rows)
        st.markdown(f"**{label}**: {right_count} of {digits} digits right")
        example_table(rows, probabilities)
st.caption("Papers: " + ", ".join(f"{e.name} ({paper_label(e.paper)})" for e in rows) + ".")
