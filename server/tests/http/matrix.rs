//! The permission matrix over HTTP: every server function and form handler,
//! called by a visitor and by each of the demo's roles, on a target inside
//! the caller's scope and on one outside it, answers what DESIGN.md's rules
//! say (`domain::authz` has the same matrix for `can` alone). Reads that
//! succeed are then looked into: nothing out of the caller's scope in them.
//!
//! The targets, found in the demo's data (see `sweep::Facts`):
//! - `{member}`, the demo member, in `{member_cell}` of `{committee}`; the
//!   committee secretary leads both that committee and that cell;
//! - `{neighbour}`, in `{neighbour_cell}`, another cell of `{committee}`,
//!   which the committee secretary reaches as the committee's only;
//! - `{cellmate}`, a member of `{cell}`, which the cell secretary leads, in
//!   `{cell_org}`, another grassroots committee;
//! - the bloc `{bloc}` (all of them are in the bloc standing member's scope).
//!
//! Writes go on a stale version (9999) or as a preview, so that one allowed
//! answers 409 (or 200 for a preview) and writes nothing, and the cases do
//! not disturb each other; one refused must answer 401 (not logged in),
//! 403 (out of scope) or 404 (whose existence is not to be revealed).

use crate::support::demo_server_with_backups;
use crate::sweep::{Answer, Callers, Facts, Req, STALE_YEAR, Who, send};

/// Every server function and form handler: each caller's status. Columns:
/// visitor, member, cell secretary, committee secretary, bloc standing
/// member, administrator; 0: not sent here (see the row).
#[rustfmt::skip]
const MATRIX: &[(&str, Req, [u16; 6])] = &[
    //                                                                                                              vis  mem  cel  com  blc  adm
    // Who is logged in, the chart, search: open to everyone logged in (members found only within scope, below).
    ("who is logged in",                 Req::Api("me", ""),                                                        [200, 200, 200, 200, 200, 200]),
    ("the chart",                        Req::Api("org/chart", ""),                                                 [401, 200, 200, 200, 200, 200]),
    ("a level: the member's committee",  Req::Api("org/level", "parent={committee}"),                               [401, 200, 200, 200, 200, 200]),
    ("a level: the cell's committee",    Req::Api("org/level", "parent={cell_org}"),                                [401, 200, 200, 200, 200, 200]),
    ("search: the cellmate's name",      Req::Api("org/search", "query={cellmate_name}"),                           [401, 200, 200, 200, 200, 200]),
    ("unit page: the member's cell",     Req::Api("org/unit", "code={member_cell}"),                                [401, 200, 200, 200, 200, 200]),
    ("unit page: the secretary's cell",  Req::Api("org/unit", "code={cell}"),                                       [401, 200, 200, 200, 200, 200]),
    ("print: the member's cell",         Req::Api("export/print", "code={member_cell}"),                            [401, 200, 200, 200, 200, 200]),
    ("print: the secretary's cell",      Req::Api("export/print", "code={cell}"),                                   [401, 200, 200, 200, 200, 200]),
    // A dossier: the member, the leaders of their units and above; nobody else learns it exists.
    ("dossier: the member",              Req::Api("org/member", "id={member}"),                                     [401, 200, 404, 200, 200, 404]),
    ("dossier: the neighbour",           Req::Api("org/member", "id={neighbour}"),                                  [401, 404, 404, 200, 200, 404]),
    ("dossier: the cellmate",            Req::Api("org/member", "id={cellmate}"),                                   [401, 404, 200, 404, 200, 404]),
    // Structural changes (previews): the bloc's standing committee and administrators.
    ("rename preview: the member's cell", Req::Api("org/change", "op=rename&date=2021-03-01&unit={member_cell}&name=Chi+b%E1%BB%99+M%E1%BB%9Bi"), [401, 403, 403, 403, 200, 200]),
    ("rename preview: the secretary's cell", Req::Api("org/change", "op=rename&date=2021-03-01&unit={cell}&name=Chi+b%E1%BB%99+M%E1%BB%9Bi"), [401, 403, 403, 403, 200, 200]),
    ("transfer preview: the member",     Req::Api("org/change", "op=transfer&date=2021-03-01&member={member}&target={cell}"), [401, 403, 403, 403, 200, 200]),
    // The audit log: a unit's secretaries and standing members for its subtree; administrators.
    ("audit: the member's cell",         Req::Api("audit", "unit={member_cell}"),                                   [401, 403, 403, 200, 200, 200]),
    ("audit: the secretary's cell",      Req::Api("audit", "unit={cell}"),                                          [401, 403, 200, 403, 200, 200]),
    ("audit: all one may read",          Req::Api("audit", ""),                                                     [401, 403, 200, 200, 200, 200]),
    // Figures: the bloc's for all; a unit's for its members' own cell and its leaders.
    ("figures: the bloc",                Req::Api("summary", "unit={bloc}"),                                        [200, 200, 200, 200, 200, 200]),
    ("figures: the member's cell",       Req::Api("summary", "unit={member_cell}"),                                 [401, 200, 403, 200, 200, 403]),
    ("figures: the secretary's cell",    Req::Api("summary", "unit={cell}"),                                        [401, 403, 200, 403, 200, 403]),
    ("figures: the member's committee",  Req::Api("summary", "unit={committee}"),                                   [401, 403, 403, 200, 200, 403]),
    // Commitments: one's own (staff accounts have none); another's for those who may read their dossier.
    ("my commitment",                    Req::Api("commitments/mine", ""),                                          [401, 200, 200, 200, 200, 404]),
    ("a commitment: the member's",       Req::Api("commitments/one", "year=2020&member={member}"),                  [401, 200, 404, 200, 200, 404]),
    ("a commitment: the cellmate's",     Req::Api("commitments/one", "year=2020&member={cellmate}"),                [401, 404, 200, 404, 200, 404]),
    ("file one's own (stale)",           Req::Api("commitments/save", "year=2020&version=9999"),                    [401, 409, 409, 409, 409, 404]),
    ("self-assess one's own (stale)",    Req::Api("commitments/self-assess", "year=2020&version=9999"),             [401, 409, 409, 409, 409, 404]),
    // Review: the member's cell secretary (not their own); grade decisions: the grassroots organisation's leadership.
    ("approve: the member",              Req::Api("commitments/step", "year=2020&member={member}&step=approve&version=9999"),    [401, 403, 404, 409, 403, 404]),
    ("approve: the neighbour",           Req::Api("commitments/step", "year=2020&member={neighbour}&step=approve&version=9999"), [401, 404, 404, 403, 403, 404]),
    ("approve: the cellmate",            Req::Api("commitments/step", "year=2020&member={cellmate}&step=approve&version=9999"),  [401, 404, 409, 404, 403, 404]),
    ("decide: the neighbour",            Req::Api("commitments/step", "year=2020&member={neighbour}&step=decide&grade=good&version=9999"), [401, 404, 404, 409, 403, 404]),
    ("decide: the cellmate",             Req::Api("commitments/step", "year=2020&member={cellmate}&step=decide&grade=good&version=9999"),  [401, 404, 403, 404, 403, 404]),
    ("review: the member's cell",        Req::Api("commitments/review", "cell={member_cell}"),                      [401, 403, 403, 200, 403, 403]),
    ("review: the neighbour's cell",     Req::Api("commitments/review", "cell={neighbour_cell}"),                   [401, 403, 403, 403, 403, 403]),
    ("review: the secretary's cell",     Req::Api("commitments/review", "cell={cell}"),                             [401, 403, 200, 403, 403, 403]),
    ("approve several: the member's cell", Req::Api("commitments/approve-many", "year=2020&cell={member_cell}&picks[0]={member}:9999"), [401, 403, 403, 409, 403, 403]),
    ("approve several: the neighbour's cell", Req::Api("commitments/approve-many", "year=2020&cell={neighbour_cell}&picks[0]={neighbour}:9999"), [401, 403, 403, 403, 403, 403]),
    ("approve several: the secretary's cell", Req::Api("commitments/approve-many", "year=2020&cell={cell}&picks[0]={cellmate}:9999"), [401, 403, 409, 403, 403, 403]),
    ("grading: the member's committee",  Req::Api("commitments/grading", "org={committee}"),                        [401, 403, 403, 200, 403, 403]),
    ("grading: the cell's committee",    Req::Api("commitments/grading", "org={cell_org}"),                         [401, 403, 403, 403, 403, 403]),
    ("grading: the bloc's organisations", Req::Api("commitments/grading", "org={bloc}"),                            [401, 403, 403, 403, 200, 403]),
    ("decide several: the member's committee", Req::Api("commitments/decide-many", "year=2020&org={committee}&picks[0]={member}:9999"), [401, 403, 403, 409, 403, 403]),
    ("decide several: the cell's committee", Req::Api("commitments/decide-many", "year=2020&org={cell_org}&picks[0]={cellmate}:9999"), [401, 403, 403, 403, 403, 403]),
    // Grading organisations: a grassroots committee its cells, the bloc its grassroots organisations.
    ("grade: the member's cell",         Req::Api("commitments/unit-grade", "year=2021&unit={member_cell}&grade=good&version=9999"), [401, 403, 403, 409, 403, 403]),
    ("grade: the secretary's cell",      Req::Api("commitments/unit-grade", "year=2021&unit={cell}&grade=good&version=9999"),        [401, 403, 403, 403, 403, 403]),
    ("grade: the member's committee",    Req::Api("commitments/unit-grade", "year=2021&unit={committee}&grade=good&version=9999"),   [401, 403, 403, 403, 409, 403]),
    // The years: read by all logged in, set up by the bloc's standing committee.
    ("the years",                        Req::Api("years", ""),                                                     [401, 200, 200, 200, 200, 200]),
    ("set up a year (stale)",            Req::Api("years/save", STALE_YEAR),                                          [401, 403, 403, 403, 409, 403]),
    // One's own inbox.
    ("inbox",                            Req::Api("inbox", ""),                                                     [401, 200, 200, 200, 200, 200]),
    ("unread notices (a visitor: none)", Req::Api("inbox/unread", ""),                                              [200, 200, 200, 200, 200, 200]),
    ("mark a notice read",               Req::Api("inbox/read", "id={max}"),                                        [401, 200, 200, 200, 200, 200]),
    // Accounts: administrators.
    ("accounts",                         Req::Api("accounts", ""),                                                  [401, 403, 403, 403, 403, 200]),
    ("disable: no such account",         Req::Post("/auth/accounts/disable", "user_id={max}&disabled=1"),          [401, 403, 403, 403, 403, 404]),
    ("reset: no such account",           Req::Post("/auth/accounts/reset", "user_id={max}"),                        [401, 403, 403, 403, 403, 404]),
    // (An administrator's batch would create a hundred accounts: accounts.rs has it.)
    ("create accounts",                  Req::Post("/auth/accounts/create", ""),                                   [401, 403, 403, 403, 403,   0]),
    // Backups: administrators (the list; a download of a name that is no backup).
    ("backups",                          Req::Api("backups", ""),                                                   [401, 403, 403, 403, 403, 200]),
    ("backup file: not a backup's name", Req::Get("/quan-tri/sao-luu/tep/dangbo.sqlite3"),                          [401, 403, 403, 403, 403, 404]),
    // Import: the bloc's standing committee and administrators (back to the page: no upload waits).
    ("import page",                      Req::Api("import", ""),                                                    [401, 403, 403, 403, 200, 200]),
    ("may import (what it says: below)", Req::Api("can_import", ""),                                                [200, 200, 200, 200, 200, 200]),
    ("import: confirm",                  Req::Post("/nhap-du-lieu", "token=x&mode=tat-ca"),                         [401, 403, 403, 403, 303, 303]),
    ("import templates",                 Req::Get("/nhap-du-lieu/mau.csv"),                                         [200, 200, 200, 200, 200, 200]),
    // Exports: the structure for all logged in; members and grades within scope.
    ("export: the chart",                Req::Get("/xuat/so-do.svg"),                                               [401, 200, 200, 200, 200, 200]),
    ("export: the member's committee, CSV", Req::Get("/xuat/don-vi/{committee}.csv"),                               [401, 200, 200, 200, 200, 200]),
    ("export: the member's committee, XLSX", Req::Get("/xuat/don-vi/{committee}.xlsx"),                             [401, 200, 200, 200, 200, 200]),
    ("export: the cell's committee, XLSX", Req::Get("/xuat/don-vi/{cell_org}.xlsx"),                                [401, 200, 200, 200, 200, 200]),
    ("export: members of the member's cell", Req::Get("/xuat/don-vi/{member_cell}/dang-vien.csv"),                  [401, 403, 403, 200, 200, 403]),
    ("export: members of the secretary's cell", Req::Get("/xuat/don-vi/{cell}/dang-vien.csv"),                      [401, 403, 200, 403, 200, 403]),
    ("export: grades of the member's committee", Req::Get("/xuat/xep-loai/{committee}.xlsx?nam=2020"),              [401, 403, 403, 200, 200, 403]),
    ("export: grades of the cell's committee", Req::Get("/xuat/xep-loai/{cell_org}.xlsx?nam=2020"),                 [401, 403, 403, 403, 200, 403]),
    ("export: commitments of the member's committee", Req::Get("/xuat/cam-ket/{committee}.xlsx?nam=2020"),          [401, 403, 403, 200, 200, 403]),
    ("export: commitments of the cell's committee", Req::Get("/xuat/cam-ket/{cell_org}.xlsx?nam=2020"),             [401, 403, 403, 403, 200, 403]),
    // Commendations: lists and the register for everyone logged in (their own units' only); proposals
    // made by a unit's leadership (an unknown year refuses an allowed caller before anything is written).
    ("commendations: one's lists",       Req::Api("commendations/list", ""),                                        [401, 200, 200, 200, 200, 200]),
    ("commendations: the register",      Req::Api("commendations/decisions", ""),                                   [401, 200, 200, 200, 200, 200]),
    ("propose: from the member's cell",  Req::Api("commendations/new", "unit={member_cell}&to={committee}&year=1999&occasion=thematic&form=certificate&title=x"), [401, 403, 403, 422, 403, 403]),
    ("propose: from the secretary's cell", Req::Api("commendations/new", "unit={cell}&to={cell_org}&year=1999&occasion=thematic&form=certificate&title=x"), [401, 403, 422, 403, 403, 403]),
    ("propose: from the bloc",           Req::Api("commendations/new", "unit={bloc}&to=&year=1999&occasion=thematic&form=provincial_certificate&title=x"), [401, 403, 403, 403, 422, 403]),
    ("a proposal: none such",            Req::Api("commendations/one", "id=999999"),                                [401, 404, 404, 404, 404, 404]),
    ("a decision: none such",            Req::Api("commendations/decision", "id=999999"),                           [401, 404, 404, 404, 404, 404]),
    ("awards: the member's",             Req::Api("commendations/awards", "member={member}"),                       [401, 200, 404, 200, 200, 404]),
    ("awards: the cellmate's",           Req::Api("commendations/awards", "member={cellmate}"),                     [401, 404, 200, 404, 200, 404]),
    // The committee's dashboard: a unit's leadership, for its subtree.
    ("statistics: one's widest unit",    Req::Api("stats/dashboard", ""),                                           [401, 403, 200, 200, 200, 403]),
    ("statistics: the bloc",             Req::Api("stats/dashboard", "unit={bloc}"),                                [401, 403, 403, 403, 200, 403]),
    ("statistics: the member's committee", Req::Api("stats/dashboard", "unit={committee}"),                         [401, 403, 403, 200, 200, 403]),
    ("statistics: the secretary's cell", Req::Api("stats/dashboard", "unit={cell}"),                                [401, 403, 200, 403, 200, 403]),
    ("members behind a figure: the bloc", Req::Api("stats/members", "unit={bloc}&filter=chua-lap"),           [401, 403, 403, 403, 200, 403]),
    ("members behind a figure: the secretary's cell", Req::Api("stats/members", "unit={cell}&filter=chua-lap"), [401, 403, 200, 403, 200, 403]),
    ("statistics sheet: the bloc",       Req::Get("/xuat/thong-ke.xlsx?don-vi={bloc}"),                             [401, 403, 403, 403, 200, 403]),
    ("statistics sheet: the secretary's cell", Req::Get("/xuat/thong-ke.xlsx?don-vi={cell}"),                       [401, 403, 200, 403, 200, 403]),
    // Resolution targets: read like the dashboard, set by the unit's own leadership (an unknown year
    // refuses an allowed caller before anything is written).
    ("targets: one's widest unit",       Req::Api("targets/list", ""),                                              [401, 403, 200, 200, 200, 403]),
    ("targets: the bloc",                Req::Api("targets/list", "unit={bloc}"),                                   [401, 403, 403, 403, 200, 403]),
    ("targets: the secretary's cell",    Req::Api("targets/list", "unit={cell}"),                                   [401, 403, 200, 403, 200, 403]),
    ("add a target: the member's cell",  Req::Api("targets/save", "unit={member_cell}&year=1999&indicator=admissions&target=1"), [401, 403, 403, 422, 403, 403]),
    ("add a target: the secretary's cell", Req::Api("targets/save", "unit={cell}&year=1999&indicator=admissions&target=1"), [401, 403, 422, 403, 403, 403]),
    ("add a target: the bloc",           Req::Api("targets/save", "unit={bloc}&year=1999&indicator=admissions&target=1"), [401, 403, 403, 403, 422, 403]),
    ("change a target: none such",       Req::Api("targets/save", "id=999999&version=1&indicator=admissions&target=1"), [401, 404, 404, 404, 404, 404]),
    ("delete a target: none such",       Req::Api("targets/delete", "id=999999&version=1"),                         [401, 404, 404, 404, 404, 404]),
    // The Steering Committee 35 and its helpers: read like the dashboard, set up by the unit's own
    // leadership (a date in the future refuses an allowed caller before anything is written).
    ("bodies: one's widest unit",        Req::Api("bodies/list", ""),                                               [401, 403, 200, 200, 200, 403]),
    ("bodies: the bloc",                 Req::Api("bodies/list", "unit={bloc}"),                                    [401, 403, 403, 403, 200, 403]),
    ("bodies: the secretary's cell",     Req::Api("bodies/list", "unit={cell}"),                                    [401, 403, 200, 403, 200, 403]),
    ("set up a body: the member's cell", Req::Api("bodies/new", "unit={member_cell}&kind=collaborators&name=x&since=2999-01-01"), [401, 403, 403, 422, 403, 403]),
    ("set up a body: the secretary's cell", Req::Api("bodies/new", "unit={cell}&kind=collaborators&name=x&since=2999-01-01"), [401, 403, 422, 403, 403, 403]),
    ("set up a body: the bloc",          Req::Api("bodies/new", "unit={bloc}&kind=collaborators&name=x&since=2999-01-01"), [401, 403, 403, 403, 422, 403]),
    ("add to a body: none such",         Req::Api("bodies/add", "body=999999&version=1&role=member&from=2021-01-01&full_name=x"), [401, 404, 404, 404, 404, 404]),
    ("see out of a body: none such",     Req::Api("bodies/end", "body=999999&version=1&person=1"),                  [401, 404, 404, 404, 404, 404]),
    ("a body's list: none such",         Req::Get("/xuat/ban-chi-dao/999999.xlsx"),                                 [401, 404, 404, 404, 404, 404]),
    ("good models: the registry",        Req::Api("good-models/list", ""),                                          [401, 200, 200, 200, 200, 200]),
    ("good models: the member's cell's", Req::Api("good-models/list", "unit={member_cell}"),                        [401, 200, 200, 200, 200, 200]),
    ("a good model: none such",          Req::Api("good-models/one", "id=999999"),                                  [401, 404, 404, 404, 404, 404]),
    ("register a model: the member's cell", Req::Api("good-models/save", "unit={member_cell}&year=1999&title=x&field=economy"), [401, 403, 403, 422, 403, 403]),
    ("register a model: the secretary's cell", Req::Api("good-models/save", "unit={cell}&year=1999&title=x&field=economy"), [401, 403, 422, 403, 403, 403]),
    ("register a model: the bloc",       Req::Api("good-models/save", "unit={bloc}&year=1999&title=x&field=economy"), [401, 403, 403, 403, 422, 403]),
    ("recognise a model: none such",     Req::Api("good-models/recognise", "id=999999&version=1"),                  [401, 404, 404, 404, 404, 404]),
    ("badges: one's widest unit",        Req::Api("badges/list", ""),                                               [401, 403, 200, 200, 200, 403]),
    ("badges: the member's committee",   Req::Api("badges/list", "unit={committee}"),                               [401, 403, 403, 200, 200, 403]),
    ("badges: the secretary's cell",     Req::Api("badges/list", "unit={cell}"),                                    [401, 403, 200, 403, 200, 403]),
    ("badge mark: the member",           Req::Api("badges/mark", "member={member}&early=zombie"),                   [401, 403, 404, 422, 403, 404]),
    ("badge mark: the cellmate",         Req::Api("badges/mark", "member={cellmate}&early=zombie"),                 [401, 404, 422, 404, 403, 404]),
    ("lost badge: the member",           Req::Api("badges/lost", "member={member}&badge=1&date=zombie"),            [401, 403, 404, 422, 403, 404]),
    ("lost badge: the cellmate",         Req::Api("badges/lost", "member={cellmate}&badge=1&date=zombie"),          [401, 404, 422, 404, 403, 404]),
    // The province's decisions and members' records: the bloc's leadership (records also administrators).
    ("badge decision: a bad number",     Req::Api("badges/record", "on=2021-09-02&decision=x&member%5B0%5D={member}&badge%5B0%5D=1"), [401, 403, 403, 403, 422, 403]),
    ("badge replacement: a bad number",  Req::Api("badges/replace", "on=2021-09-02&decision=x&lost%5B0%5D=1&badge%5B0%5D=1"), [401, 403, 403, 403, 422, 403]),
    ("discipline: the member",           Req::Api("badges/discipline", "member={member}&date=2021-03-01&form=exile"), [401, 403, 404, 403, 422, 422]),
    ("time outside: the cellmate",       Req::Api("badges/gap", "member={cellmate}&from=2001-01-01&to=2000-01-01"),  [401, 404, 403, 404, 422, 422]),
    ("a dossier's file: none such",      Req::Get("/tep-ho-so/999999"),                                             [401, 404, 404, 404, 404, 404]),
    ("awards: the member's cell",        Req::Api("commendations/awards", "unit={member_cell}"),                    [401, 200, 200, 200, 200, 200]),
    // Forms every visitor may post: the language, the password page (a visitor is sent to log in first).
    ("language",                         Req::Get("/lang/vi?back=/"),                                               [303, 303, 303, 303, 303, 303]),
    ("health",                           Req::Get("/healthz"),                                                      [200, 200, 200, 200, 200, 200]),
    ("log in with a wrong password",     Req::Post("/auth/login", "username=99999999&password=x"),                 [303, 303, 303, 303, 303, 303]),
    ("password: no fields",              Req::Post("/auth/password", ""),                                           [303, 303, 303, 303, 303, 303]),
    // Last: logging out ends the sessions the rows above used.
    ("log out",                          Req::Post("/auth/logout", ""),                                             [303, 303, 303, 303, 303, 303]),
];

/// What a read is looked into for.
#[derive(Clone, Copy)]
enum Probe {
    /// A page of the unit's members.
    Members,
    /// The unit's figures.
    Figures,
    /// The cellmate among the hits.
    FindsCellmate,
    /// Members on any printed page.
    PrintedMembers,
    /// A sheet of members in the workbook.
    MembersSheet,
    /// The flag of that name says yes (the whole answer, for "").
    Says(&'static str),
}

/// Successful reads, and whether each caller finds in them what only those
/// whose scope holds it may see (1) or not (0).
#[rustfmt::skip]
const SEES: &[(&str, Req, Probe, [u8; 6])] = &[
    //                                                                                                     vis mem cel com blc adm
    ("members on the member's cell's page",    Req::Api("org/unit", "code={member_cell}"), Probe::Members,        [0, 0, 0, 1, 1, 0]),
    ("members on the secretary's cell's page", Req::Api("org/unit", "code={cell}"),        Probe::Members,        [0, 0, 1, 0, 1, 0]),
    ("figures on the member's cell's page",    Req::Api("org/unit", "code={member_cell}"), Probe::Figures,        [0, 1, 0, 1, 1, 0]),
    ("figures on the secretary's cell's page", Req::Api("org/unit", "code={cell}"),        Probe::Figures,        [0, 0, 1, 0, 1, 0]),
    ("the cellmate found by name",             Req::Api("org/search", "query={cellmate_name}"), Probe::FindsCellmate, [0, 0, 1, 0, 1, 0]),
    ("members printed: the member's cell",     Req::Api("export/print", "code={member_cell}"), Probe::PrintedMembers, [0, 0, 0, 1, 1, 0]),
    ("members printed: the secretary's cell",  Req::Api("export/print", "code={cell}"),    Probe::PrintedMembers, [0, 0, 1, 0, 1, 0]),
    ("members sheet: the member's committee",  Req::Get("/xuat/don-vi/{committee}.xlsx"), Probe::MembersSheet,   [0, 0, 0, 1, 1, 0]),
    ("members sheet: the cell's committee",    Req::Get("/xuat/don-vi/{cell_org}.xlsx"),  Probe::MembersSheet,   [0, 0, 0, 0, 1, 0]),
    // What the pages are told the caller may do (the server still decides each time, above).
    ("may change the member's cell",           Req::Api("org/unit", "code={member_cell}"), Probe::Says("can_change"), [0, 0, 0, 0, 1, 1]),
    ("may change the member",                  Req::Api("org/member", "id={member}"),     Probe::Says("can_change"), [0, 0, 0, 0, 1, 0]),
    ("may file a commitment",                  Req::Api("me", ""),                        Probe::Says("can_file"),   [0, 1, 1, 1, 1, 0]),
    ("may review commitments",                 Req::Api("me", ""),                        Probe::Says("can_review"), [0, 0, 1, 1, 0, 0]),
    ("may grade",                              Req::Api("me", ""),                        Probe::Says("can_grade"),  [0, 0, 0, 1, 1, 0]),
    ("may read the audit log",                 Req::Api("me", ""),                        Probe::Says("can_view_audit"), [0, 0, 1, 1, 1, 1]),
    ("may open the statistics",                Req::Api("me", ""),                        Probe::Says("can_view_stats"), [0, 0, 1, 1, 1, 0]),
    ("may set up years",                       Req::Api("years", ""),                     Probe::Says("can_manage"), [0, 0, 0, 0, 1, 0]),
    ("may import",                             Req::Api("can_import", ""),                Probe::Says(""),           [0, 0, 0, 0, 1, 1]),
];

fn found(probe: Probe, a: &Answer, facts: &Facts) -> bool {
    if a.status != 200 {
        return false;
    }
    let json = a.json();
    match probe {
        Probe::Members => !json["members"].is_null(),
        Probe::Figures => !json["summary"].is_null(),
        Probe::FindsCellmate => json.as_array().is_some_and(|hits| {
            hits.iter()
                .any(|h| h["Member"]["member_id"] == facts.cellmate)
        }),
        Probe::PrintedMembers => json["pages"]
            .as_array()
            .is_some_and(|pages| pages.iter().any(|p| !p["members"].is_null())),
        Probe::Says("") => json == true,
        Probe::Says(flag) => json[flag] == true,
        Probe::MembersSheet => {
            use calamine::Reader;
            let book: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(a.bytes.clone())).unwrap();
            book.sheet_names().len() > 1
        }
    }
}

#[tokio::test]
async fn every_function_answers_each_role_as_the_rules_say() {
    let srv = demo_server_with_backups().await;
    let callers = Callers::log_in(&srv, &Who::ROLES).await;
    let facts = Facts::find(&srv, &callers).await;
    let started = std::time::Instant::now();
    let mut faults = Vec::new();
    let mut sent = 0;

    for (what, req, probe, wanted) in SEES {
        for (who, want) in Who::ROLES.iter().zip(wanted) {
            let a = send(callers.of(*who), &srv.base, &facts, *req)
                .await
                .unwrap();
            sent += 1;
            if found(*probe, &a, &facts) != (*want == 1) {
                faults.push(format!(
                    "{who:?} — {what}: {}",
                    if *want == 1 { "missing" } else { "shown" }
                ));
            }
        }
    }
    // The lists a secretary works from, and their audit log, hold their own
    // units only.
    let list = |who: Who, req: Req| {
        let (c, srv, facts) = (callers.of(who), &srv, &facts);
        async move {
            let a = send(c, &srv.base, facts, req).await.unwrap();
            let json = a.json();
            json.get("rows")
                .unwrap_or(&json)
                .as_array()
                .cloned()
                .unwrap_or_default()
        }
    };
    let review = list(
        Who::CellSecretary,
        Req::Api("commitments/review", "cell={cell}"),
    )
    .await;
    if review.is_empty() || review.iter().any(|r| r["cell_code"] != facts.cell.as_str()) {
        faults.push(format!(
            "CellSecretary — the review list is not the cell's: {review:?}"
        ));
    }
    let grading = list(
        Who::CommitteeSecretary,
        Req::Api("commitments/grading", "org={committee}"),
    )
    .await;
    if !grading.iter().any(|r| r["member_id"] == facts.neighbour)
        || grading
            .iter()
            .any(|r| r["cell_code"] == facts.cell.as_str())
    {
        faults.push("CommitteeSecretary — the grading list is not the committee's".into());
    }
    let log = list(Who::CellSecretary, Req::Api("audit", "")).await;
    if log.is_empty()
        || log
            .iter()
            .any(|l| l["unit_name"] != facts.cell_label.as_str())
    {
        faults.push(format!(
            "CellSecretary — the audit log is not the cell's: {log:?}"
        ));
    }
    sent += 3;

    for (what, req, wanted) in MATRIX {
        for (who, want) in Who::ROLES.iter().zip(wanted) {
            if *want == 0 {
                continue;
            }
            let before = srv.store.counts().await.unwrap();
            let a = match send(callers.of(*who), &srv.base, &facts, *req).await {
                Ok(a) => a,
                Err(e) => {
                    faults.push(format!("{who:?} — {what}: {e}"));
                    continue;
                }
            };
            sent += 1;
            if a.status != *want {
                faults.push(format!(
                    "{who:?} — {what}: {}, not {want}: {:.200}",
                    a.status, a.body
                ));
            } else if let (400.., Err(e)) = (a.status, crate::sweep::readable(&a)) {
                faults.push(format!("{who:?} — {what}: {e}"));
            }
            if a.status != 200 && a.status != 303 && srv.store.counts().await.unwrap() != before {
                faults.push(format!("{who:?} — {what}: refused, but written"));
            }
        }
    }
    eprintln!(
        "matrix: {} rows × {} callers, {} requests, in {:.1?}",
        MATRIX.len() + SEES.len(),
        Who::ROLES.len(),
        sent,
        started.elapsed()
    );
    assert!(
        faults.is_empty(),
        "{} faults:\n{}",
        faults.len(),
        faults.join("\n")
    );
}
