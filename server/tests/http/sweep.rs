//! A sweep of bad input over every server function and every form handler:
//! missing fields, wrong types, 1 MB strings, bytes that are not UTF-8,
//! negative and huge numbers, unknown names, stale versions, another unit's
//! ids. Every answer must be a refusal — a 4xx, or for a plain form the
//! redirect back to its page, which says what went wrong — that the user can
//! read in their language, that shows nothing of the server's internals, and
//! after which nothing was written.
//!
//! The callers, the demo's people and units, and how a request is sent and
//! its answer read are shared with the permission matrix (`matrix.rs`).

use crate::support::{
    SameSite, TestServer, browser, demo_server_with_backups, demo_user, login, me,
};
use app::api::ApiError;
use app::domain::Locale;
use app::ui::i18n::{Strings, strings};
use server::demo::{AGENCIES_BLOC_CODE, BLOC_CODE, DEMO_PASSWORD};

/// Who sends a request: a visitor, one of the demo's roles, or the demo's
/// member reading the site in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Visitor,
    Member,
    CellSecretary,
    CommitteeSecretary,
    Bloc,
    Admin,
    MemberInEnglish,
}

use Who::*;

impl Who {
    /// The visitor and the demo's roles, in the matrix's column order.
    pub const ROLES: [Who; 6] = [
        Visitor,
        Member,
        CellSecretary,
        CommitteeSecretary,
        Bloc,
        Admin,
    ];

    /// The role's name in `store.demo_logins()`.
    fn demo_role(self) -> Option<&'static str> {
        match self {
            Visitor => None,
            Member | MemberInEnglish => Some("member"),
            CellSecretary => Some("cell secretary"),
            CommitteeSecretary => Some("grassroots committee secretary"),
            Bloc => Some("bloc standing committee member"),
            Admin => Some("administrator"),
        }
    }

    pub fn locale(self) -> Locale {
        match self {
            MemberInEnglish => Locale::En,
            _ => Locale::Vi,
        }
    }
}

/// One client per caller, logged in as the role (the visitor is not); the
/// English reader has chosen English with the language switch first.
pub struct Callers(Vec<(Who, reqwest::Client)>);

impl Callers {
    pub async fn log_in(srv: &TestServer, who: &[Who]) -> Self {
        let mut clients = Vec::new();
        for &w in who {
            let c = browser();
            if w.locale() == Locale::En {
                let res = c
                    .get(format!("{}/lang/en?back=/", srv.base))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 303);
            }
            if let Some(role) = w.demo_role() {
                let user = demo_user(srv, role).await;
                assert_eq!(login(&c, &srv.base, &user, DEMO_PASSWORD).await, "/");
            }
            clients.push((w, c));
        }
        Callers(clients)
    }

    pub fn of(&self, who: Who) -> &reqwest::Client {
        &self.0.iter().find(|(w, _)| *w == who).unwrap().1
    }
}

/// The demo's people and units the tables name, found in its data.
pub struct Facts {
    /// The demo member, a plain member of `member_cell`.
    pub member: i64,
    pub member_user: i64,
    pub member_cell: String,
    /// The grassroots committee of that cell, whose secretary (the demo's
    /// committee secretary) is that cell's secretary too.
    pub committee: String,
    /// A member of another cell of the same committee, which none of the
    /// demo's roles leads but the committee.
    pub neighbour: i64,
    pub neighbour_cell: String,
    /// The cell the demo's cell secretary leads, in another grassroots
    /// committee.
    pub cell: String,
    pub cell_org: String,
    /// A member of that cell other than its secretary.
    pub cellmate: i64,
    pub cellmate_name: String,
    /// The cell's name as lists that mix organisations show it.
    pub cell_label: String,
}

impl Facts {
    pub async fn find(srv: &TestServer, callers: &Callers) -> Self {
        let store = &srv.store;
        let user_of = |who: Who| async move {
            let name = demo_user(srv, who.demo_role().unwrap()).await;
            store.user_by_username(&name).await.unwrap().unwrap()
        };
        let org_of = |path: String| async move {
            let id = app::domain::unit::grassroots_id_of_path(&path).unwrap();
            store.unit_by_id(id).await.unwrap().unwrap()
        };
        // The units a role is the secretary of, as `/api/me` lists them.
        let led_by = |who: Who| async move {
            let me = me(callers.of(who), &srv.base).await;
            me["units"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|u| u["role"] == "secretary")
                .map(|u| u["code"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        let member_user = user_of(Member).await;
        let member = member_user.member_id.unwrap();
        let place = store.member_place(member).await.unwrap().unwrap();
        let committee = org_of(place.cell_path.clone()).await;
        let mut led = led_by(CommitteeSecretary).await;
        led.sort();
        let mut both = vec![committee.code.clone(), place.cell_code.clone()];
        both.sort();
        assert_eq!(
            led, both,
            "the demo's committee secretary leads the member's committee and cell"
        );
        let first_member = |cell: i64, but: Option<i64>| async move {
            store
                .cell_commitments(cell, 2020)
                .await
                .unwrap()
                .into_iter()
                .find(|r| Some(r.member_id) != but)
        };
        let mut neighbour = None;
        let cells = store
            .org_level(Some(committee.id), None, None, 100)
            .await
            .unwrap()
            .nodes;
        for c in cells.iter().filter(|c| c.code != place.cell_code) {
            if let Some(row) = first_member(c.id, None).await {
                neighbour = Some((row.member_id, c.code.clone()));
                break;
            }
        }
        let (neighbour, neighbour_cell) = neighbour.expect("another cell with members");
        let led = led_by(CellSecretary).await;
        let [cell] = led.as_slice() else {
            panic!("the demo's cell secretary leads one cell: {led:?}");
        };
        let cell_unit = store.unit_by_code(cell).await.unwrap().unwrap();
        let cell_org = org_of(cell_unit.path.clone()).await.code;
        assert_ne!(cell_org, committee.code);
        let secretary = user_of(CellSecretary).await.member_id;
        let mate = first_member(cell_unit.id, secretary).await.unwrap();
        Facts {
            member,
            member_user: member_user.id,
            member_cell: place.cell_code,
            committee: committee.code,
            neighbour,
            neighbour_cell,
            cell: cell.clone(),
            cell_org,
            cellmate: mate.member_id,
            cellmate_name: mate.full_name,
            cell_label: app::api::unit_label(store, &cell_unit).await.unwrap(),
        }
    }

    /// `template` with the facts in place of `{member}`, `{cell}` and the
    /// like (escaped for a form or a query), `{1mb}` a 1 MB string and
    /// `{max}` the largest 64-bit integer.
    pub fn fill(&self, template: &str) -> String {
        let esc = app::domain::text::url_escape;
        [
            ("{member}", self.member.to_string()),
            ("{member_user}", self.member_user.to_string()),
            ("{member_cell}", esc(&self.member_cell)),
            ("{committee}", esc(&self.committee)),
            ("{neighbour}", self.neighbour.to_string()),
            ("{neighbour_cell}", esc(&self.neighbour_cell)),
            ("{cell}", esc(&self.cell)),
            ("{cell_org}", esc(&self.cell_org)),
            ("{cellmate}", self.cellmate.to_string()),
            ("{cellmate_name}", esc(&self.cellmate_name)),
            ("{bloc}", BLOC_CODE.to_string()),
            ("{closed}", AGENCIES_BLOC_CODE.to_string()),
            ("{max}", i64::MAX.to_string()),
            ("{1mb}", "x".repeat(1 << 20)),
            ("{long}", "x".repeat(300)),
        ]
        .iter()
        .fold(template.to_string(), |t, (k, v)| t.replace(k, v))
    }
}

/// How a request is sent.
#[derive(Clone, Copy)]
pub enum Req {
    /// A server function as the WASM calls it: `POST /api/{endpoint}`, the
    /// form's fields URL-encoded.
    Api(&'static str, &'static str),
    /// A server function posted by a plain form (no JavaScript) on `page`.
    Form(&'static str, &'static str, &'static str),
    /// A form handler: `POST path` with the fields.
    Post(&'static str, &'static str),
    /// `POST path` with these bytes as the form's body.
    Raw(&'static str, &'static [u8]),
    /// `POST path` with a body of its own content type.
    RawAs(&'static str, &'static str, &'static [u8]),
    /// `GET path`, query included.
    Get(&'static str),
}

/// An answer as the tests read it.
pub struct Answer {
    pub status: u16,
    /// Where a redirect goes, as a path of the site.
    pub location: Option<String>,
    pub content_type: String,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

const FORM: &str = "application/x-www-form-urlencoded";

/// Sends `req` as `c`; `Err` when no answer came (a dropped connection).
pub async fn send(
    c: &reqwest::Client,
    base: &str,
    facts: &Facts,
    req: Req,
) -> Result<Answer, String> {
    let post = |path: String| c.post(format!("{base}{path}")).same_site(base);
    let sent = match req {
        Req::Api(endpoint, body) => post(format!("/api/{endpoint}"))
            .header("content-type", FORM)
            .body(facts.fill(body)),
        Req::Form(endpoint, page, body) => c
            .post(format!("{base}/api/{endpoint}"))
            .header("referer", format!("{base}{}", facts.fill(page)))
            .header("accept", "text/html")
            .header("content-type", FORM)
            .body(facts.fill(body)),
        Req::Post(path, body) => post(facts.fill(path))
            .header("content-type", FORM)
            .body(facts.fill(body)),
        Req::Raw(path, bytes) => post(path.to_string())
            .header("content-type", FORM)
            .body(bytes.to_vec()),
        Req::RawAs(path, content_type, bytes) => post(path.to_string())
            .header("content-type", content_type)
            .body(bytes.to_vec()),
        Req::Get(path) => c.get(format!("{base}{}", facts.fill(path))),
    };
    let res = sent.send().await.map_err(|e| format!("no answer: {e}"))?;
    let status = res.status().as_u16();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let location = header("location").map(|l| l.strip_prefix(base).unwrap_or(&l).to_string());
    let content_type = header("content-type").unwrap_or_default();
    let bytes = res.bytes().await.map_err(|e| format!("answer cut: {e}"))?;
    Ok(Answer {
        status,
        location,
        content_type,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    })
}

/// What no answer may show: the server's own errors and tools.
const INTERNALS: [&str; 11] = [
    "sqlx",
    "SQLITE",
    "panicked",
    "Error {",
    "error deserializing",
    "missing field",
    "Failed to",
    "Invalid URL",
    "Cannot parse",
    "duplicate field",
    "stack backtrace",
];

/// Letters only Vietnamese text has (a few are enough to tell).
fn vietnamese(text: &str) -> bool {
    text.chars()
        .any(|c| "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư".contains(c))
}

/// Whether the page shows `text` (as HTML writes it).
fn shows(html: &str, text: &str) -> bool {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;");
    html.contains(text) || html.contains(&escaped)
}

/// A refusal's body says what went wrong in a way the user can read: a
/// typed API error (the page turns it into a sentence in the user's
/// language), or text in Vietnamese (the exports and handlers write both
/// languages); never the server's internals.
pub fn readable(a: &Answer) -> Result<(), String> {
    if let Some(bit) = INTERNALS.iter().find(|bit| a.body.contains(*bit)) {
        return Err(format!("shows {bit:?}"));
    }
    if a.content_type.starts_with("application/json") {
        return match serde_json::from_str::<ApiError>(&a.body) {
            Ok(ApiError::Unauthorized | ApiError::Forbidden | ApiError::NotFound) => Ok(()),
            Ok(ApiError::Conflict) => Ok(()),
            // A typed refusal: the page names it (ui::commendation_text).
            Ok(ApiError::Refused(_)) => Ok(()),
            other => Err(format!("not a refusal the page can say: {other:?}")),
        };
    }
    if !vietnamese(&a.body) {
        return Err("no message in Vietnamese".into());
    }
    Ok(())
}

/// The sentence of a request whose fields could not be read.
fn invalid(s: &Strings) -> &'static str {
    s.problem_request
}

/// What a case must answer.
#[derive(Clone, Copy)]
enum Expect {
    /// Refused with this status.
    Status(u16),
    /// Sent back to a page (a redirect to an address starting so; "/" is the
    /// home page itself) that says why, in the caller's language (or,
    /// `None`, that says nothing).
    Back(&'static str, Option<fn(&Strings) -> &'static str>),
    /// Taken, and harmless: the value is ignored or bounded (2xx).
    Ignored,
}

use Expect::*;

struct Case {
    what: &'static str,
    who: Who,
    req: Req,
    expect: Expect,
}

const fn case(who: Who, req: Req, expect: Expect, what: &'static str) -> Case {
    Case {
        what,
        who,
        req,
        expect,
    }
}

/// Every server function, who calls it in the sweep (one who passes the
/// login and the permission check, where someone does), and whether it has
/// a field it cannot do without.
const FUNCTIONS: [(&str, Who, bool); 58] = [
    ("me", Member, false),
    ("org/chart", Member, false),
    ("org/level", Member, true),
    ("org/search", Member, true),
    ("org/unit", Member, true),
    ("org/member", Bloc, true),
    ("org/change", Bloc, true),
    ("audit", CommitteeSecretary, false),
    ("summary", Member, false),
    ("stats/dashboard", Bloc, false),
    ("stats/members", Bloc, true),
    ("targets/list", Bloc, false),
    ("targets/save", Bloc, true),
    ("targets/delete", Bloc, true),
    ("bodies/list", Bloc, false),
    ("bodies/new", Bloc, true),
    ("bodies/add", Bloc, true),
    ("bodies/end", Bloc, true),
    ("commitments/mine", Member, false),
    ("commitments/one", CellSecretary, true),
    ("commitments/save", Member, true),
    ("commitments/step", CellSecretary, true),
    ("commitments/self-assess", Member, true),
    ("commitments/review", CellSecretary, false),
    ("commitments/approve-many", CellSecretary, true),
    ("commitments/decide-many", CommitteeSecretary, true),
    ("commitments/grading", CommitteeSecretary, false),
    ("commitments/unit-grade", CommitteeSecretary, true),
    ("years", Member, false),
    ("years/save", Bloc, true),
    ("export/print", Member, true),
    ("accounts", Admin, false),
    ("backups", Admin, false),
    ("inbox", Member, false),
    ("inbox/unread", Member, false),
    ("inbox/read", Member, false),
    ("import", Bloc, false),
    ("can_import", Member, false),
    ("commendations/list", Member, false),
    ("commendations/one", Bloc, true),
    ("commendations/new", CommitteeSecretary, true),
    ("commendations/save", CommitteeSecretary, true),
    ("commendations/mark", Bloc, true),
    ("commendations/step", Bloc, true),
    ("commendations/decisions", Member, false),
    ("commendations/decision", Member, true),
    ("commendations/awards", Member, false),
    ("good-models/list", Member, false),
    ("good-models/one", Member, true),
    ("good-models/save", CommitteeSecretary, true),
    ("good-models/recognise", CommitteeSecretary, true),
    ("badges/list", Bloc, false),
    ("badges/mark", CellSecretary, true),
    ("badges/record", Bloc, true),
    ("badges/discipline", Bloc, true),
    ("badges/gap", Bloc, true),
    ("badges/lost", CellSecretary, true),
    ("badges/replace", Bloc, true),
];

/// A form body that is not UTF-8.
const NOT_UTF8: &[u8] = b"\xff\xfe=\xc3\x28&x=\xff";

/// A year's settings form that would pass, but for `spoilt` (fields
/// `name=value&…` put in place of the good ones).
fn year_form(spoilt: &str) -> &'static str {
    let mut fields: Vec<(&str, &str)> = vec![
        ("year", "2021"),
        ("version", "9999"),
        ("theme", "Ch%E1%BB%A7+%C4%91%E1%BB%81"),
        ("sections", "M%E1%BB%A5c+1"),
        ("rule_set", "rules_2019"),
        ("filing", "2021-03-31"),
        ("mid_year", "2021-07-15"),
        ("self_assessment", "2021-11-30"),
        ("grading", "2021-12-20"),
    ];
    for (name, value) in spoilt.split('&').filter_map(|f| f.split_once('=')) {
        fields.iter_mut().find(|(n, _)| *n == name).unwrap().1 = value;
    }
    let form: Vec<String> = fields.iter().map(|(n, v)| format!("{n}={v}")).collect();
    form.join("&").leak()
}

/// The settings of 2021 on a stale version.
pub const STALE_YEAR: &str = "year=2021&version=9999&theme=Ch%E1%BB%A7+%C4%91%E1%BB%81\
     &sections=M%E1%BB%A5c+1&rule_set=rules_2019&filing=2021-03-31&mid_year=2021-07-15\
     &self_assessment=2021-11-30&grading=2021-12-20";

/// The cases besides the two every function gets (a body that is not UTF-8;
/// no fields at all where some are needed). Years: 2020 is closed (every
/// commitment graded), so a step there is refused before anything is
/// written; version 9999 is stale everywhere.
#[rustfmt::skip]
fn cases() -> Vec<Case> {
    let text = |s: fn(&Strings) -> &'static str| Some(s);
    vec![
        // The chart, its levels, search.
        case(Member, Req::Api("org/chart", "as_of=2021-02-30"), Status(422), "a date that does not exist"),
        case(Member, Req::Api("org/chart", "as_of=NaN"), Status(422), "NaN for a date"),
        case(Member, Req::Api("org/chart", "as_of={1mb}"), Status(422), "1 MB for a date"),
        case(Member, Req::Api("org/chart", "open={1mb}"), Ignored, "1 MB of codes to open: unknown ones are passed over"),
        case(Member, Req::Api("org/chart", "open[a][b][c][d][e][f]=x"), Status(422), "fields nested past the decoder's depth"),
        case(Member, Req::Api("org/level", "parent={1mb}"), Status(404), "1 MB for a unit's code"),
        case(Member, Req::Api("org/level", "parent={bloc}&as_of=1e30"), Status(422), "1e30 for a date"),
        case(Member, Req::Api("org/level", "parent={bloc}&after[id]=NaN&after[sort_key]=x"), Status(422), "NaN in the cursor"),
        case(Member, Req::Api("org/level", "parent={bloc}&after[id]={max}"), Status(422), "half a cursor"),
        case(Member, Req::Api("org/search", "query={1mb}"), Status(422), "a 1 MB search"),
        // The unit page.
        case(Member, Req::Api("org/unit", "code={1mb}"), Status(404), "1 MB for a code"),
        case(Member, Req::Api("org/unit", "code={bloc}&page=-1"), Status(422), "page -1"),
        case(Member, Req::Api("org/unit", "code={bloc}&page={max}"), Status(422), "page i64::MAX"),
        case(Member, Req::Api("org/unit", "code={bloc}&page=1e30"), Status(422), "page 1e30"),
        case(Member, Req::Api("org/unit", "code={bloc}&page=NaN"), Status(422), "page NaN"),
        case(Member, Req::Api("org/unit", "code={bloc}&status=zombie"), Status(422), "an unknown status"),
        case(Member, Req::Api("org/unit", "code={bloc}&sort=sideways"), Status(422), "an unknown order"),
        case(Member, Req::Api("org/unit", "code={bloc}&all_history=maybe"), Status(422), "a history flag that is not a boolean"),
        case(Member, Req::Api("org/unit", "code={bloc}&children_after={1mb}"), Status(422), "1 MB for the unit the page of units below starts after"),
        case(Member, Req::Api("org/unit", "code={bloc}&children_after={bloc}"), Status(422), "units below the bloc after the bloc itself"),
        // Commendations.
        case(Member, Req::Api("commendations/list", "year=1999"), Status(422), "a year not set up"),
        case(Member, Req::Api("commendations/list", "year=NaN"), Status(422), "year NaN"),
        case(Bloc, Req::Api("commendations/one", "id={max}"), Status(404), "proposal i64::MAX"),
        case(Bloc, Req::Api("badges/list", "on=2021-13-45"), Status(422), "badges: not a date"),
        case(Bloc, Req::Api("badges/list", "on=1e30"), Status(422), "badges: 1e30 for a date"),
        case(Bloc, Req::Api("badges/list", "on={long}"), Status(422), "badges: 300 characters for a date"),
        case(Bloc, Req::Api("badges/list", "unit={long}"), Status(404), "badges: no such unit"),
        case(CellSecretary, Req::Api("badges/mark", "member={max}&early=posthumous"), Status(404), "badges: mark no one"),
        case(CellSecretary, Req::Api("badges/mark", "member={cellmate}&early={long}"), Status(422), "badges: an unknown mark"),
        case(Bloc, Req::Api("badges/record", "on=2021-09-02&decision=1234-Q%C4%90%2FTU&member%5B0%5D={max}&badge%5B0%5D=HH"), Status(422), "badges: record no one"),
        case(Bloc, Req::Api("badges/record", "on=2021-09-02&decision=1234-Q%C4%90%2FTU&member%5B0%5D={cellmate}&badge%5B0%5D={long}"), Status(422), "badges: a long badge number"),
        case(Bloc, Req::Api("badges/record", "on={long}&decision=1234-Q%C4%90%2FTU"), Status(422), "badges: record on no date"),
        case(CellSecretary, Req::Api("badges/lost", "member={max}&badge=1&date=2021-01-01"), Status(404), "lost badge: no one"),
        case(CellSecretary, Req::Api("badges/lost", "member={cellmate}&badge={max}&date=2021-01-01"), Status(404), "lost badge: no such badge"),
        case(CellSecretary, Req::Api("badges/lost", "member={cellmate}&badge=-1&date={long}"), Status(422), "lost badge: a long date"),
        case(CellSecretary, Req::Api("badges/lost", "member={cellmate}&badge=1e30&date=2021-01-01"), Status(422), "lost badge: 1e30 for a badge"),
        case(Bloc, Req::Api("badges/replace", "on=2021-09-02&decision=1234-Q%C4%90%2FTU&lost%5B0%5D={max}&badge%5B0%5D=HH"), Status(422), "replacement of no lost badge"),
        case(Bloc, Req::Api("badges/replace", "on=2021-09-02&decision={long}&lost%5B0%5D=1&badge%5B0%5D=HH"), Status(422), "replacement: a long decision number"),
        case(Bloc, Req::Api("badges/discipline", "member={max}&date=2021-01-01&form=warning"), Status(404), "discipline: no one"),
        case(Bloc, Req::Api("badges/discipline", "member={cellmate}&date=2021-01-01&form=warning&note={long}{long}"), Status(422), "discipline: a 600-character note"),
        case(Bloc, Req::Api("badges/gap", "member={cellmate}&from={long}&to=2020-01-01"), Status(422), "time outside: a long date"),
        case(Bloc, Req::Api("badges/gap", "member={cellmate}&from=-5&to=99999999"), Status(422), "time outside: numbers for dates"),
        case(Member, Req::Api("good-models/list", "page=-1"), Status(422), "good models: page -1"),
        case(Member, Req::Api("good-models/list", "page={max}"), Status(422), "good models: page i64::MAX"),
        case(Member, Req::Api("good-models/list", "year=NaN"), Status(422), "good models: year NaN"),
        case(Member, Req::Api("good-models/list", "q={long}"), Status(422), "good models: a search of 300 characters"),
        case(Member, Req::Api("good-models/list", "field=zombie"), Status(422), "good models: an unknown area"),
        case(Member, Req::Api("good-models/list", "recognised=2"), Status(422), "good models: recognised neither 0 nor 1"),
        case(Member, Req::Api("good-models/list", "unit=NOPE"), Status(422), "good models: no such unit"),
        case(Member, Req::Api("good-models/one", "id={max}"), Status(404), "good model i64::MAX"),
        case(CommitteeSecretary, Req::Api("good-models/save", "unit={member_cell}&year=2021&title={1mb}&field=economy"), Status(422), "a 1 MB model title"),
        case(CommitteeSecretary, Req::Api("good-models/save", "unit={member_cell}&year=2021&title=x&field=zombie"), Status(422), "an unknown area"),
        case(CommitteeSecretary, Req::Api("good-models/save", "unit={member_cell}&year=2021&title=x&field=economy&since=2999-01-01"), Status(422), "a model running from 2999"),
        case(CommitteeSecretary, Req::Api("good-models/save", "unit={member_cell}&year=2021&title=x&field=economy&results={1mb}"), Status(422), "1 MB of results"),
        case(CommitteeSecretary, Req::Api("good-models/save", "id=1&title=x&field=economy"), Status(422), "an edit without its version"),
        case(CommitteeSecretary, Req::Api("good-models/recognise", "id={max}&version=1"), Status(404), "recognise a model that is none"),
        case(Bloc, Req::Api("commendations/one", "id=1&q={long}"), Status(422), "a search of 300 characters"),
        case(Bloc, Req::Api("commendations/one", "id=-1"), Status(404), "proposal -1"),
        case(CommitteeSecretary, Req::Api("commendations/new", "unit={member_cell}&to={committee}&year=2020&occasion=zombie&form=certificate&title=x"), Status(422), "an unknown occasion"),
        case(CommitteeSecretary, Req::Api("commendations/new", "unit={member_cell}&to={committee}&year=2020&occasion=thematic&form=medal&title=x"), Status(422), "an unknown form"),
        case(CommitteeSecretary, Req::Api("commendations/new", "unit={member_cell}&to={committee}&year=2020&occasion=thematic&form=certificate&title={1mb}"), Status(422), "a 1 MB title"),
        case(CommitteeSecretary, Req::Api("commendations/new", "unit={member_cell}&to={committee}&year=2020&occasion=thematic&form=certificate&title=x&cover={1mb}"), Status(422), "a 1 MB cover submission"),
        case(CommitteeSecretary, Req::Api("commendations/new", "unit={member_cell}&to={committee}&year=2020&occasion=thematic&form=certificate&title=x&nominees[0]=m{neighbour}"), Status(422), "another cell's member"),
        case(CommitteeSecretary, Req::Api("commendations/new", "unit={member_cell}&to={committee}&year=2020&occasion=thematic&form=certificate&title=x&nominees[0]=zombie"), Status(422), "a nominee that is no one"),
        case(CommitteeSecretary, Req::Api("commendations/new", "unit={member_cell}&to={cell_org}&year=2020&occasion=thematic&form=certificate&title=x"), Status(422), "addressed to another committee"),
        case(CellSecretary, Req::Api("commendations/new", "unit={member_cell}&to={committee}&year=2020&occasion=thematic&form=certificate&title=x"), Status(403), "another unit's proposal"),
        case(CommitteeSecretary, Req::Api("commendations/save", "id=-1&version=1&title=x"), Status(404), "a proposal that does not exist"),
        case(Bloc, Req::Api("commendations/mark", "id=-1&version=1&nominee=1&outcome=approved"), Status(404), "marking a proposal that does not exist"),
        case(Bloc, Req::Api("commendations/step", "id=1&version=1&step=fly"), Status(422), "an unknown step"),
        case(Member, Req::Api("commendations/decisions", "page=-1"), Status(422), "register page -1"),
        case(Member, Req::Api("commendations/decisions", "page={max}"), Status(422), "register page i64::MAX"),
        case(Member, Req::Api("commendations/decisions", "q={1mb}"), Status(422), "a 1 MB search"),
        case(Member, Req::Api("commendations/decision", "id={max}"), Status(404), "decision i64::MAX"),
        case(Member, Req::Api("commendations/awards", ""), Status(422), "awards of no one"),
        case(Member, Req::Api("commendations/awards", "member={neighbour}"), Status(404), "another cell's member's awards"),
        // Dossiers.
        case(Bloc, Req::Api("org/member", "id=-1"), Status(404), "member -1"),
        case(Bloc, Req::Api("org/member", "id={max}"), Status(404), "member i64::MAX"),
        case(Bloc, Req::Api("org/member", "id=1e30"), Status(422), "member 1e30"),
        case(Bloc, Req::Api("org/member", "id=NaN"), Status(422), "member NaN"),
        case(Bloc, Req::Api("org/member", "id=99999999999999999999"), Status(422), "a member id past 64 bits"),
        case(CellSecretary, Req::Api("org/member", "id={member}"), Status(404), "another unit's member"),
        // Structural changes, confirmed (a refused preview is a preview with its problems).
        case(Bloc, Req::Api("org/change", "op=teleport&date=2021-03-01&confirm=1"), Status(422), "an unknown change"),
        case(Bloc, Req::Api("org/change", "op=rename&date=2021-02-30&unit={member_cell}&name=X&confirm=1"), Status(422), "a date that does not exist"),
        case(Bloc, Req::Api("org/change", "op=rename&date=9999-01-01&unit={member_cell}&name=X&confirm=1"), Status(422), "a date far ahead"),
        case(Bloc, Req::Api("org/change", "op=create&date=2021-03-01&unit={bloc}&kind=galaxy&code=XX&name=X&confirm=1"), Status(422), "an unknown kind of unit"),
        case(Bloc, Req::Api("org/change", "op=create&date=2021-03-01&unit={bloc}&kind=grassroots_cell&code={1mb}&name=X&confirm=1"), Status(422), "a 1 MB code"),
        case(Bloc, Req::Api("org/change", "op=rename&date=2021-03-01&unit={member_cell}&name={1mb}&confirm=1"), Status(422), "a 1 MB name"),
        case(Bloc, Req::Api("org/change", "op=status&date=2021-03-01&member={member}&status=zombie&confirm=1"), Status(422), "an unknown status"),
        case(Bloc, Req::Api("org/change", "op=transfer&date=2021-03-01&member=1e30&target={cell}&confirm=1"), Status(422), "member 1e30"),
        case(Bloc, Req::Api("org/change", "op=transfer&date=2021-03-01&member={max}&target={cell}&confirm=1"), Status(422), "member i64::MAX"),
        case(Bloc, Req::Api("org/change", "op=split&date=2021-03-01&unit={member_cell}&code=XX&name=X&members=NaN&confirm=1"), Status(422), "NaN among the members"),
        case(CellSecretary, Req::Api("org/change", "op=rename&date=2021-03-01&unit={member_cell}&name=X&confirm=1"), Status(403), "another unit, by a cell's secretary"),
        // The audit log.
        case(CommitteeSecretary, Req::Api("audit", "from=2021-13-01"), Status(422), "month 13"),
        case(CommitteeSecretary, Req::Api("audit", "to=NaN"), Status(422), "NaN for a date"),
        case(CommitteeSecretary, Req::Api("audit", "unit={1mb}"), Status(404), "1 MB for a code"),
        case(CommitteeSecretary, Req::Api("audit", "unit={cell}"), Status(403), "another unit's log"),
        case(CommitteeSecretary, Req::Api("audit", "actor={1mb}"), Status(422), "a 1 MB name to look for"),
        case(CommitteeSecretary, Req::Api("audit", "action={1mb}"), Status(422), "a 1 MB action to look for"),
        case(CommitteeSecretary, Req::Api("audit", "actor={1mb}&action={1mb}&unit={1mb}"), Status(422), "3 MB, over the limit of a request"),
        // Figures.
        case(Member, Req::Api("summary", "year=-1"), Status(422), "year -1"),
        case(Member, Req::Api("summary", "year={max}"), Status(422), "year i64::MAX"),
        case(Member, Req::Api("summary", "year=1e30"), Status(422), "year 1e30"),
        case(Member, Req::Api("summary", "year=NaN"), Status(422), "year NaN"),
        case(Member, Req::Api("summary", "unit={1mb}"), Status(404), "1 MB for a code"),
        case(Member, Req::Api("summary", "unit={cell_org}"), Status(403), "another unit's figures"),
        case(Bloc, Req::Api("stats/dashboard", "year=-1"), Status(422), "statistics: year -1"),
        case(Bloc, Req::Api("stats/dashboard", "year={max}"), Status(422), "statistics: year i64::MAX"),
        case(Bloc, Req::Api("stats/dashboard", "year=NaN"), Status(422), "statistics: year NaN"),
        case(Bloc, Req::Api("stats/dashboard", "order=zombie"), Status(422), "statistics: an unknown order"),
        case(Bloc, Req::Api("stats/dashboard", "unit={1mb}"), Status(422), "statistics: 1 MB for a code"),
        case(Bloc, Req::Api("stats/dashboard", "unit=NOPE"), Status(404), "statistics: no such unit"),
        case(CellSecretary, Req::Api("stats/dashboard", "unit={cell_org}"), Status(403), "statistics: another unit's"),
        // Commitments: one's own, one member's.
        case(Member, Req::Api("commitments/mine", "year=-1"), Status(404), "year -1"),
        case(Member, Req::Api("commitments/mine", "year=NaN"), Status(422), "year NaN"),
        case(Member, Req::Api("commitments/mine", "year=2147483648"), Status(422), "a year past 32 bits"),
        case(CellSecretary, Req::Api("commitments/one", "year=2021&member={max}"), Status(404), "member i64::MAX"),
        case(CellSecretary, Req::Api("commitments/one", "year=2021&member=-1"), Status(404), "member -1"),
        case(CellSecretary, Req::Api("commitments/one", "year=2021&member={member}"), Status(404), "another unit's member"),
        case(CellSecretary, Req::Api("commitments/one", "year=1e30&member={cellmate}"), Status(422), "year 1e30"),
        // Filing.
        case(Member, Req::Api("commitments/save", "year=2020&version=9999"), Status(409), "a stale version"),
        case(Member, Req::Api("commitments/save", "year=2020&version=-1"), Status(409), "version -1"),
        case(Member, Req::Api("commitments/save", "year=2020&version=NaN"), Status(422), "version NaN"),
        case(Member, Req::Api("commitments/save", "year=2020&version=1e30"), Status(422), "version 1e30"),
        case(Member, Req::Api("commitments/save", "year=-1&version=1"), Status(404), "year -1"),
        case(Member, Req::Api("commitments/save", "year=2020&version=9999&sections[0]={1mb}"), Status(422), "a 1 MB undertaking"),
        case(Member, Req::Api("commitments/save", "year=2020&version=9999&sections[x]=a"), Status(422), "a section that is not a number"),
        // A reviewer's steps.
        case(CellSecretary, Req::Api("commitments/step", "year=2020&member={cellmate}&step=fly&version=1"), Status(422), "an unknown step"),
        case(CellSecretary, Req::Api("commitments/step", "year=2020&member={cellmate}&step=approve&version=9999"), Status(409), "a stale version"),
        case(CellSecretary, Req::Api("commitments/step", "year=2020&member={cellmate}&step=approve&version=-1"), Status(409), "version -1"),
        case(CellSecretary, Req::Api("commitments/step", "year=2020&member={cellmate}&step=approve&version={max}"), Status(409), "version i64::MAX"),
        case(CellSecretary, Req::Api("commitments/step", "year=2020&member={cellmate}&step=approve&version=1e30"), Status(422), "version 1e30"),
        case(CellSecretary, Req::Api("commitments/step", "year={max}&member={cellmate}&step=approve&version=1"), Status(422), "year i64::MAX"),
        case(CellSecretary, Req::Api("commitments/step", "year=2020&member={member}&step=approve&version=1"), Status(404), "another unit's member"),
        case(CellSecretary, Req::Api("commitments/step", "year=2020&member={cellmate}&step=return&version=1&reason={1mb}"), Status(422), "a 1 MB reason"),
        case(CellSecretary, Req::Api("commitments/step", "year=2020&member={cellmate}&step=propose&version=9999&grade=legendary"), Status(409), "an unknown grade on a stale version"),
        // The self-assessment.
        case(Member, Req::Api("commitments/self-assess", "year=2020&version=9999&results[0]=perfect"), Status(409), "a stale version"),
        case(Member, Req::Api("commitments/self-assess", "year=2020&version=NaN"), Status(422), "version NaN"),
        case(Member, Req::Api("commitments/self-assess", "year=2020&version=9999&note={1mb}&grade=legendary"), Status(409), "1 MB and an unknown grade on a stale version"),
        // A cell's review, several at once.
        case(CellSecretary, Req::Api("commitments/review", "cell={member_cell}"), Status(403), "another unit's cell"),
        case(CellSecretary, Req::Api("commitments/review", "cell={1mb}"), Status(404), "1 MB for a code"),
        case(CellSecretary, Req::Api("commitments/review", "year=NaN"), Status(422), "year NaN"),
        case(CellSecretary, Req::Api("commitments/review", "year=-1"), Status(404), "year -1"),
        case(CellSecretary, Req::Api("commitments/approve-many", "year=2020&cell={cell}"), Status(422), "nothing picked"),
        case(CellSecretary, Req::Api("commitments/approve-many", "year=2020&cell={cell}&picks[0]=abc"), Status(422), "a pick that is not member:version"),
        case(CellSecretary, Req::Api("commitments/approve-many", "year=2020&cell={cell}&picks[0]={cellmate}:NaN"), Status(422), "version NaN"),
        case(CellSecretary, Req::Api("commitments/approve-many", "year=2020&cell={cell}&picks[0]={cellmate}:9999"), Status(409), "a stale version"),
        case(CellSecretary, Req::Api("commitments/approve-many", "year=2020&cell={cell}&picks[0]={member}:1"), Status(404), "another unit's member"),
        case(CellSecretary, Req::Api("commitments/approve-many", "year=2020&cell={member_cell}&picks[0]={member}:1"), Status(403), "another unit's cell"),
        case(CellSecretary, Req::Api("commitments/approve-many", "year=2147483648&cell={cell}&picks[0]={cellmate}:1"), Status(422), "a year past 32 bits"),
        // Grading.
        case(CommitteeSecretary, Req::Api("commitments/decide-many", "year=2020&org={committee}&picks[0]={member}:9999"), Status(409), "a stale version"),
        case(CommitteeSecretary, Req::Api("commitments/decide-many", "year=2020&org={committee}&picks[0]={cellmate}:1"), Status(404), "another unit's member"),
        case(CommitteeSecretary, Req::Api("commitments/decide-many", "year=2020&org={cell_org}&picks[0]={cellmate}:1"), Status(403), "another organisation"),
        case(CommitteeSecretary, Req::Api("commitments/decide-many", "year=2020&org={committee}&picks[0]=-1:-1"), Status(404), "member -1"),
        case(CommitteeSecretary, Req::Api("commitments/grading", "org={cell_org}"), Status(403), "another organisation"),
        case(CommitteeSecretary, Req::Api("commitments/grading", "year=NaN"), Status(422), "year NaN"),
        case(CommitteeSecretary, Req::Api("commitments/grading", "year=-1"), Status(404), "year -1"),
        case(CommitteeSecretary, Req::Api("commitments/unit-grade", "year=2021&unit={member_cell}&grade=legendary&version=9999"), Status(422), "an unknown grade"),
        case(CommitteeSecretary, Req::Api("commitments/unit-grade", "year=2021&unit={member_cell}&grade=good&version=9999"), Status(409), "a stale version"),
        case(CommitteeSecretary, Req::Api("commitments/unit-grade", "year=2021&unit={member_cell}&grade=good&version=NaN"), Status(422), "version NaN"),
        case(CommitteeSecretary, Req::Api("commitments/unit-grade", "year=2021&unit={member_cell}&grade=good&version=9999&note={1mb}"), Status(422), "a 1 MB note"),
        case(CommitteeSecretary, Req::Api("commitments/unit-grade", "year=2021&unit={cell}&grade=good&version=9999"), Status(403), "another organisation's cell"),
        case(CommitteeSecretary, Req::Api("commitments/unit-grade", "year=-1&unit={member_cell}&grade=good&version=9999"), Status(404), "year -1"),
        // The years.
        case(Bloc, Req::Api("years/save", STALE_YEAR), Status(409), "a stale version"),
        case(Bloc, Req::Api("years/save", year_form("version=NaN")), Status(422), "version NaN"),
        case(Bloc, Req::Api("years/save", year_form("year={max}&version=1")), Status(422), "year i64::MAX"),
        case(Bloc, Req::Api("years/save", year_form("year=1e30&version=1")), Status(422), "year 1e30"),
        case(Bloc, Req::Api("years/save", year_form("rule_set=rules_1900")), Status(422), "unknown rules"),
        case(Bloc, Req::Api("years/save", year_form("filing=2021-02-30")), Status(422), "a date that does not exist"),
        case(Bloc, Req::Api("years/save", year_form("theme={1mb}")), Status(422), "a 1 MB theme"),
        case(Bloc, Req::Api("years/save", year_form("year=2099&version=0&sections={1mb}")), Status(422), "a 1 MB section"),
        case(Bloc, Req::Form("years/save", "/nam-cam-ket", STALE_YEAR), Back("/nam-cam-ket?__path=", text(|s| s.cm_p_conflict)), "a stale version from the plain form"),
        case(MemberInEnglish, Req::Form("years/save", "/nam-cam-ket", STALE_YEAR), Back("/nam-cam-ket?__path=", text(|s| s.error_forbidden)), "a member, from the plain form, in English"),
        case(Bloc, Req::Form("years/save", "/nam-cam-ket", ""), Back("/nam-cam-ket?__path=", text(invalid)), "no fields, from the plain form"),
        case(MemberInEnglish, Req::Form("years/save", "/nam-cam-ket", "year=NaN"), Back("/nam-cam-ket?__path=", text(invalid)), "year NaN, from the plain form, in English"),
        // Print, accounts, inbox.
        case(Member, Req::Api("export/print", "code={1mb}"), Status(404), "1 MB for a code"),
        case(Member, Req::Api("export/print", "code={closed}"), Status(422), "a unit closed at the merger"),
        case(Admin, Req::Api("accounts", "page=-1"), Ignored, "page -1 is the first"),
        case(Admin, Req::Api("accounts", "page={max}"), Ignored, "page i64::MAX is past the last"),
        case(Admin, Req::Api("accounts", "page=NaN"), Status(422), "page NaN"),
        case(Admin, Req::Api("accounts", "q={1mb}"), Status(422), "a 1 MB search"),
        case(Member, Req::Api("inbox/read", "id=NaN"), Status(422), "notice NaN"),
        case(Member, Req::Api("inbox/read", "id=-1&back={1mb}"), Ignored, "no such notice; 1 MB to go back to"),
        // Logging in and out, the password.
        case(Visitor, Req::Post("/auth/login", ""), Back("/dang-nhap?loi=thieu", text(|s| s.login_error_missing)), "no fields"),
        case(MemberInEnglish, Req::Post("/auth/login", ""), Back("/dang-nhap?loi=thieu", text(|s| s.login_error_missing)), "no fields, in English"),
        case(Visitor, Req::Raw("/auth/login", NOT_UTF8), Back("/dang-nhap?loi=thieu", text(|s| s.login_error_missing)), "not UTF-8"),
        case(Visitor, Req::Post("/auth/login", "username={1mb}&password=x"), Back("/dang-nhap?loi=sai", text(|s| s.login_error_wrong)), "a 1 MB username"),
        case(Visitor, Req::Post("/auth/login", "username=x&password={1mb}"), Back("/dang-nhap?loi=sai", text(|s| s.login_error_wrong)), "a 1 MB password"),
        case(Visitor, Req::Post("/auth/logout", "x={1mb}"), Back("/", None), "1 MB of nothing: logged out, home"),
        case(Visitor, Req::Post("/auth/password", ""), Back("/dang-nhap?next=/doi-mat-khau", None), "a visitor: the login first"),
        case(Member, Req::Post("/auth/password", ""), Back("/doi-mat-khau?loi=thieu", text(|s| s.password_error_missing)), "no fields"),
        case(MemberInEnglish, Req::Post("/auth/password", ""), Back("/doi-mat-khau?loi=thieu", text(|s| s.password_error_missing)), "no fields, in English"),
        case(Member, Req::Raw("/auth/password", NOT_UTF8), Back("/doi-mat-khau?loi=thieu", text(|s| s.password_error_missing)), "not UTF-8"),
        case(Member, Req::Post("/auth/password", "current={1mb}&new=x&confirm=x"), Back("/doi-mat-khau?loi=sai", text(|s| s.password_error_wrong)), "a 1 MB current password"),
        case(Member, Req::Post("/auth/password", "current=x&new={1mb}&confirm=x"), Back("/doi-mat-khau?loi=dai", text(|s| s.password_error_long)), "a 1 MB new password"),
        // Accounts.
        case(Admin, Req::Post("/auth/accounts/disable", ""), Status(422), "no fields"),
        case(Admin, Req::Raw("/auth/accounts/disable", NOT_UTF8), Status(422), "not UTF-8"),
        case(Admin, Req::Post("/auth/accounts/disable", "user_id=NaN&disabled=1"), Status(422), "account NaN"),
        case(Admin, Req::Post("/auth/accounts/disable", "user_id={max}&disabled=1"), Status(404), "account i64::MAX"),
        case(Admin, Req::Post("/auth/accounts/disable", "user_id=-1&disabled=1"), Status(404), "account -1"),
        case(Admin, Req::Post("/auth/accounts/disable", "user_id={member_user}"), Status(422), "neither disable nor enable"),
        case(Admin, Req::Post("/auth/accounts/disable", "user_id={member_user}&disabled=maybe"), Status(422), "an unknown value"),
        case(Admin, Req::Post("/auth/accounts/reset", ""), Status(422), "no fields"),
        case(Admin, Req::Post("/auth/accounts/reset", "user_id=1e30"), Status(422), "account 1e30"),
        case(Admin, Req::Post("/auth/accounts/reset", "user_id={max}"), Status(404), "account i64::MAX"),
        case(Member, Req::Post("/auth/accounts/create", "x={1mb}"), Status(403), "a member"),
        // The import's confirmation and upload.
        case(Bloc, Req::Post("/nhap-du-lieu", ""), Back("/nhap-du-lieu?loi=thieu", text(|s| s.import_fail_thieu)), "no fields"),
        case(Bloc, Req::Raw("/nhap-du-lieu", NOT_UTF8), Back("/nhap-du-lieu?loi=thieu", text(|s| s.import_fail_thieu)), "not UTF-8"),
        case(Bloc, Req::Post("/nhap-du-lieu", "token={1mb}&mode=tat-ca"), Back("/nhap-du-lieu?loi=het_han", text(|s| s.import_fail_het_han)), "a 1 MB token"),
        case(Bloc, Req::Post("/nhap-du-lieu", "token=x&mode=sideways"), Back("/nhap-du-lieu?loi=het_han", text(|s| s.import_fail_het_han)), "an unknown mode"),
        case(Bloc, Req::RawAs("/nhap-du-lieu", "multipart/form-data; boundary=X", b"--X\r\nnonsense\xff"), Back("/nhap-du-lieu?loi=", None), "a broken upload"),
        // The language switch.
        case(Visitor, Req::Get("/lang/xx"), Status(404), "an unknown language"),
        case(Visitor, Req::Get("/lang/%FF"), Status(404), "a language that is not UTF-8"),
        case(Visitor, Req::Get("/lang/vi?back=/don-vi&back=/so-do"), Back("/", None), "two places to go back to: home"),
        // Exports.
        case(Member, Req::Get("/xuat/so-do.svg?ngay=2021-02-30"), Status(422), "a date that does not exist"),
        case(Member, Req::Get("/xuat/so-do.svg?ngay=x&ngay=y"), Status(422), "two dates"),
        case(Member, Req::Get("/xuat/so-do.png?scale=NaN"), Status(422), "scale NaN"),
        case(Member, Req::Get("/xuat/so-do.png?scale=1e30"), Status(422), "scale 1e30"),
        case(Member, Req::Get("/xuat/so-do.png?scale=-1"), Status(422), "scale -1"),
        case(Member, Req::Get("/xuat/%FF.svg"), Status(422), "a file name that is not UTF-8"),
        case(Member, Req::Get("/xuat/don-vi/%FF.csv"), Status(422), "a code that is not UTF-8"),
        case(Member, Req::Get("/xuat/don-vi/NOPE.xlsx"), Status(404), "no such unit"),
        case(Member, Req::Get("/xuat/don-vi/{bloc}.exe"), Status(404), "no such format"),
        case(Member, Req::Get("/xuat/don-vi/{cell_org}/dang-vien.csv"), Status(403), "another unit's members"),
        case(CommitteeSecretary, Req::Get("/xuat/xep-loai/{committee}.xlsx?nam=NaN"), Status(422), "year NaN"),
        case(CommitteeSecretary, Req::Get("/xuat/xep-loai/{committee}.xlsx?nam=-1"), Status(404), "year -1"),
        case(CommitteeSecretary, Req::Get("/xuat/xep-loai/{committee}.xlsx?nam=99999999999"), Status(422), "a year past 32 bits"),
        case(CommitteeSecretary, Req::Get("/xuat/cam-ket/{committee}.xlsx?nam=2020&nam=2021"), Status(422), "two years"),
        case(CommitteeSecretary, Req::Get("/xuat/cam-ket/{cell_org}.xlsx?nam=2020"), Status(403), "another organisation"),
        case(Visitor, Req::Get("/nhap-du-lieu/mau.csv?bang=x&bang=y"), Status(422), "two tables"),
        // Pages given nonsense in the address.
        case(Bloc, Req::Get("/dang-vien/abc"), Status(404), "a member page for no number"),
        case(Bloc, Req::Get("/dang-vien/99999999999999999999"), Status(404), "a member id past 64 bits"),
        case(Bloc, Req::Get("/dang-vien/{max}"), Status(404), "member i64::MAX"),
        case(Bloc, Req::Get("/don-vi/%FF"), Status(404), "a unit code that is not UTF-8"),
        case(Admin, Req::Get("/quan-tri/tai-khoan?trang=NaN"), Ignored, "page NaN is the first"),
        case(Member, Req::Get("/so-do?ngay=2021-02-30"), Status(422), "a date that does not exist"),
        case(CellSecretary, Req::Get("/duyet-cam-ket?chi-bo={member_cell}"), Status(403), "another unit's cell"),
    ]
}

/// Sends one case and checks its answer; `Err` says what is wrong.
async fn check(
    srv: &TestServer,
    callers: &Callers,
    facts: &Facts,
    case: &Case,
) -> Result<(), String> {
    let c = callers.of(case.who);
    let answer = send(c, &srv.base, facts, case.req).await?;
    let (status, location) = (answer.status, answer.location.as_deref().unwrap_or(""));
    match case.expect {
        Status(want) => {
            if status != want {
                return Err(format!("{status}, not {want}: {:.300}", answer.body));
            }
            readable(&answer)
        }
        Back(to, message) => {
            let there = match to {
                "/" => location == "/",
                _ => location.starts_with(to),
            };
            if !matches!(status, 302 | 303) || !there {
                return Err(format!("{status} to {location:?}, not back to {to}"));
            }
            let Some(message) = message else {
                return Ok(());
            };
            let page = c
                .get(format!("{}{location}", srv.base))
                .send()
                .await
                .map_err(|e| format!("{location}: no answer: {e}"))?
                .text()
                .await
                .map_err(|e| format!("{location}: cut: {e}"))?;
            let said = message(strings(case.who.locale()));
            if !shows(&page, said) {
                return Err(format!("{location} does not say {said:?}"));
            }
            Ok(())
        }
        Ignored if (200..300).contains(&status) => Ok(()),
        Ignored => Err(format!("{status}, not taken: {:.300}", answer.body)),
    }
}

#[tokio::test]
async fn bad_input_is_refused_readably_and_writes_nothing() {
    let srv = demo_server_with_backups().await;
    let everyone = [
        Visitor,
        Member,
        CellSecretary,
        CommitteeSecretary,
        Bloc,
        Admin,
        MemberInEnglish,
    ];
    let callers = Callers::log_in(&srv, &everyone).await;
    let facts = Facts::find(&srv, &callers).await;
    let mut all: Vec<Case> = Vec::new();
    for (endpoint, who, needs_fields) in FUNCTIONS {
        let path: &'static str = format!("/api/{endpoint}").leak();
        all.push(case(
            who,
            Req::Raw(path, NOT_UTF8),
            Status(422),
            "a body that is not UTF-8",
        ));
        if needs_fields {
            all.push(case(who, Req::Api(endpoint, ""), Status(422), "no fields"));
        }
    }
    all.extend(cases());

    let started = std::time::Instant::now();
    let mut faults = Vec::new();
    for case in &all {
        let before = srv.store.counts().await.unwrap();
        let outcome = check(&srv, &callers, &facts, case).await;
        let after = srv.store.counts().await.unwrap();
        let label = format!("{:?} {} — {}", case.who, describe(case.req), case.what);
        match outcome {
            Err(e) => faults.push(format!("{label}: {e}")),
            _ if before != after => faults.push(format!("{label}: wrote {before:?} → {after:?}")),
            _ => {}
        }
    }
    eprintln!(
        "sweep: {} cases over {} server functions and the form handlers in {:.1?}",
        all.len(),
        FUNCTIONS.len(),
        started.elapsed()
    );
    assert!(
        faults.is_empty(),
        "{} faults:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

/// A case's request in a line (1 MB values shortened).
fn describe(req: Req) -> String {
    let short = |s: &str| s.replace("{1mb}", "<1 MB>");
    match req {
        Req::Api(endpoint, body) => format!("/api/{endpoint} {}", short(body)),
        Req::Form(endpoint, page, body) => format!("/api/{endpoint} from {page} {}", short(body)),
        Req::Post(path, body) => format!("POST {path} {}", short(body)),
        Req::Raw(path, _) | Req::RawAs(path, _, _) => format!("POST {path} <bytes>"),
        Req::Get(path) => format!("GET {}", short(path)),
    }
}
