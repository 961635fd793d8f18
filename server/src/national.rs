//! `dangbo generate`: an organisation at national scale, for measuring the
//! budgets of DESIGN.md (5.6 M members, about 52,000 grassroots organisations
//! and 200,000 cells) on either backend. The shape is the demo's, scaled: one
//! bloc at the root, grassroots committees and grassroots cells directly under
//! it, cells under the committees, members in the cells and grassroots cells.
//! The people are invented; the same seed and size always give the same data.

use crate::commands::CommandError;
use crate::dataset::draw::{
    add_days, date, date_between, phone, phone_prefix, random_day_of, skewed, spread,
};
use crate::dataset::{self, Builder, Holder, Mailboxes, names};
use app::domain::{Gender, MemberStatus, PositionRole, UnitKind};
use app::store::DynStore;
use app::store::model::{Dataset, NewMember, NewYear};
use chrono::{Months, NaiveDate};
use indicatif::{ProgressBar, ProgressStyle};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::{Duration, Instant};

/// The size of the Party (DESIGN.md "national scale").
pub const NATIONAL_MEMBERS: usize = 5_600_000;
pub const DEFAULT_SEED: u64 = 0x5155_4f43_4741_0001; // "QUOCGA"
/// Below this the shape's proportions no longer hold (a committee needs cells).
pub const MIN_MEMBERS: usize = 1_000;
/// Card numbers have 8 digits: 90 M of them, handed out without repeats.
pub const MAX_MEMBERS: usize = 50_000_000;

const GRASSROOTS_AT_SCALE: f64 = 52_000.0;
const CELLS_AT_SCALE: f64 = 200_000.0;
/// Grassroots committees among the grassroots organisations (46 of 98 in the demo).
const COMMITTEE_SHARE: f64 = 0.47;
/// Members of grassroots cells (small organisations, about 18 members each).
const GRASSROOTS_CELL_MEMBER_SHARE: f64 = 0.09;
/// Smallest cell and grassroots cell; the first three are always full members.
const MIN_HOLDER: usize = 5;
const SENIORS: usize = 3;
/// A grassroots committee has at least this many members (DOMAIN.md).
const MIN_COMMITTEE: usize = 30;
const MIN_CELLS_PER_COMMITTEE: usize = 2;
const PROBATIONARY_SHARE: f64 = 0.035;
const EXEMPT_SHARE: f64 = 0.025;

/// The state of the organisation is the end of 2020, like the demo's.
const REFERENCE_YEAR: i32 = 2020;
const TERM_LABEL: &str = "2020–2025";
pub const ROOT_CODE: &str = "DBK-QG";
const ROOT_NAME: &str = "Đảng bộ Khối các cơ quan và doanh nghiệp (quy mô toàn quốc)";
/// Card numbers: member `i` gets `10_000_000 + (i * CARD_STRIDE + offset) mod 90_000_000`,
/// a permutation because the stride is prime to 90 M (= 2⁷·3²·5⁷).
const CARD_STRIDE: u64 = 48_271_003;
const CARD_SPACE: u64 = 90_000_000;

const ROOT_FROM: NaiveDate = date(2005, 3, 15);

/// How many units of each kind `members` members get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub members: usize,
    pub grassroots_committees: usize,
    pub grassroots_cells: usize,
    pub cells: usize,
}

impl Plan {
    pub fn for_members(members: usize) -> Result<Self, String> {
        if !(MIN_MEMBERS..=MAX_MEMBERS).contains(&members) {
            return Err(format!(
                "--members must lie between {MIN_MEMBERS} and {MAX_MEMBERS} (got {members})"
            ));
        }
        let scale = members as f64 / NATIONAL_MEMBERS as f64;
        let grassroots = ((GRASSROOTS_AT_SCALE * scale).round() as usize).max(2);
        let committees = ((grassroots as f64 * COMMITTEE_SHARE).round() as usize).max(1);
        let cells =
            ((CELLS_AT_SCALE * scale).round() as usize).max(committees * MIN_CELLS_PER_COMMITTEE);
        Ok(Plan {
            members,
            grassroots_committees: committees,
            grassroots_cells: grassroots - committees,
            cells,
        })
    }

    pub fn units(&self) -> usize {
        1 + self.grassroots_committees + self.grassroots_cells + self.cells
    }
}

/// What kind of workplace an organisation is: its name, its cells, its staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Profile {
    Admin,
    Health,
    Education,
    Bank,
    Media,
    Mass,
    Enterprise,
}

impl Profile {
    fn female_share(self) -> f64 {
        match self {
            Profile::Health => 0.66,
            Profile::Education => 0.62,
            Profile::Bank => 0.58,
            Profile::Mass => 0.58,
            Profile::Media => 0.46,
            Profile::Admin => 0.44,
            Profile::Enterprise => 0.30,
        }
    }

    fn cells(self) -> &'static [&'static str] {
        match self {
            Profile::Admin => &[
                "Văn phòng",
                "Phòng Tổ chức cán bộ",
                "Phòng Kế hoạch - Tài chính",
                "Thanh tra",
                "Phòng Pháp chế",
                "Phòng Nghiệp vụ",
                "Phòng Quản lý chuyên ngành",
                "Trung tâm Dịch vụ công",
                "Chi cục Quản lý thị trường",
                "Trung tâm Công nghệ thông tin",
            ],
            Profile::Health => &[
                "Ban Giám đốc",
                "Khoa Nội",
                "Khoa Ngoại",
                "Khoa Sản",
                "Khoa Nhi",
                "Khoa Cấp cứu",
                "Khoa Hồi sức tích cực",
                "Khoa Xét nghiệm",
                "Khoa Chẩn đoán hình ảnh",
                "Khoa Dược",
                "Phòng Kế hoạch tổng hợp",
                "Phòng Điều dưỡng",
                "Khoa Truyền nhiễm",
                "Khoa Y học cổ truyền",
            ],
            Profile::Education => &[
                "Ban Giám hiệu",
                "Khoa Sư phạm",
                "Khoa Kinh tế",
                "Khoa Công nghệ thông tin",
                "Khoa Ngoại ngữ",
                "Khoa Lý luận chính trị",
                "Phòng Đào tạo",
                "Phòng Tổ chức - Hành chính",
                "Sinh viên",
                "Thư viện",
            ],
            Profile::Bank => &[
                "Ban Giám đốc",
                "Phòng Khách hàng doanh nghiệp",
                "Phòng Khách hàng cá nhân",
                "Phòng Kế toán - Ngân quỹ",
                "Phòng Quản lý rủi ro",
                "Phòng giao dịch",
            ],
            Profile::Media => &[
                "Ban Biên tập",
                "Phòng Thời sự",
                "Phòng Văn nghệ - Giải trí",
                "Phòng Kỹ thuật - Công nghệ",
                "Phòng Hành chính - Trị sự",
            ],
            Profile::Mass => &[
                "Văn phòng",
                "Ban Tổ chức - Kiểm tra",
                "Ban Tuyên giáo",
                "Ban Phong trào",
            ],
            Profile::Enterprise => &[
                "Ban Giám đốc",
                "Phòng Tổ chức - Hành chính",
                "Phòng Kế toán",
                "Phòng Kỹ thuật",
                "Phòng Kinh doanh",
                "Xí nghiệp",
                "Phân xưởng",
                "Đội Thi công",
                "Chi nhánh",
                "Nhà máy",
            ],
        }
    }

    fn head(self) -> &'static str {
        match self {
            Profile::Admin => "Giám đốc",
            Profile::Health => "Giám đốc Bệnh viện",
            Profile::Education => "Hiệu trưởng",
            Profile::Bank => "Giám đốc chi nhánh",
            Profile::Media => "Tổng Biên tập",
            Profile::Mass => "Chủ tịch",
            Profile::Enterprise => "Tổng Giám đốc",
        }
    }

    fn staff(self) -> &'static [(&'static str, u32)] {
        match self {
            Profile::Admin => &[
                ("Chuyên viên", 50),
                ("Chuyên viên chính", 15),
                ("Trưởng phòng", 6),
                ("Phó Trưởng phòng", 10),
                ("Thanh tra viên", 6),
                ("Kế toán viên", 5),
                ("Văn thư", 4),
                ("Nhân viên", 4),
            ],
            Profile::Health => &[
                ("Bác sĩ", 35),
                ("Điều dưỡng", 35),
                ("Dược sĩ", 6),
                ("Kỹ thuật viên", 8),
                ("Hộ sinh", 5),
                ("Trưởng khoa", 4),
                ("Phó Trưởng khoa", 4),
                ("Nhân viên", 3),
            ],
            Profile::Education => &[
                ("Giảng viên", 45),
                ("Giảng viên chính", 15),
                ("Giáo viên", 15),
                ("Trưởng khoa", 4),
                ("Chuyên viên", 12),
                ("Sinh viên", 5),
                ("Thư viện viên", 4),
            ],
            Profile::Bank => &[
                ("Cán bộ tín dụng", 35),
                ("Giao dịch viên", 25),
                ("Kế toán viên", 15),
                ("Kiểm soát viên", 10),
                ("Trưởng phòng", 8),
                ("Phó Trưởng phòng", 7),
            ],
            Profile::Media => &[
                ("Phóng viên", 40),
                ("Biên tập viên", 30),
                ("Kỹ thuật viên", 15),
                ("Quay phim", 10),
                ("Trưởng phòng", 5),
            ],
            Profile::Mass => &[
                ("Chuyên viên", 60),
                ("Trưởng ban", 10),
                ("Phó Trưởng ban", 15),
                ("Kế toán", 8),
                ("Nhân viên", 7),
            ],
            Profile::Enterprise => &[
                ("Công nhân", 35),
                ("Kỹ sư", 20),
                ("Nhân viên", 15),
                ("Kế toán viên", 8),
                ("Quản đốc", 6),
                ("Tổ trưởng sản xuất", 8),
                ("Trưởng phòng", 4),
                ("Lái xe", 4),
            ],
        }
    }

    fn domain(self) -> &'static str {
        match self {
            Profile::Enterprise | Profile::Bank => "gmail.com",
            _ => "dangbo.gov.vn",
        }
    }
}

/// Agencies and enterprises; `true`: one per province, else one per place.
const COMMITTEE_TYPES: [(&str, Profile, bool); 24] = [
    ("Sở Y tế", Profile::Health, true),
    ("Bệnh viện Đa khoa", Profile::Health, true),
    ("Bệnh viện Sản - Nhi", Profile::Health, true),
    ("Trung tâm Y tế", Profile::Health, false),
    ("Sở Giáo dục và Đào tạo", Profile::Education, true),
    ("Trường Đại học", Profile::Education, true),
    ("Trường Cao đẳng Cộng đồng", Profile::Education, true),
    ("Trường Chính trị", Profile::Education, true),
    ("Sở Tài chính", Profile::Admin, true),
    (
        "Sở Nông nghiệp và Phát triển nông thôn",
        Profile::Admin,
        true,
    ),
    ("Sở Giao thông vận tải", Profile::Admin, true),
    ("Sở Xây dựng", Profile::Admin, true),
    ("Cục Thuế", Profile::Admin, true),
    ("Cục Hải quan", Profile::Admin, true),
    ("Kho bạc Nhà nước", Profile::Admin, true),
    ("Bảo hiểm xã hội", Profile::Admin, true),
    ("Văn phòng Ủy ban nhân dân", Profile::Admin, true),
    (
        "Ngân hàng Nông nghiệp và Phát triển Nông thôn chi nhánh",
        Profile::Bank,
        true,
    ),
    ("Đài Phát thanh và Truyền hình", Profile::Media, true),
    ("Công ty Điện lực", Profile::Enterprise, true),
    ("Viễn thông", Profile::Enterprise, true),
    ("Công ty Cổ phần Cấp thoát nước", Profile::Enterprise, false),
    ("Công ty Cổ phần Xây dựng", Profile::Enterprise, false),
    (
        "Công ty Cổ phần Chế biến Thủy sản",
        Profile::Enterprise,
        false,
    ),
];

const GRASSROOTS_CELL_TYPES: [(&str, Profile, bool); 18] = [
    ("Chi cục Thủy lợi", Profile::Admin, true),
    ("Chi cục Kiểm lâm", Profile::Admin, true),
    ("Trung tâm Khuyến nông", Profile::Admin, true),
    ("Ban Quản lý dự án Đầu tư xây dựng", Profile::Admin, true),
    ("Quỹ Đầu tư phát triển", Profile::Bank, true),
    (
        "Ngân hàng Chính sách xã hội, phòng giao dịch",
        Profile::Bank,
        false,
    ),
    ("Hội Nông dân", Profile::Mass, true),
    ("Hội Chữ thập đỏ", Profile::Mass, true),
    ("Liên minh Hợp tác xã", Profile::Mass, true),
    ("Báo", Profile::Media, true),
    ("Trường Trung học phổ thông", Profile::Education, false),
    ("Trung tâm Giáo dục nghề nghiệp", Profile::Education, false),
    ("Trạm Y tế", Profile::Health, false),
    ("Trung tâm Kiểm soát bệnh tật", Profile::Health, true),
    (
        "Công ty TNHH MTV Xổ số kiến thiết",
        Profile::Enterprise,
        true,
    ),
    (
        "Công ty Cổ phần Môi trường đô thị",
        Profile::Enterprise,
        false,
    ),
    ("Công ty Cổ phần Vận tải", Profile::Enterprise, false),
    ("Công ty Cổ phần Dược phẩm", Profile::Enterprise, false),
];

/// The 63 provinces and cities of 2020 (`true`: a centrally-run city).
const PROVINCES: [(&str, bool); 63] = [
    ("Hà Nội", true),
    ("Hồ Chí Minh", true),
    ("Hải Phòng", true),
    ("Đà Nẵng", true),
    ("Cần Thơ", true),
    ("An Giang", false),
    ("Bà Rịa - Vũng Tàu", false),
    ("Bắc Giang", false),
    ("Bắc Kạn", false),
    ("Bạc Liêu", false),
    ("Bắc Ninh", false),
    ("Bến Tre", false),
    ("Bình Định", false),
    ("Bình Dương", false),
    ("Bình Phước", false),
    ("Bình Thuận", false),
    ("Cà Mau", false),
    ("Cao Bằng", false),
    ("Đắk Lắk", false),
    ("Đắk Nông", false),
    ("Điện Biên", false),
    ("Đồng Nai", false),
    ("Đồng Tháp", false),
    ("Gia Lai", false),
    ("Hà Giang", false),
    ("Hà Nam", false),
    ("Hà Tĩnh", false),
    ("Hải Dương", false),
    ("Hậu Giang", false),
    ("Hòa Bình", false),
    ("Hưng Yên", false),
    ("Khánh Hòa", false),
    ("Kiên Giang", false),
    ("Kon Tum", false),
    ("Lai Châu", false),
    ("Lâm Đồng", false),
    ("Lạng Sơn", false),
    ("Lào Cai", false),
    ("Long An", false),
    ("Nam Định", false),
    ("Nghệ An", false),
    ("Ninh Bình", false),
    ("Ninh Thuận", false),
    ("Phú Thọ", false),
    ("Phú Yên", false),
    ("Quảng Bình", false),
    ("Quảng Nam", false),
    ("Quảng Ngãi", false),
    ("Quảng Ninh", false),
    ("Quảng Trị", false),
    ("Sóc Trăng", false),
    ("Sơn La", false),
    ("Tây Ninh", false),
    ("Thái Bình", false),
    ("Thái Nguyên", false),
    ("Thanh Hóa", false),
    ("Thừa Thiên Huế", false),
    ("Tiền Giang", false),
    ("Trà Vinh", false),
    ("Tuyên Quang", false),
    ("Vĩnh Long", false),
    ("Vĩnh Phúc", false),
    ("Yên Bái", false),
];

/// Common names of districts, towns and communes.
const PLACES: [&str; 40] = [
    "An Bình",
    "An Phú",
    "Tân Hòa",
    "Tân Phú",
    "Long Thạnh",
    "Phú Lợi",
    "Hòa An",
    "Vĩnh Thuận",
    "Thạnh Xuân",
    "Bình Minh",
    "Hưng Lợi",
    "Mỹ Xuyên",
    "Tân Lập",
    "Đông Hòa",
    "Hòa Bình",
    "Quang Trung",
    "Hồng Phong",
    "Thống Nhất",
    "Đồng Tâm",
    "Xuân Lộc",
    "Nghĩa Hưng",
    "Điện Quang",
    "Phước Long",
    "Thuận An",
    "Cẩm Thành",
    "Kỳ Sơn",
    "Yên Thế",
    "Lộc Hà",
    "Châu Thành",
    "Cái Răng",
    "Ninh Kiều",
    "Long Mỹ",
    "Ngã Bảy",
    "Vị Thanh",
    "Hải Châu",
    "Sơn Trà",
    "Ba Đình",
    "Cầu Giấy",
    "Thủ Đức",
    "Gò Vấp",
];

/// A grassroots organisation being built: where its members go.
struct Grassroots {
    unit_id: i64,
    committee: bool,
    profile: Profile,
    workplace: String,
    /// Member-holding units: the cells of a committee, or the grassroots cell itself.
    holders: Vec<Holder<()>>,
}

/// The whole organisation. `progress(members_done)` is called now and then.
pub fn generate(members: usize, seed: u64, progress: &dyn Fn(u64)) -> Result<Dataset, String> {
    let plan = Plan::for_members(members)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = Builder::with_capacity(plan.units(), members);
    let mut orgs = add_units(&mut rng, &mut b, &plan)?;
    add_members(&mut rng, &mut b, &mut orgs, seed, progress);
    add_secretaries(&mut rng, &mut b, &orgs);
    let mut ds = b.finish();
    ds.years.push(
        NewYear::with_defaults(REFERENCE_YEAR, crate::demo::YEAR_2020_THEME)
            .expect("a valid reference year"),
    );
    Ok(ds)
}

fn add_units(
    rng: &mut ChaCha8Rng,
    b: &mut Builder,
    plan: &Plan,
) -> Result<Vec<Grassroots>, String> {
    let root = b.unit(
        None,
        UnitKind::Bloc,
        ROOT_CODE.into(),
        ROOT_NAME.into(),
        ROOT_FROM,
        None,
    );
    b.created(
        root,
        ROOT_FROM,
        "Thành lập (dữ liệu quy mô toàn quốc, sinh tự động)".into(),
    );

    // Committees and grassroots cells interleaved, as a real list would be.
    let grassroots = plan.grassroots_committees + plan.grassroots_cells;
    let mut kinds: Vec<bool> = (0..grassroots)
        .map(|i| i < plan.grassroots_committees)
        .collect();
    kinds.shuffle(rng);

    // Cells per committee, then members per committee and per grassroots cell.
    let cell_weights: Vec<f64> = (0..plan.grassroots_committees)
        .map(|_| skewed(rng, 0.8))
        .collect();
    let cells_per_committee = spread(
        plan.cells,
        &vec![MIN_CELLS_PER_COMMITTEE; plan.grassroots_committees],
        &cell_weights,
    );
    let in_grassroots_cells = ((plan.members as f64 * GRASSROOTS_CELL_MEMBER_SHARE).round()
        as usize)
        .max(MIN_HOLDER * plan.grassroots_cells);
    let in_committees = plan.members.saturating_sub(in_grassroots_cells);
    let committee_floor: Vec<usize> = cells_per_committee
        .iter()
        .map(|&c| MIN_COMMITTEE.max(MIN_HOLDER * c))
        .collect();
    if committee_floor.iter().sum::<usize>() > in_committees {
        return Err(format!(
            "{} members are too few for {} committees with {} cells",
            plan.members, plan.grassroots_committees, plan.cells
        ));
    }
    let committee_weights: Vec<f64> = cells_per_committee
        .iter()
        .map(|&c| c as f64 * skewed(rng, 0.3))
        .collect();
    let committee_sizes = spread(in_committees, &committee_floor, &committee_weights);
    let cell_weights: Vec<f64> = (0..plan.grassroots_cells)
        .map(|_| skewed(rng, 0.5))
        .collect();
    let grassroots_cell_sizes = spread(
        in_grassroots_cells,
        &vec![MIN_HOLDER; plan.grassroots_cells],
        &cell_weights,
    );

    let mut orgs = Vec::with_capacity(grassroots);
    let (mut next_committee, mut next_cell) = (0, 0);
    for (i, committee) in kinds.into_iter().enumerate() {
        let types: &[(&str, Profile, bool)] = if committee {
            &COMMITTEE_TYPES
        } else {
            &GRASSROOTS_CELL_TYPES
        };
        let &(kind_name, profile, provincial) = types.choose(rng).unwrap_or(&types[0]);
        let &(province, city) = PROVINCES.choose(rng).unwrap_or(&PROVINCES[0]);
        let province = if city {
            format!("thành phố {province}")
        } else {
            format!("tỉnh {province}")
        };
        let workplace = if provincial {
            format!("{kind_name} {province}")
        } else {
            let place = PLACES.choose(rng).unwrap_or(&PLACES[0]);
            format!("{kind_name} {place}, {province}")
        };
        let from = date_between(rng, date(1976, 1, 1), date(2018, 12, 31));
        let code = format!("CS{:05}", i + 1);
        let (kind, prefix) = if committee {
            (UnitKind::GrassrootsCommittee, "Đảng bộ")
        } else {
            (UnitKind::GrassrootsCell, "Chi bộ")
        };
        let org_id = b.child(
            root,
            kind,
            code.clone(),
            format!("{prefix} {workplace}"),
            from,
        );
        b.created(org_id, from, format!("Thành lập {prefix} {workplace}"));
        let mut org = Grassroots {
            unit_id: org_id,
            committee,
            profile,
            workplace,
            holders: Vec::new(),
        };
        if committee {
            let (cells, size) = (
                cells_per_committee[next_committee],
                committee_sizes[next_committee],
            );
            next_committee += 1;
            let weights: Vec<f64> = (0..cells)
                .map(|k| if k == 0 { 1.3 } else { skewed(rng, 0.5) })
                .collect();
            let sizes = spread(size, &vec![MIN_HOLDER; cells], &weights);
            let names = profile.cells();
            for (k, size) in sizes.into_iter().enumerate() {
                let name = match names.get(k) {
                    Some(n) => format!("Chi bộ {n}"),
                    None => format!("Chi bộ số {}", k + 1),
                };
                let cell_from = if k == 0 || rng.gen_bool(0.7) {
                    from
                } else {
                    date_between(rng, from, date(2019, 6, 30).max(from))
                };
                let cell_id = b.child(
                    org_id,
                    UnitKind::Cell,
                    format!("{code}-{:02}", k + 1),
                    name.clone(),
                    cell_from,
                );
                b.created(cell_id, cell_from, format!("Thành lập {name}"));
                org.holders.push(Holder::new(cell_id, cell_from, size, ()));
            }
        } else {
            let size = grassroots_cell_sizes[next_cell];
            next_cell += 1;
            org.holders.push(Holder::new(org_id, from, size, ()));
        }
        orgs.push(org);
    }
    Ok(orgs)
}

/// Birth, admission and full-membership dates consistent with the status at
/// the end of 2020: probationary members were admitted in 2020, everybody
/// else by 2019; exempt members are old.
fn life_dates(
    rng: &mut ChaCha8Rng,
    status: MemberStatus,
    senior: bool,
    gender: Gender,
) -> (NaiveDate, NaiveDate, Option<NaiveDate>) {
    let (birth, admission) = match status {
        MemberStatus::Probationary => {
            let year = rng.gen_range(1982..=2000);
            let birth = random_day_of(rng, year);
            let admission = date_between(rng, date(2020, 1, 6), date(2020, 12, 18));
            (birth, admission)
        }
        MemberStatus::Exempt => {
            let year = rng.gen_range(1935..=1962);
            let birth = random_day_of(rng, year);
            let year = chrono::Datelike::year(&birth) + rng.gen_range(20..=36);
            (birth, random_day_of(rng, year.max(1955)))
        }
        _ => {
            // Women retire at 55, men at 60 (2020): working members are younger.
            let oldest = if gender == Gender::Female { 1966 } else { 1961 };
            let youngest = if senior { 1982 } else { 1998 };
            let birth_year = rng.gen_range(oldest..=youngest);
            let latest = if senior { 2012 } else { 2019 };
            let earliest = (birth_year + 19).min(latest);
            // Most join in their twenties or early thirties.
            let year = (earliest + (rng.gen_range(0..=14) + rng.gen_range(0..=14)) / 2).min(latest);
            (random_day_of(rng, birth_year), random_day_of(rng, year))
        }
    };
    let admission = admission.max(
        birth
            .checked_add_months(Months::new(18 * 12))
            .unwrap_or(birth),
    );
    if status == MemberStatus::Probationary {
        return (birth, admission, None);
    }
    let due = admission
        .checked_add_months(Months::new(12))
        .unwrap_or(admission);
    let full = if rng.gen_bool(0.3) {
        add_days(due, rng.gen_range(0..40)).min(date(REFERENCE_YEAR, 12, 31))
    } else {
        due
    };
    (birth, admission, Some(full))
}

fn add_members(
    rng: &mut ChaCha8Rng,
    b: &mut Builder,
    orgs: &mut [Grassroots],
    seed: u64,
    progress: &dyn Fn(u64),
) {
    let card_offset = seed % CARD_SPACE;
    let mut mailboxes = Mailboxes::default();
    for org in orgs.iter_mut() {
        let (profile, workplace) = (org.profile, org.workplace.as_str());
        for (h, holder) in org.holders.iter_mut().enumerate() {
            for i in 0..holder.size {
                let senior = i < SENIORS;
                let status = if senior {
                    MemberStatus::Full
                } else {
                    match rng.gen_range(0.0..1.0f64) {
                        x if x < PROBATIONARY_SHARE => MemberStatus::Probationary,
                        x if x < PROBATIONARY_SHARE + EXEMPT_SHARE => MemberStatus::Exempt,
                        _ => MemberStatus::Full,
                    }
                };
                let female_share = match status {
                    MemberStatus::Exempt => 0.2,
                    _ if senior => profile.female_share() * 0.75,
                    _ => profile.female_share(),
                };
                let gender = if rng.gen_bool(female_share) {
                    Gender::Female
                } else {
                    Gender::Male
                };
                let full_name = names::full_name(rng, gender, "");
                let (birth_date, admission_date, full_membership_date) =
                    life_dates(rng, status, senior, gender);
                let id = b.next_member_id();
                let index = id as u64 - 1;
                let card = 10_000_000 + (index * CARD_STRIDE + card_offset) % CARD_SPACE;
                let job_title = match (h, i) {
                    (0, 0) => profile.head().to_string(),
                    (0, 1) => format!("Phó {}", profile.head()),
                    _ => names::weighted(rng, profile.staff()).to_string(),
                };
                let email = if rng.gen_bool(0.4) {
                    format!(
                        "{}{}@{}",
                        mailboxes.local_part(&full_name),
                        index % 1000,
                        profile.domain()
                    )
                } else {
                    String::new()
                };
                let prefix = phone_prefix(rng);
                let member = NewMember {
                    id,
                    card_number: card.to_string(),
                    record_number: format!("QG-{id:08}"),
                    full_name,
                    gender,
                    birth_date,
                    admission_date,
                    full_membership_date,
                    status,
                    cell_id: holder.unit_id,
                    job_title,
                    workplace: workplace.to_string(),
                    phone: phone(rng, prefix),
                    email,
                };
                b.member(holder, member);
                if id % 20_000 == 0 {
                    progress(id as u64);
                }
            }
        }
    }
    progress(b.members().len() as u64);
}

/// A secretary for every unit, elected in 2020: the first member of each cell
/// and grassroots cell, the second of a committee's first cell for the
/// committee, the third of the first committee's first cell for the bloc.
fn add_secretaries(rng: &mut ChaCha8Rng, b: &mut Builder, orgs: &[Grassroots]) {
    let elect = |b: &mut Builder, member: usize, unit_id: i64, valid_from: NaiveDate| {
        b.elect(
            member,
            unit_id,
            PositionRole::Secretary,
            TERM_LABEL,
            valid_from,
        );
    };
    let mut bloc_secretary = None;
    for org in orgs {
        for holder in &org.holders {
            let day = if org.committee {
                date_between(rng, date(2020, 4, 1), date(2020, 5, 31))
            } else {
                date_between(rng, date(2020, 5, 4), date(2020, 7, 10))
            };
            elect(b, holder.members.start, holder.unit_id, day);
        }
        if let (true, Some(first)) = (org.committee, org.holders.first()) {
            let day = date_between(rng, date(2020, 6, 1), date(2020, 7, 25));
            elect(b, first.members.start + 1, org.unit_id, day);
            bloc_secretary.get_or_insert(first.members.start + 2);
        }
    }
    if let Some(member) = bloc_secretary {
        elect(b, member, 1, date(2020, 10, 15));
    }
}

fn bar(len: u64, prefix: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(
            "{prefix:>10} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} (ETA {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_prefix(prefix);
    bar
}

/// How long each step of `dangbo generate` took.
pub struct Report {
    pub plan: Plan,
    pub generated_in: Duration,
    pub loaded_in: Duration,
}

/// `dangbo generate`: builds the organisation and loads it into the empty
/// database behind `store`, showing progress on the terminal.
pub async fn generate_into(
    store: &DynStore,
    members: usize,
    seed: u64,
) -> Result<Report, CommandError> {
    let plan = Plan::for_members(members).map_err(CommandError::Usage)?;
    // Refuse before minutes of work, not after (the load checks again).
    if store.root_unit().await?.is_some() || store.counts().await?.units > 0 {
        return Err(CommandError::Usage(
            "the database already holds an organisation; `dangbo generate` loads only into an empty one".into(),
        ));
    }
    tracing::info!(
        "generating {members} members in {} grassroots committees, {} grassroots cells and {} cells",
        plan.grassroots_committees,
        plan.grassroots_cells,
        plan.cells
    );
    let started = Instant::now();
    let generating = bar(members as u64, "generate");
    let data = {
        let generating = generating.clone();
        tokio::task::spawn_blocking(move || {
            dataset::Profile::National { members, seed }
                .build(&|done| generating.set_position(done))
        })
        .await
        .map_err(|e| CommandError::Usage(format!("generation failed: {e}")))?
        .map_err(CommandError::Usage)?
    };
    generating.finish();
    let generated_in = started.elapsed();
    tracing::info!(
        "generated in {:.1} s; loading in one transaction",
        generated_in.as_secs_f64()
    );

    let started = Instant::now();
    let loading = bar(0, "load");
    store
        .load_dataset_with_progress(&data, "dangbo generate", &|done, total| {
            loading.set_length(total);
            loading.set_position(done);
        })
        .await?;
    loading.finish();
    Ok(Report {
        plan,
        generated_in,
        loaded_in: started.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::store::model::NewUnitParent;
    use std::collections::{HashMap, HashSet};

    fn generated(members: usize, seed: u64) -> Dataset {
        generate(members, seed, &|_| {}).expect("generates")
    }

    fn count_kind(ds: &Dataset, kind: UnitKind) -> usize {
        ds.units.iter().filter(|u| u.kind == kind).count()
    }

    #[test]
    fn plan_at_national_scale() {
        let plan = Plan::for_members(NATIONAL_MEMBERS).unwrap();
        assert_eq!(plan.grassroots_committees + plan.grassroots_cells, 52_000);
        assert_eq!(plan.grassroots_committees, 24_440);
        assert_eq!(plan.cells, 200_000);
        assert_eq!(plan.units(), 252_001);
        assert!(Plan::for_members(999).is_err());
        assert!(Plan::for_members(MAX_MEMBERS + 1).is_err());
        // The card numbers are a permutation of the 8-digit space.
        let gcd = |mut a: u64, mut b: u64| {
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a
        };
        assert_eq!(gcd(CARD_STRIDE, CARD_SPACE), 1);
    }

    #[test]
    fn same_seed_same_data() {
        let (a, b) = (generated(5_000, 7), generated(5_000, 7));
        assert_eq!(format!("{:?}", a.units), format!("{:?}", b.units));
        assert_eq!(format!("{:?}", a.members), format!("{:?}", b.members));
        assert_eq!(format!("{:?}", a.positions), format!("{:?}", b.positions));
        assert_eq!(
            format!("{:?}", a.memberships),
            format!("{:?}", b.memberships)
        );
        let c = generated(5_000, 8);
        assert_ne!(format!("{:?}", a.members), format!("{:?}", c.members));
    }

    /// The README's national figures were measured on this output: the
    /// shared builder must not move a draw.
    #[test]
    fn output_stays_as_measured() {
        assert_eq!(
            crate::dataset::fingerprint(&generated(5_000, DEFAULT_SEED)),
            "8cdb11e109427cd7bab196b970d8de3bcc60bbe0b0f62981f4759f0cc41817bd"
        );
    }

    #[test]
    fn shape_at_small_scale() {
        let members = 20_000;
        let ds = generated(members, DEFAULT_SEED);
        let plan = Plan::for_members(members).unwrap();
        let scale = members as f64 / NATIONAL_MEMBERS as f64;
        let near = |n: usize, target: f64| (n as f64 - target).abs() <= target * 0.02 + 1.0;

        // Counts of kinds.
        assert_eq!(count_kind(&ds, UnitKind::Bloc), 1);
        let (committees, grassroots_cells, cells) = (
            count_kind(&ds, UnitKind::GrassrootsCommittee),
            count_kind(&ds, UnitKind::GrassrootsCell),
            count_kind(&ds, UnitKind::Cell),
        );
        assert_eq!(
            (committees, grassroots_cells, cells),
            (
                plan.grassroots_committees,
                plan.grassroots_cells,
                plan.cells
            )
        );
        assert!(near(
            committees + grassroots_cells,
            GRASSROOTS_AT_SCALE * scale
        ));
        assert!(near(cells, CELLS_AT_SCALE * scale));
        assert!(near(
            committees,
            GRASSROOTS_AT_SCALE * scale * COMMITTEE_SHARE
        ));
        assert_eq!(ds.units.len(), plan.units());
        assert_eq!(ds.members.len(), members);
        assert_eq!(ds.memberships.len(), members);

        // The tree: parents first, allowed kinds, a current dated link each.
        let kinds: HashMap<i64, UnitKind> = ds.units.iter().map(|u| (u.id, u.kind)).collect();
        let links: HashMap<i64, &NewUnitParent> =
            ds.unit_parents.iter().map(|p| (p.unit_id, p)).collect();
        assert_eq!(links.len(), ds.unit_parents.len());
        let mut seen = HashSet::new();
        for u in &ds.units {
            match u.parent_id {
                None => assert_eq!(u.kind, UnitKind::Bloc),
                Some(p) => {
                    assert!(seen.contains(&p), "{} before its parent", u.code);
                    assert!(kinds[&p].allows_child(u.kind), "{}", u.code);
                    let link = links[&u.id];
                    assert_eq!((link.parent_id, link.valid_to), (p, None));
                    assert!(link.valid_from >= u.valid_from);
                }
            }
            assert!(seen.insert(u.id));
        }
        let codes: HashSet<&str> = ds.units.iter().map(|u| u.code.as_str()).collect();
        assert_eq!(codes.len(), ds.units.len());

        // Members sit in cells; every grassroots organisation has ≥ 3 full
        // members, every committee ≥ 30 members.
        let parent: HashMap<i64, Option<i64>> =
            ds.units.iter().map(|u| (u.id, u.parent_id)).collect();
        let grassroots_of = |cell: i64| match kinds[&cell] {
            UnitKind::Cell => parent[&cell].expect("a cell has a parent"),
            _ => cell,
        };
        let mut full: HashMap<i64, usize> = HashMap::new();
        let mut total: HashMap<i64, usize> = HashMap::new();
        for m in &ds.members {
            assert!(kinds[&m.cell_id].holds_members());
            let g = grassroots_of(m.cell_id);
            *total.entry(g).or_default() += 1;
            if m.status == MemberStatus::Full {
                *full.entry(g).or_default() += 1;
            }
        }
        for u in ds.units.iter().filter(|u| u.kind.is_grassroots()) {
            assert!(full.get(&u.id).copied().unwrap_or(0) >= 3, "{}", u.code);
            if u.kind == UnitKind::GrassrootsCommittee {
                assert!(total[&u.id] >= MIN_COMMITTEE, "{}", u.code);
            }
        }

        // Statuses and dates.
        let share = |s: MemberStatus| {
            ds.members.iter().filter(|m| m.status == s).count() as f64 / members as f64
        };
        assert!((share(MemberStatus::Probationary) - PROBATIONARY_SHARE).abs() < 0.01);
        assert!((share(MemberStatus::Exempt) - EXEMPT_SHARE).abs() < 0.01);
        assert!(share(MemberStatus::Full) > 0.9);
        for (m, ms) in ds.members.iter().zip(&ds.memberships) {
            assert_eq!((ms.member_id, ms.unit_id), (m.id, m.cell_id));
            assert!(m.admission_date >= m.birth_date + Months::new(18 * 12));
            match m.status {
                MemberStatus::Probationary => {
                    assert_eq!(chrono::Datelike::year(&m.admission_date), REFERENCE_YEAR);
                    assert!(m.full_membership_date.is_none());
                }
                _ => assert!(
                    m.full_membership_date
                        .is_some_and(|d| d > m.admission_date && d <= date(2020, 12, 31))
                ),
            }
        }
        let cards: HashSet<&str> = ds.members.iter().map(|m| m.card_number.as_str()).collect();
        assert_eq!(cards.len(), members);
        assert!(cards.iter().all(|c| c.len() == 8));

        // One secretary per unit, a full member of the unit's subtree.
        let mut secretaries: HashMap<i64, usize> = HashMap::new();
        for p in &ds.positions {
            assert_eq!(p.role, PositionRole::Secretary);
            *secretaries.entry(p.unit_id).or_default() += 1;
            let m = &ds.members[p.member_id as usize - 1];
            assert!(m.full_membership_date.is_some_and(|d| d <= p.valid_from));
            let mut at = Some(m.cell_id);
            while at.is_some_and(|u| u != p.unit_id) {
                at = at.and_then(|u| parent[&u]);
            }
            assert_eq!(at, Some(p.unit_id), "secretary outside the unit");
        }
        assert_eq!(secretaries.len(), ds.units.len());
        assert!(secretaries.values().all(|&n| n == 1));
    }

    #[tokio::test]
    async fn loads_into_an_empty_database_only() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("n.sqlite3").display());
        let store = crate::commands::open(&url).await.unwrap();
        let data = generated(MIN_MEMBERS, DEFAULT_SEED);
        let calls = std::sync::Mutex::new(Vec::new());
        store
            .load_dataset_with_progress(&data, "test", &|done, total| {
                calls.lock().unwrap().push((done, total));
            })
            .await
            .unwrap();
        let calls = calls.into_inner().unwrap();
        let (last, total) = *calls.last().unwrap();
        assert_eq!(last, total);
        assert!(
            calls
                .windows(2)
                .all(|w| w[0].0 <= w[1].0 && w[0].1 == w[1].1)
        );
        let counts = store.counts().await.unwrap();
        assert_eq!(counts.members, MIN_MEMBERS as i64);
        assert_eq!(counts.units, data.units.len() as i64);
        let root = store.root_unit().await.unwrap().unwrap();
        assert_eq!(root.code, ROOT_CODE);
        let summary = store.unit_summary(&root, REFERENCE_YEAR).await.unwrap();
        let plan = Plan::for_members(MIN_MEMBERS).unwrap();
        assert_eq!(summary.members_total(), MIN_MEMBERS as i64);
        assert_eq!(
            summary.grassroots_committees,
            plan.grassroots_committees as i64
        );
        assert_eq!(summary.cells, plan.cells as i64);
        assert_eq!(
            summary.admitted_in_year, summary.probationary_members,
            "the probationary members are 2020's admissions"
        );
        let refused = generate_into(&store, MIN_MEMBERS, DEFAULT_SEED).await;
        assert!(matches!(refused, Err(CommandError::Usage(_))));
    }
}
