//! The timer queue: a binary min-heap with exactly the algorithm of CPython's `heapq`
//! (`heappush`, `heappop`, `heapify`), ordered by deadline alone.
//!
//! CPython's `TimerHandle.__lt__` compares only `_when`, so timers with equal
//! deadlines come out in whatever order `heapq`'s sift steps leave them — not in
//! scheduling order (three or more ties, or ties among other timers, visibly
//! reorder). Output order is part of conformance, so this heap mirrors `heapq`
//! step for step instead of breaking ties with a sequence number.

use super::handle::HandleRef;

/// A scheduled `TimerHandle` (any handle type in the unit tests).
pub struct Timer<H = HandleRef> {
    pub when: f64,
    pub handle: H,
}

/// `loop._scheduled`.
pub struct TimerHeap<H = HandleRef> {
    items: Vec<Timer<H>>,
}

impl<H> Default for TimerHeap<H> {
    fn default() -> Self {
        TimerHeap { items: Vec::new() }
    }
}

impl<H> TimerHeap<H> {
    pub fn new() -> TimerHeap<H> {
        TimerHeap { items: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn peek(&self) -> Option<&Timer<H>> {
        self.items.first()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Timer<H>> {
        self.items.iter()
    }

    /// `heapq.heappush`.
    pub fn push(&mut self, timer: Timer<H>) {
        self.items.push(timer);
        let last = self.items.len() - 1;
        self.sift_down(0, last);
    }

    /// `heapq.heappop`.
    pub fn pop(&mut self) -> Option<Timer<H>> {
        let last = self.items.pop()?;
        if self.items.is_empty() {
            return Some(last);
        }
        let top = std::mem::replace(&mut self.items[0], last);
        self.sift_up(0);
        Some(top)
    }

    /// Keeps the timers for which `keep` is true and re-heapifies (`heapq.heapify`), as
    /// `_run_once` does when cancelled timers pile up.
    pub fn retain_and_heapify(&mut self, mut keep: impl FnMut(&Timer<H>) -> bool) {
        self.items.retain(|t| keep(t));
        for i in (0..self.items.len() / 2).rev() {
            self.sift_up(i);
        }
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }

    pub fn drain(&mut self) -> impl Iterator<Item = Timer<H>> + '_ {
        self.items.drain(..)
    }

    fn less(&self, a: usize, b: usize) -> bool {
        self.items[a].when < self.items[b].when
    }

    /// `heapq._siftdown`: moves the item at `pos` up towards `start` while it is
    /// strictly smaller than its parent.
    fn sift_down(&mut self, start: usize, mut pos: usize) {
        while pos > start {
            let parent = (pos - 1) >> 1;
            if !self.less(pos, parent) {
                break;
            }
            self.items.swap(pos, parent);
            pos = parent;
        }
    }

    /// `heapq._siftup`: moves the smaller child up until `pos` is a leaf (taking the
    /// right child on ties), then sifts the original item back up.
    fn sift_up(&mut self, mut pos: usize) {
        let end = self.items.len();
        let start = pos;
        let limit = end >> 1;
        while pos < limit {
            let mut child = 2 * pos + 1;
            if child + 1 < end && !self.less(child, child + 1) {
                child += 1;
            }
            self.items.swap(pos, child);
            pos = child;
        }
        self.sift_down(start, pos);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::Value;

    fn heap_of(whens: &[f64]) -> TimerHeap<Value> {
        let mut h = TimerHeap::new();
        for (i, w) in whens.iter().enumerate() {
            h.push(Timer {
                when: *w,
                handle: Value::Int(i as i64),
            });
        }
        h
    }

    fn pop_all(mut h: TimerHeap<Value>) -> Vec<i64> {
        let mut out = Vec::new();
        while let Some(t) = h.pop() {
            if let Value::Int(i) = t.handle {
                out.push(i);
            }
        }
        out
    }

    #[test]
    fn earliest_first() {
        assert_eq!(pop_all(heap_of(&[3.0, 1.0, 2.0, 0.5])), vec![3, 1, 2, 0]);
    }

    #[test]
    fn ties_follow_heapq_not_insertion() {
        // CPython: push 9 handles with when = i % 3 and pop them all:
        // [0, 6, 3, 4, 7, 1, 2, 5, 8] (checked with heapq and a when-only __lt__).
        let whens: Vec<f64> = (0..9).map(|i| (i % 3) as f64).collect();
        assert_eq!(pop_all(heap_of(&whens)), vec![0, 6, 3, 4, 7, 1, 2, 5, 8]);
        // Three equal deadlines alone keep insertion order.
        assert_eq!(pop_all(heap_of(&[1.0, 1.0, 1.0])), vec![0, 1, 2]);
    }
}
