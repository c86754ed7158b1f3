"""The session-state keys the app keeps beside its widgets, named once so pages agree.

Everything under these keys lives in `st.session_state`: it belongs to one browser session,
other users never see it, and it is freed when the session ends. A widget's own key
(`key="iris_epochs"`) belongs to its page; every other key is named here
(tests/ui/state/test_session_keys.py checks it).
"""

from __future__ import annotations

MNIST_RUNS = "mnist_runs"  # list[core.mnist.run.MnistRun], oldest first
MNIST_RUN_COUNT = "mnist_run_count"  # how many runs were filed: the next one's number
MNIST_SELECTED = "mnist_selected_run"  # index into MNIST_RUNS of the model the Draw page uses
MNIST_CHOICE = "mnist_choice"  # the MNIST page's radio of runs (set by code for a new run)
MNIST_SELECT_LATEST = "mnist_select_latest"  # True: the radio must show the newest run
MNIST_JOB = "mnist_job"  # core.engine.jobs.base.TrainingJob of an MNIST training not yet filed
UPLOADED_MODELS = "mnist_uploaded_models"  # list[(label, network)] uploaded by the user
UPLOADED_NOTES = "mnist_uploaded_notes"  # {label: note from checking the upload, or ""}
LATEST_DRAWING = "draw_latest_image"  # RGBA uint8 array of the user's latest drawing, or None
DRAW_CLEARS = "draw_clears"  # how often Clear was pressed: part of the canvas's blank drawing
DRAW_BOARD = "draw_board"  # (paper, clears) the canvas was last given (ui/draw/canvas_memory.py)
DRAW_WIPED = "draw_wiped"  # fingerprint of the strokes that were wiped, until the canvas moves on
IRIS_RESULT = "iris_result"  # core.iris.result.IrisResult of the latest Iris training
IRIS_RUNS = "iris_runs"  # list[core.iris.result.IrisResult], the latest few, oldest first
IRIS_RUN_COUNT = "iris_run_count"  # how many Iris results were kept: the next one's number
IRIS_COMPARE = "iris_compare_runs"  # the Iris page's multiselect of runs on the comparison chart
MNIST_COMPARE = "mnist_compare_runs"  # the MNIST page's multiselect of runs to compare
IRIS_JOB = "iris_job"  # core.engine.jobs.base.TrainingJob of the Iris training under way
GD_PATH = "gd_path"  # list[float]: the gradient-descent page's weights since its last reset
REMEMBERED_MNIST_CHOICE = "remembered_mnist_choice"  # label of the MNIST page's run last seen
# core.basics.backprop_check.TensorFlowGradients: the Backpropagation page's last TensorFlow
# check, shown only while the sliders still hold the network it was asked about
BACKPROP_CHECK = "backprop_tensorflow_check"

# The student's work in the store (ui/state/kept_work.py, docs/store.md)
STUDENT = "student_id"  # the browser's random identifier, from its cookie (ui/state/student.py)
RESTORED = "work_restored"  # True once this session has brought back the student's work
KEPT_SETTINGS = "kept_settings"  # {widget key: value} as last handed to the store
KEPT_WORK = "kept_work"  # run counts and choices as last handed to the store
KEPT_PLACE = "kept_place"  # the page address the student was last on, as kept
RESUMED = "resumed_trainings"  # job keys of trainings picked up after a reload, not yet watched
INTERRUPTED = "interrupted_trainings"  # sentences: trainings a server restart cut off
KERNEL_LOADED = "conv_kernel_loaded"  # True once the Kernel page has set up its first kernel
NOTES_DUE = "store_notes_due"  # time.monotonic() until which the sidebar asks for store notes

# The class board (ui/class_board/, docs/store.md "The class board")
CLASS_NICKNAME = "class_nickname_used"  # the nickname this student last shared a run under
CLASS_TEACHER = "class_teacher"  # True once this session entered the teacher's code
CLASS_CODE_TRIES = "class_code_tries"  # [time.monotonic()] of this session's wrong codes
CLASS_NOTICE = "class_notice"  # one sentence for the page's next run (shared, withdrawn)
