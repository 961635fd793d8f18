//! The demo must reproduce every figure of the seed article, and be consistent.

use super::*;
use app::domain::GradingRuleSet;
use app::domain::text::nfc;
use app::store::model::{NewPosition, NewUnit};
use std::collections::HashMap;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(generate)
}

fn units_of(kind: UnitKind) -> Vec<&'static NewUnit> {
    data().units.iter().filter(|u| u.kind == kind).collect()
}

fn unit(id: i64) -> &'static NewUnit {
    data()
        .units
        .iter()
        .find(|u| u.id == id)
        .expect("unit exists")
}

fn unit_by_code(code: &str) -> &'static NewUnit {
    data()
        .units
        .iter()
        .find(|u| u.code == code)
        .expect("unit exists")
}

/// Members whose cell is `id`.
fn members_in(id: i64) -> Vec<&'static NewMember> {
    data().members.iter().filter(|m| m.cell_id == id).collect()
}

fn is_in_subtree(mut id: i64, root: i64) -> bool {
    loop {
        if id == root {
            return true;
        }
        match unit(id).parent_id {
            Some(parent) => id = parent,
            None => return false,
        }
    }
}

#[test]
fn unit_counts_match_the_article() {
    assert_eq!(units_of(UnitKind::Bloc).len(), 3);
    assert_eq!(units_of(UnitKind::GrassrootsCommittee).len(), 46);
    assert_eq!(units_of(UnitKind::GrassrootsCell).len(), 52);
    assert_eq!(units_of(UnitKind::Cell).len(), 260);
    assert!(units_of(UnitKind::SubCommittee).is_empty());
    assert!(units_of(UnitKind::Group).is_empty());
    assert_eq!(data().units.len(), 3 + 46 + 52 + 260);
}

#[test]
fn tree_shape_and_history() {
    let ds = data();
    let bloc = unit_by_code(BLOC_CODE);
    assert_eq!(
        (bloc.parent_id, bloc.valid_from, bloc.valid_to),
        (None, MERGER_DATE, None)
    );
    assert_eq!(
        bloc.name,
        "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Hậu Giang"
    );
    for code in [AGENCIES_BLOC_CODE, ENTERPRISES_BLOC_CODE] {
        let old = unit_by_code(code);
        assert_eq!(old.kind, UnitKind::Bloc);
        assert_eq!(old.parent_id, None);
        assert_eq!(old.valid_to, Some(MERGER_DATE));
        assert!((2004..=2008).contains(&old.valid_from.year()));
    }
    // Parents come first, and each kind sits under the right kind.
    let mut seen = HashSet::new();
    for u in &ds.units {
        if let Some(p) = u.parent_id {
            assert!(seen.contains(&p), "{} listed before its parent", u.code);
            assert!(unit(p).kind.allows_child(u.kind));
        }
        match u.kind {
            UnitKind::GrassrootsCommittee | UnitKind::GrassrootsCell => {
                assert_eq!(u.parent_id, Some(bloc.id))
            }
            UnitKind::Cell => assert_eq!(
                unit(u.parent_id.unwrap()).kind,
                UnitKind::GrassrootsCommittee
            ),
            _ => assert_eq!(u.parent_id, None),
        }
        assert!(seen.insert(u.id));
    }
    // Every committee has at least two cells.
    for c in units_of(UnitKind::GrassrootsCommittee) {
        let cells = ds
            .units
            .iter()
            .filter(|u| u.parent_id == Some(c.id))
            .count();
        assert!(cells >= 2, "{}", c.name);
    }
    // Dated parent links: old bloc until the merger, the merged bloc since.
    assert_eq!(ds.unit_parents.len(), 98 * 2 + 260);
    for link in &ds.unit_parents {
        // A link lies within the life of its parent and of its child.
        let (parent, child) = (unit(link.parent_id), unit(link.unit_id));
        assert!(parent.valid_from <= link.valid_from && child.valid_from <= link.valid_from);
        assert!(parent.valid_to.is_none() || link.valid_to == parent.valid_to);
    }
    for u in &ds.units {
        let links: Vec<_> = ds
            .unit_parents
            .iter()
            .filter(|p| p.unit_id == u.id)
            .collect();
        match u.kind {
            UnitKind::Bloc => assert!(links.is_empty()),
            UnitKind::Cell => {
                assert_eq!(links.len(), 1);
                assert_eq!(Some(links[0].parent_id), u.parent_id);
                assert_eq!(
                    (links[0].valid_from, links[0].valid_to),
                    (u.valid_from, None)
                );
            }
            _ => {
                assert_eq!(links.len(), 2);
                let old = unit(links[0].parent_id);
                assert!(old.code == AGENCIES_BLOC_CODE || old.code == ENTERPRISES_BLOC_CODE);
                assert_eq!(
                    (links[0].valid_from, links[0].valid_to),
                    (u.valid_from, Some(MERGER_DATE))
                );
                assert_eq!(
                    (links[1].parent_id, links[1].valid_from, links[1].valid_to),
                    (bloc.id, MERGER_DATE, None)
                );
            }
        }
    }
}

#[test]
fn merger_events() {
    let ds = data();
    let bloc = unit_by_code(BLOC_CODE).id;
    let count = |kind| ds.unit_events.iter().filter(|e| e.kind == kind).count();
    assert_eq!(count(UnitEventKind::Merge), 2);
    assert_eq!(count(UnitEventKind::Create), 1);
    assert_eq!(count(UnitEventKind::Move), 98);
    assert_eq!(ds.unit_events.len(), 101);
    for e in &ds.unit_events {
        assert_eq!(e.date, MERGER_DATE);
        assert!(
            e.note.contains("Nghị quyết số 15-NQ/TU ngày 24/02/2020"),
            "{}",
            e.note
        );
        match e.kind {
            UnitEventKind::Merge => {
                assert_eq!(unit(e.unit_id).valid_to, Some(MERGER_DATE));
                assert_eq!(e.related_unit_id, Some(bloc));
            }
            UnitEventKind::Create => assert_eq!(e.unit_id, bloc),
            _ => {
                assert!(unit(e.unit_id).kind.is_grassroots());
                assert_eq!(e.related_unit_id, Some(bloc));
            }
        }
    }
}

#[test]
fn codes_and_names_are_unique() {
    let ds = data();
    let codes: HashSet<_> = ds.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes.len(), ds.units.len());
    assert!(
        ds.units
            .iter()
            .all(|u| u.code.is_ascii() && !u.code.is_empty())
    );
    // Organisations have unique names; cells are unique within their committee.
    let names: HashSet<_> = ds
        .units
        .iter()
        .filter(|u| u.kind != UnitKind::Cell)
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(names.len(), 3 + 98);
    let cells: HashSet<_> = ds
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::Cell)
        .map(|u| (u.parent_id, u.name.as_str()))
        .collect();
    assert_eq!(cells.len(), 260);
    let cards: HashSet<_> = ds.members.iter().map(|m| m.card_number.as_str()).collect();
    assert_eq!(cards.len(), ds.members.len());
    assert!(
        ds.members
            .iter()
            .all(|m| m.card_number.len() == 8 && m.card_number.bytes().all(|b| b.is_ascii_digit()))
    );
    let records: HashSet<_> = ds
        .members
        .iter()
        .map(|m| m.record_number.as_str())
        .collect();
    assert_eq!(records.len(), ds.members.len());
    let ids: HashSet<_> = ds.members.iter().map(|m| m.id).collect();
    assert_eq!(ids.len(), ds.members.len());
}

#[test]
fn member_figures_match_the_article() {
    let ds = data();
    assert_eq!(ds.members.len(), TOTAL_MEMBERS);
    assert!(ds.members.iter().all(|m| m.status.is_active()));
    let in_2020: Vec<_> = ds
        .members
        .iter()
        .filter(|m| m.admission_date.year() == 2020)
        .collect();
    assert_eq!(in_2020.len(), ADMITTED_IN_2020);
    for m in &ds.members {
        match m.status {
            MemberStatus::Probationary => {
                assert_eq!(m.admission_date.year(), 2020);
                assert_eq!(m.full_membership_date, None);
            }
            MemberStatus::Full | MemberStatus::Exempt => {
                assert!(m.admission_date <= date(2019, 12, 31));
                let full = m.full_membership_date.expect("full date");
                assert!(full >= add_months(m.admission_date, 12));
                assert!(full <= DEMO_REFERENCE_DATE);
            }
            other => panic!("unexpected status {other:?}"),
        }
        assert!((1956..=1998).contains(&m.birth_date.year()));
        assert!(m.admission_date >= add_months(m.birth_date, 18 * 12));
        assert!(m.admission_date >= date(1980, 1, 1));
        assert!(m.admission_date <= DEMO_REFERENCE_DATE);
    }
    let exempt: Vec<_> = ds
        .members
        .iter()
        .filter(|m| m.status == MemberStatus::Exempt)
        .collect();
    assert_eq!(exempt.len(), EXEMPT_MEMBERS);
    assert!(exempt.iter().all(|m| m.birth_date.year() <= 1962));
    let share = exempt.len() as f64 / ds.members.len() as f64;
    assert!((0.015..=0.02).contains(&share));
}

#[test]
fn members_sit_in_cells_of_realistic_sizes() {
    let ds = data();
    for m in &ds.members {
        assert!(unit(m.cell_id).kind.holds_members());
    }
    for u in ds.units.iter().filter(|u| u.kind.holds_members()) {
        let members = members_in(u.id);
        let full = members
            .iter()
            .filter(|m| m.status == MemberStatus::Full)
            .count();
        assert!(full >= 3, "{} has {full} full members", u.name);
        let range = if u.kind == UnitKind::GrassrootsCell {
            5..=25
        } else {
            5..=45
        };
        assert!(
            range.contains(&members.len()),
            "{}: {}",
            u.name,
            members.len()
        );
    }
    for c in units_of(UnitKind::GrassrootsCommittee) {
        let n = ds
            .members
            .iter()
            .filter(|m| unit(m.cell_id).parent_id == Some(c.id))
            .count();
        assert!(n >= 30, "{}: {n}", c.name);
    }
    // One membership per member, in the member's cell, from admission or the cell's creation.
    assert_eq!(ds.memberships.len(), ds.members.len());
    for (m, ms) in ds.members.iter().zip(&ds.memberships) {
        assert_eq!(
            (ms.member_id, ms.unit_id, ms.valid_to),
            (m.id, m.cell_id, None)
        );
        assert_eq!(
            ms.valid_from,
            m.admission_date.max(unit(m.cell_id).valid_from)
        );
    }
}

#[test]
fn personal_data_looks_real() {
    let ds = data();
    let women = ds
        .members
        .iter()
        .filter(|m| m.gender == Gender::Female)
        .count();
    let share = women as f64 / ds.members.len() as f64;
    assert!((0.45..=0.55).contains(&share), "female share {share}");
    let nguyen = ds
        .members
        .iter()
        .filter(|m| m.full_name.starts_with("Nguyễn "))
        .count();
    assert!((0.33..=0.43).contains(&(nguyen as f64 / ds.members.len() as f64)));
    for m in &ds.members {
        assert!(
            m.full_name.split_whitespace().count() >= 3,
            "{}",
            m.full_name
        );
        assert!(m.phone.len() == 10 && (m.phone.starts_with("09") || m.phone.starts_with("08")));
        assert!(m.phone.bytes().all(|b| b.is_ascii_digit()));
        assert!(m.email.is_empty() || (m.email.is_ascii() && m.email.contains('@')));
        assert!(!m.job_title.is_empty());
        // The agency is the organisation, or for a group of agencies the cell.
        let u = unit(m.cell_id);
        let org = if u.kind == UnitKind::Cell {
            unit(u.parent_id.unwrap())
        } else {
            u
        };
        let agency = |u: &NewUnit| {
            u.name
                .split_once(' ')
                .unwrap()
                .1
                .split_once(' ')
                .unwrap()
                .1
                .to_string()
        };
        assert!(
            agency(org) == m.workplace || agency(u) == m.workplace,
            "{} / {}",
            org.name,
            m.workplace
        );
    }
    let no_email = ds.members.iter().filter(|m| m.email.is_empty()).count();
    assert!((0.3..=0.5).contains(&(no_email as f64 / ds.members.len() as f64)));
    let emails: HashSet<_> = ds
        .members
        .iter()
        .filter(|m| !m.email.is_empty())
        .map(|m| &m.email)
        .collect();
    assert_eq!(emails.len(), ds.members.len() - no_email);
}

#[test]
fn the_author_is_in_the_office_cell() {
    let authors: Vec<_> = data()
        .members
        .iter()
        .filter(|m| m.full_name == AUTHOR_NAME)
        .collect();
    assert_eq!(authors.len(), 1);
    let author = authors[0];
    assert_eq!(author.gender, Gender::Male);
    assert_eq!(author.status, MemberStatus::Full);
    assert_eq!(author.job_title, AUTHOR_JOB_TITLE);
    assert_eq!(author.card_number, AUTHOR_CARD_NUMBER);
    let office = unit_by_code(OFFICE_CELL_CODE);
    assert_eq!(office.name, "Chi bộ Cơ quan Đảng ủy Khối");
    assert_eq!(office.kind, UnitKind::GrassrootsCell);
    assert_eq!(author.cell_id, office.id);
}

#[test]
fn positions_are_held_by_full_members_of_the_unit() {
    let ds = data();
    let mut by_unit: HashMap<i64, Vec<&NewPosition>> = HashMap::new();
    let mut held = HashSet::new();
    for p in &ds.positions {
        let m = &ds.members[(p.member_id - 1) as usize];
        assert_eq!(m.id, p.member_id);
        assert_eq!(m.status, MemberStatus::Full);
        assert!(m.full_membership_date.is_some_and(|d| d <= p.valid_from));
        assert!(
            is_in_subtree(m.cell_id, p.unit_id),
            "{} not under {}",
            m.full_name,
            p.unit_id
        );
        assert_eq!(p.term_label, "2020–2025");
        assert_eq!(p.valid_from.year(), 2020);
        assert_eq!(p.valid_to, None);
        assert!(
            held.insert((p.member_id, p.unit_id)),
            "two posts in one unit"
        );
        by_unit.entry(p.unit_id).or_default().push(p);
    }
    let count = |ps: &[&NewPosition], role| ps.iter().filter(|p| p.role == role).count();
    for u in &ds.units {
        let ps = by_unit.get(&u.id).map(Vec::as_slice).unwrap_or_default();
        let secretaries = count(ps, PositionRole::Secretary);
        let deputies = count(ps, PositionRole::DeputySecretary);
        let standing = count(ps, PositionRole::StandingCommitteeMember);
        let total = ps.len();
        match u.kind {
            UnitKind::Cell | UnitKind::GrassrootsCell => {
                let full = members_in(u.id)
                    .iter()
                    .filter(|m| m.status == MemberStatus::Full)
                    .count();
                assert_eq!(secretaries, 1);
                assert_eq!(deputies, usize::from(full >= 5), "{}", u.name);
                assert_eq!(standing, 0);
                let expected = match full {
                    20.. => 5,
                    9.. => 3,
                    5.. => 2,
                    _ => 1,
                };
                assert_eq!(total, expected, "{} with {full} full members", u.name);
                let congress = ps[0].valid_from;
                assert!(congress >= date(2020, 4, 1) && congress <= date(2020, 7, 31));
            }
            UnitKind::GrassrootsCommittee => {
                assert_eq!(secretaries, 1);
                assert!((1..=2).contains(&deputies));
                assert!((2..=3).contains(&standing));
                assert!((7..=15).contains(&total), "{}: {total}", u.name);
                // The committee is elected after its cells.
                let cells = ds.units.iter().filter(|c| c.parent_id == Some(u.id));
                let last_cell = cells
                    .flat_map(|c| by_unit[&c.id].iter().map(|p| p.valid_from))
                    .max()
                    .unwrap();
                assert!(last_cell < ps[0].valid_from);
            }
            UnitKind::Bloc if u.code == BLOC_CODE => {
                assert_eq!((secretaries, deputies, standing), (1, 2, 6));
                assert_eq!(count(ps, PositionRole::CommitteeMember), 8);
                assert!(ps.iter().all(|p| p.valid_from == BLOC_CONGRESS_DATE));
            }
            _ => assert!(ps.is_empty()),
        }
    }
    // The bloc secretary works in the bloc office.
    let bloc = unit_by_code(BLOC_CODE).id;
    let secretary = by_unit[&bloc]
        .iter()
        .find(|p| p.role == PositionRole::Secretary)
        .unwrap();
    let m = &ds.members[(secretary.member_id - 1) as usize];
    assert_eq!(m.cell_id, unit_by_code(OFFICE_CELL_CODE).id);
    assert_eq!(m.job_title, "Bí thư Đảng ủy Khối");
}

#[test]
fn the_2020_theme_and_rules() {
    let years = &data().years;
    // 2020, and 2021 (see `the_2021_commitments_are_being_filed`).
    assert_eq!(years.len(), 2);
    assert_eq!(years[0].year, 2020);
    assert_eq!(years[0].rule_set, GradingRuleSet::Rules2019);
    assert!(
        years[0]
            .theme
            .contains("tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    );
}

#[test]
fn all_text_is_nfc() {
    let ds = data();
    let texts = ds
        .units
        .iter()
        .flat_map(|u| [&u.name, &u.code])
        .chain(ds.unit_events.iter().map(|e| &e.note))
        .chain(ds.members.iter().flat_map(|m| {
            [
                &m.full_name,
                &m.job_title,
                &m.workplace,
                &m.email,
                &m.record_number,
            ]
        }))
        .chain(ds.positions.iter().map(|p| &p.term_label))
        .chain(ds.years.iter().map(|y| &y.theme));
    for t in texts {
        assert_eq!(&nfc(t), t);
    }
}

#[test]
fn generation_is_deterministic() {
    let (a, b) = (generate(), generate());
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    assert_eq!(format!("{a:?}"), format!("{:?}", data()));
}

/// The demo logins of the README and the figures the browser tests check
/// depend on every draw staying in its place: a change to the shared
/// builder must not move one. (A deliberate change of the demo updates it.)
#[test]
fn the_demo_is_the_one_documented() {
    assert_eq!(
        crate::dataset::fingerprint(data()),
        "e27eb524efbe45134ab3a80768da82bf4a6f1a4f23b9ed17a84cc8d3d2d2f6bf"
    );
}

/// Prints the distribution (`cargo test -p server demo::tests::figures -- --nocapture`).
#[test]
fn figures() {
    let ds = data();
    let started = std::time::Instant::now();
    let _ = generate();
    let elapsed = started.elapsed();
    let kind_of_org = |m: &NewMember| {
        let u = unit(m.cell_id);
        if u.kind == UnitKind::Cell {
            unit(u.parent_id.unwrap()).kind
        } else {
            u.kind
        }
    };
    for kind in [UnitKind::GrassrootsCommittee, UnitKind::GrassrootsCell] {
        let n = ds.members.iter().filter(|m| kind_of_org(m) == kind).count();
        println!("members in {kind:?}: {n}");
    }
    let mut committees: Vec<(usize, &str)> = units_of(UnitKind::GrassrootsCommittee)
        .iter()
        .map(|c| {
            let n = ds
                .members
                .iter()
                .filter(|m| unit(m.cell_id).parent_id == Some(c.id))
                .count();
            (n, c.name.as_str())
        })
        .collect();
    committees.sort();
    println!(
        "smallest committee {:?}, largest {:?}",
        committees[0], committees[45]
    );
    let sizes = |kind| -> Vec<usize> {
        units_of(kind)
            .iter()
            .map(|u| members_in(u.id).len())
            .collect()
    };
    for kind in [UnitKind::Cell, UnitKind::GrassrootsCell] {
        let s = sizes(kind);
        println!(
            "{kind:?} sizes: min {} max {} mean {:.1}",
            s.iter().min().unwrap(),
            s.iter().max().unwrap(),
            s.iter().sum::<usize>() as f64 / s.len() as f64
        );
    }
    let women = ds
        .members
        .iter()
        .filter(|m| m.gender == Gender::Female)
        .count();
    println!(
        "female share {:.1} %",
        100.0 * women as f64 / ds.members.len() as f64
    );
    let exempt = ds
        .members
        .iter()
        .filter(|m| m.status == MemberStatus::Exempt)
        .count();
    println!(
        "exempt {exempt}, probationary {}",
        ds.members
            .iter()
            .filter(|m| m.status == MemberStatus::Probationary)
            .count()
    );
    let by_year = |y| {
        ds.members
            .iter()
            .filter(|m| m.admission_date.year() == y)
            .count()
    };
    println!(
        "admitted 2015..=2020: {:?}",
        (2015..=2020).map(by_year).collect::<Vec<_>>()
    );
    let no_email = ds.members.iter().filter(|m| m.email.is_empty()).count();
    println!(
        "no e-mail {:.1} %",
        100.0 * no_email as f64 / ds.members.len() as f64
    );
    println!("positions {}, generated in {elapsed:?}", ds.positions.len());
}

// ---------------------------------------------------------------------------
// Yearly commitments

use app::domain::commitment::{self as workflow, CommitmentState, Role, Step};
use app::domain::grading::{Grade, quota};
use app::domain::undertaking::ItemResult;
use app::store::model::{NewCommitment, WORKING_DATE};
use std::collections::BTreeMap;

fn commitments_of(year: i32) -> Vec<&'static NewCommitment> {
    data()
        .commitments
        .iter()
        .filter(|c| c.year == year)
        .collect()
}

fn member(id: i64) -> &'static NewMember {
    let m = &data().members[(id - 1) as usize];
    assert_eq!(m.id, id);
    m
}

fn member_by_card(card: &str) -> &'static NewMember {
    data()
        .members
        .iter()
        .find(|m| m.card_number == card)
        .expect("member exists")
}

/// The grassroots organisation whose subtree holds the member's cell.
fn org_of(m: &NewMember) -> i64 {
    let cell = unit(m.cell_id);
    match cell.kind {
        UnitKind::Cell => cell.parent_id.unwrap(),
        _ => cell.id,
    }
}

/// The holder of `role` in `unit` (the first one).
fn holder(unit_id: i64, role: PositionRole) -> Option<i64> {
    data()
        .positions
        .iter()
        .find(|p| p.unit_id == unit_id && p.role == role)
        .map(|p| p.member_id)
}

fn grade_of(c: &NewCommitment) -> Grade {
    c.decided.as_ref().expect("decided").0.grade
}

#[test]
fn every_member_filed_and_was_graded_in_2020() {
    let ds = data();
    let cs = commitments_of(2020);
    assert_eq!(cs.len(), TOTAL_MEMBERS);
    let members: HashSet<i64> = cs.iter().map(|c| c.member_id).collect();
    assert_eq!(members.len(), TOTAL_MEMBERS);
    let sections = ds.years[0].sections.len();
    assert_eq!(sections, 6);
    for c in &cs {
        assert_eq!(c.state, CommitmentState::Graded);
        for s in 0..sections {
            let n = c.items.iter().filter(|u| u.section == s).count();
            assert!((1..=3).contains(&n), "commitment {}: {n} in {s}", c.id);
        }
        assert!(c.items.iter().all(|u| u.section < sections));
        assert!(c.items.iter().all(|u| u.result.is_some()));
        for (a, note) in [&c.self_assessment, &c.proposed, &c.decided]
            .into_iter()
            .map(|x| x.as_ref().expect("assessed"))
        {
            assert_eq!(a.points, None);
            assert!(!note.trim().is_empty());
        }
        assert!(c.submitted_at.is_some() && c.approved_at.is_some());
    }
    // Results: mostly done, some partly, "not done" only for a few.
    let results: Vec<ItemResult> = cs
        .iter()
        .flat_map(|c| c.items.iter().filter_map(|u| u.result))
        .collect();
    let share = |r| results.iter().filter(|&&x| x == r).count() as f64 / results.len() as f64;
    assert!(share(ItemResult::Done) > 0.9);
    assert!((0.01..0.08).contains(&share(ItemResult::Partly)));
    assert!(share(ItemResult::NotDone) < 0.005);
    // The seed's "100 % filed", of whom about 8 % were sent back once.
    let returned = cs
        .iter()
        .filter(|c| c.history.iter().any(|e| e.action == "commitment.return"))
        .count();
    assert!((0.06..=0.10).contains(&(returned as f64 / cs.len() as f64)));
    assert!(
        cs.iter().all(|c| c.return_reason.is_empty()
            != c.history.iter().any(|e| e.action == "commitment.return"))
    );
}

#[test]
fn the_2020_grades_keep_the_quota_in_every_grassroots_organisation() {
    let mut by_org: HashMap<i64, Vec<Grade>> = HashMap::new();
    for c in commitments_of(2020) {
        by_org
            .entry(org_of(member(c.member_id)))
            .or_default()
            .push(grade_of(c));
    }
    assert_eq!(by_org.len(), 98);
    let rules = data().years[0].rule_set;
    assert_eq!(rules, GradingRuleSet::Rules2019);
    let mut near_the_limit = 0;
    for (org, grades) in &by_org {
        let q = quota(rules, grades.iter().copied());
        assert!(q.holds(), "{}: {q:?}", unit(*org).name);
        near_the_limit += usize::from(q.excellent + 1 >= q.max_excellent);
    }
    // Most organisations use their quota, or all but one of it.
    assert!(near_the_limit >= 90, "{near_the_limit}");
    let all: Vec<Grade> = by_org.values().flatten().copied().collect();
    let q = quota(rules, all.iter().copied());
    assert!(q.holds());
    let count = |g| all.iter().filter(|&&x| x == g).count();
    let share = |g| count(g) as f64 / all.len() as f64;
    assert!((0.75..=0.82).contains(&share(Grade::Good)));
    assert!((0.13..=0.17).contains(&share(Grade::Excellent)));
    assert!((0.05..=0.10).contains(&share(Grade::Completed)));
    assert!((3..=30).contains(&count(Grade::NotCompleted)));
    // The steps before the decision: the proposal mostly agrees, one's own
    // grade is sometimes a step better; nobody rates themselves lower.
    let cs = commitments_of(2020);
    let same = cs
        .iter()
        .filter(|c| c.proposed.as_ref().unwrap().0.grade == grade_of(c))
        .count();
    assert!(same as f64 / cs.len() as f64 > 0.9);
    for c in &cs {
        let own = c.self_assessment.as_ref().unwrap().0.grade;
        let proposed = c.proposed.as_ref().unwrap().0.grade;
        assert!(own <= proposed && proposed <= grade_of(c));
    }
    // Nobody new is excellent; every excellent member did all they undertook.
    for c in cs.iter().filter(|c| grade_of(c) == Grade::Excellent) {
        assert_eq!(member(c.member_id).status, MemberStatus::Full);
        assert!(c.items.iter().all(|u| u.result == Some(ItemResult::Done)));
    }
}

/// Replays every history through the domain's state machine: each step is
/// one the actor may take from the state before, and leads where its entry says.
#[test]
fn histories_follow_the_workflow_in_order() {
    let ds = data();
    for c in &ds.commitments {
        let m = member(c.member_id);
        let year = ds.years.iter().find(|y| y.year == c.year).expect("year");
        let (first, last) = match c.year {
            2020 => (date(2020, 1, 2), date(2020, 12, 20)),
            _ => (date(2021, 1, 4), DEMO_WORKING_DATE),
        };
        assert!(!c.history.is_empty());
        assert_eq!(c.history[0].action, "commitment.save");
        let mut state = None;
        for (i, e) in c.history.iter().enumerate() {
            if i > 0 {
                assert!(
                    c.history[i - 1].at < e.at,
                    "commitment {} not in order",
                    c.id
                );
            }
            let day = e.at.date_naive();
            assert!(first <= day && day <= last, "commitment {}: {day}", c.id);
            let step = match e.action.as_str() {
                "commitment.save" => Step::Save,
                "commitment.submit" => Step::Submit,
                "commitment.return" => Step::Return,
                "commitment.approve" => Step::Approve,
                "commitment.mid_year_review" => Step::MidYearReview,
                "commitment.self_assess" => Step::SelfAssess,
                "commitment.propose" => Step::Propose,
                "commitment.decide" => Step::Decide,
                other => panic!("unexpected action {other}"),
            };
            let role = match step {
                Step::Return | Step::Approve | Step::Propose => Role::Reviewer,
                Step::Decide => Role::Committee,
                _ => Role::Owner,
            };
            let owner = role == Role::Owner;
            assert_eq!(e.actor_label == m.card_number, owner, "{e:?}");
            let cx = workflow::Context {
                state,
                expected_version: 1,
                current_version: 1,
                today: day,
                deadlines: &year.deadlines,
                // Members admitted during 2020 filed after the deadline.
                extended_to: Some(day),
                actor_is_owner: owner,
                reason: e.after["reason"].as_str(),
            };
            let next = workflow::step(role, step, &cx).expect("a valid step");
            assert_eq!(e.after["state"], next.as_str());
            if let Some(grade) = e.after["grade"].as_str() {
                assert!(Grade::parse(grade).is_some());
                assert!(!e.after["note"].as_str().unwrap_or_default().is_empty());
            }
            state = Some(next);
        }
        assert_eq!(state, Some(c.state), "commitment {}", c.id);
        let last_at = |action: &str| {
            c.history
                .iter()
                .rev()
                .find(|e| e.action == action)
                .map(|e| e.at)
        };
        assert_eq!(c.submitted_at, last_at("commitment.submit"));
        assert_eq!(c.approved_at, last_at("commitment.approve"));
        if let Some(reason) = c
            .history
            .iter()
            .rev()
            .find_map(|e| e.after["reason"].as_str())
        {
            assert_eq!(c.return_reason, reason);
        }
        assert_eq!(
            c.mid_year_note.is_empty(),
            last_at("commitment.mid_year_review").is_none()
        );
    }
}

#[test]
fn reviewers_and_deciders_hold_the_posts() {
    let ds = data();
    let card = |id: i64| member(id).card_number.as_str();
    for c in &ds.commitments {
        let m = member(c.member_id);
        let cell = m.cell_id;
        let org = org_of(m);
        for e in &c.history {
            let (unit_id, roles): (i64, &[PositionRole]) = match e.action.as_str() {
                "commitment.return" | "commitment.approve" | "commitment.propose" => (
                    cell,
                    &[PositionRole::Secretary, PositionRole::DeputySecretary],
                ),
                "commitment.decide" => (
                    org,
                    &[
                        PositionRole::Secretary,
                        PositionRole::DeputySecretary,
                        PositionRole::StandingCommitteeMember,
                    ],
                ),
                _ => continue,
            };
            let actor = member_by_card(&e.actor_label);
            assert_ne!(actor.id, m.id);
            let secretary = holder(unit_id, PositionRole::Secretary).unwrap();
            if secretary != m.id {
                // The secretary acts, except on their own commitment.
                assert_eq!(e.actor_label, card(secretary), "{}", e.action);
            } else if let Some(deputy) = holder(unit_id, PositionRole::DeputySecretary) {
                assert_eq!(e.actor_label, card(deputy), "{}", e.action);
            } else {
                // A small cell without a deputy: the level above.
                assert!(!ds.positions.iter().any(|p| p.unit_id == unit_id
                    && p.member_id == actor.id
                    && roles.contains(&p.role)));
            }
        }
    }
}

#[test]
fn the_2021_commitments_are_being_filed() {
    let ds = data();
    let year = ds.years.iter().find(|y| y.year == 2021).expect("2021");
    assert_eq!(year.theme, YEAR_2021_THEME);
    assert_eq!(year.rule_set, GradingRuleSet::Rules2019);
    assert_eq!(year.sections, ds.years[0].sections);
    assert_eq!(year.deadlines.filing, date(2021, 3, 31));
    assert_eq!(
        ds.settings,
        vec![(WORKING_DATE.to_string(), "2021-03-15".to_string())]
    );
    let cs = commitments_of(2021);
    let total = ds.members.len() as f64;
    let count = |s| cs.iter().filter(|c| c.state == s).count() as f64 / total;
    let not_started = 1.0 - cs.len() as f64 / total;
    assert!((0.07..=0.13).contains(&not_started), "{not_started}");
    assert!((0.12..=0.18).contains(&count(CommitmentState::Draft)));
    assert!((0.26..=0.34).contains(&count(CommitmentState::Submitted)));
    assert!((0.035..=0.07).contains(&count(CommitmentState::Returned)));
    assert!((0.35..=0.45).contains(&count(CommitmentState::Approved)));
    assert!(cs.iter().all(|c| matches!(
        c.state,
        CommitmentState::Draft
            | CommitmentState::Submitted
            | CommitmentState::Returned
            | CommitmentState::Approved
    )));
    for c in &cs {
        assert!(c.self_assessment.is_none() && c.proposed.is_none() && c.decided.is_none());
        assert!(c.items.iter().all(|u| u.result.is_none()));
        assert_eq!(
            c.return_reason.is_empty(),
            c.state != CommitmentState::Returned
                && !c.history.iter().any(|e| e.action == "commitment.return")
        );
        if c.state != CommitmentState::Draft {
            for s in 0..year.sections.len() {
                assert!(c.items.iter().any(|u| u.section == s));
            }
        }
    }
    // Some cells are almost done, others far behind.
    let mut by_cell: HashMap<i64, (usize, usize)> = HashMap::new();
    for m in &ds.members {
        by_cell.entry(m.cell_id).or_default().0 += 1;
    }
    for c in &cs {
        if c.state == CommitmentState::Approved {
            by_cell.get_mut(&member(c.member_id).cell_id).unwrap().1 += 1;
        }
    }
    let shares: Vec<f64> = by_cell
        .values()
        .filter(|(n, _)| *n >= 10)
        .map(|&(n, a)| a as f64 / n as f64)
        .collect();
    assert!(shares.iter().filter(|&&s| s >= 0.7).count() >= 10);
    assert!(shares.iter().filter(|&&s| s <= 0.15).count() >= 10);
}

#[test]
fn the_demo_logins_have_2021_work_to_do() {
    let ds = data();
    let state_of = |m: &NewMember| {
        commitments_of(2021)
            .into_iter()
            .find(|c| c.member_id == m.id)
            .map(|c| c.state)
    };
    let vy = member_by_card(DEMO_MEMBER_CARD);
    assert_eq!(vy.full_name, "Nguyễn Phương Vy");
    assert_eq!(state_of(vy), None);
    let huong = member_by_card(DEMO_CELL_SECRETARY_CARD);
    assert_eq!(huong.full_name, "Hồ Cẩm Hương");
    assert_eq!(unit(huong.cell_id).name, "Chi bộ Trung tâm Công tác xã hội");
    assert_eq!(
        holder(huong.cell_id, PositionRole::Secretary),
        Some(huong.id)
    );
    assert_eq!(state_of(huong), Some(CommitmentState::Approved));
    let own = commitments_of(2021)
        .into_iter()
        .find(|c| c.member_id == huong.id)
        .unwrap();
    let deputy = holder(huong.cell_id, PositionRole::DeputySecretary).expect("a deputy");
    let approve = own
        .history
        .iter()
        .find(|e| e.action == "commitment.approve")
        .unwrap();
    assert_eq!(approve.actor_label, member(deputy).card_number);
    let states: Vec<Option<CommitmentState>> = ds
        .members
        .iter()
        .filter(|m| m.cell_id == huong.cell_id && m.id != huong.id)
        .map(state_of)
        .collect();
    let n = |s| states.iter().filter(|&&x| x == s).count();
    assert!(n(None) >= 3);
    assert!(n(Some(CommitmentState::Submitted)) >= 3);
    assert!(n(Some(CommitmentState::Returned)) >= 1);
}

#[test]
fn commitment_ids_are_sequential() {
    let ds = data();
    for (i, c) in ds.commitments.iter().enumerate() {
        assert_eq!(c.id, i as i64 + 1);
    }
    // 2020 first, member by member, then 2021.
    let years: Vec<i32> = ds.commitments.iter().map(|c| c.year).collect();
    assert!(years.is_sorted());
    let pairs: HashSet<(i32, i64)> = ds
        .commitments
        .iter()
        .map(|c| (c.year, c.member_id))
        .collect();
    assert_eq!(pairs.len(), ds.commitments.len());
}

#[test]
fn the_2020_unit_grades_cover_every_cell_and_organisation() {
    let ds = data();
    let graded: HashMap<i64, Grade> = ds
        .unit_grades
        .iter()
        .map(|g| (g.unit_id, g.grade))
        .collect();
    assert_eq!(graded.len(), ds.unit_grades.len());
    assert!(
        ds.unit_grades
            .iter()
            .all(|g| g.year == 2020 && !g.note.is_empty())
    );
    let expected: HashSet<i64> = ds
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::Cell || u.kind.is_grassroots())
        .map(|u| u.id)
        .collect();
    assert_eq!(expected.len(), 260 + 98);
    assert_eq!(graded.keys().copied().collect::<HashSet<_>>(), expected);
    // Within 20 % of the good ones of each grader: a committee, the bloc.
    let mut by_grader: HashMap<i64, Vec<Grade>> = HashMap::new();
    for (&id, &grade) in &graded {
        by_grader
            .entry(unit(id).parent_id.unwrap())
            .or_default()
            .push(grade);
    }
    for (grader, grades) in &by_grader {
        let q = quota(GradingRuleSet::Rules2019, grades.iter().copied());
        assert!(q.holds(), "{}: {q:?}", unit(*grader).name);
    }
    let count = |g| graded.values().filter(|&&x| x == g).count();
    assert!(count(Grade::Good) * 10 >= graded.len() * 7);
    assert!(count(Grade::Excellent) >= 20);
    assert!((3..=40).contains(&count(Grade::Completed)));
    let bloc = &by_grader[&unit_by_code(BLOC_CODE).id];
    assert_eq!(bloc.len(), 98);
    assert!(bloc.contains(&Grade::Excellent) && bloc.contains(&Grade::Completed));
}

#[test]
fn commitment_texts_are_varied_and_nfc() {
    let ds = data();
    let mut texts: HashSet<&str> = HashSet::new();
    for c in &ds.commitments {
        let notes = [&c.return_reason, &c.mid_year_note]
            .into_iter()
            .chain(
                [&c.self_assessment, &c.proposed, &c.decided]
                    .into_iter()
                    .flatten()
                    .map(|x| &x.1),
            )
            .chain(c.items.iter().flat_map(|u| [&u.text, &u.result_note]));
        for t in notes {
            assert_eq!(&nfc(t), t);
            assert_eq!(t.trim(), t);
            assert!(!t.contains('{'), "{t}");
        }
        texts.extend(c.items.iter().map(|u| u.text.as_str()));
    }
    for g in &ds.unit_grades {
        assert_eq!(nfc(&g.note), g.note);
    }
    assert!(texts.len() > 500, "{}", texts.len());
    // A doctor undertakes other things than an enterprise worker.
    let job_items = |title: &str| -> HashSet<&str> {
        commitments_of(2020)
            .into_iter()
            .filter(|c| member(c.member_id).job_title == title)
            .flat_map(|c| {
                c.items
                    .iter()
                    .filter(|u| u.section == 3)
                    .map(|u| u.text.as_str())
            })
            .collect()
    };
    let (doctors, workers) = (job_items("Bác sĩ"), job_items("Công nhân"));
    assert!(doctors.iter().any(|t| t.contains("người bệnh")));
    assert!(workers.iter().any(|t| t.contains("an toàn lao động")));
    assert!(!doctors.iter().any(|t| t.contains("an toàn lao động")));
    assert!(!workers.iter().any(|t| t.contains("người bệnh")));
    // The theme of the year shows in its section.
    let theme_items = |year| -> HashSet<&str> {
        commitments_of(year)
            .into_iter()
            .flat_map(|c| {
                c.items
                    .iter()
                    .filter(|u| u.section == 4)
                    .map(|u| u.text.as_str())
            })
            .collect()
    };
    assert!(theme_items(2020).iter().any(|t| t.contains("đoàn kết")));
    assert!(
        theme_items(2021)
            .iter()
            .any(|t| t.contains("tự lực, tự cường"))
    );
}

#[test]
fn commitments_are_deterministic() {
    let again = generate();
    let ds = data();
    assert_eq!(again.commitments.len(), ds.commitments.len());
    for i in [0, 1, 2019, 4520, 4521, ds.commitments.len() - 1] {
        assert_eq!(
            format!("{:?}", again.commitments[i]),
            format!("{:?}", ds.commitments[i])
        );
    }
    assert_eq!(
        format!("{:?}", again.unit_grades),
        format!("{:?}", ds.unit_grades)
    );
    assert_eq!(again.settings, ds.settings);
}

/// Prints the mix (`cargo test -p server demo::tests::commitment_figures -- --nocapture`).
#[test]
fn commitment_figures() {
    let ds = data();
    let started = std::time::Instant::now();
    let _ = generate();
    println!("generated in {:?}", started.elapsed());
    let grades = commitments_of(2020).into_iter().map(grade_of);
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for g in grades {
        *count.entry(g.as_str()).or_default() += 1;
    }
    println!("2020 grades: {count:?}");
    let returned = commitments_of(2020)
        .iter()
        .filter(|c| !c.return_reason.is_empty())
        .count();
    println!("2020 returned once: {returned}");
    let mut states: BTreeMap<&str, usize> = BTreeMap::new();
    let cs = commitments_of(2021);
    for c in &cs {
        *states.entry(c.state.as_str()).or_default() += 1;
    }
    states.insert("not started", ds.members.len() - cs.len());
    println!("2021 states: {states:?}");
    let mut units: BTreeMap<String, usize> = BTreeMap::new();
    for g in &ds.unit_grades {
        let kind = if unit(g.unit_id).kind == UnitKind::Cell {
            "cell"
        } else {
            "org"
        };
        *units
            .entry(format!("{kind} {}", g.grade.as_str()))
            .or_default() += 1;
    }
    println!("2020 unit grades: {units:?}");
    let events: usize = ds.commitments.iter().map(|c| c.history.len()).sum();
    let items: usize = ds.commitments.iter().map(|c| c.items.len()).sum();
    println!(
        "{} commitments, {items} undertakings, {events} events",
        ds.commitments.len()
    );
}
