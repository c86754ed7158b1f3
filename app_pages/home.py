"""The welcome page: what the app teaches and where to start."""

import streamlit as st

st.title("🧠 Introduction to deep learning")
st.markdown(
    """
This app is the workshop *Introduction to deep learning*, made interactive: no code,
just settings to try, networks to train and results to look at. Every training runs in
your own session; nothing you do changes what other students see.

**Where to start:** follow the pages from top to bottom. Each takes 5 to 15 minutes.
"""
)

STEPS = [
    ("app_pages/neurons.py", "🔵", "Neurons and networks", "what one neuron computes, and how many "
     "weights a network has"),
    ("app_pages/overfitting.py", "🎯", "Training and test data", "why we keep test data apart, and "
     "what over-fitting looks like"),
    ("app_pages/gradient_descent.py", "📉", "Training by gradient descent", "how a weight moves "
     "downhill on the loss, and what a too-large learning rate does"),
    ("app_pages/iris.py", "🌸", "Iris flowers", "train your first classifier and measure a flower"),
    ("app_pages/convolution.py", "🔲", "Kernel convolution", "the sliding filters that let "
     "networks see edges and shapes"),
    ("app_pages/mnist_training.py", "✍️", "MNIST training", "train a convolutional network on "
     "70,000 handwritten digits, with and without colour-inverted copies"),
    ("app_pages/draw.py", "🖊️", "Draw a digit", "draw, and watch your network's probabilities "
     "change with every stroke"),
    ("app_pages/inside_cnn.py", "🔬", "Inside the CNN", "the filters your network learned and what "
     "they find in your drawing"),
    ("app_pages/closing.py", "🐕", "What a network can't tell you", "a network always answers, "
     "even about a dog; the principles for AI the workshop ends with"),
]  # fmt: skip

for number, (page, icon, title, what) in enumerate(STEPS, start=1):
    link, text = st.columns([2, 5], vertical_alignment="center")
    link.page_link(page, label=f"{number}. {title}", icon=icon)
    text.markdown(what)

st.caption(
    "Based on the workshop's notebooks: the same networks, data and settings by default, "
    "so the numbers you get match the ones the workshop talks about."
)
