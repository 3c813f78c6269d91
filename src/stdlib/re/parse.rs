//! Python's regular-expression syntax, parsed into a [`Node`] tree with CPython's
//! `re.error` messages and positions (`missing ), unterminated subpattern at position
//! 0`).
//!
//! The grammar and every error follow CPython 3.11's `re._parser`: the same tokens (a
//! backslash and the character after it are one token), the same decisions (`{` that
//! does not start a valid repeat is a literal, `\12` is a group reference unless three
//! octal digits make it an escape) and the same positions. The tree keeps what matching
//! needs: each node records the flags in force where it was written (`(?i:...)` scopes
//! them), so [`super::emit`] never has to track flags itself.
//!
//! Nesting is bounded by [`MAX_DEPTH`]: the parser recurses once per group, and a
//! pattern of ten thousand `(` must fail cleanly, not overflow the stack.

use std::collections::HashMap;

/// `re` flag bits, as CPython numbers them.
pub mod flag {
    pub const TEMPLATE: u32 = 1;
    pub const IGNORECASE: u32 = 2;
    pub const LOCALE: u32 = 4;
    pub const MULTILINE: u32 = 8;
    pub const DOTALL: u32 = 16;
    pub const UNICODE: u32 = 32;
    pub const VERBOSE: u32 = 64;
    pub const DEBUG: u32 = 128;
    pub const ASCII: u32 = 256;
    /// The flags that choose what `\w`, `\d`, `\s` and `\b` mean.
    pub const TYPE: u32 = ASCII | LOCALE | UNICODE;
    /// Flags that can only be set for the whole pattern.
    pub const GLOBAL: u32 = DEBUG | TEMPLATE;
}

/// Groups nested deeper than this raise RecursionError (CPython's parser recurses in
/// Python and hits the interpreter's recursion limit at a similar depth).
pub const MAX_DEPTH: usize = 200;

/// Repeat counts must stay below this (CPython's `MAXREPEAT`).
const MAXREPEAT: u64 = 4_294_967_295;
/// Group numbers must stay below this (CPython's `MAXGROUPS` on 64-bit builds).
const MAXGROUPS: usize = 1_073_741_823;

/// `\d`, `\w`, `\s` and their complements.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Category {
    Digit,
    Word,
    Space,
}

/// One member of a character set `[...]`.
#[derive(Clone, Debug, PartialEq)]
pub enum SetItem {
    Char(char),
    Range(char, char),
    Category { cat: Category, negated: bool },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RepeatKind {
    Greedy,
    Lazy,
    Possessive,
}

/// A parsed pattern. `ascii` records whether `\w`-style classes mean their ASCII form
/// there (bytes patterns, `re.ASCII`, `(?a:...)`).
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Empty,
    Char {
        c: char,
        icase: bool,
    },
    Any {
        dotall: bool,
    },
    Set {
        negated: bool,
        items: Vec<SetItem>,
        icase: bool,
        ascii: bool,
    },
    Category {
        cat: Category,
        negated: bool,
        ascii: bool,
    },
    /// `^`.
    Begin {
        multiline: bool,
    },
    /// `$`.
    End {
        multiline: bool,
    },
    /// `\A`.
    StartText,
    /// `\Z`.
    EndText,
    /// `\b` (or `\B` when negated).
    Boundary {
        negated: bool,
        ascii: bool,
    },
    Group {
        index: usize,
        body: Box<Node>,
    },
    Look {
        behind: bool,
        negated: bool,
        body: Box<Node>,
    },
    Atomic(Box<Node>),
    Repeat {
        min: u32,
        max: Option<u32>,
        kind: RepeatKind,
        body: Box<Node>,
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Backref {
        group: usize,
        icase: bool,
    },
    /// `(?(group)yes|no)`.
    Cond {
        group: usize,
        yes: Box<Node>,
        no: Box<Node>,
    },
}

/// A syntax error: CPython's message and the position it reports (None when CPython
/// reports none, as for a look-behind of variable width).
#[derive(Debug, PartialEq)]
pub enum ParseError {
    Syntax {
        msg: String,
        pos: Option<usize>,
    },
    /// CPython raises these as plain exceptions, not `re.error`.
    Overflow(String),
    Value(String),
    Recursion,
}

type PResult<T> = Result<T, ParseError>;

/// What a whole pattern parses into.
pub struct Parsed {
    pub node: Node,
    /// The flags after inline global flags are applied and `UNICODE` made explicit for
    /// str patterns (`Pattern.flags`).
    pub flags: u32,
    /// Number of capturing groups.
    pub groups: usize,
    /// Group names and their numbers, in order of definition.
    pub names: Vec<(String, usize)>,
    /// For each group number, the rank of its `)` in the pattern: among groups that end
    /// at the same place, the one closed last is `Match.lastindex`.
    pub close_rank: Vec<usize>,
}

/// The flags in force at a point of the pattern.
#[derive(Clone, Copy)]
struct Scope {
    flags: u32,
}

impl Scope {
    fn icase(self) -> bool {
        self.flags & flag::IGNORECASE != 0
    }
    fn ascii(self, text: bool) -> bool {
        !text || self.flags & (flag::ASCII | flag::LOCALE) != 0
    }
}

struct Parser<'p> {
    chars: &'p [char],
    /// Index of the next token's first character.
    index: usize,
    /// The next token: one character, or a backslash and the character after it.
    next: Option<(char, Option<char>)>,
    /// A str pattern (false: bytes).
    text: bool,
    flags: u32,
    /// `groupwidths` in CPython: Some once a group is closed.
    closed: Vec<bool>,
    /// Width (min, max) of each closed group, for look-behind widths.
    widths: Vec<(u64, u64)>,
    names: HashMap<String, usize>,
    name_order: Vec<(String, usize)>,
    /// Group numbers a conditional refers to, with the position to report when the
    /// group never exists.
    condrefs: Vec<(usize, usize)>,
    /// Inside a look-behind: the number of groups open when it started.
    lookbehind_groups: Option<usize>,
    depth: usize,
    /// Group numbers in the order their `)` appear.
    close_order: Vec<usize>,
}

/// Parses `pattern` (the characters of a str pattern, or the bytes of a bytes pattern
/// as Latin-1 characters) with the `flags` given to `re.compile`.
pub fn parse(pattern: &[char], flags: u32, text: bool) -> PResult<Parsed> {
    let mut p = Parser {
        chars: pattern,
        index: 0,
        next: None,
        text,
        flags,
        closed: vec![true],
        widths: vec![(0, 0)],
        names: HashMap::new(),
        name_order: Vec::new(),
        condrefs: Vec::new(),
        lookbehind_groups: None,
        depth: 0,
        close_order: Vec::new(),
    };
    p.advance()?;
    let node = p.parse_alternation(flags & flag::VERBOSE != 0, 0)?;
    let flags = fix_flags(p.flags, text).map_err(ParseError::Value)?;
    if p.next.is_some() {
        return Err(p.error("unbalanced parenthesis", 0));
    }
    let groups = p.closed.len();
    if let Some(&(g, pos)) = p.condrefs.iter().find(|(g, _)| *g >= groups) {
        return Err(ParseError::Syntax {
            msg: format!("invalid group reference {g}"),
            pos: Some(pos),
        });
    }
    let mut close_rank = vec![0; groups];
    for (rank, &g) in p.close_order.iter().enumerate() {
        close_rank[g] = rank + 1;
    }
    Ok(Parsed {
        node,
        flags,
        groups: groups - 1,
        names: p.name_order,
        close_rank,
    })
}

/// CPython's `fix_flags`: the type flags a pattern may carry. Its errors are
/// ValueErrors (marked by `pos: None` and turned into ValueError by the caller).
pub fn fix_flags(flags: u32, text: bool) -> Result<u32, String> {
    if text {
        if flags & flag::LOCALE != 0 {
            return Err("cannot use LOCALE flag with a str pattern".into());
        }
        if flags & flag::ASCII == 0 {
            return Ok(flags | flag::UNICODE);
        }
        if flags & flag::UNICODE != 0 {
            return Err("ASCII and UNICODE flags are incompatible".into());
        }
    } else {
        if flags & flag::UNICODE != 0 {
            return Err("cannot use UNICODE flag with a bytes pattern".into());
        }
        if flags & flag::LOCALE != 0 && flags & flag::ASCII != 0 {
            return Err("ASCII and LOCALE flags are incompatible".into());
        }
    }
    Ok(flags)
}

fn flag_of(c: char) -> Option<u32> {
    Some(match c {
        'i' => flag::IGNORECASE,
        'L' => flag::LOCALE,
        'm' => flag::MULTILINE,
        's' => flag::DOTALL,
        'x' => flag::VERBOSE,
        'a' => flag::ASCII,
        't' => flag::TEMPLATE,
        'u' => flag::UNICODE,
        _ => return None,
    })
}

/// A group name: a Python identifier (`str.isidentifier`).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || unicode_ident::is_xid_start(c) => {}
        _ => return false,
    }
    chars.all(unicode_ident::is_xid_continue)
}

/// The width in characters of a token (1, or 2 for an escape).
fn tok_len(t: (char, Option<char>)) -> usize {
    1 + usize::from(t.1.is_some())
}

fn tok_string(t: (char, Option<char>)) -> String {
    let mut s = String::from(t.0);
    if let Some(c) = t.1 {
        s.push(c);
    }
    s
}

impl Parser<'_> {
    /// Moves to the next token.
    fn advance(&mut self) -> PResult<()> {
        let Some(&c) = self.chars.get(self.index) else {
            self.next = None;
            return Ok(());
        };
        if c == '\\' {
            let Some(&d) = self.chars.get(self.index + 1) else {
                return Err(ParseError::Syntax {
                    msg: "bad escape (end of pattern)".into(),
                    pos: Some(self.chars.len() - 1),
                });
            };
            self.next = Some(('\\', Some(d)));
            self.index += 2;
        } else {
            self.next = Some((c, None));
            self.index += 1;
        }
        Ok(())
    }

    /// The position of the next token (CPython's `tell()`).
    fn tell(&self) -> usize {
        self.index - self.next.map_or(0, tok_len)
    }

    fn error(&self, msg: impl Into<String>, offset: usize) -> ParseError {
        ParseError::Syntax {
            msg: msg.into(),
            pos: Some(self.tell() - offset),
        }
    }

    fn get(&mut self) -> PResult<Option<(char, Option<char>)>> {
        let t = self.next;
        self.advance()?;
        Ok(t)
    }

    /// Consumes the next token if it is the plain character `c`.
    fn eat(&mut self, c: char) -> PResult<bool> {
        if self.next == Some((c, None)) {
            self.advance()?;
            return Ok(true);
        }
        Ok(false)
    }

    fn next_char(&self) -> Option<char> {
        match self.next {
            Some((c, None)) => Some(c),
            _ => None,
        }
    }

    /// Up to `n` plain characters accepted by `ok`.
    fn get_while(&mut self, n: usize, ok: impl Fn(char) -> bool) -> PResult<String> {
        let mut s = String::new();
        for _ in 0..n {
            match self.next_char() {
                Some(c) if ok(c) => {
                    s.push(c);
                    self.advance()?;
                }
                _ => break,
            }
        }
        Ok(s)
    }

    /// Tokens up to `term` (consumed); CPython's `getuntil`.
    fn get_until(&mut self, term: char, what: &str) -> PResult<String> {
        let mut s = String::new();
        loop {
            let t = self.next;
            self.advance()?;
            match t {
                None => {
                    if s.is_empty() {
                        return Err(self.error(format!("missing {what}"), 0));
                    }
                    let n = s.chars().count();
                    return Err(self.error(format!("missing {term}, unterminated name"), n));
                }
                Some((c, None)) if c == term => {
                    if s.is_empty() {
                        return Err(self.error(format!("missing {what}"), 1));
                    }
                    return Ok(s);
                }
                Some(t) => s.push_str(&tok_string(t)),
            }
        }
    }

    fn group_closed(&self, gid: usize) -> bool {
        gid < self.closed.len() && self.closed[gid]
    }

    fn check_lookbehind_group(&self, gid: usize) -> PResult<()> {
        if let Some(start) = self.lookbehind_groups {
            if !self.group_closed(gid) {
                return Err(self.error("cannot refer to an open group", 0));
            }
            if gid >= start {
                return Err(self.error(
                    "cannot refer to group defined in the same lookbehind subpattern",
                    0,
                ));
            }
        }
        Ok(())
    }

    /// `a|b|c` up to a `)` or the end (CPython's `_parse_sub`).
    fn parse_alternation(&mut self, verbose: bool, nested: usize) -> PResult<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::Recursion);
        }
        let mut items = Vec::new();
        loop {
            let first = nested == 0 && items.is_empty();
            items.push(self.parse_sequence(verbose, nested + 1, first)?);
            if !self.eat('|')? {
                break;
            }
        }
        self.depth -= 1;
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(items)
        })
    }

    /// A sequence of items up to `|`, `)` or the end (CPython's `_parse`).
    fn parse_sequence(&mut self, mut verbose: bool, nested: usize, first: bool) -> PResult<Node> {
        let mut seq: Vec<Node> = Vec::new();
        while let Some(tok) = self.next {
            if tok == ('|', None) || tok == (')', None) {
                break;
            }
            self.advance()?;
            let scope = Scope { flags: self.flags };
            if verbose {
                match tok {
                    (' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c', None) => continue,
                    ('#', None) => {
                        while let Some(t) = self.get()? {
                            if t == ('\n', None) {
                                break;
                            }
                        }
                        continue;
                    }
                    _ => {}
                }
            }
            match tok {
                ('\\', Some(_)) => seq.push(self.escape(tok, scope)?),
                ('[', None) => seq.push(self.parse_set(scope)?),
                (c @ ('*' | '+' | '?' | '{'), None) => {
                    if !self.parse_repeat(c, &mut seq)? {
                        seq.push(Node::Char {
                            c: '{',
                            icase: scope.icase(),
                        });
                    }
                }
                ('.', None) => seq.push(Node::Any {
                    dotall: scope.flags & flag::DOTALL != 0,
                }),
                ('(', None) => {
                    let start = self.tell() - 1;
                    match self.parse_group(
                        start,
                        scope,
                        verbose,
                        nested,
                        first && seq.is_empty(),
                    )? {
                        GroupResult::Node(n) => seq.push(n),
                        GroupResult::Nothing => {}
                        GroupResult::GlobalFlags => {
                            verbose = self.flags & flag::VERBOSE != 0;
                        }
                    }
                }
                ('^', None) => seq.push(Node::Begin {
                    multiline: scope.flags & flag::MULTILINE != 0,
                }),
                ('$', None) => seq.push(Node::End {
                    multiline: scope.flags & flag::MULTILINE != 0,
                }),
                (c, _) => seq.push(Node::Char {
                    c,
                    icase: scope.icase(),
                }),
            }
        }
        Ok(match seq.len() {
            0 => Node::Empty,
            1 => seq.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(seq),
        })
    }

    /// A repeat after the last item of `seq`; false when `{` turns out to be a literal.
    fn parse_repeat(&mut self, c: char, seq: &mut Vec<Node>) -> PResult<bool> {
        let here = self.tell();
        let (min, max): (u64, Option<u64>) = match c {
            '?' => (0, Some(1)),
            '*' => (0, None),
            '+' => (1, None),
            _ => {
                if self.next_char() == Some('}') {
                    return Ok(false);
                }
                let lo = self.get_while(usize::MAX, |c| c.is_ascii_digit())?;
                let hi = if self.eat(',')? {
                    Some(self.get_while(usize::MAX, |c| c.is_ascii_digit())?)
                } else {
                    None
                };
                if !self.eat('}')? {
                    // Not a repeat: `{` is a literal and parsing resumes after it.
                    self.index = here;
                    self.advance()?;
                    return Ok(false);
                }
                let number = |s: &str| -> PResult<u64> {
                    match s.parse::<u64>() {
                        Ok(n) if n < MAXREPEAT => Ok(n),
                        _ => Err(ParseError::Overflow(
                            "the repetition number is too large".into(),
                        )),
                    }
                };
                let min = if lo.is_empty() { 0 } else { number(&lo)? };
                let max = match &hi {
                    None => Some(min),
                    Some(h) if h.is_empty() => None,
                    Some(h) => Some(number(h)?),
                };
                if let Some(m) = max {
                    if m < min {
                        return Err(
                            self.error("min repeat greater than max repeat", self.tell() - here)
                        );
                    }
                }
                (min, max)
            }
        };
        let offset = self.tell() - here + 1;
        let item = match seq.pop() {
            None => return Err(self.error("nothing to repeat", offset)),
            Some(n) => n,
        };
        match item {
            Node::Begin { .. }
            | Node::End { .. }
            | Node::StartText
            | Node::EndText
            | Node::Boundary { .. } => return Err(self.error("nothing to repeat", offset)),
            Node::Repeat { .. } => return Err(self.error("multiple repeat", offset)),
            _ => {}
        }
        let kind = if self.eat('?')? {
            RepeatKind::Lazy
        } else if self.eat('+')? {
            RepeatKind::Possessive
        } else {
            RepeatKind::Greedy
        };
        seq.push(Node::Repeat {
            min: min as u32,
            max: max.map(|m| m as u32),
            kind,
            body: Box::new(item),
        });
        Ok(true)
    }

    fn parse_set(&mut self, scope: Scope) -> PResult<Node> {
        let here = self.tell() - 1;
        let negated = self.eat('^')?;
        let mut items: Vec<SetItem> = Vec::new();
        let mut first = true;
        loop {
            let Some(this) = self.get()? else {
                return Err(self.error("unterminated character set", self.tell() - here));
            };
            if this == (']', None) && !first {
                break;
            }
            first = false;
            let item1 = if this.1.is_some() {
                self.class_escape(this)?
            } else {
                SetItem::Char(this.0)
            };
            if self.eat('-')? {
                let Some(that) = self.get()? else {
                    return Err(self.error("unterminated character set", self.tell() - here));
                };
                if that == (']', None) {
                    items.push(item1);
                    items.push(SetItem::Char('-'));
                    break;
                }
                let item2 = if that.1.is_some() {
                    self.class_escape(that)?
                } else {
                    SetItem::Char(that.0)
                };
                let msg = format!(
                    "bad character range {}-{}",
                    tok_string(this),
                    tok_string(that)
                );
                let offset = tok_len(this) + 1 + tok_len(that);
                match (item1, item2) {
                    (SetItem::Char(lo), SetItem::Char(hi)) if hi >= lo => {
                        items.push(SetItem::Range(lo, hi))
                    }
                    _ => return Err(self.error(msg, offset)),
                }
            } else {
                items.push(item1);
            }
        }
        Ok(Node::Set {
            negated,
            items,
            icase: scope.icase(),
            ascii: scope.ascii(self.text),
        })
    }

    /// `\x41`, `\u0041`, `\U00000041`, `\N{name}`: the code point, or None when `tok`
    /// is not one of these.
    fn code_escape(&mut self, tok: (char, Option<char>)) -> PResult<Option<char>> {
        let c = tok.1.unwrap_or('\\');
        let digits = match c {
            'x' => 2,
            'u' if self.text => 4,
            'U' if self.text => 8,
            'N' if self.text => return self.named_escape().map(Some),
            _ => return Ok(None),
        };
        let hex = self.get_while(digits, |c| c.is_ascii_hexdigit())?;
        let escape = format!("\\{c}{hex}");
        if hex.len() != digits {
            let n = escape.chars().count();
            return Err(self.error(format!("incomplete escape {escape}"), n));
        }
        let value = u32::from_str_radix(&hex, 16).unwrap_or(u32::MAX);
        match char::from_u32(value) {
            Some(ch) => Ok(Some(ch)),
            None => {
                let n = escape.chars().count();
                Err(self.error(format!("bad escape {escape}"), n))
            }
        }
    }

    /// `\N{NAME}`: apy carries no Unicode name table beyond what the front end knows.
    fn named_escape(&mut self) -> PResult<char> {
        if !self.eat('{')? {
            return Err(self.error("missing {", 0));
        }
        let name = self.get_until('}', "character name")?;
        match apy_front::lexer::lookup_name(&name) {
            Some(c) => Ok(c),
            None => {
                let n = name.chars().count() + 4;
                Err(self.error(format!("undefined character name '{name}'"), n))
            }
        }
    }

    fn octal_value(&self, escape: &str) -> PResult<char> {
        let v = u32::from_str_radix(&escape[1..], 8).unwrap_or(u32::MAX);
        if v > 0o377 {
            let n = escape.chars().count();
            return Err(self.error(
                format!("octal escape value {escape} outside of range 0-0o377"),
                n,
            ));
        }
        Ok(char::from_u32(v).unwrap_or('\0'))
    }

    /// An escape inside `[...]` (CPython's `_class_escape`).
    fn class_escape(&mut self, tok: (char, Option<char>)) -> PResult<SetItem> {
        let c = tok.1.unwrap_or('\\');
        if let Some(ch) = simple_escape(c, true) {
            return Ok(SetItem::Char(ch));
        }
        if let Some((cat, negated)) = category(c) {
            return Ok(SetItem::Category { cat, negated });
        }
        if let Some(ch) = self.code_escape(tok)? {
            return Ok(SetItem::Char(ch));
        }
        if c.is_digit(8) {
            let more = self.get_while(2, |c| c.is_digit(8))?;
            return Ok(SetItem::Char(self.octal_value(&format!("\\{c}{more}"))?));
        }
        if c.is_ascii_alphanumeric() {
            return Err(self.error(format!("bad escape \\{c}"), 2));
        }
        Ok(SetItem::Char(c))
    }

    /// An escape outside `[...]` (CPython's `_escape`).
    fn escape(&mut self, tok: (char, Option<char>), scope: Scope) -> PResult<Node> {
        let c = tok.1.unwrap_or('\\');
        let ascii = scope.ascii(self.text);
        match c {
            'A' => return Ok(Node::StartText),
            'Z' => return Ok(Node::EndText),
            'b' | 'B' => {
                return Ok(Node::Boundary {
                    negated: c == 'B',
                    ascii,
                })
            }
            _ => {}
        }
        if let Some((cat, negated)) = category(c) {
            return Ok(Node::Category {
                cat,
                negated,
                ascii,
            });
        }
        let lit = |ch| Node::Char {
            c: ch,
            icase: scope.icase(),
        };
        if let Some(ch) = simple_escape(c, false) {
            return Ok(lit(ch));
        }
        if let Some(ch) = self.code_escape(tok)? {
            return Ok(lit(ch));
        }
        if c == '0' {
            let more = self.get_while(2, |c| c.is_digit(8))?;
            return Ok(lit(self.octal_value(&format!("\\0{more}"))?));
        }
        if c.is_ascii_digit() {
            let mut escape = format!("\\{c}");
            if let Some(d) = self.next_char().filter(|d| d.is_ascii_digit()) {
                self.advance()?;
                escape.push(d);
                if c.is_digit(8) && d.is_digit(8) {
                    if let Some(e) = self.next_char().filter(|e| e.is_digit(8)) {
                        self.advance()?;
                        escape.push(e);
                        return Ok(lit(self.octal_value(&escape)?));
                    }
                }
            }
            let group: usize = escape[1..].parse().unwrap_or(usize::MAX);
            let n = escape.len();
            if group < self.closed.len() {
                if !self.group_closed(group) {
                    return Err(self.error("cannot refer to an open group", n));
                }
                self.check_lookbehind_group(group)?;
                return Ok(Node::Backref {
                    group,
                    icase: scope.icase(),
                });
            }
            return Err(self.error(format!("invalid group reference {group}"), n - 1));
        }
        if c.is_ascii_alphanumeric() {
            return Err(self.error(format!("bad escape \\{c}"), 2));
        }
        Ok(lit(c))
    }

    /// Everything after `(`: a group, an extension, or inline flags.
    fn parse_group(
        &mut self,
        start: usize,
        scope: Scope,
        verbose: bool,
        nested: usize,
        first: bool,
    ) -> PResult<GroupResult> {
        let mut capture = true;
        let mut atomic = false;
        let mut name: Option<String> = None;
        let mut scoped: Option<(u32, u32)> = None;
        if self.eat('?')? {
            let Some(ch) = self.get()? else {
                return Err(self.error("unexpected end of pattern", 0));
            };
            match ch {
                ('P', None) => {
                    if self.eat('<')? {
                        let n = self.get_until('>', "group name")?;
                        if !is_identifier(&n) {
                            let len = n.chars().count() + 1;
                            return Err(
                                self.error(format!("bad character in group name '{n}'"), len)
                            );
                        }
                        name = Some(n);
                    } else if self.eat('=')? {
                        let n = self.get_until(')', "group name")?;
                        let len = n.chars().count() + 1;
                        if !is_identifier(&n) {
                            return Err(
                                self.error(format!("bad character in group name '{n}'"), len)
                            );
                        }
                        let Some(&gid) = self.names.get(&n) else {
                            return Err(self.error(format!("unknown group name '{n}'"), len));
                        };
                        if !self.group_closed(gid) {
                            return Err(self.error("cannot refer to an open group", len));
                        }
                        self.check_lookbehind_group(gid)?;
                        return Ok(GroupResult::Node(Node::Backref {
                            group: gid,
                            icase: scope.icase(),
                        }));
                    } else {
                        let Some(c) = self.get()? else {
                            return Err(self.error("unexpected end of pattern", 0));
                        };
                        return Err(self.error(
                            format!("unknown extension ?P{}", tok_string(c)),
                            tok_len(c) + 2,
                        ));
                    }
                }
                (':', None) => capture = false,
                ('#', None) => {
                    loop {
                        match self.get()? {
                            None => {
                                return Err(self
                                    .error("missing ), unterminated comment", self.tell() - start))
                            }
                            Some((')', None)) => break,
                            Some(_) => {}
                        }
                    }
                    return Ok(GroupResult::Nothing);
                }
                (c @ ('=' | '!' | '<'), None) => {
                    let mut kind = c;
                    let behind = c == '<';
                    let saved = self.lookbehind_groups;
                    if behind {
                        let Some(k) = self.get()? else {
                            return Err(self.error("unexpected end of pattern", 0));
                        };
                        if k != ('=', None) && k != ('!', None) {
                            return Err(self.error(
                                format!("unknown extension ?<{}", tok_string(k)),
                                tok_len(k) + 2,
                            ));
                        }
                        kind = k.0;
                        if saved.is_none() {
                            self.lookbehind_groups = Some(self.closed.len());
                        }
                    }
                    let body = self.parse_alternation(verbose, nested + 1)?;
                    if behind && saved.is_none() {
                        self.lookbehind_groups = None;
                    }
                    if !self.eat(')')? {
                        return Err(
                            self.error("missing ), unterminated subpattern", self.tell() - start)
                        );
                    }
                    if behind {
                        let (lo, hi) = self.width(&body);
                        if lo != hi {
                            return Err(ParseError::Syntax {
                                msg: "look-behind requires fixed-width pattern".into(),
                                pos: None,
                            });
                        }
                    }
                    return Ok(GroupResult::Node(Node::Look {
                        behind,
                        negated: kind == '!',
                        body: Box::new(body),
                    }));
                }
                ('(', None) => {
                    return self
                        .parse_conditional(start, verbose, nested)
                        .map(GroupResult::Node)
                }
                ('>', None) => {
                    capture = false;
                    atomic = true;
                }
                (c, None) if flag_of(c).is_some() || c == '-' => match self.parse_flags(c)? {
                    None => {
                        if !first {
                            return Err(self.error(
                                "global flags not at the start of the expression",
                                self.tell() - start,
                            ));
                        }
                        return Ok(GroupResult::GlobalFlags);
                    }
                    Some(f) => {
                        scoped = Some(f);
                        capture = false;
                    }
                },
                t => {
                    return Err(self.error(
                        format!("unknown extension ?{}", tok_string(t)),
                        tok_len(t) + 1,
                    ))
                }
            }
        }
        let group = if capture {
            Some(self.open_group(name.as_deref())?)
        } else {
            None
        };
        let saved_flags = self.flags;
        let mut sub_verbose = verbose;
        if let Some((add, del)) = scoped {
            self.flags = (self.flags | add) & !del;
            sub_verbose = (verbose || add & flag::VERBOSE != 0) && del & flag::VERBOSE == 0;
        }
        let body = self.parse_alternation(sub_verbose, nested + 1)?;
        self.flags = saved_flags;
        if !self.eat(')')? {
            return Err(self.error("missing ), unterminated subpattern", self.tell() - start));
        }
        let node = match group {
            Some(index) => {
                let w = self.width(&body);
                self.closed[index] = true;
                self.widths[index] = w;
                self.close_order.push(index);
                Node::Group {
                    index,
                    body: Box::new(body),
                }
            }
            None if atomic => Node::Atomic(Box::new(body)),
            // A plain `(?:...)`: the emitter groups whatever needs grouping.
            None => body,
        };
        Ok(GroupResult::Node(node))
    }

    fn open_group(&mut self, name: Option<&str>) -> PResult<usize> {
        let gid = self.closed.len();
        if gid >= MAXGROUPS {
            return Err(self.error("too many groups", 0));
        }
        self.closed.push(false);
        self.widths.push((0, 0));
        if let Some(n) = name {
            if let Some(&old) = self.names.get(n) {
                let len = n.chars().count() + 1;
                return Err(self.error(
                    format!("redefinition of group name '{n}' as group {gid}; was group {old}"),
                    len,
                ));
            }
            self.names.insert(n.to_string(), gid);
            self.name_order.push((n.to_string(), gid));
        }
        Ok(gid)
    }

    /// `(?(group)yes|no)`, after `(?(`.
    fn parse_conditional(&mut self, start: usize, verbose: bool, nested: usize) -> PResult<Node> {
        let name = self.get_until(')', "group name")?;
        let len = name.chars().count() + 1;
        let group = if is_identifier(&name) {
            match self.names.get(&name) {
                Some(&g) => g,
                None => return Err(self.error(format!("unknown group name '{name}'"), len)),
            }
        } else {
            let Ok(g) = name.parse::<usize>() else {
                return Err(self.error(format!("bad character in group name '{name}'"), len));
            };
            if name.starts_with('+') || !name.chars().all(|c| c.is_ascii_digit()) {
                return Err(self.error(format!("bad character in group name '{name}'"), len));
            }
            if g == 0 {
                return Err(self.error("bad group number", len));
            }
            if g >= MAXGROUPS {
                return Err(self.error(format!("invalid group reference {g}"), len));
            }
            if !self.condrefs.iter().any(|(c, _)| *c == g) {
                self.condrefs.push((g, self.tell() - len));
            }
            g
        };
        self.check_lookbehind_group(group)?;
        let yes = self.parse_sequence(verbose, nested + 1, false)?;
        let no = if self.eat('|')? {
            let no = self.parse_sequence(verbose, nested + 1, false)?;
            if self.next == Some(('|', None)) {
                return Err(self.error("conditional backref with more than two branches", 0));
            }
            no
        } else {
            Node::Empty
        };
        if !self.eat(')')? {
            return Err(self.error("missing ), unterminated subpattern", self.tell() - start));
        }
        Ok(Node::Cond {
            group,
            yes: Box::new(yes),
            no: Box::new(no),
        })
    }

    /// Inline flags after `(?` (CPython's `_parse_flags`): None for global flags
    /// `(?i)`, else the flags a scoped group `(?i-s:...)` adds and removes.
    fn parse_flags(&mut self, mut c: char) -> PResult<Option<(u32, u32)>> {
        let mut add = 0;
        let mut del = 0;
        let text = self.text;
        let unknown = |p: &Self, t: (char, Option<char>), otherwise: &str| {
            let msg = if t.1.is_none() && t.0.is_alphabetic() {
                "unknown flag"
            } else {
                otherwise
            };
            p.error(msg, tok_len(t))
        };
        if c != '-' {
            loop {
                let f = flag_of(c).unwrap_or(0);
                if text && c == 'L' {
                    return Err(self.error(
                        "bad inline flags: cannot use 'L' flag with a str pattern",
                        0,
                    ));
                }
                if !text && c == 'u' {
                    return Err(self.error(
                        "bad inline flags: cannot use 'u' flag with a bytes pattern",
                        0,
                    ));
                }
                add |= f;
                if f & flag::TYPE != 0 && add & flag::TYPE != f {
                    return Err(self.error(
                        "bad inline flags: flags 'a', 'u' and 'L' are incompatible",
                        0,
                    ));
                }
                let Some(t) = self.get()? else {
                    return Err(self.error("missing -, : or )", 0));
                };
                if matches!(t, (')' | '-' | ':', None)) {
                    c = t.0;
                    break;
                }
                match t {
                    (n, None) if flag_of(n).is_some() => c = n,
                    t => return Err(unknown(self, t, "missing -, : or )")),
                }
            }
        }
        if c == ')' {
            self.flags |= add;
            return Ok(None);
        }
        if add & flag::GLOBAL != 0 {
            return Err(self.error("bad inline flags: cannot turn on global flag", 1));
        }
        if c == '-' {
            let Some(t) = self.get()? else {
                return Err(self.error("missing flag", 0));
            };
            let mut t = match t {
                (n, None) if flag_of(n).is_some() => n,
                t => return Err(unknown(self, t, "missing flag")),
            };
            loop {
                let f = flag_of(t).unwrap_or(0);
                if f & flag::TYPE != 0 {
                    return Err(self.error(
                        "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                        0,
                    ));
                }
                del |= f;
                let Some(n) = self.get()? else {
                    return Err(self.error("missing :", 0));
                };
                match n {
                    (':', None) => break,
                    (n, None) if flag_of(n).is_some() => t = n,
                    n => return Err(unknown(self, n, "missing :")),
                }
            }
        }
        if del & flag::GLOBAL != 0 {
            return Err(self.error("bad inline flags: cannot turn off global flag", 1));
        }
        if add & del != 0 {
            return Err(self.error("bad inline flags: flag turned on and off", 1));
        }
        Ok(Some((add, del)))
    }

    /// The (min, max) number of characters `node` matches; max saturates at
    /// `u64::MAX` for unbounded repeats (CPython's `getwidth`).
    fn width(&self, node: &Node) -> (u64, u64) {
        width_of(node, &self.widths)
    }
}

enum GroupResult {
    Node(Node),
    /// A comment.
    Nothing,
    /// `(?flags)` at the start: the parser's flags changed.
    GlobalFlags,
}

/// `\a`, `\f`, `\n`, `\r`, `\t`, `\v`, `\\`, and `\b` (backspace) inside a set.
fn simple_escape(c: char, in_set: bool) -> Option<char> {
    Some(match c {
        'a' => '\x07',
        'b' if in_set => '\x08',
        'f' => '\x0c',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\x0b',
        '\\' => '\\',
        _ => return None,
    })
}

fn category(c: char) -> Option<(Category, bool)> {
    Some(match c {
        'd' => (Category::Digit, false),
        'D' => (Category::Digit, true),
        'w' => (Category::Word, false),
        'W' => (Category::Word, true),
        's' => (Category::Space, false),
        'S' => (Category::Space, true),
        _ => return None,
    })
}

/// The width of `node`, bounded in depth by the parser's own nesting limit (a group
/// body is at most [`MAX_DEPTH`] levels deep, so this recursion is too).
fn width_of(node: &Node, groups: &[(u64, u64)]) -> (u64, u64) {
    match node {
        Node::Empty
        | Node::Begin { .. }
        | Node::End { .. }
        | Node::StartText
        | Node::EndText
        | Node::Boundary { .. }
        | Node::Look { .. } => (0, 0),
        Node::Char { .. } | Node::Any { .. } | Node::Set { .. } | Node::Category { .. } => (1, 1),
        Node::Group { body, .. } | Node::Atomic(body) => width_of(body, groups),
        Node::Repeat { min, max, body, .. } => {
            let (lo, hi) = width_of(body, groups);
            let hi = match max {
                Some(m) => hi.saturating_mul(u64::from(*m)),
                None if hi == 0 => 0,
                None => u64::MAX,
            };
            (lo.saturating_mul(u64::from(*min)), hi)
        }
        Node::Concat(items) => items.iter().fold((0, 0), |(lo, hi), n| {
            let (a, b) = width_of(n, groups);
            (lo.saturating_add(a), hi.saturating_add(b))
        }),
        Node::Alt(items) => items.iter().fold((u64::MAX, 0), |(lo, hi), n| {
            let (a, b) = width_of(n, groups);
            (lo.min(a), hi.max(b))
        }),
        Node::Backref { group, .. } => groups.get(*group).copied().unwrap_or((0, 0)),
        Node::Cond { yes, no, .. } => {
            let (a, b) = width_of(yes, groups);
            let (c, d) = width_of(no, groups);
            (a.min(c), b.max(d))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(p: &str) -> (String, Option<usize>) {
        let chars: Vec<char> = p.chars().collect();
        match parse(&chars, 0, true) {
            Err(ParseError::Syntax { msg, pos }) => (msg, pos),
            Err(e) => (format!("{e:?}"), None),
            Ok(_) => ("ok".into(), None),
        }
    }

    #[test]
    fn errors_carry_cpython_positions() {
        assert_eq!(
            err("a{3,2}"),
            ("min repeat greater than max repeat".into(), Some(2))
        );
        assert_eq!(
            err("(a"),
            ("missing ), unterminated subpattern".into(), Some(0))
        );
        assert_eq!(err("a)"), ("unbalanced parenthesis".into(), Some(1)));
        assert_eq!(err("a**"), ("multiple repeat".into(), Some(2)));
        assert_eq!(err("[z-a]"), ("bad character range z-a".into(), Some(1)));
        assert_eq!(
            err("a(?i)b"),
            (
                "global flags not at the start of the expression".into(),
                Some(1)
            )
        );
        assert_eq!(
            err("(?<=a+)b"),
            ("look-behind requires fixed-width pattern".into(), None)
        );
        assert_eq!(err("\\9"), ("invalid group reference 9".into(), Some(1)));
    }

    #[test]
    fn brace_without_repeat_is_literal() {
        let chars: Vec<char> = "a{x}".chars().collect();
        let p = parse(&chars, 0, true).map(|p| p.node);
        assert!(matches!(p, Ok(Node::Concat(ref v)) if v.len() == 4));
    }

    #[test]
    fn deep_nesting_is_a_clean_error() {
        let p = "(".repeat(5000) + &")".repeat(5000);
        let chars: Vec<char> = p.chars().collect();
        assert!(matches!(parse(&chars, 0, true), Err(ParseError::Recursion)));
    }
}
