# Task.get_stack() and Task.print_stack(), as CPython's asyncio.base_tasks: the frames
# of a pending task's coroutine (its own frame: a suspended coroutine has no f_back),
# or the traceback's frames of a task that failed.


def _task_get_stack(self, *, limit=None):
    """The list of stack frames for this task's coroutine (newest last)."""
    frames = []
    coro = self.get_coro()
    frame = getattr(coro, 'cr_frame', None)
    if frame is None:
        frame = getattr(coro, 'gi_frame', None)
    if frame is None:
        frame = getattr(coro, 'ag_frame', None)
    if frame is not None:
        while frame is not None:
            if limit is not None:
                if limit <= 0:
                    break
                limit -= 1
            frames.append(frame)
            frame = frame.f_back
        frames.reverse()
    elif self._exception is not None:
        tb = self._exception.__traceback__
        while tb is not None:
            if limit is not None:
                if limit <= 0:
                    break
                limit -= 1
            frames.append(tb.tb_frame)
            tb = tb.tb_next
    return frames


def _task_print_stack(self, *, limit=None, file=None):
    """Print the stack or traceback for this task's coroutine."""
    import linecache
    import sys
    import traceback
    if file is None:
        file = sys.stderr
    entries = []
    for frame in _task_get_stack(self, limit=limit):
        code = frame.f_code
        line = linecache.getline(code.co_filename, frame.f_lineno, frame.f_globals)
        entries.append((code.co_filename, frame.f_lineno, code.co_name, line))
    exc = self._exception
    if not entries:
        print(f'No stack for {self!r}', file=file)
    elif exc is not None:
        print(f'Traceback for {self!r} (most recent call last):', file=file)
    else:
        print(f'Stack for {self!r} (most recent call last):', file=file)
    traceback.print_list(entries, file=file)
    if exc is not None:
        for line in traceback.format_exception_only(exc.__class__, exc):
            print(line, file=file, end='')
