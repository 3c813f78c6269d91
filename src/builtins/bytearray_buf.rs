//! A bytearray's storage: a `Vec<u8>` whose first `start` bytes are already deleted.
//!
//! Stream buffers consume a bytearray from the front (`data = bytes(buf[:n]);
//! del buf[:n]`) while appending at the back. With a plain `Vec` every such `del`
//! moves all that is left; CPython keeps an offset (`ob_start`) instead, and so does
//! this: deleting a prefix only moves `start`, and the dead prefix is reclaimed when it
//! grows larger than the live bytes, so each byte is moved at most once on average.
//!
//! Reads and in-place writes see only the live bytes (`Deref` to `[u8]`). Operations
//! that change the size anywhere but the two ends go through [`ByteBuf::vec_mut`],
//! which first drops the dead prefix, so they keep `Vec`'s own semantics.

use std::ops::{Deref, DerefMut};

#[derive(Default, Clone)]
pub struct ByteBuf {
    vec: Vec<u8>,
    /// Bytes at the front of `vec` that were deleted but not yet moved over.
    start: usize,
}

impl ByteBuf {
    /// Deletes the first `n` live bytes (`n` at most `len()`).
    pub fn delete_front(&mut self, n: usize) {
        self.start += n.min(self.vec.len() - self.start);
        let live = self.vec.len() - self.start;
        if live == 0 {
            self.vec.clear();
            self.start = 0;
        } else if self.start > live {
            self.compact();
        }
    }

    /// Deletes the live bytes in `range`: an O(1) move of `start` when it is a prefix.
    pub fn delete(&mut self, range: std::ops::Range<usize>) {
        if range.start == 0 {
            self.delete_front(range.end);
        } else {
            self.vec_mut().drain(range);
        }
    }

    pub fn extend_from_slice(&mut self, bytes: &[u8]) {
        self.vec.extend_from_slice(bytes);
    }

    pub fn push(&mut self, byte: u8) {
        self.vec.push(byte);
    }

    pub fn clear(&mut self) {
        self.vec.clear();
        self.start = 0;
    }

    /// What the storage holds, dead prefix included (`__sizeof__`, `__alloc__`).
    pub fn capacity(&self) -> usize {
        self.vec.capacity()
    }

    /// The live bytes as a `Vec`, for every other change of size (insertions, deletions
    /// in the middle, `try_reserve`): the dead prefix is dropped first.
    pub fn vec_mut(&mut self) -> &mut Vec<u8> {
        self.compact();
        &mut self.vec
    }

    /// The live bytes, taking the storage when nothing is dead.
    pub fn into_vec(mut self) -> Vec<u8> {
        self.compact();
        self.vec
    }

    fn compact(&mut self) {
        if self.start > 0 {
            self.vec.drain(..self.start);
            self.start = 0;
        }
    }
}

impl From<Vec<u8>> for ByteBuf {
    fn from(vec: Vec<u8>) -> ByteBuf {
        ByteBuf { vec, start: 0 }
    }
}

impl Deref for ByteBuf {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.vec[self.start..]
    }
}

impl DerefMut for ByteBuf {
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.vec[self.start..]
    }
}

#[cfg(test)]
mod tests {
    use super::ByteBuf;

    #[test]
    fn front_deletions_move_an_offset_until_the_dead_part_outgrows_the_live() {
        let mut b = ByteBuf::from((0u8..10).collect::<Vec<u8>>());
        b.delete(0..3);
        assert_eq!(&*b, &[3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(b.start, 3, "a prefix deletion moves no bytes");
        b.extend_from_slice(&[10, 11]);
        b.delete_front(4);
        assert_eq!(
            (b.start, &*b),
            (0, &[7u8, 8, 9, 10, 11][..]),
            "7 dead > 5 live"
        );
        b.delete_front(1);
        assert_eq!((b.start, &*b), (1, &[8u8, 9, 10, 11][..]));
        b.delete(1..3);
        assert_eq!(
            (b.start, &*b),
            (0, &[8u8, 11][..]),
            "a middle deletion compacts"
        );
        b.delete_front(2);
        assert!(b.is_empty() && b.vec.capacity() > 0);
    }

    #[test]
    fn every_other_change_sees_only_the_live_bytes() {
        let mut b = ByteBuf::from(b"xxabc".to_vec());
        b.delete_front(2);
        b.vec_mut().insert(1, b'-');
        b[0] = b'A';
        assert_eq!(b.clone().into_vec(), b"A-bc");
        b.push(b'!');
        assert_eq!(&*b, b"A-bc!");
        b.clear();
        assert!(b.is_empty());
    }
}
