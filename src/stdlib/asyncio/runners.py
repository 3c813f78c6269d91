# asyncio.run and the loop's shutdown steps. This file is apy's own Python, compiled
# into the `asyncio` module when it is first imported; the loop, futures, tasks and
# sleep it builds on are native (src/runtime/).

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'


def run(main, *, debug=None):
    if _get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    if not iscoroutine(main):
        raise ValueError(f"a coroutine was expected, got {main!r}")
    loop = new_event_loop()
    try:
        set_event_loop(loop)
        if debug is not None:
            loop.set_debug(debug)
        return loop.run_until_complete(main)
    finally:
        try:
            _cancel_remaining_tasks(loop)
            loop.run_until_complete(_shutdown_asyncgens(loop))
            loop.run_until_complete(_shutdown_default_executor(loop))
        finally:
            set_event_loop(None)
            loop.close()


def _cancel_remaining_tasks(loop):
    leftover = all_tasks(loop)
    if not leftover:
        return
    for task in leftover:
        task.cancel()
    loop.run_until_complete(gather(*leftover, return_exceptions=True))
    for task in leftover:
        if task.cancelled():
            continue
        error = task.exception()
        if error is not None:
            loop.call_exception_handler({
                'message': 'unhandled exception during asyncio.run() shutdown',
                'exception': error,
                'task': task,
            })


async def _shutdown_asyncgens(loop):
    alive = loop._live_asyncgens()
    if not alive:
        return
    outcomes = await gather(*[agen.aclose() for agen in alive], return_exceptions=True)
    for outcome, agen in zip(outcomes, alive):
        if isinstance(outcome, Exception):
            loop.call_exception_handler({
                'message': f'an error occurred during closing of asynchronous generator {agen!r}',
                'exception': outcome,
                'asyncgen': agen,
            })


async def _shutdown_default_executor(loop):
    pass


async def _await_awaitable(awaitable):
    return await awaitable
