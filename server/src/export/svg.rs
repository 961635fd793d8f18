//! The chart as a standalone SVG document (vector: sharp at any zoom).

use super::layout::{self, BAND, Layout, NAME_LINE, NAME_SIZE, PADDING, SMALL_LINE, SMALL_SIZE};
use app::domain::UnitKind;
use std::fmt::Write;

/// The page's fonts first, then the ones a server or viewer usually has
/// with Vietnamese glyphs.
pub const FONTS: &str = "'Be Vietnam Pro', 'Noto Sans', 'Segoe UI', Roboto, 'Helvetica Neue', \
                         Arial, 'DejaVu Sans', 'Liberation Sans', sans-serif";

/// The kind colours of `app/style/main.css` (`.kind-*`).
pub fn kind_colour(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Bloc => "#b71c1c",
        UnitKind::GrassrootsCommittee => "#1565c0",
        UnitKind::GrassrootsCell => "#2e7d32",
        UnitKind::SubCommittee => "#6a1b9a",
        UnitKind::Cell => "#ef6c00",
        UnitKind::Group => "#5d4037",
    }
}

/// What the boxes say besides the names.
pub struct Texts<'a> {
    pub title: &'a str,
    pub kind: &'a dyn Fn(UnitKind) -> &'a str,
    /// "{full} chính thức · {probationary} dự bị", filled in.
    pub figures: &'a dyn Fn(i64, i64) -> String,
}

/// Escapes text and attribute values for XML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn render(l: &Layout<'_>, texts: &Texts<'_>) -> String {
    let mut s = String::with_capacity(600 + l.boxes.len() * 900);
    let (w, h) = (l.width, l.height);
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"{}\" font-size=\"{SMALL_SIZE}\">\n<title>{}</title>\n\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#f3f5f7\"/>\n",
        escape(FONTS),
        escape(texts.title),
    );
    s.push_str(
        "<g stroke=\"#c5ccd3\" stroke-width=\"2\" fill=\"none\" stroke-linecap=\"square\">\n",
    );
    for line in &l.lines {
        let _ = writeln!(
            s,
            "<path d=\"M{} {}L{} {}\"/>",
            line.x1, line.y1, line.x2, line.y2
        );
    }
    s.push_str("</g>\n");
    for b in &l.boxes {
        let colour = kind_colour(b.node.kind);
        let (x, y, bw, bh) = (b.x, b.y, b.width, b.height);
        let _ = write!(
            s,
            "<g id=\"n-{code}\">\
             <rect x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{bh}\" rx=\"8\" fill=\"{colour}\"/>\
             <rect x=\"{ix}\" y=\"{iy}\" width=\"{iw}\" height=\"{ih}\" rx=\"6\" fill=\"#ffffff\"/>\
             <rect x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{bh}\" rx=\"8\" fill=\"none\" stroke=\"#d9dee3\"/>",
            code = escape(&b.node.code),
            ix = x + BAND,
            iy = y + 1.0,
            iw = bw - BAND - 1.0,
            ih = bh - 2.0,
        );
        let tx = x + BAND + PADDING;
        let mut ty = y + PADDING;
        for line in &b.name_lines {
            ty += NAME_LINE;
            let _ = write!(
                s,
                "<text x=\"{tx}\" y=\"{}\" font-size=\"{NAME_SIZE}\" font-weight=\"bold\" fill=\"#1f2328\">{}</text>",
                ty - 4.0,
                escape(line)
            );
        }
        ty += SMALL_LINE;
        let _ = write!(
            s,
            "<text x=\"{tx}\" y=\"{}\" font-weight=\"bold\" fill=\"{colour}\">{}</text>",
            ty - 4.0,
            escape((texts.kind)(b.node.kind))
        );
        // A closed unit with units below: how many, on the kind's line
        // (short), clear of the name.
        if b.node.children.is_none() && b.node.child_count > 0 {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#59636e\">▸ {}</text>",
                x + bw - PADDING,
                ty - 4.0,
                b.node.child_count
            );
        }
        ty += SMALL_LINE;
        let figures = (texts.figures)(b.node.full_members, b.node.probationary_members);
        let _ = write!(
            s,
            "<text x=\"{tx}\" y=\"{}\" fill=\"#59636e\">{}</text>",
            ty - 4.0,
            escape(&figures)
        );
        if let Some(sec) = &b.secretary_line {
            ty += SMALL_LINE;
            let _ = write!(
                s,
                "<text x=\"{tx}\" y=\"{}\" fill=\"#59636e\">{}</text>",
                ty - 4.0,
                escape(sec)
            );
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

/// The chart of `roots` as SVG.
pub fn chart_svg(roots: &[layout::ChartNode], secretary: &str, texts: &Texts<'_>) -> String {
    let l = layout::layout(roots, &layout::Labels { secretary });
    render(&l, texts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use layout::ChartNode;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("A & B <c> \"d\" 'e'"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
        assert_eq!(escape("x\u{1}y"), "x y");
        assert_eq!(escape("Chi bộ Điền"), "Chi bộ Điền");
    }

    #[test]
    fn a_chart_is_well_formed_with_hostile_names() {
        let roots = vec![ChartNode {
            code: "X&1".into(),
            name: "Chi bộ <script>alert(1)</script> & \"Công ty\"".into(),
            kind: UnitKind::Cell,
            full_members: 3,
            probationary_members: 0,
            secretary: Some("Lê <b>".into()),
            child_count: 2,
            children: None,
        }];
        let kind = |_| "Chi bộ trực thuộc";
        let figures = |f: i64, p: i64| format!("{f} chính thức · {p} dự bị");
        let svg = chart_svg(
            &roots,
            "Bí thư",
            &Texts {
                title: "Sơ đồ <tổ chức>",
                kind: &kind,
                figures: &figures,
            },
        );
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("id=\"n-X&amp;1\""));
        assert!(svg.contains("3 chính thức · 0 dự bị"));
        assert!(svg.contains("Sơ đồ &lt;tổ chức&gt;"));
        // Every element that opens closes.
        assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count());
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    }
}
