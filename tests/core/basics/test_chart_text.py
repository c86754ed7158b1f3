"""Charts in words: each sentence carries the numbers it was given, not fixed claims."""

import numpy as np
import pytest

from core.basics.chart_text import (
    announcement,
    batch_curves_text,
    confusion_cells,
    curves_text,
    probabilities_text,
    scatter_text,
)
from core.engine.progress import CurvePoint

DIGITS = [str(d) for d in range(10)]


def test_announcement_rounds_like_the_heading():
    assert announcement(4, 0.6149) == "4, 61%"
    assert announcement(0, 1.0) == "0, 100%"


def test_probabilities_list_every_class_at_one_percent_or_more_likeliest_first():
    values = np.zeros(10)
    values[[3, 8, 5, 1]] = [0.62, 0.30, 0.06, 0.02]
    assert (
        probabilities_text(values, DIGITS) == "3: 62%, 8: 30%, 5: 6%, 1: 2%; the other 6 under 1%."
    )


def test_probabilities_one_sure_class_and_a_named_last_one():
    values = np.full(10, 0.001)
    values[6] = 0.991
    assert probabilities_text(values, DIGITS) == "6: 99%; the rest under 1%."
    three = probabilities_text([0.7, 0.296, 0.004], ["setosa", "versicolor", "virginica"])
    assert three == "setosa: 70%, versicolor: 30%; virginica under 1%."


def test_probabilities_before_anything_is_asked_and_bad_lengths():
    assert probabilities_text(np.zeros(10), DIGITS).startswith("Nothing asked yet")
    with pytest.raises(ValueError):
        probabilities_text([0.5, 0.5], DIGITS)


def test_curves_text_reads_first_and_last_of_both_curves():
    history = {
        "loss": [1.3, 0.7, 0.21, 0.05],
        "val_loss": [1.25, 0.6, 0.3, 0.34],
        "accuracy": [0.4, 0.9, 0.95, 0.99],
        "val_accuracy": [0.5, 0.8, 0.9, 0.9],
    }
    assert curves_text(history, "loss") == (
        "The training loss fell from 1.30 to 0.050 over 4 epochs; "
        "the test loss fell from 1.25 to 0.34 over 4 epochs."
    )
    accuracy = curves_text(history, "accuracy")
    assert "training accuracy rose from 40.0% to 99.0%" in accuracy
    assert "test accuracy rose from 50.0% to 90.0%" in accuracy


def test_curves_text_one_epoch_missing_test_and_nothing():
    assert curves_text({"loss": [0.42]}, "loss") == "The training loss was 0.42 after one epoch."
    assert curves_text({}, "accuracy") == "No accuracy recorded yet."
    with pytest.raises(ValueError):
        curves_text({}, "val_loss")


def test_batch_curves_text_says_how_far_and_both_measures():
    curve = [CurvePoint(10, 2.2, 0.18), CurvePoint(60, 0.9, 0.71), CurvePoint(140, 0.45, 0.86)]
    assert batch_curves_text(curve, 235) == (
        "After 140 of 235 batches: the running loss fell from 2.20 to 0.45, the running "
        "accuracy rose from 18.0% to 86.0% since batch 10."
    )
    assert batch_curves_text([], 235) == "No batch trained yet."


def test_confusion_cells_reads_every_row_largest_first():
    counts = np.array([[9, 0, 0], [0, 7, 3], [0, 1, 10]])
    assert confusion_cells(counts, ["setosa", "versicolor", "virginica"]) == (
        "Confusion matrix, row by row: true setosa: 9 as setosa; true versicolor: 7 as "
        "versicolor, 3 as virginica; true virginica: 10 as virginica, 1 as versicolor."
    )
    with pytest.raises(ValueError):
        confusion_cells(np.ones((2, 3)), ["a", "b"])


def test_scatter_text_gives_each_group_its_count_and_ranges():
    groups = {"setosa": ([4.3, 5.8], [2.3, 4.4]), "virginica": ([4.9, 7.9, 6.0], [2.2, 3.8, 3.0])}
    assert scatter_text(groups, "sepal length", "sepal width") == (
        "2 setosa, sepal length 4.3 to 5.8, sepal width 2.3 to 4.4; "
        "3 virginica, sepal length 4.9 to 7.9, sepal width 2.2 to 3.8."
    )


def test_descent_text_reads_the_path_the_slope_and_the_best_weight():
    from core.basics.chart_text import descent_text

    assert descent_text([4.0, 2.5, 1.75], [9.0, 2.25, 0.5625], -1.5, 1) == (
        "Loss against the weight: w started at 4.000 (loss 9.000); after 2 steps it is at "
        "1.750 (loss 0.562), where the slope is -1.50; best w* = 1."
    )
    assert "after" not in descent_text([0.5], [0.25], 1.0, 1)


def test_error_by_degree_text_lists_each_degree_and_the_lowest_test_error():
    from core.basics.chart_text import error_by_degree_text

    text = error_by_degree_text([1, 3, 9], [0.4, 0.05, 0.001], [0.5, 0.08, 2.5], 9)
    assert text == (
        "Training and test error by degree: degree 1: 0.4 and 0.5; degree 3: 0.05 and 0.08; "
        "degree 9: 0.001 and 2.5. The lowest test error is at degree 3; the chosen degree is 9."
    )


def test_network_text_names_each_layer_and_its_size():
    from core.basics.chart_text import network_text

    assert network_text([4, 8, 1]) == (
        "A network of 3 layers, each neuron joined to every one in the next: input: 4 neurons, "
        "hidden layer 1: 8 neurons, output: 1 neuron."
    )
