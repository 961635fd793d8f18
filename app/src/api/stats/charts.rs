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

/// Where a target's bar ends: at most half again past the target line.
const PAST_TARGET: f64 = 1.5;

/// One bar per target with an actual: how far the actual has come toward
/// its target (the target line at 100 %; dark when met), labelled with the
/// actual's share of the target as `shown` writes it. A target with no
/// actual yet gets an empty row (its label still says so in the table).
pub fn target_bars(
    rows: &[(&str, Option<f64>, bool)],
    shown: impl Fn(f64) -> String,
) -> Option<String> {
    if rows.iter().all(|(_, share, _)| share.is_none()) {
        return None;
    }
    let rows = &rows[..rows.len().min(MAX_BARS * 2)];
    let height = (TOP + ROW * rows.len() as i32 + 8) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let span = (WIDTH as i32 - LABEL - RIGHT) as f64;
        let x = |share: f64| LABEL + (share.clamp(0.0, PAST_TARGET) / PAST_TARGET * span) as i32;
        let small = ("sans-serif", 15).into_font().color(&INK);
        let bottom = TOP + ROW * rows.len() as i32;
        for share in [0.0, 0.5, 1.0, 1.5] {
            let at = x(share);
            let line = if share == 1.0 {
                INK.stroke_width(2)
            } else {
                GRID.stroke_width(1)
            };
            root.draw(&PathElement::new(vec![(at, TOP - 4), (at, bottom)], line))
                .ok()?;
            root.draw(&Text::new(
                format!("{:.0} %", share * 100.0),
                (at, 2),
                small.pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .ok()?;
        }
        let label = ("sans-serif", 16).into_font().color(&INK);
        for (i, (name, share, reached)) in rows.iter().enumerate() {
            let top = TOP + ROW * i as i32;
            root.draw(&Text::new(
                fit(name),
                (LABEL - 8, top + ROW / 2),
                label.pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .ok()?;
            let Some(share) = share else {
                continue;
            };
            let colour = if *reached { DARK } else { LIGHT };
            root.draw(&Rectangle::new(
                [(x(0.0), top + 4), (x(*share), top + ROW - 4)],
                colour.filled(),
            ))
            .ok()?;
            root.draw(&Text::new(
                shown(*share * 100.0),
                (x(*share) + 6, top + ROW / 2),
                small.pos(Pos::new(HPos::Left, VPos::Center)),
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
    fn target_bars_stop_past_the_target_line_and_skip_what_has_no_actual() {
        let shown = |p: f64| format!("{p:.1} %");
        assert!(target_bars(&[("a", None, false)], shown).is_none());
        let svg = target_bars(
            &[
                ("Kết nạp <mới>", Some(1.389), true),
                ("Khác", None, false),
                ("x", Some(9.0), true),
            ],
            shown,
        )
        .expect("a chart");
        assert!(svg.contains("Kết nạp &lt;mới&gt;"), "{svg}");
        assert!(svg.contains("138.9 %") && svg.contains("900.0 %"), "{svg}");
        // The target line is drawn, and no bar runs past the last grid line.
        assert!(svg.contains("100 %"), "{svg}");
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
