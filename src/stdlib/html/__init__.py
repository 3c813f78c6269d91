"""`html`: escape text for HTML and turn character references back into text,
as CPython's.

`unescape` follows the HTML5 rules for character references in text: numeric
references, including the ones HTML5 maps from Windows-1252 (`&#x80;` is the
euro sign) or to U+FFFD, or drops; and named references, where a name without
its ';' may be the longest known prefix of the word after the '&' (`&amp;x` and
`&ampx` both give '&x'). The 2231 names come from `html.entities.html5`, which
is only imported the first time a reference needs it.

Not provided: `html.parser`.
"""

__all__ = ['escape', 'unescape']


def escape(s, quote=True):
    """Replace special characters "&", "<" and ">" to HTML-safe sequences.
    If the optional flag quote is true (the default), the quotation mark
    characters, both double quote (") and single quote (') characters are also
    translated."""
    # '&' first, or the other replacements would be escaped twice.
    s = s.replace("&", "&amp;")
    s = s.replace("<", "&lt;")
    s = s.replace(">", "&gt;")
    if quote:
        s = s.replace('"', "&quot;")
        s = s.replace('\'', "&#x27;")
    return s


# Numeric references HTML5 replaces: NUL, CR, and the C1 range read as
# Windows-1252 (its five undefined bytes stay as they are).
_invalid_charrefs = {0x00: '\ufffd', 0x0d: '\r'}
_invalid_charrefs.update(zip(
    range(0x80, 0xa0),
    '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039'
    '\u0152\x8d\u017d\x8f\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014'
    '\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178'))

# Code points a numeric reference may not produce: they vanish.
_invalid_codepoints = {
    0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0xb,
    *range(0xe, 0x20), *range(0x7f, 0xa0), *range(0xfdd0, 0xfdf0),
}
_invalid_codepoints.update(plane | low for plane in range(0, 0x110000, 0x10000)
                           for low in (0xfffe, 0xffff))

_html5 = None
_charref = None


def _replace_charref(m):
    s = m.group(1)
    if s[0] == '#':
        # Numeric reference.
        if s[1] in 'xX':
            num = int(s[2:].rstrip(';'), 16)
        else:
            num = int(s[1:].rstrip(';'))
        if num in _invalid_charrefs:
            return _invalid_charrefs[num]
        if 0xD800 <= num <= 0xDFFF or num > 0x10FFFF:
            return '\uFFFD'
        if num in _invalid_codepoints:
            return ''
        return chr(num)
    # Named reference: the whole name, else its longest known prefix (of at
    # least two characters; those prefixes are the names that HTML5 accepts
    # without ';').
    html5 = _html5
    if s in html5:
        return html5[s]
    for x in range(len(s) - 1, 1, -1):
        if s[:x] in html5:
            return html5[s[:x]] + s[x:]
    return '&' + s


def unescape(s):
    """Convert all named and numeric character references (e.g. &gt;, &#62;,
    &x3e;) in the string s to the corresponding unicode characters.
    This function uses the rules defined by the HTML 5 standard
    for both valid and invalid character references, and the list of
    HTML 5 named character references defined in html.entities.html5.
    """
    if '&' not in s:
        return s
    global _html5, _charref
    if _charref is None:
        import re
        from html.entities import html5
        _html5 = html5
        _charref = re.compile(r'&(#[0-9]+;?'
                              r'|#[xX][0-9a-fA-F]+;?'
                              r'|[^\t\n\f <&#;]{1,32};?)')
    return _charref.sub(_replace_charref, s)
