//! Vietnamese personal names, drawn with realistic frequencies (Mekong delta:
//! Huỳnh and Võ are more common than Hoàng and Vũ; some Hoa and Khmer names).

use app::domain::Gender;
use rand::Rng;
use rand::seq::SliceRandom;

/// Family names with weights per mille of the population (Nguyễn ≈ 38 %).
const FAMILY: [(&str, u32); 35] = [
    ("Nguyễn", 370),
    ("Trần", 115),
    ("Lê", 95),
    ("Phạm", 60),
    ("Huỳnh", 45),
    ("Võ", 40),
    ("Phan", 32),
    ("Trương", 15),
    ("Đặng", 14),
    ("Bùi", 12),
    ("Hồ", 12),
    ("Hoàng", 10),
    ("Đỗ", 10),
    ("Ngô", 10),
    ("Dương", 10),
    ("Lâm", 10),
    ("Đoàn", 8),
    ("Lý", 8),
    ("Châu", 6),
    ("Vũ", 6),
    ("Lương", 6),
    ("Mai", 5),
    ("Tô", 5),
    ("Thái", 5),
    ("Đinh", 5),
    ("Tăng", 4),
    ("Hà", 4),
    ("Lưu", 4),
    ("Quách", 4),
    ("Triệu", 3),
    ("Danh", 3),
    ("Thạch", 3),
    ("Kim", 2),
    ("La", 2),
    ("Diệp", 2),
];

const MALE_MIDDLE: [(&str, u32); 25] = [
    ("Văn", 30),
    ("Minh", 10),
    ("Thanh", 9),
    ("Quốc", 7),
    ("Hữu", 6),
    ("Tấn", 5),
    ("Hoàng", 5),
    ("Công", 4),
    ("Đức", 3),
    ("Trung", 3),
    ("Ngọc", 3),
    ("Phước", 3),
    ("Chí", 3),
    ("Thành", 3),
    ("Duy", 3),
    ("Hoài", 2),
    ("Trọng", 2),
    ("Việt", 2),
    ("Hồng", 2),
    ("Phú", 2),
    ("Vĩnh", 2),
    ("Nhật", 2),
    ("Anh", 2),
    ("Kim", 1),
    ("Thái", 1),
];

const FEMALE_MIDDLE: [(&str, u32); 21] = [
    ("Thị", 45),
    ("Ngọc", 9),
    ("Thanh", 6),
    ("Kim", 6),
    ("Thu", 4),
    ("Mỹ", 4),
    ("Hồng", 4),
    ("Bích", 3),
    ("Thúy", 3),
    ("Phương", 3),
    ("Minh", 3),
    ("Diễm", 2),
    ("Như", 2),
    ("Ánh", 2),
    ("Hoàng", 2),
    ("Cẩm", 2),
    ("Huỳnh", 2),
    ("Tuyết", 2),
    ("Xuân", 2),
    ("Trúc", 2),
    ("Quỳnh", 1),
];

/// Second middle name after "Thị", common in the South ("Nguyễn Thị Ngọc Hân").
const AFTER_THI: [&str; 12] = [
    "Ngọc", "Kim", "Thanh", "Thu", "Mỹ", "Hồng", "Bích", "Cẩm", "Thúy", "Tuyết", "Diễm", "Huỳnh",
];

const MALE_GIVEN: [&str; 56] = [
    "Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Hiếu", "Phúc", "Thắng", "Long", "Nam", "Khánh", "Trí",
    "Tâm", "Tài", "Toàn", "Sơn", "Phong", "Quang", "Bình", "Cường", "Đạt", "Duy", "Huy", "Lâm",
    "Lộc", "Nghĩa", "Nhân", "Phát", "Tùng", "Vinh", "Thịnh", "Hậu", "Kiệt", "Khoa", "Luân", "Nhựt",
    "Quân", "Sang", "Tín", "Trọng", "Trung", "Vũ", "Tú", "Thuận", "Thành", "Hòa", "Hưng", "Đông",
    "Em", "Khải", "Lợi", "Mạnh", "Điền", "Hiển", "Triều", "Phương",
];

const FEMALE_GIVEN: [&str; 54] = [
    "Lan",
    "Hoa",
    "Hương",
    "Hằng",
    "Linh",
    "Ngân",
    "Nhung",
    "Phương",
    "Thảo",
    "Trang",
    "Trinh",
    "Tuyết",
    "Vân",
    "Yến",
    "Xuân",
    "Hạnh",
    "Hiền",
    "Huyền",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngọc",
    "Nhi",
    "Oanh",
    "Phượng",
    "Quyên",
    "Thủy",
    "Thúy",
    "Trâm",
    "Uyên",
    "Vy",
    "Diễm",
    "Dung",
    "Giang",
    "Hà",
    "Hồng",
    "Kiều",
    "Liên",
    "Ly",
    "Nguyệt",
    "Nhàn",
    "Quế",
    "Tâm",
    "Thu",
    "Tiên",
    "Tuyền",
    "Châu",
    "Duyên",
    "Em",
    "Thắm",
    "Hân",
    "Như",
    "Ngoan",
];

/// Picks from a weighted list (never empty here; an empty list gives "").
pub fn weighted<'a, R: Rng>(rng: &mut R, items: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    if total == 0 {
        return "";
    }
    let mut roll = rng.gen_range(0..total);
    for (item, w) in items {
        if roll < *w {
            return item;
        }
        roll -= w;
    }
    ""
}

/// A full name "Family Middle Given" in NFC, never `avoid` (a name reserved
/// for one specific person), never two equal words in a row.
pub fn full_name<R: Rng>(rng: &mut R, gender: Gender, avoid: &str) -> String {
    loop {
        let family = weighted(rng, &FAMILY);
        let mut words = vec![family];
        match gender {
            Gender::Male => {
                words.push(weighted(rng, &MALE_MIDDLE));
                words.push(MALE_GIVEN.choose(rng).copied().unwrap_or("Nam"));
            }
            Gender::Female => {
                let middle = weighted(rng, &FEMALE_MIDDLE);
                words.push(middle);
                if middle == "Thị" && rng.gen_bool(0.2) {
                    words.push(AFTER_THI.choose(rng).copied().unwrap_or("Ngọc"));
                }
                words.push(FEMALE_GIVEN.choose(rng).copied().unwrap_or("Lan"));
            }
        }
        let name = words.join(" ");
        if name != avoid && words.windows(2).all(|w| w[0] != w[1]) {
            return name;
        }
    }
}
