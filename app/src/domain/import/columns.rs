//! The two sheets, their columns and how headers are recognised; the
//! templates' rows.

use super::*;

/// Which table a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sheet {
    Units,
    Members,
}

impl Sheet {
    /// The sheet's name in the template.
    pub fn title_vi(self) -> &'static str {
        match self {
            Sheet::Units => "Đơn vị",
            Sheet::Members => "Đảng viên",
        }
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Sheet::Units => &Field::UNITS,
            Sheet::Members => &Field::MEMBERS,
        }
    }
}

/// A column of one of the sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Field {
    UnitCode,
    UnitName,
    UnitKind,
    ParentCode,
    Founded,
    CardNumber,
    RecordNumber,
    FullName,
    Gender,
    BirthDate,
    AdmissionDate,
    FullMembershipDate,
    Status,
    CellCode,
    JobTitle,
    Workplace,
    Phone,
    Email,
}
text_forms!(Field);

impl Field {
    pub const UNITS: [Field; 5] = [
        Field::UnitCode,
        Field::UnitName,
        Field::UnitKind,
        Field::ParentCode,
        Field::Founded,
    ];
    pub const MEMBERS: [Field; 13] = [
        Field::CardNumber,
        Field::RecordNumber,
        Field::FullName,
        Field::Gender,
        Field::BirthDate,
        Field::AdmissionDate,
        Field::FullMembershipDate,
        Field::Status,
        Field::CellCode,
        Field::JobTitle,
        Field::Workplace,
        Field::Phone,
        Field::Email,
    ];

    /// The header of the template (Vietnamese).
    pub fn header_vi(self) -> &'static str {
        match self {
            Field::UnitCode => "Mã đơn vị",
            Field::UnitName => "Tên đơn vị",
            Field::UnitKind => "Loại",
            Field::ParentCode => "Mã đơn vị cấp trên",
            Field::Founded => "Ngày thành lập",
            Field::CardNumber => "Số thẻ đảng viên",
            Field::RecordNumber => "Số lý lịch",
            Field::FullName => "Họ và tên",
            Field::Gender => "Giới tính",
            Field::BirthDate => "Ngày sinh",
            Field::AdmissionDate => "Ngày vào Đảng",
            Field::FullMembershipDate => "Ngày chính thức",
            Field::Status => "Trạng thái",
            Field::CellCode => "Mã chi bộ",
            Field::JobTitle => "Chức vụ",
            Field::Workplace => "Nơi làm việc",
            Field::Phone => "Điện thoại",
            Field::Email => "Email",
        }
    }

    /// The English header, also accepted.
    pub fn header_en(self) -> &'static str {
        match self {
            Field::UnitCode => "Unit code",
            Field::UnitName => "Unit name",
            Field::UnitKind => "Kind",
            Field::ParentCode => "Parent unit code",
            Field::Founded => "Founded",
            Field::CardNumber => "Card number",
            Field::RecordNumber => "Record number",
            Field::FullName => "Full name",
            Field::Gender => "Gender",
            Field::BirthDate => "Date of birth",
            Field::AdmissionDate => "Admission date",
            Field::FullMembershipDate => "Full membership date",
            Field::Status => "Status",
            Field::CellCode => "Cell code",
            Field::JobTitle => "Job title",
            Field::Workplace => "Workplace",
            Field::Phone => "Phone",
            Field::Email => "Email",
        }
    }

    /// Other spellings seen in real spreadsheets (already folded).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::UnitCode => &["ma", "code", "ma don vi", "ma to chuc"],
            Field::UnitName => &["ten", "name", "ten to chuc", "ten chi bo", "ten dang bo"],
            Field::UnitKind => &["loai don vi", "loai to chuc", "unit kind", "type"],
            Field::ParentCode => &["ma cap tren", "ma don vi cha", "parent code", "parent"],
            Field::Founded => &["ngay thanh lap", "thanh lap", "founded on", "valid from"],
            Field::CardNumber => &[
                "so the",
                "so the dang",
                "the dang vien",
                "party card number",
            ],
            Field::RecordNumber => &["so ly lich dang vien", "ly lich", "record no"],
            Field::FullName => &["ho ten", "ho va ten dang vien", "name"],
            Field::Gender => &["gioi", "sex"],
            Field::BirthDate => &["ngay thang nam sinh", "birth date", "born"],
            Field::AdmissionDate => &["ngay ket nap", "ngay vao dang", "admitted"],
            Field::FullMembershipDate => &[
                "ngay chinh thuc",
                "ngay cong nhan chinh thuc",
                "ngay dang vien chinh thuc",
                "full member since",
            ],
            Field::Status => &["tinh trang", "state"],
            Field::CellCode => &["chi bo", "ma chi bo sinh hoat", "cell"],
            Field::JobTitle => &["chuc danh", "chuc vu chinh quyen", "job", "position"],
            Field::Workplace => &["co quan", "don vi cong tac", "noi cong tac", "work place"],
            Field::Phone => &["so dien thoai", "dien thoai di dong", "telephone", "mobile"],
            Field::Email => &["e-mail", "thu dien tu", "mail"],
        }
    }

    pub fn required(self) -> bool {
        matches!(
            self,
            Field::UnitCode
                | Field::UnitName
                | Field::UnitKind
                | Field::ParentCode
                | Field::CardNumber
                | Field::FullName
                | Field::Gender
                | Field::BirthDate
                | Field::AdmissionDate
                | Field::Status
                | Field::CellCode
        )
    }

    /// The field a header names in `sheet`, ignoring case, diacritics, a
    /// required-marker `*` and a note in brackets ("Ngày sinh (dd/mm/yyyy)").
    pub fn from_header(sheet: Sheet, header: &str) -> Option<Field> {
        let key = header_key(header);
        if key.is_empty() {
            return None;
        }
        sheet.fields().iter().copied().find(|f| {
            header_key(f.header_vi()) == key
                || header_key(f.header_en()) == key
                || f.as_str().replace('_', " ") == key
                || f.aliases().contains(&key.as_str())
        })
    }
}

/// A header reduced to what identifies it.
pub(super) fn header_key(header: &str) -> String {
    let mut s = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '*' | ':' => {}
            '_' if depth == 0 => s.push(' '),
            _ if depth == 0 => s.push(c),
            _ => {}
        }
    }
    fold(&s)
}

/// The rows of the file as the templates show them: the header row and an
/// example row of each sheet.
pub fn template_rows(sheet: Sheet) -> (Vec<&'static str>, Vec<&'static str>) {
    let headers: Vec<&'static str> = sheet.fields().iter().map(|f| f.header_vi()).collect();
    let example = match sheet {
        Sheet::Units => vec![
            "VD-CB01",
            "Chi bộ Phòng Tổ chức",
            "Chi bộ trực thuộc",
            "MA-DANG-BO-CAP-TREN",
            "15/03/2020",
        ],
        Sheet::Members => vec![
            "12345678",
            "HG-2015-0123",
            "Nguyễn Văn An",
            "Nam",
            "20/05/1985",
            "03/02/2015",
            "03/02/2016",
            "Chính thức",
            "VD-CB01",
            "Chuyên viên",
            "Sở Nội vụ tỉnh Hậu Giang",
            "0912 345 678",
            "an.nv@example.vn",
        ],
    };
    (headers, example)
}
