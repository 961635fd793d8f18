//! Certificates of merit (giấy khen) of one decision as one PDF:
//! `GET /xuat/giay-khen/{id}.pdf` — an A4 landscape page per recipient in
//! the decision's order: the Party's name, the issuing committee, "TẶNG
//! GIẤY KHEN", the comrade (with their cell) or the organisation, the
//! achievements, the place and date, "T/M …", the position and the signer,
//! and the decision's number. Fonts are embedded (subsets of DejaVu Serif,
//! which has every Vietnamese letter), so the text reads and copies right.
//!
//! Whoever may read the decision may download them. The PDF is drawn on
//! the export lane, at most [`MAX_PAGES`] pages.

use super::{Address, HttpError, download, forbidden, in_place, no_unit};
use crate::blocking::{self, Lane};
use crate::http::{AppState, Caller, Text};
use app::api::ApiError;
use app::api::commendations::DecisionView;
use app::domain::authz::Actor;
use app::domain::certificate;
use app::domain::commendation::{Awarder, Form};
use app::domain::decision::{issuing_body, on_behalf_of};
use app::store::DynStore;
use axum::extract::{Path, State};
use axum::response::Response;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use resvg::usvg::fontdb;
use std::sync::{Arc, OnceLock};

/// Recipients one PDF holds at most (a page each).
pub const MAX_PAGES: usize = 2_000;
/// A4 landscape, in points.
const W: f32 = 842.0;
const H: f32 = 595.0;
const RED: (u8, u8, u8) = (176, 20, 20);
const GOLD: (u8, u8, u8) = (184, 134, 11);

/// A face: krilla's handle for drawing, and the parsed tables for widths.
struct Face {
    font: Font,
    data: Arc<Vec<u8>>,
    index: u32,
}

impl Face {
    /// The width of `text` at `size` (advances; kerning left out).
    fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(face) = ttf_parser::Face::parse(&self.data, self.index) else {
            return 0.0;
        };
        let per_em = f32::from(face.units_per_em().max(1));
        let units: u32 = text
            .chars()
            .filter_map(|c| face.glyph_index(c))
            .filter_map(|g| face.glyph_hor_advance(g))
            .map(u32::from)
            .sum();
        units as f32 * size / per_em
    }
}

struct Faces {
    regular: Face,
    bold: Face,
    italic: Face,
}

/// DejaVu Serif from the system's fonts, read once per process.
fn faces() -> Result<&'static Faces, HttpError> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            let load = |weight: fontdb::Weight, style: fontdb::Style| -> Option<Face> {
                let id = db.query(&fontdb::Query {
                    families: &[fontdb::Family::Name("DejaVu Serif")],
                    weight,
                    style,
                    ..fontdb::Query::default()
                })?;
                let (data, index) = db.with_face_data(id, |d, i| (d.to_vec(), i))?;
                let data = Arc::new(data);
                let font = Font::new(data.clone().into(), index)?;
                Some(Face { font, data, index })
            };
            Some(Faces {
                regular: load(fontdb::Weight::NORMAL, fontdb::Style::Normal)?,
                bold: load(fontdb::Weight::BOLD, fontdb::Style::Normal)?,
                italic: load(fontdb::Weight::NORMAL, fontdb::Style::Italic)
                    .or_else(|| load(fontdb::Weight::NORMAL, fontdb::Style::Normal))?,
            })
        })
        .as_ref()
        .ok_or_else(|| {
            HttpError::Internal("DejaVu Serif is not installed (fonts-dejavu-core)".into())
        })
}

pub async fn certificates(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Address(Path(file)): Address<Path<String>>,
) -> Result<Response, HttpError> {
    certificates_file(&state.store, &actor, &file, &blocking::EXPORTS).await
}

pub(super) async fn certificates_file(
    store: &DynStore,
    actor: &Actor,
    file: &str,
    lane: &Lane,
) -> Result<Response, HttpError> {
    let id = file
        .strip_suffix(".pdf")
        .and_then(|id| id.parse::<i64>().ok())
        .ok_or(no_unit())?;
    // The decision as its page shows it: read only by those who may.
    let view = app::api::commendations::server::decision(store, actor, id)
        .await
        .map_err(|e| match e {
            ApiError::Unauthorized => HttpError::Unauthorized,
            ApiError::Forbidden => forbidden(),
            ApiError::NotFound => no_unit(),
            e => HttpError::Internal(e.to_string()),
        })?;
    if view.decision.form != Form::Certificate {
        return Err(HttpError::invalid(|s| s.export_err_no_certificates));
    }
    if view.recipients.len() > MAX_PAGES {
        return Err(HttpError::Invalid(
            Text::of(|s| s.export_err_too_many_certificates).with("max", MAX_PAGES),
        ));
    }
    let place = lane.place().await?;
    // An ASCII name: "2-QĐ/ĐUK" → giay-khen-2-qd-duk.pdf.
    let name = format!(
        "giay-khen-{}.pdf",
        app::domain::text::fold(&view.decision.number).replace(['/', ' '], "-")
    );
    let bytes = in_place(place, move || certificates_pdf(&view)).await?;
    Ok(download(bytes, "application/pdf", &name))
}

fn fill(color: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// Words of `text` in lines no wider than `max` (a word wider than a line
/// has a line of its own).
fn wrap(face: &Face, text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && face.width(&candidate, size) > max {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

fn centred(s: &mut Surface, face: &Face, size: f32, x: f32, y: f32, text: &str) {
    let left = x - face.width(text, size) / 2.0;
    s.draw_text(
        Point::from_xy(left, y),
        face.font.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

/// The PDF of every certificate of `view`'s decision.
pub fn certificates_pdf(view: &DecisionView) -> Result<Vec<u8>, HttpError> {
    let f = faces()?;
    let d = &view.decision;
    let issuer = match &d.issuer {
        Some(u) => Awarder::Unit(u.kind),
        None => Awarder::Province,
    };
    let issuer_name = d
        .issuer
        .as_ref()
        .map_or(certificate::PROVINCE, |u| u.name.as_str());
    let body = issuing_body(issuer, issuer_name);
    let total = view.recipients.len();
    let mut doc = Document::new();
    for (i, r) in view.recipients.iter().enumerate() {
        let c = certificate::certificate(d, r, i, total);
        let settings =
            PageSettings::from_wh(W, H).ok_or_else(|| HttpError::Internal("page size".into()))?;
        let mut page = doc.start_page_with(settings);
        let mut s = page.surface();
        // A double frame.
        for (inset, width, color) in [(18.0, 3.0, RED), (26.0, 1.0, GOLD)] {
            let mut pb = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(inset, inset, W - 2.0 * inset, H - 2.0 * inset) {
                pb.push_rect(rect);
            }
            if let Some(path) = pb.finish() {
                s.set_fill(None);
                s.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(color.0, color.1, color.2).into(),
                    width,
                    ..Stroke::default()
                }));
                s.draw_path(&path);
            }
        }
        s.set_stroke(None);
        s.set_fill(Some(fill((0, 0, 0))));
        centred(&mut s, &f.bold, 13.0, W / 2.0, 62.0, certificate::PARTY);
        centred(&mut s, &f.bold, 13.0, W / 2.0, 82.0, &body);
        s.set_fill(Some(fill(RED)));
        centred(&mut s, &f.bold, 18.0, W / 2.0, 122.0, certificate::GIVES);
        centred(&mut s, &f.bold, 40.0, W / 2.0, 170.0, certificate::TITLE);
        s.set_fill(Some(fill((0, 0, 0))));
        centred(&mut s, &f.bold, 22.0, W / 2.0, 218.0, &c.who);
        let mut y = 244.0;
        if !c.place.is_empty() {
            centred(&mut s, &f.italic, 13.0, W / 2.0, y, &c.place);
            y += 26.0;
        }
        for line in wrap(&f.italic, &c.achievements, 14.0, W - 200.0)
            .into_iter()
            .take(6)
        {
            centred(&mut s, &f.italic, 14.0, W / 2.0, y, &line);
            y += 20.0;
        }
        // Left: the decision; right: the place, the date and the signature.
        let left = 90.0;
        s.draw_text(
            Point::from_xy(left, 470.0),
            f.regular.font.clone(),
            11.0,
            &c.decision,
            false,
            TextDirection::Auto,
        );
        s.draw_text(
            Point::from_xy(left, 486.0),
            f.regular.font.clone(),
            11.0,
            &c.entry,
            false,
            TextDirection::Auto,
        );
        let right = W - 230.0;
        centred(&mut s, &f.italic, 12.0, right, 392.0, &c.date_line);
        centred(&mut s, &f.bold, 12.0, right, 414.0, on_behalf_of(issuer));
        centred(
            &mut s,
            &f.bold,
            12.0,
            right,
            430.0,
            d.signer_position.printed(),
        );
        centred(&mut s, &f.bold, 14.0, right, 508.0, &d.signer_name);
        s.finish();
        page.finish();
    }
    doc.finish()
        .map_err(|e| HttpError::Internal(format!("PDF: {e:?}")))
}
