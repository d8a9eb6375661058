"""No panic crosses into Python: a panic inside jindu (a bug) comes back as a typed
``JinduError.Internal``, and the library keeps working."""

from __future__ import annotations

import pytest

import jindu
from jindu._native import jindu_ffi

DOC = {"name": "P", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "2d"}]}


def test_a_panic_is_an_internal_error_and_the_next_call_works() -> None:
    # force_panic_for_tests exists only to prove this: it panics inside the binding's guard.
    for k in range(3):
        with pytest.raises(jindu.JinduError.Internal) as e:
            jindu_ffi.force_panic_for_tests(f"forced panic {k}")
        assert isinstance(e.value, jindu.JinduError)
        assert e.value.code == "internal"
        assert (e.value.task_id, e.value.field) == (None, None)
        assert e.value.detail == f"internal error in jindu (please report it): forced panic {k}"
        # Monday 5 January 08:00 + 2 working days: Tuesday 6 at 17:00.
        assert jindu.schedule(DOC)["project_finish"] == "2026-01-06T17:00:00"
