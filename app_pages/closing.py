"""The closing page: a network always answers, even a question that makes no sense."""

import pandas as pd
import streamlit as st

from core.digits.dog import WORKSHOP_DOG_ROWS, dog_sentence, workshop_dog
from core.digits.questions import closing_questions
from ui.closing.confidence import show_confidence
from ui.frame.first_step import first_step
from ui.frame.quick_questions import quick_questions
from ui.mnist.runs import current_mnist_model

DIGITS = [str(d) for d in range(10)]

st.title("🐕 What a network can't tell you")
st.markdown(
    "You have trained networks that tell flowers and digits apart. The workshop ends with what "
    "they cannot do: “Machine learning has the problem that it can appear to be a bit of a "
    "'black box' when processing information. You put in your question and you get out an "
    "answer. The answer isn't necessarily correct and if you ask a stupid question (like "
    "‘what handwritten digit is this dog?’) you will still get an answer.”"
)
first_step("look at which digit your network says the dog is, and how sure it is of it.")

# --- The dog ----------------------------------------------------------------------------------
st.header("Which digit is this dog?")
dog = workshop_dog()
picture, answers = st.columns([1, 4])
picture.image(
    (dog * 255).astype("uint8"),
    caption="The workshop's dog, 28x28 pixels",
    alt="A grey photo of a puppy's face, shrunk to 28x28 pixels: eyes, nose and ears, no digit",
    width=140,
)
rows = {name: list(row) for name, row in WORKSHOP_DOG_ROWS.items()}  # Percent.
found = current_mnist_model()
with answers:
    if found is None:
        st.info(
            "Train a network on the MNIST page to ask it about the dog yourself. "
            "Meanwhile, here are the answers from the workshop's own runs."
        )
        st.page_link("app_pages/mnist_training.py", label="Go to MNIST training", icon="✍️")
    else:
        from core.digits.predict import forward

        model, label = found
        probabilities = forward(model, dog.reshape(1, 28, 28, 1))[0]
        rows = {"Your network": (probabilities * 100).tolist(), **rows}
        st.markdown(dog_sentence(probabilities, f"Your network (*{label}*)"))
    st.dataframe(
        pd.DataFrame.from_dict(rows, orient="index", columns=DIGITS),
        column_config={d: st.column_config.NumberColumn(format="%.0f%%", width=40) for d in DIGITS},
        key="closing_dog_table",
    )
st.caption(
    "The dog goes in as the workshop feeds it: the 28x28 picture divided by 255, with no "
    "cropping or centring. The workshop's rows come from its own one-epoch runs."
)

# --- Sure is not right ------------------------------------------------------------------------
st.header("Sure is not right")
st.markdown(
    "One dog could be bad luck. Here are more questions with no right answer: scribbles, "
    "capital letters, random noise and soft blobs, each made like an MNIST digit (white on "
    "black, 28x28, the strokes and letters scaled and centred), beside real digits from "
    "MNIST's test set. A top probability says how much one digit stands out from the other "
    "nine, for this network; it does not say whether the picture is a digit at all."
)
show_confidence(*(found or (None, "")))

# --- The black box ----------------------------------------------------------------------------
st.header("A black box")
st.markdown(
    "The *Inside the CNN* page shows every weight of the first layer, and every feature map. "
    "Still, nothing in them says *why* the network gave the dog the answer it did, or how "
    "sure it should have been. Its probabilities describe the digits it was trained on, not "
    "the world.\n\n"
    "“Machine learning techniques are becoming more of a part of our daily lives, used by "
    "companies to make decisions but with no human in the loop, it can be hard to challenge.”"
)

# --- Principles -------------------------------------------------------------------------------
st.header("Principles for AI")
st.markdown(
    "The workshop points to Google's [AI principles](https://blog.google/technology/ai/"
    "ai-principles/), which it recommends reading, and sums them up as:\n\n"
    "1. Be socially beneficial.\n"
    "2. Avoid creating or reinforcing unfair bias.\n"
    "3. Be built and tested for safety.\n"
    "4. Be accountable to people.\n"
    "5. Incorporate privacy design principles.\n"
    "6. Uphold high standards of scientific excellence.\n\n"
    "Google has revised its principles since; the link leads to its current version. Whatever "
    "list you follow, the dog is the question to keep asking: what does this network answer "
    "when the question is not one it was trained for, and who can challenge that answer?"
)

st.caption(
    "Quotations: the workshop *Introduction to deep learning* (Matt Williams), “Ethics of "
    "machine learning”. Dog photo: CC BY 2.0 [Emily Mathews]"
    "(https://www.flickr.com/photos/eamathe/14517807267/), as credited by the workshop."
)
quick_questions("closing", closing_questions(rows))
st.page_link("app_pages/home.py", label="Back to the start", icon="🏠")
