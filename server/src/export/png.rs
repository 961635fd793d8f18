//! The chart's SVG rasterized on the server (resvg: pure Rust, the system's
//! fonts). `scale` multiplies the SVG's size; a side over [`MAX_SIDE`]
//! pixels is refused (the SVG stays available for any size).

use super::HttpError;
use crate::http::Text;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Pixels per side at most.
pub const MAX_SIDE: u32 = 16_384;
/// Pixels at most (4 bytes each in memory while drawing: 256 MB).
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;
pub const MAX_SCALE: f32 = 8.0;

/// The fonts, loaded once per process (a scan of the system's font folders).
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            // The generic family falls back to a font with Vietnamese glyphs
            // that Debian ships (fonts-dejavu-core), when there.
            for family in ["Noto Sans", "DejaVu Sans", "Liberation Sans"] {
                let present = db
                    .faces()
                    .any(|f| f.families.iter().any(|(n, _)| n == family));
                if present {
                    db.set_sans_serif_family(family);
                    break;
                }
            }
            Arc::new(db)
        })
        .clone()
}

/// `?scale=`: 1 when absent, else a number in (0, 8].
pub fn parse_scale(value: Option<&str>) -> Result<f32, HttpError> {
    let invalid = || HttpError::Invalid(Text::of(|s| s.export_err_scale).with("max", MAX_SCALE));
    match value.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(1.0),
        Some(s) => {
            let v: f32 = s.replace(',', ".").parse().map_err(|_| invalid())?;
            if v.is_finite() && (0.1..=MAX_SCALE).contains(&v) {
                Ok(v)
            } else {
                Err(invalid())
            }
        }
    }
}

/// The PNG of `svg` at `scale`: CPU work holding up to 256 MB of pixels,
/// run on the blocking pool's export lane (`blocking::EXPORTS`), whose
/// place it keeps until it has finished.
pub fn rasterize(svg: &str, scale: f32) -> Result<Vec<u8>, HttpError> {
    let options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| HttpError::Internal(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(HttpError::Invalid(
            Text::of(|s| s.export_err_image_too_large)
                .with("w", w)
                .with("h", h)
                .with("side", MAX_SIDE)
                .with("pixels", MAX_PIXELS),
        ));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w.max(1), h.max(1))
        .ok_or_else(|| HttpError::Internal("pixmap".into()))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| HttpError::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_text_is_drawn_with_a_system_font() {
        let svg = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30" font-family="{}"><rect width="120" height="30" fill="#ffffff"/><text x="4" y="22" font-size="18" fill="#000000">Điền ộ ữ</text></svg>"##,
            super::super::svg::escape(super::super::svg::FONTS)
        );
        let png = rasterize(&svg, 1.0).unwrap();
        let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
        let dark = pixmap.pixels().iter().filter(|p| p.red() < 128).count();
        assert!(
            dark > 50,
            "text was drawn ({dark} dark pixels): is a font such as DejaVu Sans installed?"
        );
    }

    #[test]
    fn scales_are_checked() {
        assert_eq!(parse_scale(None).unwrap(), 1.0);
        assert_eq!(parse_scale(Some("2")).unwrap(), 2.0);
        assert_eq!(parse_scale(Some("1,5")).unwrap(), 1.5);
        for bad in ["0", "-1", "9", "NaN", "inf", "x"] {
            assert!(parse_scale(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_small_svg_becomes_a_png_and_a_huge_one_is_refused() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"><text y="10">Điền</text></svg>"#;
        let png = rasterize(svg, 2.0).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 20);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 40);
        let wide = r#"<svg xmlns="http://www.w3.org/2000/svg" width="5000" height="10"></svg>"#;
        assert!(matches!(rasterize(wide, 4.0), Err(HttpError::Invalid(_))));
        let large = r#"<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="3000"></svg>"#;
        assert!(matches!(rasterize(large, 4.0), Err(HttpError::Invalid(_))));
    }
}
