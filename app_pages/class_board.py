"""The class board: every run the class shared, what the class found, and a teacher's controls."""

import streamlit as st

from ui.class_board.board_view import class_board
from ui.class_board.teacher import teacher_controls
from ui.frame.first_step import first_step

st.title("🧑‍🤝‍🧑 The class board")
first_step(
    "train a network on the *MNIST training* page, share it under its results with a "
    "nickname, and find it here beside your classmates' runs."
)
st.markdown(
    "The MNIST chapter ends with *things that may improve performance*: more filters, more "
    "epochs, more data, dropout, inverted copies. Here the class pools its experiments: "
    "every run someone shared, with its settings and its test accuracy. Sort the table by "
    "any column; the *Draw a digit* page can draw with any MNIST run shared here."
)
class_board()  # Redrawn within a few seconds of any change to the board.
teacher_controls()
