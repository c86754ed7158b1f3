"""Two quick questions at the end of every lesson page, answered in place.

The questions come from core (each chapter's questions.py), built from the numbers the page
shows; this draws them: a box to type the answer in, checked at once, and the working
behind a "Show the answer" expander for a student who is stuck. The typed answers are
settings like any other (ui/state/remembered.py keeps them across pages); text boxes, not
number boxes, so that "4,800" and "25%" are understood as typed.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.basics.questions import Question, parse_reply
from ui.frame.page_list import lessons
from ui.state.kept_settings import OWN_CHOICE

# The pages with questions, by their widgets' prefix (`key="iris_epochs"`): every lesson
# of the page list whose entry does not say `questions=False`.
QUESTION_PAGES = tuple(entry.prefix for entry in lessons() if entry.questions)
PER_PAGE = 2


def answer_key(page: str, number: int) -> str:
    """The text box of question `number` (from 1) on `page`: 'iris_question_2'."""
    return f"{page}_question_{number}"


ANSWER_KEYS = frozenset(
    answer_key(page, number) for page in QUESTION_PAGES for number in range(1, PER_PAGE + 1)
)


def quick_questions(page: str, questions: Sequence[Question]) -> None:
    """The page's two questions, each with its answer box and its working."""
    if page not in QUESTION_PAGES or len(questions) != PER_PAGE:
        raise ValueError(f"{page}: {PER_PAGE} questions, on a page of QUESTION_PAGES")
    st.divider()
    st.subheader("Two quick questions")
    st.caption("Both use the numbers on this page as they are now: type a number, press Enter.")
    for number, question in enumerate(questions, start=1):
        with st.container(border=True):
            st.markdown(f"**{number}.** {question.text}")
            reply = st.text_input(
                "Your answer",
                key=answer_key(page, number),
                **OWN_CHOICE,
                placeholder="a number",
                max_chars=40,
            )
            if reply.strip():
                _check(question, reply)
            with st.expander("Show the answer"):
                st.markdown(question.working)


def _check(question: Question, reply: str) -> None:
    value = parse_reply(reply)
    if value is None:
        st.warning(f"“{reply.strip()}” is not a number: type digits, such as 4800 or 0.25.")
    elif question.accepts(value):
        st.success(f"**Right**: {value:,.6g} is the answer.")
    else:
        st.error(f"Not {value:,.6g}: try again, or open *Show the answer* below.")
