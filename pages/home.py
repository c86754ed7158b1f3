"""The welcome page: what the app teaches and where to start."""

import streamlit as st

st.title("🧠 Introduction to deep learning")
st.markdown(
    """
This app is the workshop *Introduction to deep learning*, made interactive: no code,
just settings to try, networks to train and results to look at.

You will learn:

- **what a neuron computes** and how a network of them learns by gradient descent;
- **how to train a classifier** on the Iris flowers, and why we keep test data apart;
- **what a convolution does** to an image, the idea behind networks that see;
- **how a convolutional network reads handwritten digits** (MNIST), and how adding
  colour-inverted copies of the data teaches it to read black-on-white digits too;
- **how to test it yourself** by drawing a digit and watching the probabilities change.

**Where to start:** open the pages in the sidebar from top to bottom. Every training
runs in your own session; nothing you do changes what other students see.
"""
)
st.page_link("pages/iris.py", label="Start with the Iris flowers", icon="🌸")
