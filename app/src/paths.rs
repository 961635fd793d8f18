//! Every address of the app in one place: the pages' paths, the paths with a
//! code or an id in them, and each page's query as a typed struct. A page
//! reads its query with [`query`] (`query::<ReviewQuery>()`); links and
//! redirects write it with `href()`. The route table (`ui::App`) names the
//! same paths in `path!`, which takes only literals; a test below checks that
//! the two agree.
//!
//! The query keys are Vietnamese words with hyphens ("chi-bo", "dang-vien"),
//! which `#[derive(Params)]` cannot name as fields, so `queries!` writes the
//! `Params` implementation and `href()` for each struct from one list of
//! fields and keys.

use crate::domain::text::url_escape;
use std::fmt::Display;
use std::str::FromStr;

pub const HOME: &str = "/";
pub const LOGIN_PAGE: &str = "/dang-nhap";
pub const PASSWORD_PAGE: &str = "/doi-mat-khau";
pub const CHART: &str = "/so-do";
pub const CHANGE: &str = "/thay-doi-co-cau";
pub const AUDIT: &str = "/nhat-ky";
pub const IMPORT_PAGE: &str = "/nhap-du-lieu";
pub const MY_PAGE: &str = "/cam-ket";
pub const COMMITMENT_PRINT: &str = "/in/cam-ket";
pub const REVIEW_PAGE: &str = "/duyet-cam-ket";
pub const GRADING_PAGE: &str = "/xep-loai";
pub const YEARS_PAGE: &str = "/nam-cam-ket";
pub const INBOX_PAGE: &str = "/thong-bao";
pub const PROPOSALS_PAGE: &str = "/khen-thuong";
pub const DECISIONS_PAGE: &str = "/quyet-dinh-khen-thuong";
pub const BADGES_PAGE: &str = "/huy-hieu";
pub const GOOD_MODELS_PAGE: &str = "/mo-hinh-hay";
pub const STATS_PAGE: &str = "/thong-ke";
pub const TARGETS_PAGE: &str = "/thong-ke/chi-tieu";
pub const STATS_PRINT: &str = "/in/thong-ke";
pub const DRILL_PAGE: &str = "/thong-ke/danh-sach";
pub const BODIES_PAGE: &str = "/ban-chi-dao";
pub const ACCOUNTS_PAGE: &str = "/quan-tri/tai-khoan";
pub const BACKUPS_PAGE: &str = "/quan-tri/sao-luu";

/// The dashboard's live figures (server-sent events).
pub const STATS_STREAM: &str = "/thong-ke/truc-tiep";
/// The import templates.
pub const TEMPLATE_XLSX: &str = "/nhap-du-lieu/mau.xlsx";
pub const TEMPLATE_CSV_MEMBERS: &str = "/nhap-du-lieu/mau.csv";
pub const TEMPLATE_CSV_UNITS: &str = "/nhap-du-lieu/mau.csv?bang=don-vi";

/// A unit's page.
pub fn unit(code: &str) -> String {
    format!("/don-vi/{}", url_escape(code))
}

/// A unit's print view.
pub fn unit_print(code: &str) -> String {
    format!("/in/don-vi/{}", url_escape(code))
}

/// A member's page.
pub fn member(id: i64) -> String {
    format!("/dang-vien/{id}")
}

pub fn proposal(id: i64) -> String {
    format!("{PROPOSALS_PAGE}/{id}")
}

pub fn decision(id: i64) -> String {
    format!("{DECISIONS_PAGE}/{id}")
}

pub fn decision_print(id: i64) -> String {
    format!("/in/quyet-dinh/{id}")
}

pub fn certificate_print(id: i64) -> String {
    format!("/in/giay-khen/{id}")
}

pub fn good_model(id: i64) -> String {
    format!("{GOOD_MODELS_PAGE}/{id}")
}

/// A member's own commitment of `year`.
pub fn my_commitment(year: i32) -> String {
    MyQuery { year: Some(year) }.href()
}

/// The review of a cell's commitments in `year`, at a member's when given.
pub fn review(cell: &str, year: i32, member: Option<i64>) -> String {
    ReviewQuery {
        cell: Some(cell.to_string()),
        year: Some(year),
        member,
        ..ReviewQuery::default()
    }
    .href()
}

/// The year-end grading of a grassroots organisation.
pub fn grading(org: &str, year: i32) -> String {
    GradingQuery {
        org: Some(org.to_string()),
        year: Some(year),
        ..GradingQuery::default()
    }
    .href()
}

/// `href` with a form's redirect flag (`da-luu=1`), which the page shows as
/// a notice (`ui::flags`). `href` has no fragment: add it after.
pub fn flagged(href: &str, flag: &str, value: impl Display) -> String {
    let joint = if href.contains('?') { '&' } else { '?' };
    format!("{href}{joint}{flag}={}", url_escape(&value.to_string()))
}

/// A query value as the pages read it: trimmed, empty as absent, and a value
/// that does not parse as absent too (the server answers what is out of
/// range; a page never fails on a hand-edited address).
pub fn read<T: FromStr>(value: Option<&str>) -> Option<T> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .and_then(|v| v.parse().ok())
}

/// `path?k=v&…` with the present values escaped; `path` alone without any.
pub fn with_query(path: &str, pairs: &[(&str, Option<String>)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", url_escape(v))))
        .collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// A value as the address writes it.
pub fn text<T: Display>(value: &Option<T>) -> Option<String> {
    value.as_ref().map(T::to_string)
}

/// Each page's query (or a path's parameters): a struct of optional fields,
/// each read from its key. `at PATH` adds `href()`, the page's address with
/// the query; without it (a path with a code in it) `href_at(path)` takes
/// the path.
macro_rules! queries {
    ($($(#[$meta:meta])* $name:ident $(at $path:ident)? {
        $($field:ident: $ty:ty = $key:literal),* $(,)?
    })*) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            $(pub $field: Option<$ty>,)*
        }

        impl leptos_router::params::Params for $name {
            fn from_map(
                map: &leptos_router::params::ParamsMap,
            ) -> Result<Self, leptos_router::params::ParamsError> {
                Ok(Self {
                    $($field: read(map.get_str($key)),)*
                })
            }
        }

        impl $name {
            /// `path` with this query.
            pub fn href_at(&self, path: &str) -> String {
                with_query(path, &[$(($key, text(&self.$field)),)*])
            }

            $(
            /// The page's address with this query.
            pub fn href(&self) -> String {
                self.href_at($path)
            }
            )?
        }
    )*};
}

/// The page's query from the address, as a signal. The structs' readers
/// never fail: what does not parse is absent.
pub fn query<Q>() -> leptos::prelude::Memo<Q>
where
    Q: leptos_router::params::Params + Default + Clone + PartialEq + Send + Sync + 'static,
{
    use leptos::prelude::*;
    let raw = leptos_router::hooks::use_query::<Q>();
    Memo::new(move |_| raw.get().unwrap_or_default())
}

/// The path's parameters (`/don-vi/:code`), as a signal.
pub fn params<P>() -> leptos::prelude::Memo<P>
where
    P: leptos_router::params::Params + Default + Clone + PartialEq + Send + Sync + 'static,
{
    use leptos::prelude::*;
    let raw = leptos_router::hooks::use_params::<P>();
    Memo::new(move |_| raw.get().unwrap_or_default())
}

queries! {
    /// The id in a path (`/dang-vien/:id`, `/khen-thuong/:id`).
    IdParam { id: i64 = "id" }
    /// The unit's code in a path (`/don-vi/:code`).
    CodeParam { code: String = "code" }
    /// The org chart: the open units' codes (comma-separated), the one marked, the day it is
    /// drawn for (YYYY-MM-DD), a search.
    ChartQuery at CHART { open: String = "mo", selected: String = "chon", as_of: String = "ngay", search: String = "q" }
    /// A unit's page: its members' status filter, order and page; `lich-su` (any value) for
    /// the whole history; `sau`, the last child of the previous page of children.
    UnitQuery { status: String = "trang-thai", sort: String = "sap-xep", page: i64 = "trang", history: String = "lich-su", after: String = "sau" }
    /// A structural change to start: a `ChangeOp` code and the unit, the units to merge
    /// (comma-separated) or the member it applies to. The change page's own form carries
    /// more fields and echoes them.
    ChangeQuery at CHANGE { op: String = "thao-tac", unit: String = "don-vi", units: String = "cac-don-vi", member: i64 = "dang-vien" }
    /// A member's own commitment of a year.
    MyQuery at MY_PAGE { year: i32 = "nam" }
    /// A commitment's print view.
    CommitmentPrintQuery at COMMITMENT_PRINT { year: i32 = "nam", member: i64 = "dang-vien" }
    /// The cell secretary's review: the filter is a state's code (`CommitmentState::as_str`,
    /// or "not_started"); `chon=tat-ca` ticks every submitted commitment shown.
    ReviewQuery at REVIEW_PAGE { cell: String = "chi-bo", year: i32 = "nam", filter: String = "loc", member: i64 = "dang-vien", tick: String = "chon" }
    /// The year-end grading of a grassroots organisation; `chon=tat-ca` ticks every
    /// proposed grade shown.
    GradingQuery at GRADING_PAGE { org: String = "to-chuc", year: i32 = "nam", filter: String = "loc", tick: String = "chon" }
    /// The years of commitments: the one saved, the one being edited.
    YearsQuery at YEARS_PAGE { year: i32 = "nam", edit: i32 = "sua" }
    /// The committee's dashboard and its print view; the order is a `RowOrder` code.
    StatsQuery at STATS_PAGE { unit: String = "don-vi", year: i32 = "nam", order: String = "sap-xep" }
    /// The members behind a dashboard's figure; the filter is a `Drill` code.
    DrillQuery at DRILL_PAGE { unit: String = "don-vi", year: i32 = "nam", filter: String = "loc", page: i64 = "trang" }
    /// A resolution's targets of a unit and year.
    TargetsQuery at TARGETS_PAGE { unit: String = "don-vi", year: i32 = "nam" }
    /// A unit's special bodies.
    BodiesQuery at BODIES_PAGE { unit: String = "don-vi" }
    /// The Party badges due on a day, in a unit.
    BadgesQuery at BADGES_PAGE { on: String = "ngay", unit: String = "don-vi" }
    /// Commendation proposals of a year.
    ProposalsQuery at PROPOSALS_PAGE { year: i32 = "nam" }
    /// One proposal: a search for nominees to add.
    ProposalQuery { search: String = "tim" }
    /// The decision register.
    DecisionsQuery at DECISIONS_PAGE { year: i32 = "nam", q: String = "q", page: i64 = "trang" }
    /// The good-model registry, also what its server function and its export take: the
    /// field is a `ModelField` code, the unit a code (its subtree's models), `cong-nhan`
    /// "1" for recognised and "0" for waiting.
    #[derive(serde::Serialize, serde::Deserialize)]
    GoodModelQuery at GOOD_MODELS_PAGE { year: i32 = "nam", q: String = "q", field: String = "linh-vuc", unit: String = "don-vi", recognised: String = "cong-nhan", page: i64 = "trang" }
    /// The accounts: a page and a search.
    AccountsQuery at ACCOUNTS_PAGE { page: i64 = "trang", q: String = "q" }
}

/// The value of `chon` that ticks every box of a bulk form.
pub const TICK_ALL: &str = "tat-ca";

impl ReviewQuery {
    pub fn ticks_all(&self) -> bool {
        self.tick.as_deref() == Some(TICK_ALL)
    }
}

impl GradingQuery {
    pub fn ticks_all(&self) -> bool {
        self.tick.as_deref() == Some(TICK_ALL)
    }
}

/// The badges due on a day (`YYYY-MM-DD`) in a unit.
pub fn badges(on: impl Display, code: &str) -> String {
    BadgesQuery {
        on: Some(on.to_string()),
        unit: Some(code.to_string()),
    }
    .href()
}

/// A list's page in the address: the first page is the address without one.
pub fn page_number(page: i64) -> Option<i64> {
    (page > 1).then_some(page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos_router::params::{Params, ParamsMap};

    fn map(pairs: &[(&'static str, &str)]) -> ParamsMap {
        let mut m = ParamsMap::new();
        for (k, v) in pairs {
            m.insert(*k, v.to_string());
        }
        m
    }

    #[test]
    fn a_query_reads_what_it_writes() {
        let q = ReviewQuery {
            cell: Some("BVDK-01".into()),
            year: Some(2021),
            filter: None,
            member: Some(42),
            tick: None,
        };
        assert_eq!(
            q.href(),
            "/duyet-cam-ket?chi-bo=BVDK-01&nam=2021&dang-vien=42"
        );
        let read = ReviewQuery::from_map(&map(&[
            ("chi-bo", "BVDK-01"),
            ("nam", "2021"),
            ("dang-vien", "42"),
        ]))
        .unwrap();
        assert_eq!(read, q);
    }

    #[test]
    fn blank_and_unreadable_values_are_absent() {
        let q = GoodModelQuery::from_map(&map(&[
            ("nam", " 2020 "),
            ("q", "   "),
            ("trang", "hai"),
            ("don-vi", "HG & co"),
        ]))
        .unwrap();
        assert_eq!(q.year, Some(2020));
        assert_eq!((q.q, q.page), (None, None));
        assert_eq!(q.unit.as_deref(), Some("HG & co"));
        let back = GoodModelQuery {
            unit: q.unit,
            ..Default::default()
        };
        assert_eq!(back.href(), "/mo-hinh-hay?don-vi=HG%20%26%20co");
        assert_eq!(GoodModelQuery::default().href(), GOOD_MODELS_PAGE);
    }

    #[test]
    fn paths_with_a_code_escape_it() {
        assert_eq!(unit("CS 1/2"), "/don-vi/CS%201/2");
        assert_eq!(member(7), "/dang-vien/7");
        assert_eq!(proposal(3), "/khen-thuong/3");
        let q = UnitQuery {
            after: Some("BVDK-03".into()),
            ..Default::default()
        };
        assert_eq!(q.href_at(&unit("BVDK")), "/don-vi/BVDK?sau=BVDK-03");
    }

    /// The route table writes its paths as literals (`path!` takes nothing
    /// else): each constant here must be one of them.
    #[test]
    fn the_route_table_has_every_page() {
        let routes = include_str!("ui/mod.rs");
        for path in [
            LOGIN_PAGE,
            PASSWORD_PAGE,
            CHART,
            CHANGE,
            AUDIT,
            IMPORT_PAGE,
            MY_PAGE,
            COMMITMENT_PRINT,
            REVIEW_PAGE,
            GRADING_PAGE,
            YEARS_PAGE,
            INBOX_PAGE,
            PROPOSALS_PAGE,
            DECISIONS_PAGE,
            BADGES_PAGE,
            GOOD_MODELS_PAGE,
            STATS_PAGE,
            TARGETS_PAGE,
            STATS_PRINT,
            DRILL_PAGE,
            BODIES_PAGE,
            ACCOUNTS_PAGE,
            BACKUPS_PAGE,
        ] {
            assert!(
                routes.contains(&format!("path!(\"{path}\")")),
                "{path} is not in the route table"
            );
        }
        for (path, route) in [
            (unit("X"), "/don-vi/:code"),
            (unit_print("X"), "/in/don-vi/:code"),
            (member(1), "/dang-vien/:id"),
            (proposal(1), "/khen-thuong/:id"),
            (decision(1), "/quyet-dinh-khen-thuong/:id"),
            (decision_print(1), "/in/quyet-dinh/:id"),
            (certificate_print(1), "/in/giay-khen/:id"),
            (good_model(1), "/mo-hinh-hay/:id"),
        ] {
            let prefix = route.rsplit_once('/').map_or(route, |(p, _)| p);
            assert!(path.starts_with(&format!("{prefix}/")), "{path} ≠ {route}");
            assert!(routes.contains(&format!("path!(\"{route}\")")), "{route}");
        }
    }
}
