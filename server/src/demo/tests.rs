//! The demo must reproduce every figure of the seed article, and be consistent.

use super::*;
use app::domain::text::nfc;
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
    assert_eq!(years.len(), 1);
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
