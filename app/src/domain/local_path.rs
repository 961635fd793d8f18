//! The one rule for where a redirect may send a browser: a path on this site.
//!
//! Every `back=`, `next=` and similar value goes through [`local_path`]
//! before it reaches a `Location` header. Browsers are lenient in ways that
//! turn innocent-looking paths into other sites: they drop tabs and newlines
//! anywhere in a URL (`/\t/evil.example` becomes `//evil.example`), read `\`
//! as `/`, and take `//host` as a host. A value is a local path only when it
//! starts with exactly one `/`, holds no backslash and no control character;
//! spaces and non-ASCII text are percent-encoded so that the header is plain
//! ASCII and means the same to every client.

/// Longest path accepted (longer ones are nobody's real page).
pub const MAX_LEN: usize = 2048;

/// `value` as a same-site path fit for a `Location` header, or `None`.
pub fn local_path(value: &str) -> Option<String> {
    let rest = value.strip_prefix('/')?;
    if rest.starts_with('/') || value.len() > MAX_LEN {
        return None;
    }
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => return None,
            c if c.is_control() => return None,
            // Unicode's other invisible line and paragraph breaks.
            '\u{2028}' | '\u{2029}' => return None,
            '!'..='~' => out.push(c),
            _ => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    Some(out)
}

/// [`local_path`], or `fallback` when `value` is absent or not local.
pub fn local_or(value: Option<&str>, fallback: &str) -> String {
    value
        .and_then(local_path)
        .unwrap_or_else(|| fallback.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn site_paths_pass_unchanged() {
        for p in [
            "/",
            "/don-vi/BVDK?mo=A,B&ngay=2021-01-01",
            "/cam-ket?nam=2021#x",
        ] {
            assert_eq!(local_path(p).as_deref(), Some(p));
        }
    }

    #[test]
    fn other_sites_and_tricks_are_refused() {
        for p in [
            "",
            "evil.example",
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "\t//evil.example",
            "/a\\b",
            "/\u{1}",
            "/\u{7f}",
            "/\u{85}/x",
            "/\u{2028}/evil.example",
            "javascript:alert(1)",
            " /x",
        ] {
            assert_eq!(local_path(p), None, "{p:?}");
        }
        assert_eq!(local_path(&format!("/{}", "a".repeat(MAX_LEN))), None);
    }

    #[test]
    fn spaces_and_vietnamese_are_percent_encoded() {
        assert_eq!(
            local_path("/so-do?q=Điền Lê").as_deref(),
            Some("/so-do?q=%C4%90i%E1%BB%81n%20L%C3%AA")
        );
    }

    #[test]
    fn fallback_when_absent_or_foreign() {
        assert_eq!(local_or(None, "/thong-bao"), "/thong-bao");
        assert_eq!(local_or(Some("//x"), "/"), "/");
        assert_eq!(local_or(Some("/cam-ket"), "/"), "/cam-ket");
    }

    /// What a browser would make of `location` on a page of our site.
    fn resolved_host(location: &str) -> Option<String> {
        let base = url::Url::parse("https://dangbo.example/trang/").unwrap();
        base.join(location)
            .ok()
            .map(|u| format!("{}://{}", u.scheme(), u.host_str().unwrap_or("")))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        /// Whatever comes in, what goes out is printable ASCII that every
        /// URL parser resolves to this very site (and HTTP accepts as a header).
        #[test]
        fn anything_accepted_stays_on_the_site(s in any::<String>()) {
            if let Some(p) = local_path(&s) {
                prop_assert!(p.starts_with('/'));
                prop_assert!(p.bytes().all(|b| (b'!'..=b'~').contains(&b)), "{p:?}");
                prop_assert_eq!(resolved_host(&p), Some("https://dangbo.example".to_string()));
            }
        }

        /// The same for strings built of the characters that tricks are made of.
        #[test]
        fn tricky_strings_stay_on_the_site(
            s in proptest::collection::vec(
                prop::sample::select(vec!["/", "\\", "\t", "\n", "\r", " ", ":", "@", ".", "evil", "%2F", "%09", "?", "#", "\u{0}", "\u{a0}", "\u{2028}", "https"]),
                0..8,
            ).prop_map(|parts| parts.concat())
        ) {
            if let Some(p) = local_path(&s) {
                prop_assert_eq!(resolved_host(&p), Some("https://dangbo.example".to_string()), "{:?} -> {:?}", s, p);
            }
        }
    }
}
