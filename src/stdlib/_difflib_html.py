"""`_difflib_html`: `difflib.HtmlDiff` and its side-by-side line pairing
`_mdiff`, loaded by `difflib` on first use.

`_mdiff` reads the `ndiff` delta with a lookahead of four lines and pairs
lines for two columns: a changed line pair ('-', '?', '+', '?' in some
combination) becomes one row with its changed characters bracketed by '\\0'
plus a marker ('+', '-' or '^') and '\\1'; a run of deletions or insertions
is padded with blank rows on the other side, balancing them the way CPython
does so that the rows line up identically. `HtmlDiff` turns the rows into
table markup (wrapping long lines when asked, adding next-change links and
context separators) and fills CPython's templates, which
`_difflib_templates` holds as data.

Not provided: nothing.
"""

from difflib import ndiff, IS_CHARACTER_JUNK
import _difflib_templates as _templates

__all__ = ['HtmlDiff']


def _mdiff(fromlines, tolines, context=None, linejunk=None,
           charjunk=IS_CHARACTER_JUNK):
    """Yield (from, to, changed) rows for a side-by-side diff; from and to
    are (line number, text) or None, and a context break is
    (None, None, None)."""
    import re
    change_re = re.compile(r'(\++|\-+|\^+)')
    delta = ndiff(fromlines, tolines, linejunk, charjunk)
    counters = [0, 0]

    def make_line(lines, kind, side):
        # Take the next line (and for kind '?' its guide line) off `lines`
        # and number it on its side.
        counters[side] += 1
        if kind is None:
            return counters[side], lines.pop(0)[2:]
        if kind == '?':
            text, guide = lines.pop(0), lines.pop(0)
            spans = [(m.group(1)[0], m.span()) for m in
                     change_re.finditer(guide)]
            for key, (begin, end) in reversed(spans):
                text = (text[:begin] + '\0' + key + text[begin:end] + '\1'
                        + text[end:])
            text = text[2:]
        else:
            text = lines.pop(0)[2:] or ' '
            text = '\0' + kind + text + '\1'
        return counters[side], text

    def rows():
        lines = []
        pending = 0
        to_yield = 0
        blank = ('', '\n')
        while True:
            while len(lines) < 4:
                lines.append(next(delta, 'X'))
            s = ''.join([line[0] for line in lines])
            if s.startswith('X'):
                # End of the delta: settle the blank rows still owed.
                to_yield = pending
            elif s.startswith('-?+?'):
                yield make_line(lines, '?', 0), make_line(lines, '?', 1), True
                continue
            elif s.startswith('--++'):
                pending -= 1
                yield make_line(lines, '-', 0), None, True
                continue
            elif s.startswith(('--?+', '--+', '- ')):
                from_line, to_line = make_line(lines, '-', 0), None
                to_yield, pending = pending - 1, 0
            elif s.startswith('-+?'):
                yield make_line(lines, None, 0), make_line(lines, '?', 1), True
                continue
            elif s.startswith('-?+'):
                yield make_line(lines, '?', 0), make_line(lines, None, 1), True
                continue
            elif s.startswith('-'):
                pending -= 1
                yield make_line(lines, '-', 0), None, True
                continue
            elif s.startswith('+--'):
                pending += 1
                yield None, make_line(lines, '+', 1), True
                continue
            elif s.startswith(('+ ', '+-')):
                from_line, to_line = None, make_line(lines, '+', 1)
                to_yield, pending = pending + 1, 0
            elif s.startswith('+'):
                pending += 1
                yield None, make_line(lines, '+', 1), True
                continue
            elif s.startswith(' '):
                yield (make_line(lines[:], None, 0), make_line(lines, None, 1),
                       False)
                continue
            while to_yield < 0:
                to_yield += 1
                yield None, blank, True
            while to_yield > 0:
                to_yield -= 1
                yield blank, None, True
            if s.startswith('X'):
                return
            yield from_line, to_line, True

    def pairs():
        # Zip the two sides, each keeping its own queue.
        source = rows()
        left, right = [], []
        while True:
            while not left or not right:
                try:
                    from_line, to_line, changed = next(source)
                except StopIteration:
                    return
                if from_line is not None:
                    left.append((from_line, changed))
                if to_line is not None:
                    right.append((to_line, changed))
            from_line, from_changed = left.pop(0)
            to_line, to_changed = right.pop(0)
            yield from_line, to_line, from_changed or to_changed

    paired = pairs()
    if context is None:
        yield from paired
        return
    # Only changes with `context` rows around them; a ring buffer keeps the
    # rows before the next change.
    context += 1
    while True:
        index, ring = 0, [None] * context
        changed = False
        while changed is False:
            try:
                from_line, to_line, changed = next(paired)
            except StopIteration:
                return
            ring[index % context] = (from_line, to_line, changed)
            index += 1
        if index > context:
            yield None, None, None
            to_write = context
        else:
            to_write = index
            index = 0
        while to_write:
            yield ring[index % context]
            index += 1
            to_write -= 1
        to_write = context - 1
        try:
            while to_write:
                from_line, to_line, changed = next(paired)
                if changed:
                    to_write = context - 1
                else:
                    to_write -= 1
                yield from_line, to_line, changed
        except StopIteration:
            return


class HtmlDiff(object):
    """For producing HTML side by side comparison with change highlights.

    make_file() gives a complete HTML page, make_table() the table alone.
    """

    _file_template = _templates.file_template
    _styles = _templates.styles
    _table_template = _templates.table_template
    _legend = _templates.legend
    # Tables made by all instances get distinct anchor prefixes.
    _default_prefix = 0

    def __init__(self, tabsize=8, wrapcolumn=None, linejunk=None,
                 charjunk=IS_CHARACTER_JUNK):
        self._tabsize = tabsize
        self._wrapcolumn = wrapcolumn
        self._linejunk = linejunk
        self._charjunk = charjunk

    def make_file(self, fromlines, tolines, fromdesc='', todesc='',
                  context=False, numlines=5, *, charset='utf-8'):
        """Returns HTML file of side by side comparison with change
        highlights."""
        page = self._file_template % dict(
            styles=self._styles,
            legend=self._legend,
            table=self.make_table(fromlines, tolines, fromdesc, todesc,
                                  context=context, numlines=numlines),
            charset=charset)
        return page.encode(charset, 'xmlcharrefreplace').decode(charset)

    def _tab_newline_replace(self, fromlines, tolines):
        # Expand tabs now, before markup is added; the spaces a tab became
        # are kept as '\t' and turn into &nbsp; at the end, real spaces
        # become &nbsp; when the lines are formatted.
        def expand_tabs(line):
            line = line.replace(' ', '\0').expandtabs(self._tabsize)
            line = line.replace(' ', '\t')
            return line.replace('\0', ' ').rstrip('\n')
        return ([expand_tabs(line) for line in fromlines],
                [expand_tabs(line) for line in tolines])

    def _split_line(self, data_list, line_num, text):
        # Wrap text at self._wrapcolumn visible characters; a marked span
        # cut by the wrap is closed and reopened.
        while True:
            if not line_num:
                data_list.append((line_num, text))
                return
            size = len(text)
            limit = self._wrapcolumn
            if size <= limit or size - text.count('\0') * 3 <= limit:
                data_list.append((line_num, text))
                return
            i = n = 0
            mark = ''
            while n < limit and i < size:
                if text[i] == '\0':
                    i += 1
                    mark = text[i]
                    i += 1
                elif text[i] == '\1':
                    i += 1
                    mark = ''
                else:
                    i += 1
                    n += 1
            line1, line2 = text[:i], text[i:]
            if mark:
                line1 = line1 + '\1'
                line2 = '\0' + mark + line2
            data_list.append((line_num, line1))
            line_num, text = '>', line2

    def _line_wrapper(self, diffs):
        for fromdata, todata, flag in diffs:
            if flag is None:
                yield fromdata, todata, flag
                continue
            (fromline, fromtext), (toline, totext) = fromdata, todata
            fromlist, tolist = [], []
            self._split_line(fromlist, fromline, fromtext)
            self._split_line(tolist, toline, totext)
            # The shorter side is padded with blank rows.
            while fromlist or tolist:
                fromdata = fromlist.pop(0) if fromlist else ('', ' ')
                todata = tolist.pop(0) if tolist else ('', ' ')
                yield fromdata, todata, flag

    def _collect_lines(self, diffs):
        fromlist, tolist, flaglist = [], [], []
        for fromdata, todata, flag in diffs:
            try:
                fromlist.append(self._format_line(0, flag, *fromdata))
                tolist.append(self._format_line(1, flag, *todata))
            except TypeError:
                # A context separator: no data on either side.
                fromlist.append(None)
                tolist.append(None)
            flaglist.append(flag)
        return fromlist, tolist, flaglist

    def _format_line(self, side, flag, linenum, text):
        try:
            linenum = '%d' % linenum
            id = ' id="%s%s"' % (self._prefix[side], linenum)
        except TypeError:
            # Continuation ('>') and blank ('') rows get no anchor.
            id = ''
        text = (text.replace("&", "&amp;").replace(">", "&gt;")
                .replace("<", "&lt;"))
        text = text.replace(' ', '&nbsp;').rstrip()
        return ('<td class="diff_header"%s>%s</td><td nowrap="nowrap">%s</td>'
                % (id, linenum, text))

    def _make_prefix(self):
        fromprefix = "from%d_" % HtmlDiff._default_prefix
        toprefix = "to%d_" % HtmlDiff._default_prefix
        HtmlDiff._default_prefix += 1
        self._prefix = [fromprefix, toprefix]

    def _convert_flags(self, fromlist, tolist, flaglist, context, numlines):
        # The middle columns: an anchor numlines rows before each change and
        # a link to the next change at its start; 'f' links to the first
        # change, 't' (on the last change) back to the top.
        toprefix = self._prefix[1]
        next_id = [''] * len(flaglist)
        next_href = [''] * len(flaglist)
        num_chg, in_change = 0, False
        last = 0
        for i, flag in enumerate(flaglist):
            if flag:
                if not in_change:
                    in_change = True
                    last = i
                    next_id[max(0, i - numlines)] = (
                        ' id="difflib_chg_%s_%d"' % (toprefix, num_chg))
                    num_chg += 1
                    next_href[last] = ('<a href="#difflib_chg_%s_%d">n</a>'
                                       % (toprefix, num_chg))
            else:
                in_change = False
        if not flaglist:
            flaglist = [False]
            next_id = ['']
            next_href = ['']
            last = 0
            if context:
                fromlist = ['<td></td><td>&nbsp;No Differences Found&nbsp;'
                            '</td>']
                tolist = fromlist
            else:
                fromlist = tolist = ['<td></td><td>&nbsp;Empty File&nbsp;'
                                     '</td>']
        if not flaglist[0]:
            next_href[0] = '<a href="#difflib_chg_%s_0">f</a>' % toprefix
        next_href[last] = '<a href="#difflib_chg_%s_top">t</a>' % toprefix
        return fromlist, tolist, flaglist, next_href, next_id

    def make_table(self, fromlines, tolines, fromdesc='', todesc='',
                   context=False, numlines=5):
        """Returns HTML table of side by side comparison with change
        highlights."""
        self._make_prefix()
        fromlines, tolines = self._tab_newline_replace(fromlines, tolines)
        diffs = _mdiff(fromlines, tolines, numlines if context else None,
                       linejunk=self._linejunk, charjunk=self._charjunk)
        if self._wrapcolumn:
            diffs = self._line_wrapper(diffs)
        fromlist, tolist, flaglist = self._collect_lines(diffs)
        fromlist, tolist, flaglist, next_href, next_id = self._convert_flags(
            fromlist, tolist, flaglist, context, numlines)

        s = []
        fmt = ('            <tr><td class="diff_next"%s>%s</td>%s'
               '<td class="diff_next">%s</td>%s</tr>\n')
        for i in range(len(flaglist)):
            if flaglist[i] is None:
                # A context break; the one before the first row is dropped.
                if i > 0:
                    s.append('        </tbody>        \n        <tbody>\n')
            else:
                s.append(fmt % (next_id[i], next_href[i], fromlist[i],
                                next_href[i], tolist[i]))
        if fromdesc or todesc:
            header_row = '<thead><tr>%s%s%s%s</tr></thead>' % (
                '<th class="diff_next"><br /></th>',
                '<th colspan="2" class="diff_header">%s</th>' % fromdesc,
                '<th class="diff_next"><br /></th>',
                '<th colspan="2" class="diff_header">%s</th>' % todesc)
        else:
            header_row = ''

        table = self._table_template % dict(
            data_rows=''.join(s),
            header_row=header_row,
            prefix=self._prefix[1])
        return (table.replace('\0+', '<span class="diff_add">')
                .replace('\0-', '<span class="diff_sub">')
                .replace('\0^', '<span class="diff_chg">')
                .replace('\1', '</span>')
                .replace('\t', '&nbsp;'))


# Part of difflib's interface.
HtmlDiff.__module__ = 'difflib'
