"""AppTest of the home and Iris pages through the app's router."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def test_home_page_says_what_the_app_teaches():
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value.startswith("🧠")
    assert any("Where to start" in m.value for m in at.markdown)
    assert any("even about a dog" in m.value for m in at.markdown)  # The closing page.


def test_iris_page_trains_and_predicts():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/iris.py").run()
    assert not at.exception
    assert any("Press **Train the network**" in i.value for i in at.info)
    # The notebook's split by default, said with its numbers, and the 80/20 rule beside it.
    assert at.slider(key="iris_test_fraction").value == 0.25
    assert any(c.value.startswith("112 flowers to train on, 38 to test.") for c in at.caption)
    assert any("80% to train and 20% to test" in m.value for m in at.markdown)
    assert any("4-10-10-3 network learns 170 weights and 23 biases" in m.value for m in at.markdown)

    # Smaller settings keep the test quick; they are still real training.
    at.slider(key="iris_epochs").set_value(4).run()
    at.slider(key="iris_layers").set_value(1).run()
    at.slider(key="iris_neurons_1").set_value(16).run()
    at.button(key="iris_train").click().run()
    assert not at.exception
    accuracy = at.metric[0]
    assert accuracy.label == "Test accuracy"
    assert 0 < float(accuracy.value.rstrip("%")) <= 100
    right = round(float(accuracy.value.rstrip("%")) / 100 * 38)
    assert any(c.value.startswith(f"{right} of 38 test flowers right") for c in at.caption)
    curves = [c.value for c in at.caption if c.value.startswith("The training loss ")]
    assert curves and "; the test loss " in curves[0]  # The loss chart in words.
    assert any('class="sr-only"' in c.value and "true setosa: " in c.value for c in at.caption)
    loss = next(m.value for m in at.markdown if "sparse categorical cross-entropy" in m.value)
    assert "−ln 0.4 = 0.92" in loss and "**Adam**" in loss and "**softmax**" in loss
    assert "Your network gives the workshop's setosa check flower" in loss  # Its own answer.
    predictions = [m.value for m in at.markdown if m.value.startswith("### Prediction:")]
    assert len(predictions) == 1

    # A change of measurement predicts again without retraining.
    at.number_input(key="iris_measure_2").set_value(1.4).run()
    at.number_input(key="iris_measure_3").set_value(0.2).run()
    assert not at.exception
    assert next(m.value for m in at.markdown if m.value.startswith("### Prediction:")).startswith(
        "### Prediction: setosa"
    )
    assert not at.warning  # Settings unchanged, measurement in range.
    assert any(  # The scatter's alt text says where the student's flower is.
        "Your flower, the cross: petal length (cm) 1.4, petal width (cm) 0.2." in h.proto.body
        for h in at.html
    )

    at.number_input(key="iris_measure_2").set_value(25.0).run()
    assert any(
        "Petal length (cm) = 25 is far outside the training data" in w.value for w in at.warning
    )

    at.slider(key="iris_epochs").set_value(5).run()
    assert any("settings changed" in w.value for w in at.warning)
