//! The dashboard's charts, drawn on the server with plotters' SVG backend
//! and sent as part of the answer: they show before (and without) the WASM
//! and in print, and the browser bundle carries no charting code. Each is
//! a few dozen shapes, microseconds of work: no need for the blocking pool.
//! Every figure in them is also in a table beside them (for screen readers
//! and for copying).

use crate::domain::stats::YearFigures;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const WIDTH: u32 = 720;
const ROW: i32 = 26;
const LABEL: i32 = 300;
const RIGHT: i32 = 56;
const TOP: i32 = 22;
/// The Party's red, and a lighter tint of it (the site's palette).
const DARK: RGBColor = RGBColor(0xb0, 0x1c, 0x22);
const LIGHT: RGBColor = RGBColor(0xf0, 0xb8, 0xb5);
const GRID: RGBColor = RGBColor(0xd8, 0xd8, 0xd8);
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Units a chart shows at most (the table lists them all).
pub const MAX_BARS: usize = 15;

/// A name cut to what fits the label column.
fn fit(name: &str) -> String {
    const MAX: usize = 42;
    if name.chars().count() <= MAX {
        name.to_string()
    } else {
        let cut: String = name.chars().take(MAX - 1).collect();
        format!("{cut}…")
    }
}

fn thousandths(n: i64) -> f64 {
    n as f64 / 10.0
}

/// Horizontal bars of the units given (at most [`MAX_BARS`]): the share of
/// members who filed (light) and whose commitment is approved (dark), on a
/// 0–100 % scale with its grid.
pub fn filing_bars(rows: &[(&str, &YearFigures)]) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let rows = &rows[..rows.len().min(MAX_BARS)];
    let height = (TOP + ROW * rows.len() as i32 + 8) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let span = WIDTH as i32 - LABEL - RIGHT;
        let x = |per_mille: f64| LABEL + (per_mille / 100.0 * span as f64) as i32;
        let small = ("sans-serif", 15).into_font().color(&INK);
        for pct in [0, 25, 50, 75, 100] {
            let at = x(pct as f64);
            root.draw(&PathElement::new(
                vec![(at, TOP - 4), (at, TOP + ROW * rows.len() as i32)],
                GRID.stroke_width(1),
            ))
            .ok()?;
            root.draw(&Text::new(
                format!("{pct} %"),
                (at, 2),
                small.pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .ok()?;
        }
        let label = ("sans-serif", 16).into_font().color(&INK);
        for (i, (name, f)) in rows.iter().enumerate() {
            let top = TOP + ROW * i as i32;
            let (approved, filed) = f.progress();
            let (approved, filed) = (thousandths(approved), thousandths(filed));
            root.draw(&Text::new(
                fit(name),
                (LABEL - 8, top + ROW / 2),
                label.pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .ok()?;
            root.draw(&Rectangle::new(
                [(x(0.0), top + 4), (x(filed), top + ROW - 4)],
                LIGHT.filled(),
            ))
            .ok()?;
            root.draw(&Rectangle::new(
                [(x(0.0), top + 4), (x(approved), top + ROW - 4)],
                DARK.filled(),
            ))
            .ok()?;
            root.draw(&Text::new(
                format!("{approved:.0} %"),
                (x(filed) + 6, top + ROW / 2),
                small.pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .ok()?;
        }
        root.present().ok()?;
    }
    Some(svg)
}

/// One bar per grade, its length the count, labelled with the count as
/// `shown` writes it (the reader's number format).
pub fn grade_bars(
    labels: &[&str; 4],
    counts: &[i64; 4],
    shown: impl Fn(i64) -> String,
) -> Option<String> {
    let most = *counts.iter().max()?;
    if most == 0 {
        return None;
    }
    let height = (8 + ROW * 4 + 8) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let span = WIDTH as i32 - LABEL - RIGHT;
        let label = ("sans-serif", 16).into_font().color(&INK);
        for (i, (name, n)) in labels.iter().zip(counts).enumerate() {
            let top = 8 + ROW * i as i32;
            let end = LABEL + (*n as f64 / most as f64 * span as f64) as i32;
            root.draw(&Text::new(
                fit(name),
                (LABEL - 8, top + ROW / 2),
                label.pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .ok()?;
            root.draw(&Rectangle::new(
                [(LABEL, top + 4), (end, top + ROW - 4)],
                DARK.filled(),
            ))
            .ok()?;
            root.draw(&Text::new(
                shown(*n),
                (end + 6, top + ROW / 2),
                label.pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .ok()?;
        }
        root.present().ok()?;
    }
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::commitment::CommitmentState;
    use crate::domain::stats::Figure;

    #[test]
    fn bars_carry_the_names_safely_and_the_shares() {
        let mut f = YearFigures {
            members: 40,
            ..YearFigures::default()
        };
        f.add(Figure::State(CommitmentState::Approved), 10);
        f.add(Figure::State(CommitmentState::Submitted), 10);
        let svg = filing_bars(&[("Chi bộ <Văn phòng> & Kho", &f)]).expect("a chart");
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("Chi bộ &lt;Văn phòng&gt; &amp; Kho"), "{svg}");
        assert!(!svg.contains("<Văn"), "{svg}");
        assert!(svg.contains("25 %"), "{svg}");
        assert!(filing_bars(&[]).is_none());
    }

    #[test]
    fn no_grades_no_chart() {
        let labels = ["a", "b", "c", "d"];
        let shown = |n: i64| crate::domain::numfmt::count(n, crate::domain::Locale::Vi);
        assert!(grade_bars(&labels, &[0; 4], shown).is_none());
        let svg = grade_bars(&labels, &[3, 3601, 1, 0], shown).expect("a chart");
        assert!(svg.contains("\n3.601\n"), "{svg}");
    }
}
