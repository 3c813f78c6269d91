# The loop's exception handling (BaseEventLoop.call_exception_handler and
# default_exception_handler), installed as methods of the native loop class. The
# default handler reports what CPython's logger.error() reports: the message, one
# `key: repr(value)` line per other context key (sorted), then the traceback.


def _report_error(text, exc):
    # CPython reports through the 'asyncio' logger. A program that imported `logging`
    # (and may have configured it) gets exactly that; otherwise the text goes where
    # logging's last-resort handler would write it, without importing logging.
    import sys
    logging = sys.modules.get('logging')
    if logging is None:
        _log_error(text, exc)
    else:
        logging.getLogger('asyncio').error(text, exc_info=exc)


def _default_exception_handler(self, context):
    message = context.get('message')
    if not message:
        message = 'Unhandled exception in event loop'
    exception = context.get('exception')
    log_lines = [message]
    for key in sorted(context):
        if key in {'message', 'exception'}:
            continue
        value = context[key]
        if key == 'source_traceback':
            value = ('Object created at (most recent call last):\n'
                     + _format_frames(value).rstrip())
        elif key == 'handle_traceback':
            value = ('Handle created at (most recent call last):\n'
                     + _format_frames(value).rstrip())
        else:
            value = repr(value)
        log_lines.append(f'{key}: {value}')
    _report_error('\n'.join(log_lines), exception)


def _format_frames(frames):
    # traceback.format_list of (filename, lineno, name, line) entries.
    out = []
    for filename, lineno, name, line in frames:
        out.append(f'  File "{filename}", line {lineno}, in {name}\n')
        if line:
            out.append(f'    {line.strip()}\n')
    return ''.join(out)


def _call_exception_handler(self, context):
    handler = self.get_exception_handler()
    if handler is None:
        try:
            self.default_exception_handler(context)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            _report_error('Exception in default exception handler', exc)
    else:
        try:
            handler(self, context)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            try:
                self.default_exception_handler({
                    'message': 'Unhandled error in exception handler',
                    'exception': exc,
                    'context': context,
                })
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc2:
                _report_error('Exception in default exception handler '
                           'while handling an unexpected error '
                           'in custom exception handler', exc2)


class _DeadFuture:
    """Stands in for a future already destroyed when its unretrieved exception is
    reported: only its repr is left."""

    def __init__(self, text):
        self._text = text

    def __repr__(self):
        return self._text


def _report_unretrieved(loop, message, exception, future_repr,
                        source_traceback=None):
    context = {
        'message': message,
        'exception': exception,
        'future': _DeadFuture(future_repr),
    }
    if source_traceback is not None:
        context['source_traceback'] = source_traceback
    loop.call_exception_handler(context)
