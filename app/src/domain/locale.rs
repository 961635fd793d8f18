//! The two languages of the UI: Vietnamese first, English second.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Vi,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Vi, Locale::En];
    /// Name of the cookie that remembers the choice per browser.
    pub const COOKIE: &'static str = "dangbo_lang";

    pub fn code(self) -> &'static str {
        match self {
            Locale::Vi => "vi",
            Locale::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Locale::Vi),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks a locale from a `Cookie` header value, if the choice was made before.
    pub fn from_cookie_header(header: &str) -> Option<Self> {
        header.split(';').find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == Self::COOKIE).then(|| Self::parse(value)).flatten()
        })
    }

    /// Picks the best supported locale from an `Accept-Language` header,
    /// honouring q-values; Vietnamese when nothing matches.
    pub fn from_accept_language(header: &str) -> Self {
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Some(locale) = Self::parse(primary)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, locale));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_wins_over_nothing() {
        assert_eq!(
            Locale::from_cookie_header("a=b; dangbo_lang=en; c=d"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_cookie_header("dangbo_lang=fr"), None);
        assert_eq!(Locale::from_cookie_header(""), None);
    }

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(Locale::from_accept_language("en-US,en;q=0.9"), Locale::En);
        assert_eq!(
            Locale::from_accept_language("en;q=0.5, vi-VN;q=0.8"),
            Locale::Vi
        );
        assert_eq!(Locale::from_accept_language("fr-FR, de"), Locale::Vi);
        assert_eq!(Locale::from_accept_language(""), Locale::Vi);
    }
}
