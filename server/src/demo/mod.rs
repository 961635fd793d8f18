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
pub(crate) mod names;
pub mod targets;
mod units;

use app::domain::text::fold;
use app::domain::{Gender, MemberStatus, PositionRole, UnitEventKind, UnitKind};
use app::store::model::{
    Dataset, NewMember, NewMembership, NewPosition, NewUnit, NewUnitEvent, NewUnitParent, NewYear,
};
use chrono::{Datelike, Days, Months, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{HashMap, HashSet};
use units::{COMMITTEES, GRASSROOTS_CELLS, OFFICE_TITLES, Org, Profile, Sector};

/// A date known to be valid (constants and clamped arithmetic only).
pub(crate) const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid constant date"),
    }
}

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

/// A unit that holds members: a cell of a committee, or a grassroots cell.
struct Holder {
    unit_id: i64,
    org: &'static Org,
    /// The cell's name inside its committee; `None` for a grassroots cell.
    cell: Option<&'static str>,
    /// First cell of a committee, or a grassroots cell: where the leaders sit.
    leads_org: bool,
    valid_from: NaiveDate,
    size: usize,
    /// Indices into `Dataset::members`, seniors first.
    members: Vec<usize>,
}

impl Holder {
    fn is_office(&self) -> bool {
        self.org.code == OFFICE_CELL_CODE
    }

    fn female_share(&self) -> f64 {
        match self.cell {
            Some(cell) if cell.contains("Phụ nữ") => 0.95,
            _ => self.org.profile.female_share(),
        }
    }

    /// The agency or enterprise; in a committee that groups several agencies
    /// ("Cơ quan Ủy ban Mặt trận… và các đoàn thể"), each cell is one agency.
    fn workplace(&self) -> &'static str {
        match self.cell {
            Some(cell) if self.org.name.starts_with("Cơ quan ") => cell,
            _ => self.org.name,
        }
    }

    /// The first members are the unit's heads: always full members of long standing.
    fn seniors(&self) -> usize {
        let n = if self.is_office() {
            OFFICE_TITLES.len()
        } else if self.leads_org {
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
    let mut ds = Dataset::default();
    let (orgs, mut holders) = add_units(&mut rng, &mut ds);
    add_members(&mut rng, &mut ds, &mut holders);
    add_positions(&mut rng, &mut ds, &orgs, &holders);
    ds.years
        .push(NewYear::with_defaults(2020, YEAR_2020_THEME).expect("2020 is a valid year"));
    let mut rng = ChaCha8Rng::seed_from_u64(COMMITMENTS_SEED);
    commitments::add_commitments(&mut rng, &mut ds);
    ds
}

fn push_unit(
    ds: &mut Dataset,
    parent_id: Option<i64>,
    kind: UnitKind,
    code: &str,
    name: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
) -> i64 {
    let id = ds.units.len() as i64 + 1;
    ds.units.push(NewUnit {
        id,
        parent_id,
        kind,
        code: code.to_string(),
        name,
        valid_from,
        valid_to,
    });
    id
}

fn add_units(rng: &mut ChaCha8Rng, ds: &mut Dataset) -> (Vec<OrgUnit>, Vec<Holder>) {
    let merged_to = Some(MERGER_DATE);
    let agencies = push_unit(
        ds,
        None,
        UnitKind::Bloc,
        AGENCIES_BLOC_CODE,
        "Đảng bộ Khối các cơ quan tỉnh Hậu Giang".into(),
        AGENCIES_BLOC_FROM,
        merged_to,
    );
    let enterprises = push_unit(
        ds,
        None,
        UnitKind::Bloc,
        ENTERPRISES_BLOC_CODE,
        "Đảng bộ Khối doanh nghiệp tỉnh Hậu Giang".into(),
        ENTERPRISES_BLOC_FROM,
        merged_to,
    );
    let bloc = push_unit(
        ds,
        None,
        UnitKind::Bloc,
        BLOC_CODE,
        MERGED_NAME.into(),
        MERGER_DATE,
        None,
    );
    for from in [agencies, enterprises] {
        ds.unit_events.push(NewUnitEvent {
            unit_id: from,
            kind: UnitEventKind::Merge,
            date: MERGER_DATE,
            related_unit_id: Some(bloc),
            note: format!("Hợp nhất thành {MERGED_NAME} theo {RESOLUTION}"),
        });
    }
    ds.unit_events.push(NewUnitEvent {
        unit_id: bloc,
        kind: UnitEventKind::Create,
        date: MERGER_DATE,
        related_unit_id: None,
        note: format!(
            "Thành lập trên cơ sở hợp nhất Đảng bộ Khối các cơ quan tỉnh và Đảng bộ Khối doanh nghiệp tỉnh (Đề án số 03-ĐA/TU; {RESOLUTION})"
        ),
    });

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
        let org_id = push_unit(ds, Some(bloc), kind, org.code, org.unit_name(), from, None);
        ds.unit_parents.push(NewUnitParent {
            unit_id: org_id,
            parent_id: old_bloc,
            valid_from: from,
            valid_to: merged_to,
        });
        ds.unit_parents.push(NewUnitParent {
            unit_id: org_id,
            parent_id: bloc,
            valid_from: MERGER_DATE,
            valid_to: None,
        });
        ds.unit_events.push(NewUnitEvent {
            unit_id: org_id,
            kind: UnitEventKind::Move,
            date: MERGER_DATE,
            related_unit_id: Some(bloc),
            note: format!(
                "Chuyển từ Đảng bộ {old_name} về trực thuộc {MERGED_NAME} theo {RESOLUTION}"
            ),
        });

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
                let code = format!("{}-{:02}", org.code, i + 1);
                let cell_id = push_unit(
                    ds,
                    Some(org_id),
                    UnitKind::Cell,
                    &code,
                    format!("Chi bộ {cell}"),
                    cell_from,
                    None,
                );
                ds.unit_parents.push(NewUnitParent {
                    unit_id: cell_id,
                    parent_id: org_id,
                    valid_from: cell_from,
                    valid_to: None,
                });
                org_unit.holders.push(holders.len());
                holders.push(Holder {
                    unit_id: cell_id,
                    org,
                    cell: Some(cell),
                    leads_org: i == 0,
                    valid_from: cell_from,
                    size,
                    members: Vec::new(),
                });
            }
        } else {
            org_unit.holders.push(holders.len());
            holders.push(Holder {
                unit_id: org_id,
                org,
                cell: None,
                leads_org: true,
                valid_from: from,
                size: cell_sizes.first().copied().unwrap_or(MIN_CELL),
                members: Vec::new(),
            });
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

/// Splits `total` in proportion to `weights`, exactly (largest remainder).
pub(crate) fn apportion(total: usize, weights: &[f64]) -> Vec<usize> {
    let sum: f64 = weights.iter().sum();
    if weights.is_empty() || sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut out: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    let missing = total.saturating_sub(out.iter().sum());
    for &i in order.iter().cycle().take(missing) {
        out[i] += 1;
    }
    out
}

pub(crate) fn add_days(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}

/// A uniformly random day in `from..=to` (`from` when the range is empty).
pub(crate) fn date_between(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0) as u64;
    add_days(from, rng.gen_range(0..=span))
}

/// A year in `lo..=hi`, more often near the middle.
fn middle_year(rng: &mut ChaCha8Rng, lo: i32, hi: i32) -> i32 {
    (rng.gen_range(lo..=hi) + rng.gen_range(lo..=hi)) / 2
}

pub(crate) fn random_day_of(rng: &mut ChaCha8Rng, year: i32) -> NaiveDate {
    date_between(rng, date(year, 1, 1), date(year, 12, 31))
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

fn add_members(rng: &mut ChaCha8Rng, ds: &mut Dataset, holders: &mut [Holder]) {
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
                emails.make(&full_name, holder.org.profile)
            } else {
                String::new()
            };
            let prefix = if rng.gen_bool(0.7) { "09" } else { "08" };
            let id = ds.members.len() as i64 + 1;
            ds.members.push(NewMember {
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
                job_title: job_title(rng, holder, i),
                workplace: holder.workplace().to_string(),
                phone: format!("{prefix}{:08}", rng.gen_range(0..100_000_000u32)),
                email,
            });
            ds.memberships.push(NewMembership {
                member_id: id,
                unit_id: holder.unit_id,
                valid_from: admission_date.max(holder.valid_from),
                valid_to: None,
            });
            holder.members.push(ds.members.len() - 1);
        }
    }
}

/// E-mail addresses handed out so far, and the names' words without diacritics
/// (folding is slow in debug builds; the same few hundred words recur).
#[derive(Default)]
struct Emails {
    taken: HashSet<String>,
    folded: HashMap<String, String>,
}

impl Emails {
    /// "Trần Thanh Điền" → "dientt@haugiang.gov.vn" (numbered when taken).
    fn make(&mut self, full_name: &str, profile: Profile) -> String {
        let words: Vec<String> = full_name
            .split_whitespace()
            .map(|w| {
                self.folded
                    .entry(w.to_string())
                    .or_insert_with(|| fold(w))
                    .clone()
            })
            .collect();
        let Some((given, rest)) = words.split_last() else {
            return String::new();
        };
        let initials: String = rest.iter().filter_map(|w| w.chars().next()).collect();
        let domain = match profile {
            Profile::Enterprise | Profile::Bank => "gmail.com",
            _ => "haugiang.gov.vn",
        };
        let base = format!("{given}{initials}");
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
fn job_title(rng: &mut ChaCha8Rng, holder: &Holder, index: usize) -> String {
    let org = holder.org;
    if holder.is_office() {
        if let Some(title) = OFFICE_TITLES.get(index) {
            return (*title).to_string();
        }
    } else {
        let head = units::org_head_title(org.name);
        let heads: Vec<String> = match holder.cell {
            None if holder.size >= 12 => vec![
                head.into(),
                format!("Phó {head}"),
                format!("Phó {head}"),
                "Trưởng phòng".into(),
            ],
            None => vec![head.into(), format!("Phó {head}")],
            Some(cell) => {
                let cell_head = units::cell_head_title(cell);
                if holder.leads_org {
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

fn add_positions(rng: &mut ChaCha8Rng, ds: &mut Dataset, orgs: &[OrgUnit], holders: &[Holder]) {
    let mut positions = Vec::new();
    // May hold a post elected on `day`: a full member since before that day.
    let eligible = |m: usize, day: NaiveDate| {
        let member = &ds.members[m];
        member.status == MemberStatus::Full && member.full_membership_date.is_some_and(|d| d <= day)
    };
    let mut elect = |unit_id: i64, day: NaiveDate, roles: &[PositionRole], people: &[usize]| {
        for (&role, &m) in roles.iter().zip(people) {
            positions.push(NewPosition {
                // Member ids are their index + 1 (see `add_members`).
                member_id: m as i64 + 1,
                unit_id,
                role,
                term_label: TERM_LABEL.to_string(),
                valid_from: day,
                valid_to: None,
            });
        }
    };

    // Cells first (April–May), then grassroots cells and committees (May–July).
    for holder in holders {
        let day = if holder.cell.is_some() {
            date_between(rng, date(2020, 4, 1), date(2020, 5, 31))
        } else {
            date_between(rng, date(2020, 5, 4), date(2020, 7, 10))
        };
        let full = holder
            .members
            .iter()
            .filter(|&&m| ds.members[m].status == MemberStatus::Full)
            .count();
        let people: Vec<usize> = holder
            .members
            .iter()
            .copied()
            .filter(|&m| eligible(m, day))
            .collect();
        elect(holder.unit_id, day, &cell_roles(full), &people);
    }

    let mut secretaries = Vec::new();
    for org in orgs.iter().filter(|o| o.org.is_committee()) {
        let day = date_between(rng, date(2020, 6, 1), date(2020, 7, 25));
        let cells: Vec<&Holder> = org.holders.iter().map(|&h| &holders[h]).collect();
        let total: usize = cells.iter().map(|h| h.members.len()).sum();
        // The organisation's heads, then the heads of its departments, then the rest.
        let nth = |h: &Holder, i: usize| h.members.get(i).copied();
        let mut order: Vec<usize> = Vec::new();
        if let Some((first, others)) = cells.split_first() {
            order.extend((0..4).filter_map(|i| nth(first, i)));
            order.extend(others.iter().filter_map(|h| nth(h, 0)));
            order.extend(nth(first, 4));
            order.extend(others.iter().filter_map(|h| nth(h, 1)));
        }
        order.extend(cells.iter().flat_map(|h| h.members.iter().copied()));
        let mut seen = HashSet::new();
        let people: Vec<usize> = order
            .into_iter()
            .filter(|&m| eligible(m, day) && seen.insert(m))
            .collect();
        if let Some(&secretary) = people.first() {
            secretaries.push((total, secretary));
        }
        elect(org.unit_id, day, &committee_roles(total), &people);
    }

    // The bloc: the office's leaders and the secretaries of the largest committees.
    let office: Vec<usize> = holders
        .iter()
        .find(|h| h.is_office())
        .map(|h| h.members.iter().take(7).copied().collect())
        .unwrap_or_default();
    secretaries.sort_by_key(|&(members, _)| std::cmp::Reverse(members));
    let from_committees: Vec<usize> = secretaries.iter().map(|&(_, m)| m).collect();
    let mut people: Vec<usize> = office.iter().take(6).copied().collect();
    people.extend(from_committees.iter().take(3));
    people.extend(office.get(6));
    people.extend(from_committees.iter().skip(3).take(7));
    let bloc_id = ds
        .units
        .iter()
        .find(|u| u.code == BLOC_CODE)
        .map_or(0, |u| u.id);
    elect(bloc_id, BLOC_CONGRESS_DATE, &bloc_roles(), &people);
    ds.positions = positions;
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
