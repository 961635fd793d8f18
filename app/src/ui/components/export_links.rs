//! The download links of the chart and of a unit: CSV, Excel, SVG, PNG and the print view.

use crate::paths;
use crate::ui::i18n::t;
use leptos::prelude::*;

/// The chart's downloads ("Tải SVG", "Tải PNG") for the open units and date
/// the chart shows; they follow units opened in place after hydration.
#[component]
pub fn ChartExportLinks(
    #[prop(into)] open: Signal<Vec<String>>,
    as_of: Option<String>,
) -> impl IntoView {
    use crate::domain::text::url_escape;
    let query = move |scale: bool| {
        let mut parts = Vec::new();
        let open = open.get();
        if !open.is_empty() {
            parts.push(format!("mo={}", url_escape(&open.join(","))));
        }
        if let Some(date) = &as_of {
            parts.push(format!("ngay={}", url_escape(date)));
        }
        if scale {
            parts.push("scale=2".to_string());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    };
    let query2 = query.clone();
    view! {
        <nav class="export-links" aria-label=move || t().export_chart_label>
            <a class="tool" href=move || format!("/xuat/so-do.svg{}", query(false)) download="so-do.svg">
                {move || t().export_svg}
            </a>
            <a class="tool" href=move || format!("/xuat/so-do.png{}", query2(true)) download="so-do.png">
                {move || t().export_png}
            </a>
        </nav>
    }
}

/// A unit's files and print view: "Xuất CSV / Excel / In", and the members'
/// CSV for those who may list them.
#[component]
pub fn UnitExportLinks(code: String, members: bool) -> impl IntoView {
    use crate::domain::text::url_escape;
    let c = url_escape(&code);
    view! {
        <span class="export-links">
            <a href=format!("/xuat/don-vi/{c}.csv") download="">{move || t().export_csv}</a>
            " / "
            <a href=format!("/xuat/don-vi/{c}.xlsx") download="">{move || t().export_excel}</a>
            {members.then(|| view! {
                " / "
                <a href=format!("/xuat/don-vi/{c}/dang-vien.csv") download="">{move || t().export_members_csv}</a>
            })}
            " / "
            <a href=paths::unit_print(&code)>{move || t().export_print}</a>
        </span>
    }
}
