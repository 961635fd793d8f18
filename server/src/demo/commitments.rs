//! The demo's yearly commitments (DOMAIN.md "Yearly commitment", "Year-end
//! grading"): 2020 complete — every member filed, was reviewed, assessed
//! themselves and was graded, within the quota of the 2018/2019 rules in every
//! grassroots organisation — with the grades of the organisations; and 2021 in
//! progress as of the demo's working date, 15/03/2021.
//!
//! Members the README ("Demo logins") and the browser tests rely on:
//! - `48384483` (Nguyễn Phương Vy) has no 2021 commitment: she can file one;
//! - in the cell of the secretary `44823721` (Hồ Cẩm Hương, Chi bộ Trung tâm
//!   Công tác xã hội) the 2021 commitments of at least 3 members are not
//!   started, at least 3 are submitted (to approve or return) and at least one
//!   is returned; her own is approved (by her deputy).
//!
//! Who acts: the member files, revises, reviews mid-year and assesses; the
//! secretary of the member's cell (the deputy for the secretary's own
//! commitment) returns, approves and proposes; the secretary of the grassroots
//! organisation (the deputy for the secretary's own) decides. The positions
//! are those of the 2020–2025 term.

use super::units::{self, Profile};
use super::{
    BLOC_CODE, DEMO_CELL_SECRETARY_CARD, DEMO_MEMBER_CARD, DEMO_WORKING_DATE, YEAR_2021_THEME,
    add_days, date, date_between,
};
use app::domain::commitment::CommitmentState;
use app::domain::grading::Grade;
use app::domain::undertaking::{Assessment, ItemResult, Undertaking};
use app::domain::year::{DEFAULT_SECTIONS, YearConfig};
use app::domain::{MemberStatus, PositionRole, UnitKind};
use app::store::model::{
    Dataset, NewCommitment, NewCommitmentEvent, NewMember, NewUnitGrade, WORKING_DATE,
};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The first working day of 2020 and of 2021: filing opens.
const OPENS_2020: NaiveDate = date(2020, 1, 2);
const OPENS_2021: NaiveDate = date(2021, 1, 4);
/// Every 2020 decision is taken by the grading deadline.
const GRADED_BY_2020: NaiveDate = date(2020, 12, 20);

/// Fills `ds.years` (2021), `ds.commitments`, `ds.unit_grades` and
/// `ds.settings` from the units, members and positions already in `ds`.
pub(crate) fn add_commitments(rng: &mut ChaCha8Rng, ds: &mut Dataset) {
    let year_2021 = YearConfig::with_defaults(2021, YEAR_2021_THEME).expect("2021 is a valid year");
    let tree = Tree::new(ds);
    let grades = grades_2020(rng, ds, &tree);

    // Cells propose in a meeting early in December; the organisations decide
    // in one meeting by the 20th.
    let mut proposal_day = HashMap::new();
    let mut decision_day = HashMap::new();
    for u in &ds.units {
        if u.kind.holds_members() {
            proposal_day.insert(
                u.id,
                date_between(rng, date(2020, 12, 1), date(2020, 12, 10)),
            );
        }
        if u.kind.is_grassroots() {
            decision_day.insert(u.id, date_between(rng, date(2020, 12, 11), GRADED_BY_2020));
        }
    }
    let mut commitments = Vec::with_capacity(ds.members.len() * 2);
    for (m, g) in ds.members.iter().zip(&grades) {
        let days = (
            proposal_day[&m.cell_id],
            decision_day[&tree.org_of[&m.cell_id]],
        );
        let id = commitments.len() as i64 + 1;
        commitments.push(commitment_2020(rng, ds, &tree, m, g, days, id));
    }

    let plans = plans_2021(rng, ds, &tree);
    for (m, plan) in ds.members.iter().zip(plans) {
        let id = commitments.len() as i64 + 1;
        if let Some(c) = commitment_2021(rng, ds, &tree, m, plan, id) {
            commitments.push(c);
        }
    }

    let unit_grades = unit_grades_2020(rng, ds, &tree, &grades);
    ds.years.push(year_2021);
    ds.commitments = commitments;
    ds.unit_grades = unit_grades;
    ds.settings
        .push((WORKING_DATE.into(), DEMO_WORKING_DATE.to_string()));
}

/// Where members sit and who leads them, read from the dataset.
struct Tree {
    /// Member-holding unit → its grassroots organisation.
    org_of: HashMap<i64, i64>,
    /// Unit → its name without "Chi bộ"/"Đảng bộ" (a department, an agency).
    short_name: HashMap<i64, String>,
    /// Grassroots organisation → the kind of workplace.
    profile: HashMap<i64, Profile>,
    /// (unit, role) → the holders, in the order they were elected.
    posts: HashMap<(i64, PositionRole), Vec<i64>>,
    /// Members who hold any post.
    office_holders: HashSet<i64>,
    /// Member-holding unit → its number of members.
    cell_size: HashMap<i64, usize>,
    bloc: i64,
}

impl Tree {
    fn new(ds: &Dataset) -> Tree {
        let kind: HashMap<i64, UnitKind> = ds.units.iter().map(|u| (u.id, u.kind)).collect();
        let mut org_of = HashMap::new();
        let mut profile = HashMap::new();
        let mut short_name = HashMap::new();
        let orgs = units::COMMITTEES.iter().chain(&units::GRASSROOTS_CELLS);
        let profiles: HashMap<&str, Profile> = orgs.map(|o| (o.code, o.profile)).collect();
        for u in &ds.units {
            let short = ["Chi bộ ", "Đảng bộ "]
                .iter()
                .find_map(|p| u.name.strip_prefix(p))
                .unwrap_or(&u.name);
            short_name.insert(u.id, short.to_string());
            match u.kind {
                UnitKind::Cell => {
                    let parent = u.parent_id.expect("a cell has a committee");
                    debug_assert_eq!(kind[&parent], UnitKind::GrassrootsCommittee);
                    org_of.insert(u.id, parent);
                }
                UnitKind::GrassrootsCell => {
                    org_of.insert(u.id, u.id);
                }
                _ => {}
            }
            if u.kind.is_grassroots() {
                let p = profiles.get(u.code.as_str()).copied();
                profile.insert(u.id, p.unwrap_or(Profile::Admin));
            }
        }
        let mut posts: HashMap<(i64, PositionRole), Vec<i64>> = HashMap::new();
        for p in &ds.positions {
            posts
                .entry((p.unit_id, p.role))
                .or_default()
                .push(p.member_id);
        }
        let office_holders = ds.positions.iter().map(|p| p.member_id).collect();
        let mut cell_size = HashMap::new();
        for m in &ds.members {
            *cell_size.entry(m.cell_id).or_default() += 1;
        }
        let bloc = ds
            .units
            .iter()
            .find(|u| u.code == BLOC_CODE)
            .map_or(0, |u| u.id);
        Tree {
            org_of,
            short_name,
            profile,
            posts,
            office_holders,
            cell_size,
            bloc,
        }
    }

    /// The first holder along `chain` who is not the member.
    fn pick(&self, member_id: i64, chain: &[(i64, PositionRole)]) -> i64 {
        chain
            .iter()
            .flat_map(|k| self.posts.get(k).into_iter().flatten())
            .copied()
            .find(|&id| id != member_id)
            .expect("the bloc has a secretary and deputies")
    }

    /// Who reviews a member's commitment: the cell's secretary, or its deputy
    /// for the secretary's own (up the tree when the cell has no deputy).
    fn reviewer(&self, m: &NewMember) -> i64 {
        use PositionRole::*;
        let (cell, org) = (m.cell_id, self.org_of[&m.cell_id]);
        let chain = [
            (cell, Secretary),
            (cell, DeputySecretary),
            (org, Secretary),
            (org, DeputySecretary),
            (self.bloc, Secretary),
            (self.bloc, DeputySecretary),
        ];
        self.pick(m.id, &chain)
    }

    /// Who decides a member's grade: the grassroots organisation's secretary,
    /// or its deputy (a standing member) for the secretary's own.
    fn decider(&self, m: &NewMember) -> i64 {
        use PositionRole::*;
        let org = self.org_of[&m.cell_id];
        let chain = [
            (org, Secretary),
            (org, DeputySecretary),
            (org, StandingCommitteeMember),
            (self.bloc, Secretary),
            (self.bloc, DeputySecretary),
        ];
        self.pick(m.id, &chain)
    }

    fn secretary_of(&self, unit: i64) -> Option<i64> {
        self.posts
            .get(&(unit, PositionRole::Secretary))
            .and_then(|v| v.first().copied())
    }
}

fn card(ds: &Dataset, member_id: i64) -> String {
    // Member ids are their index + 1 (see `add_members`).
    ds.members[(member_id - 1) as usize].card_number.clone()
}

/// The history of one commitment, oldest first, in office hours.
#[derive(Default)]
struct Log {
    events: Vec<NewCommitmentEvent>,
}

impl Log {
    /// Records a step on `day`, or after the previous step when that is later
    /// or on the same day; returns its time.
    fn push(
        &mut self,
        rng: &mut ChaCha8Rng,
        day: NaiveDate,
        actor: &str,
        action: &str,
        after: Value,
    ) -> DateTime<Utc> {
        let at = match self.events.last() {
            Some(last) if last.at.date_naive() >= day => {
                last.at + TimeDelta::minutes(rng.gen_range(4..=40))
            }
            // 7:00–17:00 in Vietnam (UTC+7).
            _ => day.and_time(NaiveTime::MIN).and_utc() + TimeDelta::minutes(rng.gen_range(0..600)),
        };
        self.events.push(NewCommitmentEvent {
            at,
            actor_label: actor.to_string(),
            action: format!("commitment.{action}"),
            after,
        });
        at
    }

    fn last_day(&self) -> NaiveDate {
        self.events.last().map_or(OPENS_2020, |e| e.at.date_naive())
    }
}

fn assessment(grade: Grade) -> Assessment {
    Assessment {
        grade,
        points: None,
    }
}

/// One step better (the best stays).
fn better(g: Grade) -> Grade {
    match g {
        Grade::Excellent | Grade::Good => Grade::Excellent,
        Grade::Completed => Grade::Good,
        Grade::NotCompleted => Grade::Completed,
    }
}

fn grade_words(g: Grade) -> &'static str {
    match g {
        Grade::Excellent => "hoàn thành xuất sắc nhiệm vụ",
        Grade::Good => "hoàn thành tốt nhiệm vụ",
        Grade::Completed => "hoàn thành nhiệm vụ",
        Grade::NotCompleted => "không hoàn thành nhiệm vụ",
    }
}

// ---------------------------------------------------------------------------
// 2020: grades

/// A member's 2020 grades: their own, the cell's proposal, the decision.
#[derive(Debug, Clone, Copy)]
struct Grades {
    own: Grade,
    proposed: Grade,
    decided: Grade,
}

/// Decides every member's 2020 grade, organisation by organisation: a few
/// "not completed", some "completed" (more among exempt and new members), and
/// as many "excellent" as the quota allows, or one fewer.
fn grades_2020(rng: &mut ChaCha8Rng, ds: &Dataset, tree: &Tree) -> Vec<Grades> {
    let mut by_org: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (i, m) in ds.members.iter().enumerate() {
        by_org.entry(tree.org_of[&m.cell_id]).or_default().push(i);
    }
    let mut decided = vec![Grade::Good; ds.members.len()];
    for members in by_org.values() {
        let mut pool = Vec::new();
        for &i in members {
            let m = &ds.members[i];
            let completed = match m.status {
                MemberStatus::Exempt => 0.30,
                MemberStatus::Probationary => 0.12,
                _ => 0.05,
            };
            let roll: f64 = rng.r#gen();
            decided[i] = if roll < 0.003 {
                Grade::NotCompleted
            } else if roll < 0.003 + completed {
                Grade::Completed
            } else {
                pool.push(i);
                Grade::Good
            };
        }
        // excellent ≤ 20 % of good, i.e. 6 × excellent ≤ excellent + good.
        let most = pool.len() / 6;
        let excellent = if most >= 3 && rng.gen_bool(0.4) {
            most - 1
        } else {
            most
        };
        // The leaders and the experienced stand out more often; new members not yet.
        let mut ranked: Vec<(f64, usize)> = pool
            .iter()
            .filter(|&&i| ds.members[i].status == MemberStatus::Full)
            .map(|&i| {
                let m = &ds.members[i];
                let bonus = if tree.office_holders.contains(&m.id) {
                    0.5
                } else {
                    0.0
                };
                (rng.r#gen::<f64>() + bonus, i)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, i) in ranked.iter().take(excellent) {
            decided[i] = Grade::Excellent;
        }
    }
    decided
        .into_iter()
        .map(|decided| {
            // The cell proposed one step better now and then, and the
            // committee held it back (the quota, or the superiors' view).
            let proposed = match decided {
                Grade::Good if rng.gen_bool(0.05) => Grade::Excellent,
                Grade::Completed if rng.gen_bool(0.12) => Grade::Good,
                Grade::NotCompleted if rng.gen_bool(0.3) => Grade::Completed,
                g => g,
            };
            let own = if proposed != Grade::Excellent && rng.gen_bool(0.12) {
                better(proposed)
            } else {
                proposed
            };
            Grades {
                own,
                proposed,
                decided,
            }
        })
        .collect()
}

/// The year-end results of the undertakings, as far as the grade shows.
fn assess(rng: &mut ChaCha8Rng, items: &mut [Undertaking], decided: Grade) {
    let mut results = vec![ItemResult::Done; items.len()];
    // What falls short is a concrete undertaking (work style, the job, the
    // theme, shortcomings), not loyalty or ethics.
    let mut concrete: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].section >= 2)
        .collect();
    concrete.shuffle(rng);
    let (not_done, partly) = match decided {
        Grade::Excellent => (0, 0),
        Grade::Good => (0, usize::from(rng.gen_bool(0.3))),
        Grade::Completed => (0, rng.gen_range(1..=3)),
        Grade::NotCompleted => (rng.gen_range(1..=2), rng.gen_range(2..=4)),
    };
    for (k, &i) in concrete.iter().take(not_done + partly).enumerate() {
        results[i] = if k < not_done {
            ItemResult::NotDone
        } else {
            ItemResult::Partly
        };
    }
    for (item, r) in items.iter_mut().zip(results) {
        item.result = Some(r);
        item.result_note = match r {
            ItemResult::Done if rng.gen_bool(0.12) => pick(rng, DONE_NOTES).to_string(),
            ItemResult::Done => String::new(),
            ItemResult::Partly => pick(rng, PARTLY_NOTES).to_string(),
            ItemResult::NotDone => pick(rng, NOT_DONE_NOTES).to_string(),
        };
    }
}

// ---------------------------------------------------------------------------
// 2020: the commitments

/// A day of the filing period, more often near its end.
fn filing_day_2020(rng: &mut ChaCha8Rng) -> NaiveDate {
    match rng.gen_range(0..100) {
        0..35 => date_between(rng, OPENS_2020, date(2020, 1, 31)),
        35..60 => date_between(rng, date(2020, 2, 3), date(2020, 2, 29)),
        _ => date_between(rng, date(2020, 3, 2), date(2020, 3, 31)),
    }
}

fn commitment_2020(
    rng: &mut ChaCha8Rng,
    ds: &Dataset,
    tree: &Tree,
    m: &NewMember,
    g: &Grades,
    (proposal_day, decision_day): (NaiveDate, NaiveDate),
    id: i64,
) -> NewCommitment {
    let who = Who::new(tree, m, 2020);
    let mut items = undertakings(rng, &who, DEFAULT_SECTIONS.len());
    let own = card(ds, m.id);
    let reviewer = card(ds, tree.reviewer(m));
    let decider = card(ds, tree.decider(m));
    let cap = |d: NaiveDate| d.min(GRADED_BY_2020);
    let mut log = Log::default();

    // Members admitted during the year file a few days after their admission.
    let late = m.admission_date > OPENS_2020;
    let returned = !late && rng.gen_bool(0.08);
    let submit = if late {
        add_days(m.admission_date, rng.gen_range(2..=20))
    } else if returned {
        date_between(rng, OPENS_2020, date(2020, 3, 15))
    } else {
        filing_day_2020(rng)
    };
    let save = submit.checked_sub_days(chrono::Days::new(rng.gen_range(0..=6)));
    let save = save.unwrap_or(submit).max(OPENS_2020).max(m.admission_date);
    let n = items.len();
    log.push(
        rng,
        cap(save),
        &own,
        "save",
        json!({"state": "draft", "items": n}),
    );
    let mut submitted_at = log.push(
        rng,
        cap(submit),
        &own,
        "submit",
        json!({"state": "submitted", "items": n}),
    );
    let mut return_reason = String::new();
    if returned {
        let reason = fill(pick(rng, RETURN_REASONS), &who);
        let day = add_days(log.last_day(), rng.gen_range(1..=4));
        log.push(
            rng,
            day,
            &reviewer,
            "return",
            json!({"state": "returned", "reason": reason}),
        );
        return_reason = reason;
        let day = add_days(log.last_day(), rng.gen_range(1..=6));
        submitted_at = log.push(
            rng,
            day,
            &own,
            "submit",
            json!({"state": "submitted", "items": n}),
        );
    }
    let day = add_days(log.last_day(), rng.gen_range(0..=5));
    let approved_at = log.push(
        rng,
        cap(day),
        &reviewer,
        "approve",
        json!({"state": "approved"}),
    );

    let mut mid_year_note = String::new();
    if log.last_day() <= date(2020, 7, 10) {
        let from = add_days(log.last_day(), 1).max(date(2020, 6, 15));
        let day = date_between(rng, from, date(2020, 7, 15));
        let note = pick(rng, MID_YEAR_NOTES_2020).to_string();
        log.push(
            rng,
            day,
            &own,
            "mid_year_review",
            json!({"state": "mid_year_reviewed", "note": note}),
        );
        mid_year_note = note;
    }

    assess(rng, &mut items, g.decided);
    let from = add_days(log.last_day(), 1).max(date(2020, 11, 2));
    let day = cap(date_between(rng, from, date(2020, 11, 30)));
    let own_note = pick(rng, own_notes(g.own)).to_string();
    log.push(
        rng,
        day,
        &own,
        "self_assess",
        json!({"state": "self_assessed", "grade": g.own.as_str(), "note": own_note}),
    );

    // A show of hands at the cell's meeting, a few members absent.
    let size = tree.cell_size[&m.cell_id];
    let present = size - rng.gen_range(0..=size.saturating_sub(4).min(2));
    let proposed_note = format!(
        "{} Chi bộ biểu quyết: {present}/{present} đảng viên có mặt tán thành.",
        pick(rng, proposal_notes(g.proposed))
    );
    log.push(
        rng,
        cap(proposal_day),
        &reviewer,
        "propose",
        json!({"state": "proposed", "grade": g.proposed.as_str(), "note": proposed_note}),
    );

    let decided_note = decision_note(rng, g.proposed, g.decided);
    log.push(
        rng,
        cap(decision_day),
        &decider,
        "decide",
        json!({"state": "graded", "grade": g.decided.as_str(), "note": decided_note}),
    );

    NewCommitment {
        id,
        year: 2020,
        member_id: m.id,
        state: CommitmentState::Graded,
        items,
        return_reason,
        mid_year_note,
        self_assessment: Some((assessment(g.own), own_note)),
        proposed: Some((assessment(g.proposed), proposed_note)),
        decided: Some((assessment(g.decided), decided_note)),
        submitted_at: Some(submitted_at),
        approved_at: Some(approved_at),
        history: log.events,
    }
}

fn decision_note(rng: &mut ChaCha8Rng, proposed: Grade, decided: Grade) -> String {
    if proposed == decided {
        return format!(
            "{} Quyết định xếp loại {}.",
            pick(rng, AGREED_NOTES),
            grade_words(decided)
        );
    }
    match (proposed, decided) {
        (Grade::Excellent, _) => format!(
            "Điều chỉnh xuống {} để bảo đảm số đảng viên hoàn thành xuất sắc nhiệm vụ không vượt quá 20% số đảng viên hoàn thành tốt nhiệm vụ.",
            grade_words(decided)
        ),
        _ => format!(
            "{} Quyết định xếp loại {}.",
            pick(rng, HELD_BACK_NOTES),
            grade_words(decided)
        ),
    }
}

// ---------------------------------------------------------------------------
// 2021: where each member stands on the working date

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    NotStarted,
    Draft,
    /// Waiting for review; `again`: after a return.
    Submitted {
        again: bool,
    },
    Returned,
    /// `returned`: sent back once before.
    Approved {
        returned: bool,
    },
}

/// Some cells are almost done by mid-March, some far behind: each cell has a
/// pace, and a member's progress is a uniform draw bent by it. The thresholds
/// give about 10 % not started, 15 % drafts, 30 % submitted, 5 % returned and
/// 40 % approved over all cells.
fn plans_2021(rng: &mut ChaCha8Rng, ds: &Dataset, tree: &Tree) -> Vec<Plan> {
    let mut pace = HashMap::new();
    for u in ds.units.iter().filter(|u| u.kind.holds_members()) {
        pace.insert(u.id, rng.gen_range(-1.0..=1.0f64));
    }
    let mut plans: Vec<Plan> = ds
        .members
        .iter()
        .map(|m| {
            let bend = 2f64.powf(1.2 * pace[&m.cell_id]);
            let progress = rng.r#gen::<f64>().powf(bend);
            match progress {
                p if p < 0.0683 => Plan::NotStarted,
                p if p < 0.2328 => Plan::Draft,
                p if p < 0.6165 => {
                    if rng.gen_bool(1.0 / 7.0) {
                        Plan::Returned
                    } else {
                        Plan::Submitted {
                            again: rng.gen_bool(0.08),
                        }
                    }
                }
                _ => Plan::Approved {
                    returned: rng.gen_bool(0.05),
                },
            }
        })
        .collect();

    // The demo logins (see the module's comment).
    let index_of = |card: &str| ds.members.iter().position(|m| m.card_number == card);
    if let Some(i) = index_of(DEMO_MEMBER_CARD) {
        plans[i] = Plan::NotStarted;
    }
    if let Some(s) = index_of(DEMO_CELL_SECRETARY_CARD) {
        let cell = ds.members[s].cell_id;
        debug_assert_eq!(tree.secretary_of(cell), Some(ds.members[s].id));
        plans[s] = Plan::Approved { returned: false };
        let others: Vec<usize> = (0..ds.members.len())
            .filter(|&i| i != s && ds.members[i].cell_id == cell)
            .collect();
        let wanted = [
            Plan::NotStarted,
            Plan::NotStarted,
            Plan::NotStarted,
            Plan::Submitted { again: false },
            Plan::Submitted { again: false },
            Plan::Submitted { again: true },
            Plan::Returned,
        ];
        // The last members of the list: the cell's leaders keep their own pace.
        for (&i, plan) in others.iter().rev().zip(wanted) {
            plans[i] = plan;
        }
    }
    plans
}

/// A day in `from..=to`, more often near `to`.
fn late_day(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    date_between(rng, from, to).max(date_between(rng, from, to))
}

fn commitment_2021(
    rng: &mut ChaCha8Rng,
    ds: &Dataset,
    tree: &Tree,
    m: &NewMember,
    plan: Plan,
    id: i64,
) -> Option<NewCommitment> {
    let today = DEMO_WORKING_DATE;
    let who = Who::new(tree, m, 2021);
    let own = card(ds, m.id);
    let reviewer = card(ds, tree.reviewer(m));
    let mut log = Log::default();
    let mut items = undertakings(rng, &who, DEFAULT_SECTIONS.len());
    let mut return_reason = String::new();

    // When the (first) submission went in, and whether it was sent back.
    let (first_submit, returned) = match plan {
        Plan::NotStarted => return None,
        Plan::Draft => {
            // Drafts are often unfinished: the last sections still empty.
            if rng.gen_bool(0.4) {
                let keep = rng.gen_range(3..DEFAULT_SECTIONS.len());
                items.retain(|u| u.section < keep);
            }
            let day = late_day(rng, OPENS_2021, today);
            let n = items.len();
            log.push(
                rng,
                day,
                &own,
                "save",
                json!({"state": "draft", "items": n}),
            );
            let state = CommitmentState::Draft;
            return Some(in_progress(
                id,
                m,
                state,
                items,
                String::new(),
                None,
                None,
                log,
            ));
        }
        Plan::Submitted { again: false } => (late_day(rng, date(2021, 1, 11), today), false),
        Plan::Submitted { again: true } => (date_between(rng, OPENS_2021, date(2021, 2, 26)), true),
        Plan::Returned => (date_between(rng, OPENS_2021, date(2021, 3, 11)), true),
        Plan::Approved { returned } => {
            let last = if returned {
                date(2021, 2, 19)
            } else {
                date(2021, 3, 10)
            };
            (date_between(rng, OPENS_2021, last), returned)
        }
    };
    let n = items.len();
    let back = chrono::Days::new(rng.gen_range(0..=7));
    let save = first_submit
        .checked_sub_days(back)
        .unwrap_or(first_submit)
        .max(OPENS_2021);
    log.push(
        rng,
        save,
        &own,
        "save",
        json!({"state": "draft", "items": n}),
    );
    let submitted = json!({"state": "submitted", "items": n});
    let mut submitted_at = Some(log.push(rng, first_submit, &own, "submit", submitted.clone()));
    let mut approved_at = None;
    let mut state = CommitmentState::Submitted;
    if returned {
        let reason = fill(pick(rng, RETURN_REASONS), &who);
        let day = add_days(log.last_day(), rng.gen_range(1..=4)).min(today);
        log.push(
            rng,
            day,
            &reviewer,
            "return",
            json!({"state": "returned", "reason": reason}),
        );
        return_reason = reason;
        state = CommitmentState::Returned;
        if plan != Plan::Returned {
            let day = add_days(log.last_day(), rng.gen_range(1..=6)).min(today);
            submitted_at = Some(log.push(rng, day, &own, "submit", submitted));
            state = CommitmentState::Submitted;
        }
    }
    if let Plan::Approved { .. } = plan {
        let day = add_days(log.last_day(), rng.gen_range(0..=5)).min(today);
        approved_at = Some(log.push(rng, day, &reviewer, "approve", json!({"state": "approved"})));
        state = CommitmentState::Approved;
    }
    Some(in_progress(
        id,
        m,
        state,
        items,
        return_reason,
        submitted_at,
        approved_at,
        log,
    ))
}

#[allow(clippy::too_many_arguments)]
fn in_progress(
    id: i64,
    m: &NewMember,
    state: CommitmentState,
    items: Vec<Undertaking>,
    return_reason: String,
    submitted_at: Option<DateTime<Utc>>,
    approved_at: Option<DateTime<Utc>>,
    log: Log,
) -> NewCommitment {
    NewCommitment {
        id,
        year: 2021,
        member_id: m.id,
        state,
        items,
        return_reason,
        mid_year_note: String::new(),
        self_assessment: None,
        proposed: None,
        decided: None,
        submitted_at,
        approved_at,
        history: log.events,
    }
}

// ---------------------------------------------------------------------------
// 2020: the organisations' grades

/// Every cell of a committee graded by its committee, every grassroots
/// organisation by the bloc: mostly good, a few completed, and "excellent"
/// for the best, within 20 % of the good ones of each grader. A unit with a
/// member "not completed" is not excellent.
fn unit_grades_2020(
    rng: &mut ChaCha8Rng,
    ds: &Dataset,
    tree: &Tree,
    grades: &[Grades],
) -> Vec<NewUnitGrade> {
    // Members, members good or better, and members not completed, per unit
    // (a cell and its grassroots organisation).
    let mut tally: HashMap<i64, (usize, usize, usize)> = HashMap::new();
    for (m, g) in ds.members.iter().zip(grades) {
        let org = tree.org_of[&m.cell_id];
        let units = if org == m.cell_id {
            vec![org]
        } else {
            vec![m.cell_id, org]
        };
        for unit in units {
            let t = tally.entry(unit).or_default();
            t.0 += 1;
            t.1 += usize::from(g.decided <= Grade::Good);
            t.2 += usize::from(g.decided == Grade::NotCompleted);
        }
    }
    let mut out = Vec::new();
    let committees = ds
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::GrassrootsCommittee);
    for c in committees {
        let cells: Vec<i64> = ds
            .units
            .iter()
            .filter(|u| u.kind == UnitKind::Cell && u.parent_id == Some(c.id))
            .map(|u| u.id)
            .collect();
        grade_units(rng, &cells, &tally, &mut out);
    }
    let orgs: Vec<i64> = ds
        .units
        .iter()
        .filter(|u| u.kind.is_grassroots() && u.parent_id == Some(tree.bloc))
        .map(|u| u.id)
        .collect();
    grade_units(rng, &orgs, &tally, &mut out);
    out
}

fn grade_units(
    rng: &mut ChaCha8Rng,
    units: &[i64],
    tally: &HashMap<i64, (usize, usize, usize)>,
    out: &mut Vec<NewUnitGrade>,
) {
    let share = |u: i64| {
        let (n, good, _) = tally.get(&u).copied().unwrap_or_default();
        good as f64 / n.max(1) as f64
    };
    let has_failure = |u: i64| tally.get(&u).is_some_and(|t| t.2 > 0);
    let mut grades: Vec<Grade> = units
        .iter()
        .map(|&u| {
            let p = if has_failure(u) { 0.35 } else { 0.05 };
            if rng.gen_bool(p) {
                Grade::Completed
            } else {
                Grade::Good
            }
        })
        .collect();
    let pool: Vec<usize> = (0..units.len())
        .filter(|&i| grades[i] == Grade::Good)
        .collect();
    let most = pool.len() / 6;
    let excellent = if most >= 3 && rng.gen_bool(0.5) {
        most - 1
    } else {
        most
    };
    let mut ranked: Vec<(f64, usize)> = pool
        .iter()
        .filter(|&&i| !has_failure(units[i]))
        .map(|&i| (share(units[i]) + rng.gen_range(0.0..0.1), i))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in ranked.iter().take(excellent) {
        grades[i] = Grade::Excellent;
    }
    for (&unit_id, grade) in units.iter().zip(grades) {
        let percent = (share(unit_id) * 100.0).round();
        let note = format!(
            "{} {percent}% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên.",
            pick(rng, unit_notes(grade))
        );
        out.push(NewUnitGrade {
            unit_id,
            year: 2020,
            grade,
            note,
        });
    }
}

// ---------------------------------------------------------------------------
// The undertakings

/// What a member does, for the undertakings that depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Work {
    /// Heads and deputy heads of an agency, department or enterprise.
    Leader,
    Doctor,
    Nurse,
    Pharmacist,
    Teacher,
    Journalist,
    Legal,
    Banker,
    Accountant,
    /// Tax, treasury, social insurance and finance staff.
    Finance,
    /// Engineers, technicians and workers of an enterprise.
    Worker,
    /// Office staff of an agency.
    Clerk,
}

fn work_of(title: &str, profile: Profile) -> Work {
    let head = ["Trưởng", "Phó", "Chánh", "Chủ ", "Bí thư", "Tổng"]
        .iter()
        .any(|p| title.starts_with(p))
        || ["trưởng", "Giám đốc", "Quản đốc"]
            .iter()
            .any(|w| title.contains(w));
    if head {
        return Work::Leader;
    }
    match title {
        "Bác sĩ" | "Y sĩ" => Work::Doctor,
        "Điều dưỡng" | "Hộ sinh" => Work::Nurse,
        "Kỹ thuật viên" if profile == Profile::Health => Work::Nurse,
        "Dược sĩ" => Work::Pharmacist,
        "Giáo viên" | "Giảng viên" | "Giảng viên chính" => Work::Teacher,
        "Phóng viên" | "Biên tập viên" | "Quay phim" | "Phát thanh viên" => {
            Work::Journalist
        }
        "Kỹ thuật viên" if profile == Profile::Media => Work::Journalist,
        "Thẩm phán"
        | "Thư ký Tòa án"
        | "Thẩm tra viên"
        | "Kiểm sát viên"
        | "Chấp hành viên"
        | "Thư ký thi hành án"
        | "Trợ giúp viên pháp lý" => Work::Legal,
        "Kiểm tra viên" if profile == Profile::Judicial => Work::Legal,
        "Giao dịch viên" | "Cán bộ tín dụng" | "Thủ quỹ" => Work::Banker,
        "Kiểm soát viên" if profile == Profile::Bank => Work::Banker,
        "Kế toán" | "Kế toán viên" => Work::Accountant,
        _ => match profile {
            Profile::Finance => Work::Finance,
            Profile::Enterprise => Work::Worker,
            _ => Work::Clerk,
        },
    }
}

/// The member as the texts need them.
struct Who {
    work: Work,
    /// The agency or enterprise.
    workplace: String,
    /// The department (the cell's name without "Chi bộ").
    department: String,
    year: i32,
}

impl Who {
    fn new(tree: &Tree, m: &NewMember, year: i32) -> Who {
        let org = tree.org_of[&m.cell_id];
        Who {
            work: work_of(&m.job_title, tree.profile[&org]),
            workplace: m.workplace.clone(),
            department: tree.short_name[&m.cell_id].clone(),
            year,
        }
    }
}

/// `{w}` workplace, `{d}` department, `{y}` year, `{py}` the year before.
fn fill(template: &str, who: &Who) -> String {
    template
        .replace("{w}", &who.workplace)
        .replace("{d}", &who.department)
        .replace("{py}", &(who.year - 1).to_string())
        .replace("{y}", &who.year.to_string())
}

fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    list.choose(rng).copied().unwrap_or_default()
}

/// One to three undertakings in each section: for one's job mostly from the
/// templates of one's work, elsewhere from the common ones.
fn undertakings(rng: &mut ChaCha8Rng, who: &Who, sections: usize) -> Vec<Undertaking> {
    let mut items = Vec::new();
    for section in 0..sections {
        let n = match rng.gen_range(0..10) {
            0..2 => 1,
            2..7 => 2,
            _ => 3,
        };
        let own = by_work(section, who.work);
        let mut chosen: Vec<&str> = Vec::new();
        // The job section is mostly about one's own work.
        if section == 3 {
            let mut mine = own.to_vec();
            mine.shuffle(rng);
            chosen.extend(mine.into_iter().take(n.min(2)));
        }
        let mut pool: Vec<&str> = common(section, who.year);
        pool.extend(own);
        pool.shuffle(rng);
        for t in pool {
            if chosen.len() >= n {
                break;
            }
            if !chosen.contains(&t) {
                chosen.push(t);
            }
        }
        items.extend(chosen.into_iter().map(|t| Undertaking {
            section,
            text: fill(t, who),
            result: None,
            result_note: String::new(),
        }));
    }
    items
}

fn common(section: usize, year: i32) -> Vec<&'static str> {
    let lists: [&[&str]; 2] = match (section, year) {
        (0, 2020) => [IDEOLOGY, IDEOLOGY_2020],
        (0, _) => [IDEOLOGY, IDEOLOGY_2021],
        _ => [common_of(section, year), &[]],
    };
    lists.concat()
}

fn common_of(section: usize, year: i32) -> &'static [&'static str] {
    match (section, year) {
        (1, _) => ETHICS,
        (2, _) => STYLE,
        (3, _) => DUTIES,
        (4, 2020) => THEME_2020,
        (4, _) => THEME_2021,
        _ => SHORTCOMINGS,
    }
}

fn by_work(section: usize, work: Work) -> &'static [&'static str] {
    use Work::*;
    match (section, work) {
        (0, Leader) => &[
            "Giữ vai trò nêu gương, lãnh đạo tập thể đơn vị quán triệt và cụ thể hóa kịp thời nghị quyết của cấp trên vào chương trình công tác của {w}.",
        ],
        (0, Journalist) => &[
            "Giữ vững định hướng chính trị, tư tưởng trong hoạt động báo chí; không để xảy ra sai sót về chính trị trong tin, bài phụ trách.",
        ],
        (1, Leader) => &[
            "Gương mẫu, nói đi đôi với làm; không để người thân, người quen lợi dụng chức vụ, quyền hạn của mình để trục lợi.",
            "Kê khai tài sản, thu nhập trung thực, đầy đủ, đúng thời hạn theo quy định.",
        ],
        (1, Doctor | Nurse | Pharmacist) => &[
            "Thực hiện tốt 12 điều y đức; không gây phiền hà, không nhận tiền, quà biếu của người bệnh và thân nhân người bệnh.",
            "Ân cần, hòa nhã với người bệnh: đến đón tiếp niềm nở, ở chăm sóc tận tình, về dặn dò chu đáo.",
        ],
        (1, Teacher) => &[
            "Giữ gìn phẩm chất, uy tín của nhà giáo; không dạy thêm, học thêm trái quy định.",
            "Thương yêu, tôn trọng người học; là tấm gương về đạo đức, tự học và sáng tạo.",
        ],
        (1, Journalist) => &[
            "Thực hiện nghiêm Quy định đạo đức nghề nghiệp người làm báo Việt Nam; không lợi dụng nghề nghiệp để trục lợi.",
        ],
        (1, Legal) => &[
            "Giữ vững tính độc lập, khách quan, vô tư; không để bị mua chuộc, lôi kéo trong giải quyết vụ việc.",
        ],
        (1, Banker) => &[
            "Tuân thủ nghiêm quy tắc đạo đức nghề nghiệp ngân hàng; không sách nhiễu, gây phiền hà cho khách hàng.",
        ],
        (1, Finance | Accountant) => &[
            "Liêm chính, minh bạch trong quản lý tài chính; không sách nhiễu, gây phiền hà cho đơn vị và người dân đến giao dịch.",
        ],
        (1, Worker) => {
            &["Chấp hành nội quy lao động; giữ gìn tài sản, bảo vệ uy tín và thương hiệu của {w}."]
        }
        (2, Leader) => &[
            "Thực hiện nghiêm nguyên tắc tập trung dân chủ, tập thể lãnh đạo, cá nhân phụ trách; dành thời gian đi cơ sở nắm tình hình.",
            "Tổ chức tiếp công dân, đối thoại với người lao động theo đúng quy định.",
        ],
        (2, Doctor | Nurse) => &[
            "Thực hiện nghiêm quy chế thường trực, trực cấp cứu; bàn giao người bệnh đầy đủ, đúng quy trình.",
        ],
        (2, Pharmacist) => {
            &["Chấp hành nghiêm quy chế dược, quy trình nhập, xuất, bảo quản thuốc."]
        }
        (2, Teacher) => &[
            "Lên lớp đúng giờ, soạn giảng đầy đủ; thực hiện đúng chương trình, kế hoạch giảng dạy.",
        ],
        (2, Journalist) => &[
            "Bảo đảm tính chính xác, khách quan của thông tin; kiểm tra kỹ nguồn tin trước khi đăng, phát.",
        ],
        (2, Legal) => &[
            "Thực hiện đúng trình tự, thủ tục tố tụng; không để vụ việc quá hạn luật định do nguyên nhân chủ quan.",
        ],
        (2, Banker) => &[
            "Tuân thủ nghiêm quy trình nghiệp vụ, quy định về an toàn kho quỹ và phòng, chống rửa tiền.",
        ],
        (2, Worker) => &[
            "Chấp hành nghiêm quy trình kỹ thuật, quy định an toàn, vệ sinh lao động; sử dụng đầy đủ trang bị bảo hộ.",
        ],
        (3, Leader) => &[
            "Lãnh đạo, chỉ đạo bộ phận phụ trách hoàn thành toàn diện các chỉ tiêu, nhiệm vụ năm {y}.",
            "Phân công nhiệm vụ rõ người, rõ việc, rõ thời gian; thường xuyên kiểm tra, đôn đốc việc thực hiện.",
            "Chỉ đạo giải quyết dứt điểm đơn thư, kiến nghị thuộc thẩm quyền, không để tồn đọng, kéo dài.",
            "Quan tâm bồi dưỡng quần chúng ưu tú; phấn đấu giới thiệu ít nhất 01 quần chúng ưu tú cho chi bộ xem xét kết nạp.",
            "Xây dựng tập thể {d} đạt danh hiệu Tập thể lao động tiên tiến trở lên.",
            "Lãnh đạo thực hiện tốt quy chế dân chủ ở cơ sở, công tác phòng, chống tham nhũng, lãng phí trong đơn vị.",
            "Đẩy mạnh cải cách hành chính, nâng cao mức độ hài lòng của người dân, doanh nghiệp đối với {w}.",
        ],
        (3, Doctor) => &[
            "Khám, chẩn đoán và điều trị người bệnh đúng phác đồ, quy trình chuyên môn; không để xảy ra sai sót chuyên môn.",
            "Hoàn thành hồ sơ bệnh án đầy đủ, đúng quy chế; tham gia hội chẩn khi được phân công.",
            "Tham gia nghiên cứu ít nhất 01 đề tài, sáng kiến cải tiến kỹ thuật cấp cơ sở.",
            "Hoàn thành đủ số giờ đào tạo liên tục theo quy định của Bộ Y tế.",
            "Góp phần nâng cao sự hài lòng của người bệnh đối với {d}.",
        ],
        (3, Nurse) => &[
            "Thực hiện đúng quy trình chăm sóc, theo dõi người bệnh và y lệnh điều trị; ghi chép hồ sơ điều dưỡng đầy đủ.",
            "Thực hiện tốt công tác kiểm soát nhiễm khuẩn; không để xảy ra sai sót trong chăm sóc người bệnh.",
            "Hướng dẫn, tư vấn giáo dục sức khỏe cho người bệnh và thân nhân người bệnh.",
            "Hoàn thành đủ số giờ đào tạo liên tục theo quy định của Bộ Y tế.",
            "Góp phần nâng cao sự hài lòng của người bệnh đối với {d}.",
        ],
        (3, Pharmacist) => &[
            "Cấp phát thuốc chính xác, đúng quy chế; theo dõi, báo cáo phản ứng có hại của thuốc.",
            "Bảo đảm cung ứng đủ thuốc, vật tư y tế phục vụ khám, chữa bệnh; không để thuốc quá hạn sử dụng.",
            "Tham gia bình bệnh án, hướng dẫn sử dụng thuốc an toàn, hợp lý.",
        ],
        (3, Teacher) => &[
            "Giảng dạy đủ số tiết theo quy định; đổi mới phương pháp giảng dạy, lấy người học làm trung tâm.",
            "Phấn đấu tỷ lệ người học đạt yêu cầu các môn, học phần phụ trách trên 95%.",
            "Biên soạn, cập nhật bài giảng điện tử cho các bài, học phần được phân công.",
            "Tham gia hội giảng, thao giảng; có ít nhất 01 sáng kiến kinh nghiệm hoặc đề tài nghiên cứu khoa học được công nhận.",
            "Làm tốt công tác chủ nhiệm lớp, phối hợp với gia đình trong giáo dục người học.",
        ],
        (3, Journalist) => &[
            "Hoàn thành định mức tin, bài, phóng sự hằng tháng; mỗi quý có ít nhất 02 tác phẩm đạt chất lượng khá, tốt.",
            "Tuyên truyền kịp thời, chính xác chủ trương của Đảng, chính sách của Nhà nước và các sự kiện chính trị quan trọng của tỉnh.",
            "Tham gia Giải Báo chí tỉnh Hậu Giang với ít nhất 01 tác phẩm.",
            "Bảo đảm an toàn kỹ thuật, không để xảy ra sự cố trên sóng, trên báo do nguyên nhân chủ quan.",
        ],
        (3, Legal) => &[
            "Giải quyết các vụ việc được phân công đúng thời hạn, đúng pháp luật; không có vụ việc bị hủy, sửa do lỗi chủ quan.",
            "Nghiên cứu kỹ hồ sơ, tài liệu; tham mưu chính xác cho lãnh đạo trong giải quyết vụ việc.",
            "Nâng cao chất lượng công tác chuyên môn, phấn đấu vượt các chỉ tiêu nghiệp vụ năm {y} của {d}.",
            "Tham gia tuyên truyền, phổ biến pháp luật cho nhân dân ít nhất 02 buổi trong năm.",
        ],
        (3, Banker) => &[
            "Hoàn thành chỉ tiêu huy động vốn, dư nợ được giao; giữ tỷ lệ nợ xấu dưới mức quy định.",
            "Thẩm định, giải ngân đúng quy trình; không để phát sinh nợ quá hạn do lỗi chủ quan.",
            "Phục vụ khách hàng tận tình, chu đáo; không để khách hàng phàn nàn về thái độ phục vụ.",
            "Phát triển khách hàng sử dụng dịch vụ ngân hàng điện tử, thanh toán không dùng tiền mặt.",
            "Hạch toán chính xác, kịp thời; không để xảy ra sai sót, thất thoát tiền, tài sản.",
        ],
        (3, Accountant) => &[
            "Thực hiện công tác kế toán, quyết toán đúng chế độ, đúng thời hạn; chứng từ, sổ sách rõ ràng, minh bạch.",
            "Tham mưu sử dụng kinh phí tiết kiệm, hiệu quả, đúng quy định của {w}.",
            "Lập báo cáo tài chính đầy đủ, chính xác, nộp đúng hạn cho cơ quan cấp trên.",
        ],
        (3, Finance) => &[
            "Giải quyết hồ sơ của đơn vị, người dân đúng quy trình, đúng hạn; không gây phiền hà.",
            "Góp phần hoàn thành chỉ tiêu thu, chi năm {y} được giao cho {w}.",
            "Tuyên truyền, hỗ trợ người dân, doanh nghiệp thực hiện đúng nghĩa vụ tài chính.",
            "Thực hiện kiểm tra, kiểm soát chặt chẽ, phát hiện kịp thời các sai phạm thuộc lĩnh vực phụ trách.",
        ],
        (3, Worker) => &[
            "Hoàn thành vượt mức kế hoạch sản xuất, kinh doanh năm {y} được giao cho {d}.",
            "Bảo đảm an toàn lao động, không để xảy ra sự cố, tai nạn lao động do chủ quan.",
            "Có ít nhất 01 sáng kiến, cải tiến kỹ thuật giúp tiết kiệm chi phí, nâng cao năng suất.",
            "Bảo quản, sử dụng máy móc, thiết bị, vật tư đúng quy trình, tiết kiệm.",
            "Nâng cao chất lượng phục vụ khách hàng, góp phần giữ vững uy tín của {w}.",
            "Tích cực học tập nâng cao tay nghề, đáp ứng yêu cầu công việc.",
        ],
        (3, Clerk) => &[
            "Tham mưu kịp thời, chính xác các văn bản thuộc lĩnh vực được giao; không để văn bản trễ hạn.",
            "Giải quyết hồ sơ thủ tục hành chính đúng hạn, không để tồn đọng; tỷ lệ hồ sơ trễ hạn bằng 0.",
            "Chủ động nghiên cứu, đề xuất ít nhất 01 giải pháp cải tiến quy trình làm việc của {d}.",
            "Xử lý văn bản trên môi trường mạng, sử dụng chữ ký số đạt trên 90% số văn bản phụ trách.",
            "Tham mưu xây dựng và tổ chức thực hiện kế hoạch công tác năm {y} của {d} đạt và vượt chỉ tiêu.",
            "Cập nhật, lưu trữ hồ sơ, tài liệu khoa học, đúng quy định về văn thư, lưu trữ.",
        ],
        (4, Leader) => &[
            "Nêu gương “trên trước, dưới sau”; tiếp nhận, xử lý kịp thời những ý kiến phản ánh của cán bộ, đảng viên và người dân.",
        ],
        (4, Doctor | Nurse | Pharmacist) => &[
            "Làm theo lời Bác dạy “Lương y phải như từ mẫu”, chăm sóc người bệnh tận tình, không phân biệt đối xử.",
        ],
        (4, Teacher) => &[
            "Làm theo lời Bác “Vì lợi ích mười năm phải trồng cây, vì lợi ích trăm năm phải trồng người”, tận tâm với người học.",
        ],
        (4, Worker) => &["Tham gia phong trào thi đua “Lao động giỏi, lao động sáng tạo” tại {w}."],
        (5, Leader) => &[
            "Khắc phục hạn chế trong việc kiểm tra, đôn đốc cấp dưới thực hiện nhiệm vụ; tăng cường đi cơ sở.",
        ],
        (5, Doctor | Nurse) => &[
            "Khắc phục hạn chế về ghi chép hồ sơ bệnh án, hồ sơ chăm sóc còn thiếu một số nội dung.",
        ],
        (5, Teacher) => &["Khắc phục hạn chế về ứng dụng công nghệ thông tin trong giảng dạy."],
        (5, Worker) => {
            &["Khắc phục việc ghi chép nhật ký vận hành, sổ sách theo dõi còn chưa đầy đủ."]
        }
        _ => &[],
    }
}

/// Về tư tưởng chính trị.
const IDEOLOGY: &[&str] = &[
    "Tuyệt đối trung thành với Đảng; kiên định chủ nghĩa Mác – Lênin, tư tưởng Hồ Chí Minh, mục tiêu độc lập dân tộc gắn liền với chủ nghĩa xã hội.",
    "Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; không dao động trước khó khăn, thách thức.",
    "Tham gia đầy đủ các lớp học tập, quán triệt nghị quyết, chỉ thị của Đảng do cấp ủy tổ chức; viết bài thu hoạch đạt yêu cầu.",
    "Thường xuyên đọc Báo Nhân Dân, Báo Hậu Giang và tài liệu sinh hoạt chi bộ để nắm bắt thông tin thời sự, chủ trương mới của Đảng.",
    "Không nghe, không đọc, không chia sẻ thông tin xấu, độc trên mạng xã hội; tích cực đấu tranh phản bác các quan điểm sai trái, thù địch.",
    "Phát biểu xây dựng nghị quyết chi bộ ít nhất một lần mỗi quý.",
    "Giữ vững lập trường tư tưởng; nhận diện và phòng ngừa các biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ.",
    "Tuyên truyền, vận động gia đình và người thân chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định của địa phương nơi cư trú.",
    "Thực hiện nghiêm Quy định số 213-QĐ/TW về trách nhiệm của đảng viên đang công tác thường xuyên giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú.",
    "Tự giác học tập nâng cao trình độ lý luận chính trị; tham gia lớp bồi dưỡng lý luận chính trị khi được cử đi học.",
    "Thực hiện nghiêm các nguyên tắc tổ chức và sinh hoạt Đảng, nhất là nguyên tắc tập trung dân chủ, tự phê bình và phê bình.",
    "Nắm vững Nghị quyết Trung ương 4 khóa XII về tăng cường xây dựng, chỉnh đốn Đảng; liên hệ bản thân để tự soi, tự sửa.",
    "Tham gia bảo vệ nền tảng tư tưởng của Đảng theo Nghị quyết số 35-NQ/TW của Bộ Chính trị; mỗi quý có ít nhất 02 bài viết, bình luận tích cực trên mạng xã hội.",
    "Giữ gìn bí mật nhà nước, bí mật của cơ quan; không phát ngôn tùy tiện, trái quan điểm của Đảng.",
    "Nói và làm theo nghị quyết của Đảng; không nói một đằng, làm một nẻo.",
    "Tham gia đầy đủ các đợt sinh hoạt chính trị, học tập chuyên đề do Đảng ủy Khối tổ chức.",
];

/// Về tư tưởng chính trị, by year.
const IDEOLOGY_2020: &[&str] = &[
    "Tích cực đóng góp ý kiến vào dự thảo văn kiện Đại hội Đảng bộ Khối lần thứ I, Đại hội Đảng bộ tỉnh lần thứ XIV và Đại hội XIII của Đảng.",
    "Tham gia tuyên truyền, góp phần tổ chức thành công đại hội đảng bộ các cấp tiến tới Đại hội XIII của Đảng.",
];

const IDEOLOGY_2021: &[&str] = &[
    "Học tập, quán triệt đầy đủ Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV.",
    "Tham gia tuyên truyền, vận động cử tri đi bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021–2026.",
];

/// Về phẩm chất đạo đức, lối sống.
const ETHICS: &[&str] = &[
    "Sống giản dị, trung thực, khiêm tốn; giữ gìn phẩm chất đạo đức, lối sống trong sạch của người đảng viên.",
    "Không tham ô, tham nhũng, lãng phí; không lợi dụng vị trí công tác để vụ lợi.",
    "Đoàn kết, thương yêu, giúp đỡ đồng nghiệp; góp phần xây dựng tập thể {d} đoàn kết, thống nhất.",
    "Gương mẫu thực hiện nếp sống văn minh; tổ chức việc cưới, việc tang theo quy định; không mê tín dị đoan.",
    "Xây dựng gia đình văn hóa; giáo dục con cái chăm ngoan, học tốt.",
    "Không uống rượu, bia trong giờ làm việc, giờ nghỉ trưa; không điều khiển phương tiện giao thông sau khi đã uống rượu, bia.",
    "Không tham gia đánh bạc, cá độ hay bất kỳ tệ nạn xã hội nào dưới mọi hình thức.",
    "Thực hiện nghiêm Quy định số 47-QĐ/TW về những điều đảng viên không được làm.",
    "Sử dụng mạng xã hội có văn hóa, đúng quy tắc ứng xử; không đăng tải thông tin sai sự thật, ảnh hưởng đến uy tín cơ quan.",
    "Tích cực tham gia các hoạt động từ thiện, nhân đạo, ủng hộ đồng bào bị thiên tai và người nghèo nơi cư trú.",
    "Thực hành tiết kiệm, chống lãng phí trong sử dụng điện, nước, văn phòng phẩm và tài sản công của cơ quan.",
    "Giữ mối quan hệ tốt với nhân dân nơi cư trú; tham gia đầy đủ sinh hoạt tổ dân phố, ấp, khu vực.",
    "Thẳng thắn đấu tranh với các biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống trong cơ quan.",
    "Có lối sống lành mạnh, thường xuyên rèn luyện sức khỏe để hoàn thành tốt nhiệm vụ.",
];

/// Về tác phong, lề lối làm việc và ý thức tổ chức kỷ luật.
const STYLE: &[&str] = &[
    "Chấp hành nghiêm giờ giấc làm việc; không đi trễ về sớm, không làm việc riêng trong giờ hành chính.",
    "Làm việc khoa học, có kế hoạch; phối hợp chặt chẽ với đồng nghiệp trong giải quyết công việc.",
    "Chấp hành nghiêm sự phân công của tổ chức, nội quy, quy chế của {w}.",
    "Báo cáo trung thực, kịp thời với chi bộ về những việc liên quan đến bản thân.",
    "Đóng đảng phí đầy đủ, đúng hạn theo quy định.",
    "Tác phong lịch sự, văn minh, tôn trọng nhân dân; thực hiện tốt quy tắc ứng xử nơi công sở.",
    "Phát huy dân chủ, lắng nghe ý kiến đóng góp của đồng nghiệp; thẳng thắn nhận khuyết điểm và sửa chữa.",
    "Tham gia sinh hoạt chi bộ đầy đủ, đúng giờ; chỉ vắng khi có lý do chính đáng và báo cáo trước với bí thư chi bộ.",
    "Thường xuyên giữ mối liên hệ với chi ủy, đảng ủy nơi cư trú; có nhận xét của nơi cư trú theo quy định.",
    "Giải quyết công việc đúng thẩm quyền, đúng trình tự, thủ tục; không đùn đẩy, né tránh trách nhiệm.",
    "Chấp hành nghiêm chế độ hội họp, báo cáo; báo cáo đúng thời gian, chính xác, đầy đủ.",
    "Trang phục gọn gàng, đeo thẻ công chức, viên chức, người lao động trong giờ làm việc.",
    "Thực hiện đúng Quy chế làm việc của chi bộ và của cấp ủy cấp trên.",
];

/// Về thực hiện chức trách, nhiệm vụ được giao (besides one's own work).
const DUTIES: &[&str] = &[
    "Hoàn thành 100% nhiệm vụ được phân công đúng tiến độ, bảo đảm chất lượng.",
    "Tự học nâng cao trình độ chuyên môn, nghiệp vụ, tin học và ngoại ngữ đáp ứng yêu cầu vị trí việc làm.",
    "Phấn đấu đạt danh hiệu Lao động tiên tiến năm {y}.",
    "Tích cực tham gia các phong trào thi đua do {w} phát động.",
];

/// Việc làm cụ thể học tập và làm theo chuyên đề năm 2020.
const THEME_2020: &[&str] = &[
    "Góp phần xây dựng khối đoàn kết trong {d}; chủ động góp ý, giúp đỡ đồng nghiệp cùng tiến bộ.",
    "Tham gia tích cực Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” tại nơi cư trú.",
    "Học tập tấm gương Bác Hồ về tinh thần đoàn kết: lắng nghe, tôn trọng ý kiến khác biệt, giải quyết mâu thuẫn bằng đối thoại, thuyết phục.",
    "Ủng hộ Quỹ “Vì người nghèo” và các chương trình an sinh xã hội do Mặt trận Tổ quốc phát động ít nhất 01 ngày lương.",
    "Thực hiện tốt quy chế dân chủ ở cơ sở; công khai, minh bạch trong công việc được giao.",
    "Đăng ký giúp đỡ 01 hộ nghèo hoặc gia đình chính sách tại nơi cư trú.",
    "Tích cực tham gia hoạt động của công đoàn, chi đoàn; vận động quần chúng trong {w} tham gia các phong trào thi đua yêu nước.",
    "Làm theo lời Bác “Đoàn kết, đoàn kết, đại đoàn kết; thành công, thành công, đại thành công”, góp phần xây dựng chi bộ trong sạch, vững mạnh.",
    "Giữ gìn sự đoàn kết thống nhất trong cơ quan; không nói xấu, gây chia rẽ nội bộ.",
    "Tự soi, tự sửa theo Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Đăng ký 01 việc làm cụ thể học tập và làm theo Bác gắn với nhiệm vụ chuyên môn; báo cáo kết quả tại sinh hoạt chi bộ hằng quý.",
    "Tham gia góp ý xây dựng Đảng, xây dựng chính quyền qua các hội nghị lấy ý kiến của nhân dân nơi cư trú.",
];

/// Việc làm cụ thể học tập và làm theo chuyên đề năm 2021.
const THEME_2021: &[&str] = &[
    "Phát huy tinh thần tự lực, tự cường; chủ động học tập nâng cao trình độ, không trông chờ, ỷ lại.",
    "Đề xuất ít nhất 01 sáng kiến, giải pháp nâng cao hiệu quả công việc của {d}.",
    "Học tập và làm theo Nghị quyết Đại hội XIII của Đảng về khát vọng phát triển đất nước phồn vinh, hạnh phúc.",
    "Chủ động chuyển đổi số trong công việc: sử dụng thành thạo dịch vụ công trực tuyến, hồ sơ điện tử.",
    "Hoàn thành ít nhất 01 khóa bồi dưỡng nâng cao năng lực chuyên môn, ngoại ngữ hoặc tin học trong năm {y}.",
    "Dám nghĩ, dám làm, dám chịu trách nhiệm; chủ động đề xuất tháo gỡ khó khăn, vướng mắc trong lĩnh vực phụ trách.",
    "Tuyên truyền, vận động gia đình, người thân phát triển kinh tế, làm giàu chính đáng tại nơi cư trú.",
    "Ủng hộ công tác phòng, chống dịch Covid-19 và các hoạt động an sinh xã hội ít nhất 01 ngày lương.",
    "Phấn đấu đạt danh hiệu Chiến sĩ thi đua cơ sở năm {y}.",
    "Khắc phục khó khăn do dịch Covid-19, bảo đảm hoàn thành nhiệm vụ chuyên môn đúng tiến độ.",
    "Đăng ký 01 việc làm cụ thể làm theo Bác gắn với nhiệm vụ chuyên môn; báo cáo kết quả tại sinh hoạt chi bộ hằng quý.",
    "Tự soi, tự sửa theo Chỉ thị số 05-CT/TW của Bộ Chính trị; nêu cao ý chí vươn lên trong công việc được giao.",
];

/// Khắc phục hạn chế, khuyết điểm đã được chỉ ra.
const SHORTCOMINGS: &[&str] = &[
    "Khắc phục hạn chế về việc chưa mạnh dạn phát biểu ý kiến trong sinh hoạt chi bộ.",
    "Khắc phục tình trạng một số văn bản tham mưu còn chậm; lập kế hoạch công việc hằng tuần để theo dõi tiến độ.",
    "Khắc phục hạn chế trong tự phê bình và phê bình, còn nể nang, ngại va chạm.",
    "Dành thời gian nghiên cứu các văn bản mới liên quan đến lĩnh vực chuyên môn; khắc phục hạn chế về cập nhật kiến thức.",
    "Khắc phục hạn chế về ngoại ngữ, tin học; hoàn thành khóa học tin học ứng dụng trong năm {y}.",
    "Khắc phục việc chưa thường xuyên giữ mối liên hệ với chi ủy nơi cư trú.",
    "Khắc phục tình trạng đôi khi còn đến sinh hoạt chi bộ chưa đúng giờ.",
    "Tăng cường tính chủ động, sáng tạo trong công việc; khắc phục tư tưởng làm theo lối mòn.",
    "Cải thiện kỹ năng giao tiếp, ứng xử với người dân, khách hàng; khắc phục thái độ đôi lúc còn nóng vội.",
    "Khắc phục hạn chế về việc đọc báo, nghiên cứu tài liệu chưa thường xuyên.",
    "Sắp xếp hồ sơ, tài liệu khoa học hơn; hoàn thành số hóa hồ sơ phụ trách trong năm {y}.",
    "Năm {py} không có hạn chế, khuyết điểm được chi bộ chỉ ra; tiếp tục phát huy ưu điểm, không để phát sinh hạn chế mới.",
    "Khắc phục hạn chế về phối hợp công việc với các bộ phận liên quan, còn để một số việc phải nhắc nhở.",
    "Khắc phục các hạn chế đã được chi bộ góp ý tại hội nghị kiểm điểm năm {py}; báo cáo kết quả khắc phục với chi bộ vào giữa năm.",
];

const RETURN_REASONS: &[&str] = &[
    "Nội dung cam kết về thực hiện chức trách, nhiệm vụ còn chung chung; đề nghị nêu cụ thể công việc, chỉ tiêu, thời gian hoàn thành.",
    "Việc làm cụ thể theo chuyên đề năm {y} chưa rõ; đề nghị đăng ký việc làm gắn với nhiệm vụ chuyên môn.",
    "Mục khắc phục hạn chế chưa nêu các hạn chế đã được chi bộ góp ý khi kiểm điểm năm {py}.",
    "Một số nội dung chép lại từ bản cam kết năm trước, chưa phù hợp với nhiệm vụ năm {y}; đề nghị bổ sung.",
    "Đề nghị bổ sung nội dung giữ mối liên hệ với chi ủy, đảng ủy nơi cư trú theo Quy định số 213-QĐ/TW.",
    "Chỉ tiêu chuyên môn chưa phù hợp với kế hoạch công tác năm {y} của {d}; đề nghị điều chỉnh.",
    "Nội dung về tư tưởng chính trị chưa gắn với việc học tập nghị quyết năm {y}; đề nghị bổ sung.",
];

const MID_YEAR_NOTES_2020: &[&str] = &[
    "Sáu tháng đầu năm thực hiện đúng các nội dung cam kết; tiếp tục duy trì trong sáu tháng cuối năm.",
    "Đã hoàn thành khoảng một nửa khối lượng công việc đăng ký; một số việc chậm do dịch Covid-19, sẽ tập trung hoàn thành trong quý III.",
    "Chấp hành tốt các biện pháp phòng, chống dịch Covid-19; các nội dung cam kết thực hiện đúng tiến độ.",
    "Tham gia đầy đủ sinh hoạt chi bộ, học tập nghị quyết; nhiệm vụ chuyên môn bảo đảm tiến độ.",
    "Cơ bản thực hiện tốt; cần cố gắng hơn ở nội dung khắc phục hạn chế đã đăng ký.",
    "Thực hiện tốt các nội dung; đã tham gia góp ý dự thảo văn kiện đại hội đảng bộ các cấp.",
    "Các nội dung cam kết đang được thực hiện; khóa bồi dưỡng đăng ký bị hoãn do dịch bệnh, sẽ tham gia khi được tổ chức lại.",
];

const DONE_NOTES: &[&str] = &[
    "Hoàn thành đúng tiến độ.",
    "Đạt và vượt so với đăng ký.",
    "Được lãnh đạo đơn vị ghi nhận.",
    "Thực hiện thường xuyên trong năm.",
    "Có minh chứng kèm theo.",
];

const PARTLY_NOTES: &[&str] = &[
    "Một số nội dung triển khai chậm do ảnh hưởng của dịch Covid-19.",
    "Đạt khoảng 80% so với đăng ký; tiếp tục thực hiện trong năm 2021.",
    "Chưa hoàn thành đúng tiến độ do đơn vị điều chỉnh kế hoạch.",
    "Đã thực hiện nhưng hiệu quả chưa cao.",
    "Khóa học bị hoãn do dịch bệnh, chuyển sang năm sau.",
];

const NOT_DONE_NOTES: &[&str] = &[
    "Chưa thực hiện được; nghiêm túc nhận khuyết điểm.",
    "Chưa hoàn thành do chủ quan, chưa bố trí thời gian hợp lý.",
];

fn own_notes(g: Grade) -> &'static [&'static str] {
    match g {
        Grade::Excellent => &[
            "Hoàn thành xuất sắc các nội dung đã cam kết; nhiều công việc vượt tiến độ, được lãnh đạo đơn vị ghi nhận.",
            "Hoàn thành 100% nội dung cam kết, có sáng kiến được công nhận cấp cơ sở.",
            "Thực hiện đầy đủ, vượt mức các nhiệm vụ được giao; tích cực tham gia phòng, chống dịch Covid-19.",
        ],
        Grade::Good => &[
            "Hoàn thành tốt các nội dung đã cam kết; giữ gìn phẩm chất đạo đức, lối sống; chấp hành nghiêm kỷ luật.",
            "Thực hiện đầy đủ các nội dung cam kết, hoàn thành tốt nhiệm vụ chuyên môn được giao.",
            "Hoàn thành các nhiệm vụ đúng tiến độ, bảo đảm chất lượng; một số việc cần cố gắng hơn.",
        ],
        Grade::Completed => &[
            "Hoàn thành các nội dung cơ bản đã cam kết; một số việc còn chậm tiến độ.",
            "Hoàn thành nhiệm vụ được giao; còn hạn chế trong việc chủ động đề xuất, tham mưu.",
        ],
        Grade::NotCompleted => &[
            "Chưa hoàn thành một số nội dung đã cam kết; nghiêm túc nhận khuyết điểm và đề ra biện pháp khắc phục.",
        ],
    }
}

fn proposal_notes(g: Grade) -> &'static [&'static str] {
    match g {
        Grade::Excellent => &[
            "Tiêu biểu trong thực hiện nhiệm vụ, hoàn thành vượt mức các nội dung cam kết.",
            "Có nhiều đóng góp nổi bật cho đơn vị và chi bộ trong năm.",
        ],
        Grade::Good => &[
            "Hoàn thành tốt các nội dung cam kết, chấp hành nghiêm kỷ luật.",
            "Thực hiện đầy đủ các nội dung cam kết, giữ gìn tốt phẩm chất đạo đức, lối sống.",
        ],
        Grade::Completed => &[
            "Còn một số nội dung cam kết chưa hoàn thành đúng tiến độ.",
            "Hoàn thành nhiệm vụ, nhưng chất lượng một số công việc chưa cao.",
        ],
        Grade::NotCompleted => &["Không hoàn thành nhiều nội dung đã cam kết."],
    }
}

const AGREED_NOTES: &[&str] = &[
    "Thống nhất với đề nghị của chi bộ.",
    "Thống nhất với đề nghị của chi bộ và nhận xét của thủ trưởng đơn vị.",
    "Căn cứ kết quả thực hiện cam kết và đề nghị của chi bộ.",
];

const HELD_BACK_NOTES: &[&str] = &[
    "Còn hạn chế trong thực hiện nhiệm vụ chuyên môn theo nhận xét của thủ trưởng đơn vị.",
    "Một số nội dung cam kết chưa hoàn thành, chưa đủ điều kiện xếp loại như chi bộ đề nghị.",
];

fn unit_notes(g: Grade) -> &'static [&'static str] {
    match g {
        Grade::Excellent => &[
            "Hoàn thành xuất sắc nhiệm vụ năm 2020; lãnh đạo đơn vị hoàn thành vượt mức các chỉ tiêu, không có đảng viên vi phạm.",
            "Tiêu biểu trong thực hiện nhiệm vụ chính trị và công tác xây dựng Đảng năm 2020.",
        ],
        Grade::Good => &[
            "Hoàn thành tốt nhiệm vụ chính trị được giao; duy trì sinh hoạt đều đặn, có chất lượng.",
            "Lãnh đạo thực hiện tốt nhiệm vụ năm 2020; nội bộ đoàn kết.",
        ],
        Grade::Completed => &[
            "Hoàn thành nhiệm vụ; chất lượng sinh hoạt có lúc chưa cao, công tác phát triển đảng viên chưa đạt chỉ tiêu.",
            "Hoàn thành nhiệm vụ; còn đảng viên chưa hoàn thành một số nội dung cam kết.",
        ],
        Grade::NotCompleted => &["Không hoàn thành nhiều chỉ tiêu nhiệm vụ năm 2020."],
    }
}
