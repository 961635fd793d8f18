//! The demo data set: the Hậu Giang bloc party committee at the end of 2020,
//! one year after the agencies bloc and the enterprises bloc were merged
//! (seed article of 26/2/2021). Every figure of the article is reproduced
//! (98 grassroots organisations = 46 committees + 52 cells, 260 cells under
//! the committees, 4,521 members, 132 admitted in 2020); the people are invented.
//! Deterministic: every call returns the same data.

pub mod badges;
pub mod bodies;
pub mod commendations;
mod commitments;
pub mod good_models;
pub mod targets;
mod units;

pub(crate) use crate::dataset::draw::{add_days, date, date_between};

use crate::dataset::draw::{
    add_months, apportion, middle_year, phone, phone_prefix, random_day_of,
};
use crate::dataset::{Builder, Holder, Mailboxes, names};
use app::domain::{Gender, MemberStatus, PositionRole, UnitEventKind, UnitKind};
use app::store::model::{Dataset, NewMember, NewYear};
use chrono::{Datelike, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;
use units::{COMMITTEES, GRASSROOTS_CELLS, OFFICE_TITLES, Org, Profile, Sector};

/// The data is the state of the bloc at the end of 2020.
pub const DEMO_REFERENCE_DATE: NaiveDate = date(2020, 12, 31);
/// Nghị quyết số 15-NQ/TU: the two bloc committees become one.
pub const MERGER_DATE: NaiveDate = date(2020, 2, 24);
/// First congress of the merged bloc (term 2020–2025).
pub const BLOC_CONGRESS_DATE: NaiveDate = date(2020, 8, 12);
pub const TERM_LABEL: &str = "2020–2025";

pub const BLOC_CODE: &str = "DBK-HG";
pub const AGENCIES_BLOC_CODE: &str = "DBK-CQ";
pub const ENTERPRISES_BLOC_CODE: &str = "DBK-DN";
/// "Chi bộ Cơ quan Đảng ủy Khối": the bloc's own office, a grassroots cell.
pub const OFFICE_CELL_CODE: &str = units::OFFICE_CODE;
/// The largest grassroots committee (a provincial hospital, 16 cells).
pub const HOSPITAL_CODE: &str = "BVDK";
/// A small grassroots cell of an agency.
pub const JUSTICE_CELL_CODE: &str = "STP";

/// The author of the seed article, a member of the office cell.
pub const AUTHOR_NAME: &str = "Trần Thanh Điền";
pub const AUTHOR_CARD_NUMBER: &str = "61012468";
pub const AUTHOR_JOB_TITLE: &str = "Phó Trưởng Ban Tuyên giáo Đảng ủy Khối";

pub const TOTAL_MEMBERS: usize = 4521;
pub const ADMITTED_IN_2020: usize = 132;
/// Members exempt from activities (about 1.7 %), all born before 1963.
pub const EXEMPT_MEMBERS: usize = 77;

pub const YEAR_2020_THEME: &str = "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh";

pub const YEAR_2021_THEME: &str = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc";
/// "Today" in the demo (the `WORKING_DATE` setting): the 2021 commitments are
/// being filed (the deadline is 31/03/2021), those of 2020 are all graded.
pub const DEMO_WORKING_DATE: NaiveDate = date(2021, 3, 15);
/// The demo member (README "Demo logins"): no 2021 commitment yet.
pub const DEMO_MEMBER_CARD: &str = "48384483";
/// The demo cell secretary (README "Demo logins"): her cell has 2021
/// commitments to approve or return, and members who have not started.
pub const DEMO_CELL_SECRETARY_CARD: &str = "44823721";

const SEED: u64 = 0x4841_5547_4941_4e47; // "HAUGIANG"
/// The commitments draw from their own generator, so that the rest of the
/// data stays as it was drawn before they existed.
const COMMITMENTS_SEED: u64 = SEED ^ 0x434f_4d4d_4954; // "COMMIT"
const AGENCIES_BLOC_FROM: NaiveDate = date(2004, 2, 19);
const ENTERPRISES_BLOC_FROM: NaiveDate = date(2005, 3, 15);
const RESOLUTION: &str = "Nghị quyết số 15-NQ/TU ngày 24/02/2020 của Ban Chấp hành Đảng bộ tỉnh";
const MERGED_NAME: &str = "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Hậu Giang";
/// Smallest cell under a committee.
const MIN_CELL: usize = 5;

/// Where a member-holding unit sits: a cell of a committee, or a grassroots cell.
struct Seat {
    org: &'static Org,
    /// The cell's name inside its committee; `None` for a grassroots cell.
    cell: Option<&'static str>,
    /// First cell of a committee, or a grassroots cell: where the leaders sit.
    leads_org: bool,
}

/// A member-holding unit of the demo; its members are added seniors first.
type Cell = Holder<Seat>;

impl Cell {
    fn is_office(&self) -> bool {
        self.about.org.code == OFFICE_CELL_CODE
    }

    fn female_share(&self) -> f64 {
        match self.about.cell {
            Some(cell) if cell.contains("Phụ nữ") => 0.95,
            _ => self.about.org.profile.female_share(),
        }
    }

    /// The agency or enterprise; in a committee that groups several agencies
    /// ("Cơ quan Ủy ban Mặt trận… và các đoàn thể"), each cell is one agency.
    fn workplace(&self) -> &'static str {
        match self.about.cell {
            Some(cell) if self.about.org.name.starts_with("Cơ quan ") => cell,
            _ => self.about.org.name,
        }
    }

    /// The first members are the unit's heads: always full members of long standing.
    fn seniors(&self) -> usize {
        let n = if self.is_office() {
            OFFICE_TITLES.len()
        } else if self.about.leads_org {
            5
        } else {
            3
        };
        n.min(self.size)
    }
}

/// A grassroots organisation and its member-holding units.
struct OrgUnit {
    unit_id: i64,
    org: &'static Org,
    holders: Vec<usize>,
}

/// The whole demo organisation, ready for `load_dataset` into an empty store.
pub fn generate() -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut b = Builder::default();
    let (orgs, mut holders) = add_units(&mut rng, &mut b);
    add_members(&mut rng, &mut b, &mut holders);
    add_positions(&mut rng, &mut b, &orgs, &holders);
    let mut ds = b.finish();
    ds.years
        .push(NewYear::with_defaults(2020, YEAR_2020_THEME).expect("2020 is a valid year"));
    let mut rng = ChaCha8Rng::seed_from_u64(COMMITMENTS_SEED);
    commitments::add_commitments(&mut rng, &mut ds);
    ds
}

fn add_units(rng: &mut ChaCha8Rng, b: &mut Builder) -> (Vec<OrgUnit>, Vec<Cell>) {
    let merged_to = Some(MERGER_DATE);
    let agencies = b.unit(
        None,
        UnitKind::Bloc,
        AGENCIES_BLOC_CODE.into(),
        "Đảng bộ Khối các cơ quan tỉnh Hậu Giang".into(),
        AGENCIES_BLOC_FROM,
        merged_to,
    );
    let enterprises = b.unit(
        None,
        UnitKind::Bloc,
        ENTERPRISES_BLOC_CODE.into(),
        "Đảng bộ Khối doanh nghiệp tỉnh Hậu Giang".into(),
        ENTERPRISES_BLOC_FROM,
        merged_to,
    );
    let bloc = b.unit(
        None,
        UnitKind::Bloc,
        BLOC_CODE.into(),
        MERGED_NAME.into(),
        MERGER_DATE,
        None,
    );
    for from in [agencies, enterprises] {
        b.event(
            from,
            UnitEventKind::Merge,
            MERGER_DATE,
            Some(bloc),
            format!("Hợp nhất thành {MERGED_NAME} theo {RESOLUTION}"),
        );
    }
    b.created(
        bloc,
        MERGER_DATE,
        format!(
            "Thành lập trên cơ sở hợp nhất Đảng bộ Khối các cơ quan tỉnh và Đảng bộ Khối doanh nghiệp tỉnh (Đề án số 03-ĐA/TU; {RESOLUTION})"
        ),
    );

    let mut orgs = Vec::new();
    let mut holders = Vec::new();
    let sizes = plan_sizes(rng);
    for (org, cell_sizes) in COMMITTEES.iter().chain(&GRASSROOTS_CELLS).zip(sizes) {
        let (old_bloc, old_from, old_name) = match org.sector {
            Sector::Agencies => (agencies, AGENCIES_BLOC_FROM, "Khối các cơ quan tỉnh"),
            Sector::Enterprises => (enterprises, ENTERPRISES_BLOC_FROM, "Khối doanh nghiệp tỉnh"),
        };
        let from = if org.code == OFFICE_CELL_CODE {
            old_from
        } else {
            founding_date(rng, old_from)
        };
        let kind = if org.is_committee() {
            UnitKind::GrassrootsCommittee
        } else {
            UnitKind::GrassrootsCell
        };
        let org_id = b.unit(
            Some(bloc),
            kind,
            org.code.into(),
            org.unit_name(),
            from,
            None,
        );
        b.link(org_id, old_bloc, from, merged_to);
        b.link(org_id, bloc, MERGER_DATE, None);
        b.event(
            org_id,
            UnitEventKind::Move,
            MERGER_DATE,
            Some(bloc),
            format!("Chuyển từ Đảng bộ {old_name} về trực thuộc {MERGED_NAME} theo {RESOLUTION}"),
        );

        let mut org_unit = OrgUnit {
            unit_id: org_id,
            org,
            holders: Vec::new(),
        };
        if org.is_committee() {
            for (i, (&cell, size)) in org.cells.iter().zip(cell_sizes).enumerate() {
                // Most cells are as old as their committee; some were set up later.
                let cell_from = if i == 0 || rng.gen_bool(0.75) {
                    from
                } else {
                    date_between(rng, from, date(2019, 6, 30).max(from))
                };
                let cell_id = b.child(
                    org_id,
                    UnitKind::Cell,
                    format!("{}-{:02}", org.code, i + 1),
                    format!("Chi bộ {cell}"),
                    cell_from,
                );
                org_unit.holders.push(holders.len());
                let seat = Seat {
                    org,
                    cell: Some(cell),
                    leads_org: i == 0,
                };
                holders.push(Holder::new(cell_id, cell_from, size, seat));
            }
        } else {
            org_unit.holders.push(holders.len());
            let seat = Seat {
                org,
                cell: None,
                leads_org: true,
            };
            let size = cell_sizes.first().copied().unwrap_or(MIN_CELL);
            holders.push(Holder::new(org_id, from, size, seat));
        }
        orgs.push(org_unit);
    }
    (orgs, holders)
}

/// Most organisations were set up with their bloc; the rest later, up to 2018.
fn founding_date(rng: &mut ChaCha8Rng, bloc_from: NaiveDate) -> NaiveDate {
    if rng.gen_bool(0.7) {
        add_days(bloc_from, rng.gen_range(0..150))
    } else {
        date_between(rng, bloc_from, date(2018, 12, 31))
    }
}

/// Members per member-holding unit, per organisation (committees, then grassroots
/// cells): the grassroots cells have fixed sizes, the committees share the rest
/// by weight, and each committee spreads its share over its cells.
fn plan_sizes(rng: &mut ChaCha8Rng) -> Vec<Vec<usize>> {
    let in_cells: usize = GRASSROOTS_CELLS.iter().map(|o| o.size as usize).sum();
    let weights: Vec<f64> = COMMITTEES.iter().map(|o| f64::from(o.size)).collect();
    let totals = apportion(TOTAL_MEMBERS.saturating_sub(in_cells), &weights);
    let mut sizes = Vec::new();
    for (org, total) in COMMITTEES.iter().zip(totals) {
        // The leadership cell is a little larger than the others.
        let weights: Vec<f64> = (0..org.cells.len())
            .map(|i| if i == 0 { 1.4 } else { rng.gen_range(0.6..1.5) })
            .collect();
        let spare = total.saturating_sub(MIN_CELL * org.cells.len());
        sizes.push(
            apportion(spare, &weights)
                .into_iter()
                .map(|n| n + MIN_CELL)
                .collect(),
        );
    }
    sizes.extend(GRASSROOTS_CELLS.iter().map(|o| vec![o.size as usize]));
    sizes
}

/// How many of today's members were admitted in a year: few from the 1980s (most
/// have retired since), a peak in the 2000s, about a hundred a year lately.
fn admission_weight(year: i32) -> u32 {
    let y = (year - 1980).max(0) as u32;
    match year {
        ..1990 => 1 + y / 3,
        1990..2000 => 4 + (y - 10) / 2,
        2000..2009 => 8 + (y - 20) / 4,
        _ => 10 - (y - 29) * 3 / 10,
    }
}

/// A year of admission in `earliest..=latest`, by `admission_weight`.
fn admission_year(rng: &mut ChaCha8Rng, earliest: i32, latest: i32) -> i32 {
    let years = earliest.max(1980)..=latest;
    let total: u32 = years.clone().map(admission_weight).sum();
    let mut roll = rng.gen_range(0..total.max(1));
    for year in years {
        let w = admission_weight(year);
        if roll < w {
            return year;
        }
        roll -= w;
    }
    latest
}

/// Birth, admission and full-membership dates consistent with the status at the
/// end of 2020: probationary members were admitted in 2020, everybody else by 2019.
fn life_dates(
    rng: &mut ChaCha8Rng,
    status: MemberStatus,
    senior: bool,
    gender: Gender,
) -> (NaiveDate, NaiveDate, Option<NaiveDate>) {
    // Usually admitted between 20 and 36.
    let age_at_admission = |rng: &mut ChaCha8Rng| 20 + middle_year(rng, 0, 16);
    let (birth, admission) = match status {
        MemberStatus::Probationary => {
            let year = middle_year(rng, 1985, 1998);
            let birth = random_day_of(rng, year);
            let admission = date_between(rng, date(2020, 1, 6), date(2020, 12, 18));
            (birth, admission)
        }
        MemberStatus::Exempt => {
            let year = rng.gen_range(1956..=1962);
            let birth = random_day_of(rng, year);
            let year = birth.year() + age_at_admission(rng);
            (birth, random_day_of(rng, year.max(1980)))
        }
        _ => {
            // Women retire at 55, men at 60: working members are younger than that.
            // Heads of units have been full members for years.
            let oldest = if gender == Gender::Female { 1966 } else { 1961 };
            let (born, latest) = if senior {
                (oldest.max(1963)..=1983, 2015)
            } else {
                (oldest..=1997, 2019)
            };
            let (mut year, mut birth_year) = (latest, *born.end());
            // Years in which someone of that age could have been admitted.
            let earliest = born.start() + 20;
            for _ in 0..100 {
                year = admission_year(rng, earliest, latest);
                birth_year = year - age_at_admission(rng);
                if born.contains(&birth_year) {
                    break;
                }
            }
            let birth_year = birth_year.clamp(*born.start(), *born.end());
            (random_day_of(rng, birth_year), random_day_of(rng, year))
        }
    };
    // Never before 18, never before 1980.
    let admission = admission
        .max(add_months(birth, 18 * 12))
        .max(date(1980, 1, 1));
    if status == MemberStatus::Probationary {
        return (birth, admission, None);
    }
    // Full membership 12 months later, sometimes a few weeks more (meeting dates).
    let due = add_months(admission, 12);
    let delayed = add_days(due, rng.gen_range(0..40));
    let full = if rng.gen_bool(0.3) && delayed <= DEMO_REFERENCE_DATE {
        delayed
    } else {
        due
    };
    (birth, admission, Some(full))
}

fn add_members(rng: &mut ChaCha8Rng, b: &mut Builder, holders: &mut [Cell]) {
    // Who is probationary or exempt: never a unit's heads, never the office staff.
    let mut candidates: Vec<(usize, usize)> = holders
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.is_office())
        .flat_map(|(hi, h)| (h.seniors()..h.size).map(move |i| (hi, i)))
        .collect();
    candidates.shuffle(rng);
    let probationary: HashSet<(usize, usize)> =
        candidates.iter().take(ADMITTED_IN_2020).copied().collect();
    let exempt: HashSet<(usize, usize)> = candidates
        .iter()
        .skip(ADMITTED_IN_2020)
        .take(EXEMPT_MEMBERS)
        .copied()
        .collect();

    let mut cards: HashSet<String> = HashSet::from([AUTHOR_CARD_NUMBER.to_string()]);
    let mut emails = Emails::default();
    for (hi, holder) in holders.iter_mut().enumerate() {
        for i in 0..holder.size {
            let status = if probationary.contains(&(hi, i)) {
                MemberStatus::Probationary
            } else if exempt.contains(&(hi, i)) {
                MemberStatus::Exempt
            } else {
                MemberStatus::Full
            };
            let author = holder.is_office() && i == units::OFFICE_AUTHOR_INDEX;
            let senior = i < holder.seniors();
            let female_share = match status {
                MemberStatus::Exempt => 0.2,
                _ if senior => holder.female_share() * 0.75,
                _ => holder.female_share(),
            };
            let gender = if !author && rng.gen_bool(female_share) {
                Gender::Female
            } else {
                Gender::Male
            };
            let full_name = if author {
                AUTHOR_NAME.to_string()
            } else {
                names::full_name(rng, gender, AUTHOR_NAME)
            };
            let (birth_date, admission_date, full_membership_date) =
                life_dates(rng, status, senior, gender);
            let card_number = if author {
                AUTHOR_CARD_NUMBER.to_string()
            } else {
                loop {
                    let card = rng.gen_range(10_000_000..100_000_000u32).to_string();
                    if cards.insert(card.clone()) {
                        break card;
                    }
                }
            };
            let email = if rng.gen_bool(0.6) {
                emails.make(&full_name, holder.about.org.profile)
            } else {
                String::new()
            };
            let prefix = phone_prefix(rng);
            let id = b.next_member_id();
            let job_title = job_title(rng, holder, i);
            let member = NewMember {
                id,
                card_number,
                record_number: format!("HG-{id:06}"),
                full_name,
                gender,
                birth_date,
                admission_date,
                full_membership_date,
                status,
                cell_id: holder.unit_id,
                job_title,
                workplace: holder.workplace().to_string(),
                phone: phone(rng, prefix),
                email,
            };
            b.member(holder, member);
        }
    }
}

/// E-mail addresses handed out so far.
#[derive(Default)]
struct Emails {
    taken: HashSet<String>,
    names: Mailboxes,
}

impl Emails {
    /// "Trần Thanh Điền" → "dientt@haugiang.gov.vn" (numbered when taken).
    fn make(&mut self, full_name: &str, profile: Profile) -> String {
        let base = self.names.local_part(full_name);
        if base.is_empty() {
            return String::new();
        }
        let domain = match profile {
            Profile::Enterprise | Profile::Bank => "gmail.com",
            _ => "haugiang.gov.vn",
        };
        (1..)
            .map(|n| match n {
                1 => format!("{base}@{domain}"),
                _ => format!("{base}{n}@{domain}"),
            })
            .find(|e| self.taken.insert(e.clone()))
            .unwrap_or_default()
    }
}

/// The heads of a unit come first, then staff titles typical of the workplace.
fn job_title(rng: &mut ChaCha8Rng, holder: &Cell, index: usize) -> String {
    let org = holder.about.org;
    if holder.is_office() {
        if let Some(title) = OFFICE_TITLES.get(index) {
            return (*title).to_string();
        }
    } else {
        let head = units::org_head_title(org.name);
        let heads: Vec<String> = match holder.about.cell {
            None if holder.size >= 12 => vec![
                head.into(),
                format!("Phó {head}"),
                format!("Phó {head}"),
                "Trưởng phòng".into(),
            ],
            None => vec![head.into(), format!("Phó {head}")],
            Some(cell) => {
                let cell_head = units::cell_head_title(cell);
                if holder.about.leads_org {
                    vec![
                        head.into(),
                        format!("Phó {head}"),
                        format!("Phó {head}"),
                        cell_head.into(),
                        format!("Phó {cell_head}"),
                    ]
                } else if holder.size >= 12 {
                    vec![
                        cell_head.into(),
                        format!("Phó {cell_head}"),
                        format!("Phó {cell_head}"),
                    ]
                } else {
                    vec![cell_head.into(), format!("Phó {cell_head}")]
                }
            }
        };
        if let Some(title) = heads.into_iter().nth(index) {
            return title;
        }
    }
    names::weighted(rng, units::staff_titles(org.profile, org.name)).to_string()
}

/// May hold a post elected on `day`: a full member since before that day.
fn eligible(member: &NewMember, day: NaiveDate) -> bool {
    member.status == MemberStatus::Full && member.full_membership_date.is_some_and(|d| d <= day)
}

fn elect(b: &mut Builder, unit_id: i64, day: NaiveDate, roles: &[PositionRole], people: &[usize]) {
    for (&role, &m) in roles.iter().zip(people) {
        b.elect(m, unit_id, role, TERM_LABEL, day);
    }
}

fn add_positions(rng: &mut ChaCha8Rng, b: &mut Builder, orgs: &[OrgUnit], holders: &[Cell]) {
    // Cells first (April–May), then grassroots cells and committees (May–July).
    for holder in holders {
        let day = if holder.about.cell.is_some() {
            date_between(rng, date(2020, 4, 1), date(2020, 5, 31))
        } else {
            date_between(rng, date(2020, 5, 4), date(2020, 7, 10))
        };
        let members = b.members();
        let full = holder
            .members
            .clone()
            .filter(|&m| members[m].status == MemberStatus::Full)
            .count();
        let people: Vec<usize> = holder
            .members
            .clone()
            .filter(|&m| eligible(&members[m], day))
            .collect();
        elect(b, holder.unit_id, day, &cell_roles(full), &people);
    }

    let mut secretaries = Vec::new();
    for org in orgs.iter().filter(|o| o.org.is_committee()) {
        let day = date_between(rng, date(2020, 6, 1), date(2020, 7, 25));
        let cells: Vec<&Cell> = org.holders.iter().map(|&h| &holders[h]).collect();
        let total: usize = cells.iter().map(|h| h.members.len()).sum();
        // The organisation's heads, then the heads of its departments, then the rest.
        let nth = |h: &Cell, i: usize| h.members.clone().nth(i);
        let mut order: Vec<usize> = Vec::new();
        if let Some((first, others)) = cells.split_first() {
            order.extend((0..4).filter_map(|i| nth(first, i)));
            order.extend(others.iter().filter_map(|h| nth(h, 0)));
            order.extend(nth(first, 4));
            order.extend(others.iter().filter_map(|h| nth(h, 1)));
        }
        order.extend(cells.iter().flat_map(|h| h.members.clone()));
        let mut seen = HashSet::new();
        let members = b.members();
        let people: Vec<usize> = order
            .into_iter()
            .filter(|&m| eligible(&members[m], day) && seen.insert(m))
            .collect();
        if let Some(&secretary) = people.first() {
            secretaries.push((total, secretary));
        }
        elect(b, org.unit_id, day, &committee_roles(total), &people);
    }

    // The bloc: the office's leaders and the secretaries of the largest committees.
    let office: Vec<usize> = holders
        .iter()
        .find(|h| h.is_office())
        .map(|h| h.members.clone().take(7).collect())
        .unwrap_or_default();
    secretaries.sort_by_key(|&(members, _)| std::cmp::Reverse(members));
    let from_committees: Vec<usize> = secretaries.iter().map(|&(_, m)| m).collect();
    let mut people: Vec<usize> = office.iter().take(6).copied().collect();
    people.extend(from_committees.iter().take(3));
    people.extend(office.get(6));
    people.extend(from_committees.iter().skip(3).take(7));
    let bloc_id = b
        .data()
        .units
        .iter()
        .find(|u| u.code == BLOC_CODE)
        .map_or(0, |u| u.id);
    elect(b, bloc_id, BLOC_CONGRESS_DATE, &bloc_roles(), &people);
}

/// A cell elects a secretary, a deputy from 5 full members, and a committee of
/// 3 (from 9 full members) or 5 (from 20).
fn cell_roles(full_members: usize) -> Vec<PositionRole> {
    let mut roles = vec![PositionRole::Secretary];
    if full_members >= 5 {
        roles.push(PositionRole::DeputySecretary);
    }
    let committee = match full_members {
        20.. => 3,
        9.. => 1,
        _ => 0,
    };
    roles.extend([PositionRole::CommitteeMember].repeat(committee));
    roles
}

/// A grassroots committee of 7 to 15, by the size of its membership.
fn committee_roles(members: usize) -> Vec<PositionRole> {
    let size = match members {
        200.. => 15,
        150.. => 13,
        100.. => 11,
        60.. => 9,
        _ => 7,
    };
    let big = members >= 100;
    let mut roles = vec![PositionRole::Secretary];
    roles.extend([PositionRole::DeputySecretary].repeat(if big { 2 } else { 1 }));
    roles.extend([PositionRole::StandingCommitteeMember].repeat(if big { 3 } else { 2 }));
    roles.resize(size, PositionRole::CommitteeMember);
    roles
}

/// The bloc executive: standing committee of 9 and 8 further members.
fn bloc_roles() -> Vec<PositionRole> {
    let mut roles = vec![PositionRole::Secretary];
    roles.extend([PositionRole::DeputySecretary].repeat(2));
    roles.extend([PositionRole::StandingCommitteeMember].repeat(6));
    roles.extend([PositionRole::CommitteeMember].repeat(8));
    roles
}

#[cfg(test)]
mod tests;

/// The documented password of every demo account.
pub const DEMO_PASSWORD: &str = "HauGiang@2020";
/// The demo's administrator (a staff account, no member behind it).
pub const ADMIN_USERNAME: &str = "quantri@dangbo.vn";

/// An account for every member (username: the card number) and one
/// administrator, all with the demo password's hash.
pub fn accounts(data: &Dataset, password_hash: &str) -> Vec<app::store::model::NewUser> {
    use app::store::model::NewUser;
    let mut users: Vec<NewUser> = data
        .members
        .iter()
        .map(|m| NewUser {
            username: m.card_number.clone(),
            member_id: Some(m.id),
            display_name: m.full_name.clone(),
            password_hash: password_hash.to_string(),
            is_admin: false,
            must_change_password: false,
        })
        .collect();
    users.push(NewUser {
        username: ADMIN_USERNAME.into(),
        member_id: None,
        display_name: "Quản trị hệ thống".into(),
        password_hash: password_hash.to_string(),
        is_admin: true,
        must_change_password: false,
    });
    users
}
