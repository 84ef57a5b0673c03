"""``briefs.model.record``: a frozen dataclass whose ``__init__`` fills the instance directly
gives the same values as ``@dataclass(frozen=True)`` would."""
import dataclasses
import inspect

import pytest

from generator.briefs import model
from generator.briefs.model import record

RECORDS = [c for _, c in inspect.getmembers(model, inspect.isclass)
           if dataclasses.is_dataclass(c) and c.__module__ == model.__name__]


def _twin(cls):
    """The same class made by ``dataclass(frozen=True)`` alone."""
    plain = type(cls.__name__, (), {"__annotations__": dict(cls.__annotations__),
                                     **{f.name: f.default for f in dataclasses.fields(cls)
                                        if f.default is not dataclasses.MISSING}})
    return dataclasses.dataclass(frozen=True)(plain)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_a_record_holds_what_the_dataclass_would(cls):
    twin = _twin(cls)
    required = [f for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
    values = {f.name: f"value of {f.name}" for f in required}
    mine, theirs = cls(**values), twin(**values)
    assert vars(mine) == vars(theirs) and list(vars(mine)) == list(vars(theirs))   # fields in order
    assert repr(mine).split("(", 1)[1] == repr(theirs).split("(", 1)[1]
    positional = cls(*values.values())
    assert positional == mine and hash(positional) == hash(mine)
    assert inspect.signature(cls).parameters.keys() == inspect.signature(twin).parameters.keys()
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(mine, dataclasses.fields(cls)[0].name, "changed")
    if len(dataclasses.fields(cls)) > len(required):   # a default left out is the default
        assert dataclasses.replace(mine) == mine


def test_record_refuses_what_it_cannot_make_the_same():
    with pytest.raises(TypeError):
        @record
        class WithFactory:
            items: list = dataclasses.field(default_factory=list)
    with pytest.raises(TypeError):
        @record
        class Checked:
            n: int

            def __post_init__(self):
                pass
