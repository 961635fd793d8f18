//! A proposal dossier's attachments: PDF, DOCX and images, their type told
//! by their content (a name says nothing), their size and count bounded,
//! their names made safe to show and to send back.

use serde::{Deserialize, Serialize};

/// Bytes one file may have.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Files one proposal may hold.
pub const MAX_FILES: i64 = 20;
/// Characters of a name kept.
const MAX_NAME: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Pdf,
    Docx,
    Png,
    Jpeg,
}

impl Kind {
    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Docx => "docx",
            Kind::Png => "png",
            Kind::Jpeg => "jpg",
        }
    }

    pub fn from_content_type(s: &str) -> Option<Kind> {
        [Kind::Pdf, Kind::Docx, Kind::Png, Kind::Jpeg]
            .into_iter()
            .find(|k| k.content_type() == s)
    }
}

/// What the bytes are, if one of the kinds taken: a PDF's header, a PNG's
/// or a JPEG's signature, a ZIP that holds a Word document's main part.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some(Kind::Jpeg)
    } else if bytes.starts_with(b"PK\x03\x04") && contains(bytes, b"word/document.xml") {
        Some(Kind::Docx)
    } else {
        None
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A name to show and to send: the last part of a path, without control
/// characters or quotes, at most 120 characters, ending in the kind's own
/// extension (a PNG named "report.pdf" becomes "report.pdf.png").
pub fn clean_name(name: &str, kind: Kind) -> String {
    let base = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | ';' | '<' | '>'))
        .collect::<String>();
    let base = base.trim().trim_start_matches('.');
    let ext = kind.extension();
    let lower = base.to_lowercase();
    let has_ext =
        lower.ends_with(&format!(".{ext}")) || (kind == Kind::Jpeg && lower.ends_with(".jpeg"));
    let stem: String = base.chars().take(MAX_NAME).collect();
    match (
        stem.is_empty(),
        has_ext && stem.chars().count() == base.chars().count(),
    ) {
        (true, _) => format!("tep.{ext}"),
        (false, true) => stem,
        (false, false) => format!("{stem}.{ext}"),
    }
}

/// A file of a proposal as its page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRow {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_tells_the_kind() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(Kind::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some(Kind::Png));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF"), Some(Kind::Jpeg));
        assert_eq!(
            sniff(b"PK\x03\x04....word/document.xml...."),
            Some(Kind::Docx)
        );
        // A ZIP that is not a Word document, an executable, a script, nothing.
        assert_eq!(sniff(b"PK\x03\x04....xl/workbook.xml"), None);
        assert_eq!(sniff(b"MZ\x90\0"), None);
        assert_eq!(sniff(b"<script>alert(1)</script>"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn names_are_made_safe_and_honest() {
        assert_eq!(clean_name("Tờ trình.pdf", Kind::Pdf), "Tờ trình.pdf");
        assert_eq!(
            clean_name("C:\\Users\\a\\Biên bản.docx", Kind::Docx),
            "Biên bản.docx"
        );
        assert_eq!(clean_name("../../etc/passwd", Kind::Pdf), "passwd.pdf");
        assert_eq!(clean_name("report.pdf", Kind::Png), "report.pdf.png");
        assert_eq!(clean_name("ảnh.JPEG", Kind::Jpeg), "ảnh.JPEG");
        assert_eq!(clean_name("a\"b;\n<c>.pdf", Kind::Pdf), "abc.pdf");
        assert_eq!(clean_name("", Kind::Png), "tep.png");
        assert_eq!(clean_name(".hidden", Kind::Pdf), "hidden.pdf");
        let long = format!("{}.pdf", "ệ".repeat(300));
        let cleaned = clean_name(&long, Kind::Pdf);
        assert!(cleaned.ends_with(".pdf") && cleaned.chars().count() == 124);
        assert_eq!(Kind::from_content_type("image/png"), Some(Kind::Png));
        assert_eq!(Kind::from_content_type("text/html"), None);
    }
}
