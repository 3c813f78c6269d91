# asyncio.exceptions: the errors of the stream layer, with the ones defined natively
# (CancelledError, InvalidStateError) and by `locks` re-exported, so that
# `from asyncio.exceptions import X` finds every one of them.

from asyncio import CancelledError, InvalidStateError, TimeoutError, BrokenBarrierError

__all__ = ('BrokenBarrierError', 'CancelledError', 'InvalidStateError',
           'TimeoutError', 'IncompleteReadError', 'LimitOverrunError',
           'SendfileNotAvailableError')


class SendfileNotAvailableError(RuntimeError):
    """The loop or the transport cannot do a native sendfile."""


class IncompleteReadError(EOFError):
    """The stream ended before `expected` bytes arrived; `partial` holds those that
    did."""

    def __init__(self, partial, expected):
        expected_text = 'undefined' if expected is None else repr(expected)
        super().__init__(f'{len(partial)} bytes read on a total of '
                         f'{expected_text} expected bytes')
        self.partial = partial
        self.expected = expected

    def __reduce__(self):
        return type(self), (self.partial, self.expected)


class LimitOverrunError(Exception):
    """The buffer reached the stream's limit before the separator was found;
    `consumed` says how many bytes are to be consumed."""

    def __init__(self, message, consumed):
        super().__init__(message)
        self.consumed = consumed

    def __reduce__(self):
        return type(self), (self.args[0], self.consumed)
