"""`unittest._diff`: `difflib.ndiff`, for the diffs in assertion messages
while apy has no `difflib` module.

`ndiff(a, b)` is a line diff whose changed line pairs get '?' guide lines
marking the changed characters. The diff texts of `assertEqual` and friends
are only CPython's when this matches difflib step for step, so the sequence
matcher follows difflib's longest-matching-block recursion, its 'popular
element' heuristic for sequences of 200 items or more, and Differ's search
for the most similar pair of lines (ratio above 0.75) with character junk
' ' and '\t', as 3.11 does. A real `difflib`, once importable, is used
instead.

Not provided: everything else of difflib (this module is private).
"""

__unittest = True


def ndiff(a, b):
    """difflib.ndiff(a, b) with its default junk rules."""
    try:
        import difflib
    except ImportError:
        return _Differ().compare(a, b)
    return difflib.ndiff(a, b)


# --- the sequence matcher ------------------------------------------------

def _ratio(matches, length):
    return 2.0 * matches / length if length else 1.0


class _Matcher:
    """difflib.SequenceMatcher, reduced to what Differ needs."""

    def __init__(self, isjunk=None, a='', b=''):
        self.isjunk = isjunk
        self.a = self.b = None
        self.set_seqs(a, b)

    def set_seqs(self, a, b):
        self.set_seq1(a)
        self.set_seq2(b)

    def set_seq1(self, a):
        if a is self.a:
            return
        self.a = a
        self._blocks = None

    def set_seq2(self, b):
        if b is self.b:
            return
        self.b = b
        self._blocks = None
        self._bcount = None
        self._index_b()

    def _index_b(self):
        # Where each element of b occurs; junk elements, and in long sequences
        # the 'popular' ones (over 1% of the positions), take no part in
        # starting a match.
        b = self.b
        where = {}
        for j, elt in enumerate(b):
            where.setdefault(elt, []).append(j)
        junk = set()
        if self.isjunk:
            for elt in where:
                if self.isjunk(elt):
                    junk.add(elt)
            for elt in junk:
                del where[elt]
        n = len(b)
        if n >= 200:
            limit = n // 100 + 1
            popular = [elt for elt, idxs in where.items() if len(idxs) > limit]
            for elt in popular:
                del where[elt]
        self._where = where
        self._junk = junk

    def _longest_match(self, alo, ahi, blo, bhi):
        a, b, where, junk = self.a, self.b, self._where, self._junk
        besti, bestj, bestsize = alo, blo, 0
        # runs[j]: length of the match ending at a[i-1] and b[j]
        runs = {}
        for i in range(alo, ahi):
            new_runs = {}
            for j in where.get(a[i], ()):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = new_runs[j] = runs.get(j - 1, 0) + 1
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
            runs = new_runs
        # Grow the match over equal non-junk neighbours (popular elements were
        # never indexed), then over equal junk ones.
        while (besti > alo and bestj > blo and b[bestj - 1] not in junk
               and a[besti - 1] == b[bestj - 1]):
            besti, bestj, bestsize = besti - 1, bestj - 1, bestsize + 1
        while (besti + bestsize < ahi and bestj + bestsize < bhi
               and b[bestj + bestsize] not in junk
               and a[besti + bestsize] == b[bestj + bestsize]):
            bestsize += 1
        while (besti > alo and bestj > blo and b[bestj - 1] in junk
               and a[besti - 1] == b[bestj - 1]):
            besti, bestj, bestsize = besti - 1, bestj - 1, bestsize + 1
        while (besti + bestsize < ahi and bestj + bestsize < bhi
               and b[bestj + bestsize] in junk
               and a[besti + bestsize] == b[bestj + bestsize]):
            bestsize += 1
        return besti, bestj, bestsize

    def matching_blocks(self):
        if self._blocks is not None:
            return self._blocks
        la, lb = len(self.a), len(self.b)
        pending = [(0, la, 0, lb)]
        found = []
        while pending:
            alo, ahi, blo, bhi = pending.pop()
            i, j, k = block = self._longest_match(alo, ahi, blo, bhi)
            if k:
                found.append(block)
                if alo < i and blo < j:
                    pending.append((alo, i, blo, j))
                if i + k < ahi and j + k < bhi:
                    pending.append((i + k, ahi, j + k, bhi))
        found.sort()
        # Adjacent blocks are merged into one.
        merged = []
        i1 = j1 = k1 = 0
        for i2, j2, k2 in found:
            if i1 + k1 == i2 and j1 + k1 == j2:
                k1 += k2
            else:
                if k1:
                    merged.append((i1, j1, k1))
                i1, j1, k1 = i2, j2, k2
        if k1:
            merged.append((i1, j1, k1))
        merged.append((la, lb, 0))
        self._blocks = merged
        return merged

    def opcodes(self):
        i = j = 0
        codes = []
        for ai, bj, size in self.matching_blocks():
            if i < ai and j < bj:
                codes.append(('replace', i, ai, j, bj))
            elif i < ai:
                codes.append(('delete', i, ai, j, bj))
            elif j < bj:
                codes.append(('insert', i, ai, j, bj))
            i, j = ai + size, bj + size
            if size:
                codes.append(('equal', ai, i, bj, j))
        return codes

    def ratio(self):
        matches = sum(block[2] for block in self.matching_blocks())
        return _ratio(matches, len(self.a) + len(self.b))

    def quick_ratio(self):
        # An upper bound of ratio(): the size of the multiset intersection.
        if self._bcount is None:
            counts = {}
            for elt in self.b:
                counts[elt] = counts.get(elt, 0) + 1
            self._bcount = counts
        left = {}
        matches = 0
        for elt in self.a:
            if elt in left:
                avail = left[elt]
            else:
                avail = self._bcount.get(elt, 0)
            left[elt] = avail - 1
            if avail > 0:
                matches += 1
        return _ratio(matches, len(self.a) + len(self.b))

    def real_quick_ratio(self):
        la, lb = len(self.a), len(self.b)
        return _ratio(min(la, lb), la + lb)


def _is_char_junk(ch):
    return ch in " \t"


# --- ndiff ---------------------------------------------------------------

class _Differ:
    """difflib.Differ(linejunk=None, charjunk=IS_CHARACTER_JUNK)."""

    def compare(self, a, b):
        for tag, alo, ahi, blo, bhi in _Matcher(None, a, b).opcodes():
            if tag == 'replace':
                yield from self._fancy_replace(a, alo, ahi, b, blo, bhi)
            elif tag == 'delete':
                yield from self._dump('-', a, alo, ahi)
            elif tag == 'insert':
                yield from self._dump('+', b, blo, bhi)
            else:
                yield from self._dump(' ', a, alo, ahi)

    def _dump(self, tag, lines, lo, hi):
        for i in range(lo, hi):
            yield '%s %s' % (tag, lines[i])

    def _plain_replace(self, a, alo, ahi, b, blo, bhi):
        # The shorter block first.
        if bhi - blo < ahi - alo:
            yield from self._dump('+', b, blo, bhi)
            yield from self._dump('-', a, alo, ahi)
        else:
            yield from self._dump('-', a, alo, ahi)
            yield from self._dump('+', b, blo, bhi)

    def _fancy_replace(self, a, alo, ahi, b, blo, bhi):
        # Synchronise on the most similar pair of lines (ratio over 0.75),
        # failing that on the first identical pair, and diff around it.
        best_ratio, cutoff = 0.74, 0.75
        best_i = best_j = None
        chars = _Matcher(_is_char_junk)
        eqi = eqj = None
        for j in range(blo, bhi):
            bj = b[j]
            chars.set_seq2(bj)
            for i in range(alo, ahi):
                ai = a[i]
                if ai == bj:
                    if eqi is None:
                        eqi, eqj = i, j
                    continue
                chars.set_seq1(ai)
                if (chars.real_quick_ratio() > best_ratio
                        and chars.quick_ratio() > best_ratio
                        and chars.ratio() > best_ratio):
                    best_ratio, best_i, best_j = chars.ratio(), i, j
        if best_ratio < cutoff:
            if eqi is None:
                yield from self._plain_replace(a, alo, ahi, b, blo, bhi)
                return
            best_i, best_j, best_ratio = eqi, eqj, 1.0
        else:
            eqi = None

        yield from self._fancy_helper(a, alo, best_i, b, blo, best_j)

        aelt, belt = a[best_i], b[best_j]
        if eqi is None:
            atags = btags = ""
            chars.set_seqs(aelt, belt)
            for tag, ai1, ai2, bj1, bj2 in chars.opcodes():
                la, lb = ai2 - ai1, bj2 - bj1
                if tag == 'replace':
                    atags += '^' * la
                    btags += '^' * lb
                elif tag == 'delete':
                    atags += '-' * la
                elif tag == 'insert':
                    btags += '+' * lb
                else:
                    atags += ' ' * la
                    btags += ' ' * lb
            yield from self._qformat(aelt, belt, atags, btags)
        else:
            yield '  ' + aelt

        yield from self._fancy_helper(a, best_i + 1, ahi, b, best_j + 1, bhi)

    def _fancy_helper(self, a, alo, ahi, b, blo, bhi):
        if alo < ahi:
            if blo < bhi:
                yield from self._fancy_replace(a, alo, ahi, b, blo, bhi)
            else:
                yield from self._dump('-', a, alo, ahi)
        elif blo < bhi:
            yield from self._dump('+', b, blo, bhi)

    def _qformat(self, aline, bline, atags, btags):
        atags = _keep_whitespace(aline, atags).rstrip()
        btags = _keep_whitespace(bline, btags).rstrip()
        yield "- " + aline
        if atags:
            yield "? %s\n" % atags
        yield "+ " + bline
        if btags:
            yield "? %s\n" % btags


def _keep_whitespace(line, tags):
    # Under an unchanged tab or space the guide line keeps that character, so
    # the markers stay aligned with the text above them.
    return ''.join(c if t == " " and c.isspace() else t
                   for c, t in zip(line, tags))
