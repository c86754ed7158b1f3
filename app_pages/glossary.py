"""The glossary: every word of the workshop in one line, beside the student's own value of it."""

import streamlit as st

from core.glossary import TERMS, yours
from ui.frame.first_step import first_step
from ui.state.live_values import live_values

st.title("📖 Glossary")
first_step(
    "set **Epochs** on the *Iris flowers* page to another number, then come back: the "
    "lines for *epoch* and *step* follow your settings."
)
st.markdown(
    "The workshop's words, each in one line, in alphabetical order. Where you have set or "
    "trained something, **yours** shows your own value: it changes when your settings do."
)
own = yours(live_values())
for term in sorted(TERMS, key=lambda term: term.name):
    line = f"**{term.name[0].upper()}{term.name[1:]}**: {term.definition} *({term.page})*"
    if term.name in own:
        line += f"  \n**Yours:** {own[term.name]}"
    st.markdown(line)
