//! The local part of invented e-mail addresses, from a member's name.

use app::domain::text::fold;
use std::collections::HashMap;

/// Name words without diacritics, cached: folding is slow in debug builds,
/// and a few hundred words recur millions of times at national scale.
#[derive(Default)]
pub struct Mailboxes {
    folded: HashMap<String, String>,
}

impl Mailboxes {
    /// "Trần Thanh Điền" → "dientt": the given name, then the initials of
    /// the other words, all without diacritics. Empty for an empty name.
    pub fn local_part(&mut self, full_name: &str) -> String {
        let mut words: Vec<&str> = Vec::with_capacity(4);
        for word in full_name.split_whitespace() {
            if !self.folded.contains_key(word) {
                self.folded.insert(word.to_string(), fold(word));
            }
            words.push(word);
        }
        let Some((given, rest)) = words.split_last() else {
            return String::new();
        };
        let mut out = self.folded[*given].clone();
        out.extend(rest.iter().filter_map(|w| self.folded[*w].chars().next()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_name_then_initials() {
        let mut boxes = Mailboxes::default();
        assert_eq!(boxes.local_part("Trần Thanh Điền"), "dientt");
        assert_eq!(boxes.local_part("Điền"), "dien");
        assert_eq!(boxes.local_part("  "), "");
    }
}
