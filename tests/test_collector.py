import gc

import pytest

from generator.collector import paused_gc


def test_paused_gc_restores_the_collector():
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        with paused_gc():
            assert not gc.isenabled()
            1 / 0
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()   # it was off before: it stays off
    finally:
        gc.enable()


def test_paused_gc_is_a_decorator():
    @paused_gc()
    def inside():
        return gc.isenabled()
    assert inside() is False
    assert gc.isenabled()
