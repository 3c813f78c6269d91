"""`unittest.mock`: mock objects and patching, as CPython 3.11's.

Written in Python as CPython's module is, and split in three private parts to
keep each file short; this module only gathers their public names:

- `_mock_core`: `sentinel`, `DEFAULT`, `ANY`, `call`, `NonCallableMock`, `Mock`
  (call recording, child mocks, specs, the `assert_*` methods);
- `_mock_magic`: `MagicMock`, `NonCallableMagicMock`, `AsyncMock`,
  `PropertyMock`, `mock_open`, `seal`;
- `_mock_patch`: `patch` (with `patch.object`, `patch.dict`, `patch.multiple`,
  `patch.stopall`) and `create_autospec`.

Nothing here depends on the rest of `unittest`. Reprs, assertion messages and
error messages are CPython's; every class reports `unittest.mock` as its module.

Where apy differs from CPython, the cause is in the VM, not here:
`isinstance(Mock(spec=C), C)` is False on apy (isinstance does not consult a
`__class__` property); `asyncio.iscoroutinefunction(AsyncMock())` is False
(apy's version only accepts real functions; `inspect.iscoroutinefunction`
does recognise AsyncMock); and a MagicMock's `mock_calls` show the VM's own
protocol calls, so `list(m)` records no `__len__()` and `m != x` records an
extra `__eq__(x)`.

Not provided: thread safety of mock creation (apy has no `threading`; CPython
guards child creation with a lock), `ThreadingMock` and the other 3.12+ names.
A MagicMock's `__complex__` default is `1j` only where `complex` exists (not on
apy). Docstrings are this module's own, not CPython's text.
"""

from unittest._mock_core import (
    FILTER_DIR, sentinel, DEFAULT, ANY, call, Base, NonCallableMock,
    CallableMixin, Mock, InvalidSpecError, _Call, _CallList, _ANY,
    _SentinelObject, _Sentinel, _SpecState, _MockIter, _is_instance_mock,
    _is_exception, _callable, _instance_callable, _is_list, _is_magic,
    _check_and_set_parent, _format_call_signature, _all_magics, _magics,
    _non_defaults, _async_magics, _async_method_magics, _sync_async_magics,
    _all_sync_magics, _unsupported_magics, _allowed_names, _deleted, _missing,
    _get_signature_object, _extract_mock, _is_async_obj, _is_async_func,
    _delegating_property, _try_iter, _AnyComparer, iscoroutinefunction,
)
from unittest._mock_magic import (
    MagicMixin, NonCallableMagicMock, MagicMock, MagicProxy, AsyncMockMixin,
    AsyncMagicMixin, AsyncMock, PropertyMock, mock_open, seal, file_spec,
    _AsyncIterator, _return_values, _calculate_return_value,
    _side_effect_methods,
)
from unittest._mock_patch import (
    patch, _patch, _patch_dict, _patch_object, _patch_multiple, _patch_stopall,
    create_autospec, _get_target, _check_sig, _set_signature, _setup_func,
    _must_skip, _clear_dict,
)

__all__ = (
    "Mock",
    "MagicMock",
    "patch",
    "sentinel",
    "DEFAULT",
    "ANY",
    "call",
    "create_autospec",
    "AsyncMock",
    "FILTER_DIR",
    "NonCallableMock",
    "NonCallableMagicMock",
    "mock_open",
    "PropertyMock",
    "seal",
)
