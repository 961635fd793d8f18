//! Where the boxes and lines of an exported chart go: the page's layout
//! (`app/style/main.css`, `.level.row` and `.level.grid`) in fixed sizes.
//!
//! A narrow level (at most [`ROW_MAX`] units, none of them open) is a row
//! under its parent, joined by a bus line; any other level is indented under
//! its parent along a trunk line: a grid of [`GRID_COLUMNS`] columns, where an
//! open unit takes a whole row and its own level follows below it. Pure: the
//! text is wrapped by an estimate of glyph widths, so that the same tree
//! always gives the same picture.

use app::domain::UnitKind;

/// Levels up to this many units are drawn as a row (as on the page).
pub const ROW_MAX: usize = 4;
/// Columns of a wide level.
pub const GRID_COLUMNS: usize = 6;
pub const BOX_WIDTH: f64 = 280.0;
/// Space between boxes side by side, and between grid rows.
pub const GAP: f64 = 12.0;
/// Vertical space between a parent and its level.
pub const LEVEL_GAP: f64 = 28.0;
/// Indent of a grid or column under its parent.
pub const INDENT: f64 = 36.0;
/// Where the trunk leaves a box, from its left edge.
pub const TRUNK: f64 = 20.0;
pub const MARGIN: f64 = 16.0;
pub const PADDING: f64 = 10.0;
/// The coloured band on the left of a box (the page's `border-left`).
pub const BAND: f64 = 5.0;
pub const NAME_SIZE: f64 = 14.0;
pub const NAME_LINE: f64 = 18.0;
pub const SMALL_SIZE: f64 = 12.0;
pub const SMALL_LINE: f64 = 16.0;
/// Lines of a name at most; longer names end with "…".
pub const NAME_LINES: usize = 3;

/// A unit of the chart; `children` is `Some` when it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartNode {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub full_members: i64,
    pub probationary_members: i64,
    pub secretary: Option<String>,
    pub child_count: i64,
    pub children: Option<Vec<ChartNode>>,
}

/// A box on the canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed<'a> {
    pub node: &'a ChartNode,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub depth: usize,
    /// The name, wrapped.
    pub name_lines: Vec<String>,
    /// The secretary's line, shortened to fit.
    pub secretary_line: Option<String>,
}

/// A straight connector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout<'a> {
    pub width: f64,
    pub height: f64,
    pub boxes: Vec<Placed<'a>>,
    pub lines: Vec<Line>,
}

/// How the secretary's line starts ("Bí thư: ").
pub struct Labels<'a> {
    pub secretary: &'a str,
}

/// Lays out `roots` (each with its open levels) one under another.
pub fn layout<'a>(roots: &'a [ChartNode], labels: &Labels<'_>) -> Layout<'a> {
    let mut out = Layout {
        width: 0.0,
        height: 0.0,
        boxes: Vec::new(),
        lines: Vec::new(),
    };
    let mut y = MARGIN;
    let mut right: f64 = MARGIN;
    for root in roots {
        let (w, h) = place(root, MARGIN, y, 0, labels, &mut out);
        right = right.max(MARGIN + w);
        y += h + GAP;
    }
    out.width = (right + MARGIN).ceil();
    out.height = (y - GAP + MARGIN).max(2.0 * MARGIN).ceil();
    out
}

/// Places `node` with its top left at (x, y); returns the size of its subtree.
fn place<'a>(
    node: &'a ChartNode,
    x: f64,
    y: f64,
    depth: usize,
    labels: &Labels<'_>,
    out: &mut Layout<'a>,
) -> (f64, f64) {
    let name_lines = wrap(
        &node.name,
        chars_for(BOX_WIDTH, NAME_SIZE, 0.62),
        NAME_LINES,
    );
    let secretary_line = node.secretary.as_ref().map(|s| {
        let line = format!("{}: {s}", labels.secretary);
        truncate(&line, chars_for(BOX_WIDTH, SMALL_SIZE, 0.56))
    });
    let height = 2.0 * PADDING
        + NAME_LINE * name_lines.len() as f64
        + SMALL_LINE * (2 + usize::from(secretary_line.is_some())) as f64;
    out.boxes.push(Placed {
        node,
        x,
        y,
        width: BOX_WIDTH,
        height,
        depth,
        name_lines,
        secretary_line,
    });
    let mut width = BOX_WIDTH;
    let mut bottom = y + height;
    let children = match &node.children {
        Some(c) if !c.is_empty() => c,
        _ => return (width, height),
    };
    let trunk_x = x + TRUNK;
    let top = y + height + LEVEL_GAP;
    let as_row = children.len() <= ROW_MAX && children.iter().all(|c| c.children.is_none());
    if as_row {
        // A bus half-way down, a drop to each child's trunk point.
        let bus_y = y + height + LEVEL_GAP / 2.0;
        out.lines.push(Line {
            x1: trunk_x,
            y1: y + height,
            x2: trunk_x,
            y2: bus_y,
        });
        let mut cx = x;
        for child in children {
            out.lines.push(Line {
                x1: cx + TRUNK,
                y1: bus_y,
                x2: cx + TRUNK,
                y2: top,
            });
            let (w, h) = place(child, cx, top, depth + 1, labels, out);
            bottom = bottom.max(top + h);
            cx += w + GAP;
        }
        let last_x = cx - GAP - BOX_WIDTH + TRUNK;
        if last_x > trunk_x {
            out.lines.push(Line {
                x1: trunk_x,
                y1: bus_y,
                x2: last_x,
                y2: bus_y,
            });
        }
        width = width.max(cx - GAP - x);
    } else {
        // A trunk down the left, a tick to each unit that starts a row.
        let gx = x + INDENT;
        let mut cy = top;
        let mut column = 0usize;
        let mut row_height: f64 = 0.0;
        let mut last_tick = top;
        let mut ticks = Vec::new();
        for child in children {
            let open = child.children.is_some();
            if column > 0 && (open || column == GRID_COLUMNS) {
                cy += row_height + GAP;
                column = 0;
                row_height = 0.0;
            }
            let cx = gx + column as f64 * (BOX_WIDTH + GAP);
            let (w, h) = place(child, cx, cy, depth + 1, labels, out);
            if column == 0 {
                ticks.push(cy + NAME_LINE);
                last_tick = cy + NAME_LINE;
            }
            width = width.max(cx + w - x);
            row_height = row_height.max(h);
            bottom = bottom.max(cy + h);
            if open {
                // The open unit's whole subtree takes the row.
                cy += h + GAP;
                row_height = 0.0;
                column = 0;
            } else {
                column += 1;
            }
        }
        out.lines.push(Line {
            x1: trunk_x,
            y1: y + height,
            x2: trunk_x,
            y2: last_tick,
        });
        for ty in ticks {
            out.lines.push(Line {
                x1: trunk_x,
                y1: ty,
                x2: gx,
                y2: ty,
            });
        }
    }
    (width, bottom - y)
}

/// About how many characters of a `size` px font fit in a box, with an
/// average glyph width of `em` (DejaVu Sans, the widest of the usual
/// fallbacks, is about 0.6 em; bold about 0.65).
fn chars_for(box_width: f64, size: f64, em: f64) -> usize {
    ((box_width - BAND - 2.0 * PADDING) / (size * em)).floor() as usize
}

/// Breaks `text` at spaces into lines of at most `width` characters, at most
/// `max_lines` of them (the last one ends with "…" when text is left over);
/// a word longer than a line is cut.
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(4);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let len = current.chars().count();
            let wlen = word.chars().count();
            if len == 0 && wlen <= width {
                current = word;
                break;
            }
            if len > 0 && len + 1 + wlen <= width {
                current.push(' ');
                current.push_str(&word);
                break;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut current));
                continue;
            }
            // A word longer than a line.
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines > 0");
        *last = truncate(&format!("{last} …"), width);
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// `text`, cut to `width` characters with "…" when longer.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
    s = s.trim_end().to_string();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(code: &str, children: Option<Vec<ChartNode>>) -> ChartNode {
        ChartNode {
            code: code.into(),
            name: format!("Chi bộ {code} của một cơ quan có tên khá dài để phải xuống dòng"),
            kind: UnitKind::Cell,
            full_members: 10,
            probationary_members: 1,
            secretary: Some("Nguyễn Văn A".into()),
            child_count: children.as_ref().map_or(0, |c| c.len() as i64),
            children,
        }
    }

    fn leaves(prefix: &str, n: usize) -> Vec<ChartNode> {
        (0..n)
            .map(|i| node(&format!("{prefix}{i}"), None))
            .collect()
    }

    const LABELS: Labels<'static> = Labels {
        secretary: "Bí thư",
    };

    fn overlap(a: &Placed, b: &Placed) -> bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    fn check(roots: &[ChartNode]) -> Layout<'_> {
        let l = layout(roots, &LABELS);
        for (i, a) in l.boxes.iter().enumerate() {
            assert!(a.x >= 0.0 && a.y >= 0.0);
            assert!(
                a.x + a.width <= l.width && a.y + a.height <= l.height,
                "{} inside",
                a.node.code
            );
            for b in &l.boxes[i + 1..] {
                assert!(!overlap(a, b), "{} overlaps {}", a.node.code, b.node.code);
            }
        }
        // Every open unit's children lie below it.
        for parent in &l.boxes {
            for child in parent.node.children.iter().flatten() {
                let c = l.boxes.iter().find(|b| b.node.code == child.code).unwrap();
                assert!(
                    c.y >= parent.y + parent.height,
                    "{} below {}",
                    c.node.code,
                    parent.node.code
                );
                assert!(
                    c.x >= parent.x,
                    "{} right of {}",
                    c.node.code,
                    parent.node.code
                );
            }
        }
        for line in &l.lines {
            for v in [line.x1, line.x2] {
                assert!((0.0..=l.width).contains(&v));
            }
            for v in [line.y1, line.y2] {
                assert!((0.0..=l.height).contains(&v));
            }
        }
        l
    }

    #[test]
    fn a_closed_root_is_one_box() {
        let roots = vec![node("R", None)];
        let l = check(&roots);
        assert_eq!(l.boxes.len(), 1);
        assert!(l.lines.is_empty());
    }

    #[test]
    fn a_narrow_level_is_a_row_under_its_parent() {
        let roots = vec![node("R", Some(leaves("C", 3)))];
        let l = check(&roots);
        let kids: Vec<_> = l.boxes.iter().filter(|b| b.depth == 1).collect();
        assert_eq!(kids.len(), 3);
        assert!(kids.iter().all(|k| k.y == kids[0].y));
        assert!(kids[0].x < kids[1].x && kids[1].x < kids[2].x);
        // A drop, a bus and a drop per child.
        assert_eq!(l.lines.len(), 1 + 3 + 1);
    }

    #[test]
    fn a_wide_level_is_a_grid() {
        let roots = vec![node("R", Some(leaves("C", 98)))];
        let l = check(&roots);
        let kids: Vec<_> = l.boxes.iter().filter(|b| b.depth == 1).collect();
        assert_eq!(kids.len(), 98);
        let mut xs: Vec<i64> = kids.iter().map(|k| k.x as i64).collect();
        xs.sort_unstable();
        xs.dedup();
        assert_eq!(xs.len(), GRID_COLUMNS);
        let rows = kids.iter().filter(|k| k.x as i64 == xs[0]).count();
        assert_eq!(rows, 98usize.div_ceil(GRID_COLUMNS));
    }

    #[test]
    fn open_units_in_a_wide_level_take_their_own_rows() {
        let mut kids = leaves("C", 98);
        kids[5].children = Some(leaves("C5-", 16));
        kids[6].children = Some(leaves("C6-", 2));
        kids[40].children = Some({
            let mut g = leaves("C40-", 3);
            g[1].children = Some(leaves("C40-1-", 7));
            g
        });
        let roots = vec![node("R", Some(kids))];
        let l = check(&roots);
        assert_eq!(l.boxes.len(), 1 + 98 + 16 + 2 + 3 + 7);
        let c5 = l.boxes.iter().find(|b| b.node.code == "C5").unwrap();
        let c4 = l.boxes.iter().find(|b| b.node.code == "C4").unwrap();
        assert!(c5.y > c4.y, "an open unit starts a row");
    }

    #[test]
    fn several_roots_stack() {
        let roots = vec![node("A", Some(leaves("A", 2))), node("B", None)];
        check(&roots);
    }

    #[test]
    fn wrapping_keeps_words_and_limits_lines() {
        assert_eq!(
            wrap("Đảng bộ Bệnh viện Đa khoa", 12, 3),
            vec!["Đảng bộ Bệnh", "viện Đa khoa"]
        );
        assert_eq!(
            wrap("Đảng bộ Bệnh viện Đa khoa", 11, 3),
            vec!["Đảng bộ", "Bệnh viện", "Đa khoa"]
        );
        let w = wrap("một hai ba bốn năm sáu bảy tám chín mười", 8, 2);
        assert_eq!(w.len(), 2);
        assert!(w[1].ends_with('…'));
        assert!(w.iter().all(|l| l.chars().count() <= 8));
        assert_eq!(wrap("abcdefghij", 4, 5), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10, 2), vec![""]);
        assert_eq!(truncate("Bí thư: Nguyễn Văn Anh", 10), "Bí thư: N…");
    }
}
