//! Page data as it crosses from the server to the browser.
//!
//! A resource's value is written into the page as JSON inside a JavaScript
//! string, which Leptos escapes with Rust's `{:?}`. Debug escaping looks up
//! every non-ASCII character in Unicode tables; on the bloc's unit page (94 KB
//! of Vietnamese names and notes) that took a quarter of the request's CPU.
//! The same JSON with every non-ASCII character written as a `\u` escape is
//! plain ASCII, which Debug copies through its fast path, and serde_json in
//! the browser reads it back unchanged. (Base64, Leptos' way for binary
//! codecs, was as cheap but compressed to half as much again: 15 KB against
//! 11 KB gzipped for that page's data.)

use leptos::prelude::Resource;
use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io;

/// JSON with only ASCII characters: the codec of every page resource.
pub struct AsciiJson;

/// A resource whose value travels as [`AsciiJson`].
pub type PageResource<T> = Resource<T, AsciiJson>;

/// `Resource::new`, with the value sent to the browser as [`AsciiJson`].
#[track_caller]
pub fn page_resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageResource<T>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

impl<T: Serialize> Encoder<T> for AsciiJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, serde_json::Error> {
        to_ascii_json(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for AsciiJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str(val)
    }
}

/// `serde_json::to_string`, with characters beyond ASCII as `\uXXXX` (UTF-16
/// surrogate pairs above the Basic Multilingual Plane).
pub fn to_ascii_json<T: Serialize + ?Sized>(val: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(4096);
    val.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        AsciiFormatter,
    ))?;
    // Only ASCII was written.
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::other(e)))
}

struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    /// serde_json has already escaped quotes, backslashes and control
    /// characters; what is left is whatever is not ASCII.
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut rest = fragment;
        while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            let mut units = [0u16; 2];
            for &unit in c.encode_utf16(&mut units).iter() {
                let u = usize::from(unit);
                writer.write_all(&[
                    b'\\',
                    b'u',
                    HEX[u >> 12],
                    HEX[(u >> 8) & 0xf],
                    HEX[(u >> 4) & 0xf],
                    HEX[u & 0xf],
                ])?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// How many times these actions have finished: a resource keyed on it loads
/// again after each of them. (Each action's own count is read every time,
/// so the key follows all of them, whichever finished before.)
pub fn settled(actions: &[leptos::prelude::RwSignal<usize>]) -> usize {
    use leptos::prelude::Get;
    actions.iter().map(|v| v.get()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vietnamese_names_become_escapes() {
        let json = to_ascii_json(&("Đảng bộ Khối", "a\"b\\c\n<", "🌟")).unwrap();
        assert_eq!(
            json,
            r#"["\u0110\u1ea3ng b\u1ed9 Kh\u1ed1i","a\"b\\c\n<","\ud83c\udf1f"]"#
        );
    }

    proptest! {
        #[test]
        fn reads_back_as_plain_json_would(
            texts in proptest::collection::vec(any::<String>(), 0..8),
            n in any::<i64>(),
        ) {
            let value = (texts.clone(), n, Some(texts.join("·")));
            let json = to_ascii_json(&value).unwrap();
            prop_assert!(json.is_ascii());
            let back: (Vec<String>, i64, Option<String>) = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, value.clone());
            let plain: serde_json::Value = serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap();
            let ascii: serde_json::Value = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(plain, ascii);
        }
    }
}

/// A server function a form posts to: nothing to return but its refusals.
pub trait FormFn:
    leptos::server_fn::ServerFn<Output = (), Error = crate::api::ApiError>
    + Clone
    + Send
    + Sync
    + 'static
{
}

impl<S> FormFn for S where
    S: leptos::server_fn::ServerFn<Output = (), Error = crate::api::ApiError>
        + Clone
        + Send
        + Sync
        + 'static
{
}

/// A key that moves on each time a form of the page answers in a way that
/// changed its data: a resource keyed on it reads the data again then. A
/// refusal that changed nothing does not move it, so what the user typed in
/// the refused form stays. Each form is followed on its own: an earlier
/// success of one form does not count again when another answers.
#[derive(Clone, Copy)]
pub struct Reload(leptos::prelude::RwSignal<u32>);

impl Reload {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Reload(leptos::prelude::RwSignal::new(0))
    }

    /// Reads again after each success of `action`.
    pub fn after<S: FormFn>(self, action: leptos::prelude::ServerAction<S>) -> Self {
        self.after_if(action, Result::is_ok)
    }

    /// Reads again after each answer of `action` that `changed` says changed
    /// the data (a refused submission that was still saved, say).
    pub fn after_if<S: FormFn>(
        self,
        action: leptos::prelude::ServerAction<S>,
        changed: fn(&Result<(), crate::api::ApiError>) -> bool,
    ) -> Self {
        use leptos::prelude::{Effect, Update, With};
        let key = self.0;
        Effect::new(move |_| {
            if action.value().with(|v| v.as_ref().is_some_and(changed)) {
                key.update(|n| *n += 1);
            }
        });
        self
    }

    /// The key, tracked: read it in a resource's source.
    pub fn key(&self) -> u32 {
        use leptos::prelude::Get;
        self.0.get()
    }

    /// Reads again now (a form that reloads by itself).
    pub fn now(&self) {
        use leptos::prelude::Update;
        self.0.update(|n| *n += 1);
    }
}
