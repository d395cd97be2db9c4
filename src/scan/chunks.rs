//! The chunks of a multi-chunk SMART Health Card (`shc:/N/M/...`), gathered
//! into one card as they are read: from one frame or from successive ones,
//! from a camera or from a keyboard scanner's lines. Chunks belong together
//! when they say the same M and come within [`GATHER_SECS`] of the first;
//! a chunk of another M, or one after that time, starts afresh. Any other
//! code passes straight through.

use std::collections::BTreeMap;

use crate::code::shc;
use crate::time::UnixTime;

/// How long the chunks of one card may take to be shown.
pub const GATHER_SECS: i64 = 30;

/// What became of a code text offered to the gatherer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gathered {
    /// A whole code: to check (a card's chunks joined by spaces).
    Ready(String),
    /// A chunk: `have` of `total` read so far.
    Partial { have: usize, total: usize },
}

/// The chunks read so far of one card.
#[derive(Debug, Clone, Default)]
pub struct Gatherer {
    total: usize,
    parts: BTreeMap<usize, String>,
    started: UnixTime,
}

impl Gatherer {
    /// Takes one code text read at `now`.
    pub fn offer(&mut self, text: &str, now: UnixTime) -> Gathered {
        let text = text.trim();
        // Several chunks in one text (one frame, or pasted together).
        let pieces: Vec<&str> = text.split_whitespace().collect();
        let chunks: Vec<shc::Chunk<'_>> =
            pieces.iter().filter_map(|p| shc::chunk(p).ok()).collect();
        if chunks.len() != pieces.len() || chunks.iter().all(|c| c.total == 1) {
            // Another code: the next person; their parts are not this one's.
            self.parts.clear();
            return Gathered::Ready(text.to_string());
        }
        for (piece, c) in pieces.iter().zip(&chunks) {
            // A part that differs from the one read at its place belongs
            // to another card: start afresh with it.
            let conflict = self.parts.get(&c.index).is_some_and(|p| p != piece);
            if self.total != c.total
                || now.0 - self.started.0 > GATHER_SECS
                || self.parts.is_empty()
                || conflict
            {
                self.parts.clear();
                self.total = c.total;
                self.started = now;
            }
            self.parts.insert(c.index, (*piece).to_string());
        }
        if self.parts.len() == self.total {
            let card = self.parts.values().cloned().collect::<Vec<_>>().join(" ");
            self.parts.clear();
            return Gathered::Ready(card);
        }
        Gathered::Partial {
            have: self.parts.len(),
            total: self.total,
        }
    }

    /// The card being gathered at `now`, if any: chunks read, of how many.
    pub fn pending(&self, now: UnixTime) -> Option<(usize, usize)> {
        (!self.parts.is_empty() && now.0 - self.started.0 <= GATHER_SECS)
            .then_some((self.parts.len(), self.total))
    }

    /// Forgets the chunks read so far.
    pub fn clear(&mut self) {
        self.parts.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_gathered_in_any_order_within_the_time() {
        let mut g = Gatherer::default();
        let t = UnixTime(1000);
        assert_eq!(g.offer("HC1:ABC", t), Gathered::Ready("HC1:ABC".into()));
        assert_eq!(g.offer("shc:/5678", t), Gathered::Ready("shc:/5678".into()));
        assert_eq!(
            g.offer("shc:/2/3/11", t),
            Gathered::Partial { have: 1, total: 3 }
        );
        assert_eq!(g.pending(t), Some((1, 3)));
        // The same chunk again changes nothing.
        assert_eq!(
            g.offer("shc:/2/3/11", t),
            Gathered::Partial { have: 1, total: 3 }
        );
        assert_eq!(
            g.offer("shc:/3/3/22 shc:/1/3/00", t.plus(5)),
            Gathered::Ready("shc:/1/3/00 shc:/2/3/11 shc:/3/3/22".into())
        );
        assert_eq!(g.pending(t), None);
        // Too late: the first chunk is forgotten.
        assert_eq!(
            g.offer("shc:/1/2/00", t),
            Gathered::Partial { have: 1, total: 2 }
        );
        assert_eq!(g.pending(t.plus(GATHER_SECS + 1)), None);
        assert_eq!(
            g.offer("shc:/2/2/11", t.plus(GATHER_SECS + 1)),
            Gathered::Partial { have: 1, total: 2 }
        );
        // A chunk of a card of another size starts afresh.
        assert_eq!(
            g.offer("shc:/1/3/00", t.plus(GATHER_SECS + 2)),
            Gathered::Partial { have: 1, total: 3 }
        );
        // Another part at the same place: another card, afresh.
        let later = t.plus(GATHER_SECS + 3);
        assert_eq!(
            g.offer("shc:/2/3/11", later),
            Gathered::Partial { have: 2, total: 3 }
        );
        assert_eq!(
            g.offer("shc:/2/3/99", later),
            Gathered::Partial { have: 1, total: 3 }
        );
        // Any other code forgets the parts.
        assert_eq!(g.offer("HC1:X", later), Gathered::Ready("HC1:X".into()));
        assert_eq!(g.pending(later), None);
    }
}
