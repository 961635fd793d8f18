//! Vietnamese text: NFC on input, diacritic-free search keys, name order.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Every text that enters the system is stored in NFC, so that equal-looking
/// strings are equal bytes (keyboards on phones often send NFD).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Trims, collapses inner white space and normalises to NFC.
pub fn clean(s: &str) -> String {
    nfc(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Search key: lower case, no diacritics, đ folded to d ("Điền" → "dien").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            // U+0110/U+0111 lookalikes used by some legacy fonts
            'Ð' | 'ð' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a Vietnamese full name into (family and middle names, given name):
/// "Trần Thanh Điền" → ("Trần Thanh", "Điền").
pub fn split_name(full_name: &str) -> (String, String) {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    match words.split_last() {
        Some((given, rest)) => (rest.join(" "), (*given).to_string()),
        None => (String::new(), String::new()),
    }
}

/// Sort key for a person's name in Vietnamese order: given name first, then
/// family and middle names, letters in the Vietnamese alphabet
/// (a ă â b c d đ e ê … o ô ơ … u ư …), tones as a tie-break.
pub fn name_sort_key(full_name: &str) -> String {
    let (family, given) = split_name(&nfc(full_name));
    let mut key = collation_key(&given);
    key.push('\u{1}');
    key.push_str(&collation_key(&family));
    key
}

/// Vietnamese collation as a plain string that sorts bytewise (usable in SQL
/// `ORDER BY` on any backend): base letters first, tone marks after.
pub fn collation_key(s: &str) -> String {
    let mut primary = String::new();
    let mut tones = String::new();
    for word in s.split_whitespace() {
        if !primary.is_empty() {
            primary.push(' ');
        }
        let mut chars = word.nfd().peekable();
        while let Some(c) = chars.next() {
            let lower = c.to_lowercase().next().unwrap_or(c);
            // Shape marks change the letter (ă â ê ô ơ ư), tone marks do not.
            let mut shape = None;
            let mut tone = '0';
            while let Some(&m) = chars.peek() {
                if !is_combining_mark(m) {
                    break;
                }
                match m {
                    '\u{0306}' => shape = Some('ă'),
                    '\u{0302}' => shape = Some('^'),
                    '\u{031B}' => shape = Some('+'),
                    '\u{0300}' => tone = '1', // huyền
                    '\u{0309}' => tone = '2', // hỏi
                    '\u{0303}' => tone = '3', // ngã
                    '\u{0301}' => tone = '4', // sắc
                    '\u{0323}' => tone = '5', // nặng
                    _ => {}
                }
                chars.next();
            }
            primary.push(letter_rank(lower, shape));
            tones.push(tone);
        }
    }
    primary.push('\u{2}');
    primary.push_str(&tones);
    primary
}

/// Maps a letter (with its shape mark) to a character whose order follows the
/// Vietnamese alphabet.
fn letter_rank(base: char, shape: Option<char>) -> char {
    const ALPHABET: &[&str] = &[
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
        "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ];
    let letter: String = match (base, shape) {
        ('a', Some('ă')) => "ă".into(),
        ('a', Some('^')) => "â".into(),
        ('e', Some('^')) => "ê".into(),
        ('o', Some('^')) => "ô".into(),
        ('o', Some('+')) => "ơ".into(),
        ('u', Some('+')) => "ư".into(),
        ('đ' | 'ð', _) => "đ".into(),
        (c, _) => c.to_string(),
    };
    match ALPHABET.iter().position(|l| *l == letter) {
        // Letters start at 'A' so that they sort after digits and the separators.
        Some(i) => char::from(b'A' + i as u8),
        None if base.is_ascii_digit() => base,
        None => '~',
    }
}

/// Percent-escapes a value for a URL query ('/' kept, for paths passed as
/// `?next=/don-vi/X`); everything outside unreserved ASCII is escaped.
pub fn url_escape(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A text cell of a CSV file, safe to open in a spreadsheet: text that
/// Excel or LibreOffice would take for a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading apostrophe, which
/// they show as text (OWASP's advice on CSV injection). Names, titles and
/// imported text come from people, so no CSV cell may reach a spreadsheet
/// unescaped.
pub fn csv_cell(value: &str) -> std::borrow::Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}").into(),
        _ => value.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fold_removes_diacritics_and_d_stroke() {
        assert_eq!(fold("Trần Thanh Điền"), "tran thanh dien");
        assert_eq!(fold("Hậu Giang"), "hau giang");
        assert_eq!(fold("  ĐẢNG   bộ "), "dang bo");
        // NFD input (as some phone keyboards send) folds the same.
        let nfd: String = "Điền".nfd().collect();
        assert_eq!(fold(&nfd), "dien");
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_made_text() {
        for lead in ['=', '+', '-', '@', '\t', '\r'] {
            let value = format!("{lead}HYPERLINK(\"http://x/\")");
            assert_eq!(csv_cell(&value), format!("'{value}"), "{lead:?}");
        }
        for plain in [
            "",
            "Chi bộ Khoa Nội",
            "Bí thư - Giám đốc",
            "'=1",
            " =1",
            "12",
        ] {
            assert_eq!(csv_cell(plain), plain);
        }
    }

    #[test]
    fn url_values_are_escaped() {
        assert_eq!(url_escape("/don-vi/BVDK-01"), "/don-vi/BVDK-01");
        assert_eq!(url_escape("a b&c=d"), "a%20b%26c%3Dd");
        assert_eq!(url_escape("Điền"), "%C4%90i%E1%BB%81n");
    }

    #[test]
    fn nfc_makes_equal_strings_equal() {
        let nfd: String = "Nguyễn".nfd().collect();
        assert_ne!(nfd, "Nguyễn");
        assert_eq!(nfc(&nfd), "Nguyễn");
        assert_eq!(clean("  Lê \t Văn  Tám "), "Lê Văn Tám");
    }

    #[test]
    fn names_sort_by_given_name_then_family() {
        let mut names = vec![
            "Trần Thanh Điền",
            "Nguyễn Văn An",
            "Lê Thị Dung",
            "Phạm Văn Ân",
            "Bùi Thị Ánh",
            "Võ Văn Dũng",
            "Đặng Thị An",
        ];
        names.sort_by_key(|n| name_sort_key(n));
        assert_eq!(
            names,
            vec![
                "Đặng Thị An",
                "Nguyễn Văn An",
                "Bùi Thị Ánh",
                "Phạm Văn Ân",
                "Lê Thị Dung",
                "Võ Văn Dũng",
                "Trần Thanh Điền",
            ]
        );
    }

    #[test]
    fn vietnamese_alphabet_order() {
        let mut words = vec!["ư", "u", "ơ", "ô", "o", "đ", "d", "â", "ă", "a", "e", "ê"];
        words.sort_by_key(|w| collation_key(w));
        assert_eq!(
            words,
            vec!["a", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư"]
        );
    }

    proptest! {
        #[test]
        fn fold_is_idempotent_and_ascii_for_vietnamese(s in "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐ ]{0,40}") {
            let f = fold(&s);
            prop_assert_eq!(fold(&f), f.clone());
            prop_assert!(f.is_ascii());
        }

        #[test]
        fn sort_key_ignores_normal_form(s in "[a-zA-Zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệôồốổỗộơờớởỡợưừứửữự ]{1,30}") {
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(name_sort_key(&s), name_sort_key(&nfd));
        }
    }
}
