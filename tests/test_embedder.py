"""wordllama's vectors: loaded from its wheel with the network unreachable; the fallback that
finds sentences like a taxonomy's examples when there is no model for it."""
import logging
import socket
from pathlib import Path

import numpy as np
import pytest

from generator.briefs.extraction import extract_all
from generator.briefs import reader
from generator.extract import embedder


def _brief(path):
    return reader.load(path).data


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access in a test")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_loads_from_the_wheel_without_network_and_leaves_logging_alone(no_network):
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    inference = embedder._load_wordllama()   # a fresh load, not the process's cached one
    assert root.handlers == handlers and root.level == level
    e = embedder.Embedder(inference)
    v = e.embed(["Russia fears the Islamic State.", "Moscow worries about ISIS.", "The weather was fine."])
    assert v.shape == (3, 256)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2]          # a paraphrase is nearer than an unrelated sentence
    assert np.array_equal(e.embed(["Russia fears the Islamic State."])[0], v[0])
    assert e.embed([]).shape == (0, 256)


TAXONOMY = """question: Why do cities ban cars from their centres?
actors: []
motives:
  - id: clean-air
    name: Cleaner air
    cues: {any: [air pollution]}
    examples:
      - "The council banned cars to cut the smog and soot that choke the city centre."
      - "Traffic fumes poison the air that residents breathe, officials said."
counterarguments:
  - id: shops-suffer
    name: Shops lose customers
    examples:
      - "Shopkeepers say the ban drives their customers away to malls on the outskirts."
"""
ARTICLE = """Cars banned from the old town

The mayor said the ban would cut air pollution in the old town.
Officials added that exhaust fumes from traffic were poisoning the air residents breathe.
Shop owners complain that the ban drives customers away to out-of-town malls.
The weather on Sunday was sunny.
"""


def test_without_a_model_sentences_like_the_examples_are_found(tmp_path, no_network):
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "cars.txt").write_text(ARTICLE, encoding="utf-8")
    extract_all(tmp_path / "seeds", tmp_path / "briefs", jobs=1)
    brief = _brief(tmp_path / "briefs" / "sources" / "cars.yaml")
    motives = {i["quote"]: i for i in brief["motives"]}
    assert "The mayor said the ban would cut air pollution in the old town." in motives   # the cue
    fumes = "Officials added that exhaust fumes from traffic were poisoning the air residents breathe."
    assert fumes in motives and motives[fumes]["cues"] == ["like an example"]
    assert 0.72 <= motives[fumes]["confidence"] <= 1.0
    assert [i["quote"] for i in brief["counters"]] == [
        "Shop owners complain that the ban drives customers away to out-of-town malls."]
    assert not any("weather" in q for q in motives)


def test_without_a_model_a_last_sentence_the_text_cuts_off_gets_nothing(tmp_path, no_network):
    """As with a model: an excerpt cut inside its last sentence states no reason there."""
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    cut = "The mayor said the ban would cut air pollution and"
    (tmp_path / "seeds" / "cars.txt").write_text(ARTICLE + "\n" + cut, encoding="utf-8")
    (tmp_path / "seeds" / "whole.txt").write_text(ARTICLE + "\n" + cut + " noise.", encoding="utf-8")
    extract_all(tmp_path / "seeds", tmp_path / "briefs", jobs=1)
    quotes = lambda name: [i["quote"] for i in _brief(tmp_path / "briefs" / "sources" / name)["motives"]]
    assert cut not in quotes("cars.yaml")
    assert cut + " noise." in quotes("whole.yaml")
    assert "The mayor said the ban would cut air pollution in the old town." in quotes("cars.yaml")
