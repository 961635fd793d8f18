//! The grassroots organisations of the Hậu Giang bloc: 46 grassroots committees
//! (with their 260 cells) and 52 grassroots cells. Names are realistic provincial
//! agencies and state enterprises; sizes are invented but plausible.

/// Which predecessor bloc an organisation belonged to before the 2020 merger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sector {
    Agencies,
    Enterprises,
}

/// What kind of workplace it is: drives job titles and the share of women.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Admin,
    Health,
    Education,
    Media,
    Finance,
    Bank,
    Judicial,
    Mass,
    Enterprise,
    PartyOffice,
}

impl Profile {
    /// Share of women among party members in this kind of workplace.
    pub fn female_share(self) -> f64 {
        match self {
            Profile::Health => 0.68,
            Profile::Education => 0.64,
            Profile::Bank | Profile::Finance => 0.60,
            Profile::Mass => 0.60,
            Profile::Media => 0.48,
            Profile::Admin => 0.50,
            Profile::Judicial => 0.45,
            Profile::PartyOffice => 0.42,
            Profile::Enterprise => 0.32,
        }
    }
}

/// A grassroots organisation (tổ chức cơ sở đảng).
#[derive(Debug, Clone, Copy)]
pub struct Org {
    /// ASCII code, unique; its cells get `CODE-01`, `CODE-02`…
    pub code: &'static str,
    /// The agency or enterprise, without "Đảng bộ"/"Chi bộ": also the members' workplace.
    pub name: &'static str,
    pub sector: Sector,
    pub profile: Profile,
    /// Committees: relative weight of the membership; grassroots cells: exact size.
    pub size: u32,
    /// Cells of a committee (names without "Chi bộ"); empty for a grassroots cell.
    pub cells: &'static [&'static str],
}

impl Org {
    pub fn is_committee(&self) -> bool {
        !self.cells.is_empty()
    }

    pub fn unit_name(&self) -> String {
        let prefix = if self.is_committee() {
            "Đảng bộ"
        } else {
            "Chi bộ"
        };
        format!("{prefix} {}", self.name)
    }
}

use Profile::*;
use Sector::*;

const fn committee(
    code: &'static str,
    name: &'static str,
    sector: Sector,
    profile: Profile,
    size: u32,
    cells: &'static [&'static str],
) -> Org {
    Org {
        code,
        name,
        sector,
        profile,
        size,
        cells,
    }
}

const fn cell(
    code: &'static str,
    name: &'static str,
    sector: Sector,
    profile: Profile,
    size: u32,
) -> Org {
    Org {
        code,
        name,
        sector,
        profile,
        size,
        cells: &[],
    }
}

/// The bloc's own office: its grassroots cell holds the bloc's full-time staff.
pub const OFFICE_CODE: &str = "CQDUK";

/// The 46 grassroots committees. The first cell of each holds the organisation's
/// leadership (it is where the committee's secretary and deputies sit).
#[rustfmt::skip]
pub const COMMITTEES: [Org; 46] = [
    committee("VPUB", "Văn phòng Ủy ban nhân dân tỉnh", Agencies, Admin, 75, &[
        "Phòng Hành chính – Tổ chức", "Phòng Tổng hợp", "Phòng Kinh tế",
        "Phòng Khoa giáo – Văn xã", "Phòng Nội chính", "Ban Tiếp công dân",
        "Trung tâm Tin học – Công báo",
    ]),
    committee("VPHDND", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", Agencies, Admin, 32, &[
        "Phòng Hành chính – Tổ chức – Quản trị", "Phòng Công tác Quốc hội",
        "Phòng Công tác Hội đồng nhân dân",
    ]),
    committee("SYT", "Sở Y tế", Agencies, Health, 90, &[
        "Văn phòng", "Phòng Kế hoạch – Tài chính", "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược",
        "Thanh tra Sở", "Chi cục Dân số – Kế hoạch hóa gia đình",
        "Chi cục An toàn vệ sinh thực phẩm", "Trung tâm Giám định y khoa – Pháp y",
    ]),
    committee("BVDK", "Bệnh viện Đa khoa tỉnh Hậu Giang", Agencies, Health, 235, &[
        "Phòng Tổ chức – Hành chính", "Phòng Kế hoạch tổng hợp", "Phòng Điều dưỡng",
        "Khoa Khám bệnh", "Khoa Hồi sức tích cực – Chống độc", "Khoa Nội tổng hợp",
        "Khoa Ngoại tổng hợp", "Khoa Cấp cứu", "Khoa Gây mê hồi sức",
        "Khoa Chẩn đoán hình ảnh", "Khoa Xét nghiệm", "Khoa Dược", "Khoa Tim mạch",
        "Khoa Ngoại chấn thương", "Khoa Mắt – Tai Mũi Họng – Răng Hàm Mặt",
        "Khoa Y học cổ truyền – Phục hồi chức năng",
    ]),
    committee("BVSN", "Bệnh viện Sản – Nhi tỉnh Hậu Giang", Agencies, Health, 110, &[
        "Phòng Tổ chức – Hành chính", "Phòng Kế hoạch tổng hợp", "Khoa Sản", "Khoa Nhi",
        "Khoa Sơ sinh", "Khoa Khám bệnh", "Khoa Cận lâm sàng",
    ]),
    committee("CDC", "Trung tâm Kiểm soát bệnh tật tỉnh", Agencies, Health, 60, &[
        "Phòng Tổ chức – Hành chính", "Khoa Phòng, chống bệnh truyền nhiễm",
        "Khoa Sức khỏe môi trường – Y tế trường học", "Khoa Xét nghiệm – Chẩn đoán hình ảnh",
        "Khoa Truyền thông, giáo dục sức khỏe",
    ]),
    committee("BVLAO", "Bệnh viện Lao và Bệnh phổi tỉnh", Agencies, Health, 32, &[
        "Phòng Hành chính – Kế hoạch", "Khoa Lâm sàng", "Khoa Cận lâm sàng",
    ]),
    committee("SGDDT", "Sở Giáo dục và Đào tạo", Agencies, Education, 75, &[
        "Văn phòng", "Phòng Giáo dục Trung học", "Phòng Giáo dục Mầm non – Tiểu học",
        "Phòng Giáo dục thường xuyên – Chuyên nghiệp", "Phòng Khảo thí và Quản lý chất lượng",
        "Phòng Kế hoạch – Tài chính", "Phòng Tổ chức cán bộ", "Thanh tra Sở",
    ]),
    committee("CDCD", "Trường Cao đẳng Cộng đồng Hậu Giang", Agencies, Education, 130, &[
        "Phòng Đào tạo", "Phòng Tổ chức – Hành chính", "Khoa Kinh tế", "Khoa Nông nghiệp",
        "Khoa Kỹ thuật – Công nghệ", "Khoa Công nghệ thông tin", "Khoa Khoa học cơ bản",
        "Khoa Sư phạm", "Trung tâm Ngoại ngữ – Tin học",
    ]),
    committee("THPTCVT", "Trường Trung học phổ thông chuyên Vị Thanh", Agencies, Education, 50, &[
        "Văn phòng", "Tổ Toán – Tin học", "Tổ Ngữ văn – Lịch sử – Địa lý", "Tổ Ngoại ngữ",
        "Tổ Vật lý – Hóa học – Sinh học",
    ]),
    committee("TCLVT", "Trường Trung cấp Luật Vị Thanh", Agencies, Education, 42, &[
        "Phòng Đào tạo", "Phòng Tổ chức – Hành chính", "Khoa Luật Hành chính – Hình sự",
        "Khoa Luật Dân sự – Kinh tế",
    ]),
    committee("SNN", "Sở Nông nghiệp và Phát triển nông thôn", Agencies, Admin, 190, &[
        "Văn phòng", "Phòng Kế hoạch – Tài chính", "Thanh tra Sở",
        "Chi cục Trồng trọt và Bảo vệ thực vật", "Chi cục Chăn nuôi và Thú y",
        "Chi cục Thủy lợi", "Chi cục Kiểm lâm", "Chi cục Thủy sản",
        "Chi cục Phát triển nông thôn", "Trung tâm Khuyến nông",
        "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", "Trung tâm Giống nông nghiệp",
        "Ban Quản lý Khu bảo tồn thiên nhiên Lung Ngọc Hoàng",
    ]),
    committee("STNMT", "Sở Tài nguyên và Môi trường", Agencies, Admin, 80, &[
        "Văn phòng", "Phòng Quản lý đất đai", "Phòng Tài nguyên nước – Khoáng sản",
        "Chi cục Bảo vệ môi trường", "Văn phòng Đăng ký đất đai",
        "Trung tâm Quan trắc tài nguyên và môi trường", "Trung tâm Phát triển quỹ đất",
    ]),
    committee("SKHDT", "Sở Kế hoạch và Đầu tư", Agencies, Admin, 40, &[
        "Văn phòng", "Phòng Tổng hợp – Quy hoạch", "Phòng Đăng ký kinh doanh",
        "Phòng Đấu thầu, thẩm định và giám sát đầu tư",
    ]),
    committee("STC", "Sở Tài chính", Agencies, Finance, 45, &[
        "Văn phòng", "Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư",
        "Phòng Quản lý giá và công sản",
    ]),
    committee("SXD", "Sở Xây dựng", Agencies, Admin, 40, &[
        "Văn phòng", "Phòng Quản lý xây dựng", "Phòng Quy hoạch – Kiến trúc", "Thanh tra Sở",
    ]),
    committee("SGTVT", "Sở Giao thông vận tải", Agencies, Admin, 50, &[
        "Văn phòng", "Phòng Quản lý vận tải, phương tiện và người lái",
        "Phòng Quản lý kết cấu hạ tầng giao thông", "Thanh tra Sở",
        "Trung tâm Đăng kiểm xe cơ giới",
    ]),
    committee("SCT", "Sở Công Thương", Agencies, Admin, 35, &[
        "Văn phòng", "Phòng Quản lý thương mại", "Phòng Quản lý công nghiệp",
        "Trung tâm Khuyến công và Xúc tiến thương mại",
    ]),
    committee("SLDTBXH", "Sở Lao động – Thương binh và Xã hội", Agencies, Admin, 75, &[
        "Văn phòng", "Phòng Người có công", "Phòng Lao động – Việc làm",
        "Phòng Bảo trợ xã hội", "Trung tâm Dịch vụ việc làm", "Cơ sở Cai nghiện ma túy",
        "Trung tâm Công tác xã hội",
    ]),
    committee("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", Agencies, Admin, 70, &[
        "Văn phòng", "Phòng Quản lý văn hóa và gia đình", "Phòng Quản lý thể dục thể thao",
        "Phòng Quản lý du lịch", "Trung tâm Văn hóa tỉnh", "Bảo tàng tỉnh", "Thư viện tỉnh",
    ]),
    committee("SNV", "Sở Nội vụ", Agencies, Admin, 45, &[
        "Văn phòng", "Phòng Tổ chức – Biên chế",
        "Phòng Xây dựng chính quyền và công tác thanh niên", "Ban Thi đua – Khen thưởng",
        "Ban Tôn giáo", "Chi cục Văn thư – Lưu trữ",
    ]),
    committee("SKHCN", "Sở Khoa học và Công nghệ", Agencies, Admin, 35, &[
        "Văn phòng", "Phòng Quản lý khoa học", "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "Trung tâm Thông tin và Ứng dụng khoa học công nghệ",
    ]),
    committee("STTTT", "Sở Thông tin và Truyền thông", Agencies, Admin, 30, &[
        "Văn phòng", "Phòng Thông tin – Báo chí – Xuất bản",
        "Trung tâm Công nghệ thông tin và Truyền thông",
    ]),
    committee("PTTH", "Đài Phát thanh và Truyền hình Hậu Giang", Agencies, Media, 90, &[
        "Phòng Tổ chức – Hành chính", "Phòng Thời sự", "Phòng Chuyên đề", "Phòng Biên tập",
        "Phòng Kỹ thuật – Công nghệ", "Phòng Dịch vụ – Quảng cáo", "Phòng Thông tin điện tử",
    ]),
    committee("BAOHG", "Báo Hậu Giang", Agencies, Media, 45, &[
        "Phòng Trị sự", "Phòng Thời sự – Chính trị", "Phòng Kinh tế", "Phòng Văn hóa – Xã hội",
        "Phòng Báo điện tử",
    ]),
    committee("CTHUE", "Cục Thuế tỉnh Hậu Giang", Agencies, Finance, 135, &[
        "Văn phòng Cục", "Phòng Tổ chức cán bộ", "Phòng Kiểm tra thuế", "Phòng Thanh tra thuế",
        "Phòng Tuyên truyền – Hỗ trợ người nộp thuế", "Phòng Quản lý nợ và cưỡng chế nợ thuế",
        "Phòng Nghiệp vụ – Dự toán – Pháp chế", "Phòng Kê khai và Kế toán thuế",
    ]),
    committee("KBNN", "Kho bạc Nhà nước Hậu Giang", Agencies, Finance, 50, &[
        "Văn phòng", "Phòng Kiểm soát chi", "Phòng Kế toán Nhà nước", "Phòng Thanh tra – Kiểm tra",
    ]),
    committee("BHXH", "Bảo hiểm xã hội tỉnh", Agencies, Finance, 60, &[
        "Văn phòng", "Phòng Quản lý thu", "Phòng Giám định bảo hiểm y tế",
        "Phòng Chế độ bảo hiểm xã hội", "Phòng Kế hoạch – Tài chính",
    ]),
    committee("TAND", "Tòa án nhân dân tỉnh", Agencies, Judicial, 45, &[
        "Văn phòng", "Tòa Hình sự", "Tòa Dân sự", "Tòa Hành chính",
    ]),
    committee("VKSND", "Viện kiểm sát nhân dân tỉnh", Agencies, Judicial, 45, &[
        "Văn phòng", "Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự",
        "Phòng Kiểm sát việc giải quyết các vụ án dân sự, hành chính",
        "Phòng Kiểm sát thi hành án",
    ]),
    committee("CTHADS", "Cục Thi hành án dân sự tỉnh", Agencies, Judicial, 35, &[
        "Văn phòng Cục", "Phòng Nghiệp vụ và Tổ chức thi hành án",
        "Phòng Kiểm tra, giải quyết khiếu nại, tố cáo",
    ]),
    committee("MTDT", "Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể tỉnh", Agencies, Mass, 85, &[
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh Đoàn",
        "Hội Nông dân tỉnh", "Liên đoàn Lao động tỉnh", "Hội Cựu chiến binh tỉnh",
    ]),
    committee("BQLKCN", "Ban Quản lý các khu công nghiệp tỉnh Hậu Giang", Agencies, Admin, 32, &[
        "Văn phòng", "Phòng Quản lý đầu tư", "Phòng Quản lý doanh nghiệp",
    ]),
    committee("BQLDA", "Ban Quản lý dự án đầu tư xây dựng tỉnh Hậu Giang", Agencies, Admin, 40, &[
        "Phòng Hành chính – Tổng hợp", "Phòng Kế hoạch – Tài chính", "Phòng Kỹ thuật",
        "Phòng Quản lý dự án",
    ]),
    committee("CTN", "Công ty Cổ phần Cấp thoát nước – Công trình đô thị Hậu Giang", Enterprises, Enterprise, 95, &[
        "Phòng Tổ chức – Hành chính", "Phòng Kế hoạch – Kỹ thuật", "Phòng Kế toán",
        "Xí nghiệp Cấp nước Vị Thanh", "Xí nghiệp Cấp nước Ngã Bảy",
        "Xí nghiệp Công trình đô thị", "Phân xưởng Xử lý nước",
    ]),
    committee("PCHG", "Công ty Điện lực Hậu Giang", Enterprises, Enterprise, 140, &[
        "Văn phòng", "Phòng Kỹ thuật", "Phòng Kinh doanh", "Phòng Tài chính – Kế toán",
        "Điện lực Vị Thanh", "Điện lực Ngã Bảy", "Điện lực Châu Thành", "Điện lực Châu Thành A",
        "Điện lực Phụng Hiệp", "Điện lực Long Mỹ", "Điện lực Vị Thủy",
        "Đội Quản lý vận hành lưới điện cao thế",
    ]),
    committee("VNPT", "Viễn thông Hậu Giang", Enterprises, Enterprise, 80, &[
        "Phòng Tổng hợp – Nhân sự", "Phòng Kỹ thuật – Đầu tư", "Trung tâm Điều hành thông tin",
        "Trung tâm Viễn thông Vị Thanh", "Trung tâm Viễn thông Ngã Bảy",
        "Trung tâm Kinh doanh VNPT – Hậu Giang",
    ]),
    committee("BDHG", "Bưu điện tỉnh Hậu Giang", Enterprises, Enterprise, 45, &[
        "Văn phòng", "Phòng Kinh doanh", "Bưu điện thành phố Vị Thanh",
        "Trung tâm Khai thác vận chuyển",
    ]),
    committee("AGRIHG", "Ngân hàng Nông nghiệp và Phát triển nông thôn – Chi nhánh Hậu Giang", Enterprises, Bank, 150, &[
        "Phòng Tổng hợp", "Phòng Kế hoạch – Kinh doanh", "Phòng Kế toán – Ngân quỹ",
        "Phòng Kiểm tra – Kiểm soát nội bộ", "Chi nhánh Vị Thanh", "Chi nhánh Ngã Bảy",
        "Chi nhánh Châu Thành", "Chi nhánh Châu Thành A", "Chi nhánh Phụng Hiệp",
        "Chi nhánh Long Mỹ", "Chi nhánh Vị Thủy",
    ]),
    committee("XSKT", "Công ty TNHH Một thành viên Xổ số kiến thiết Hậu Giang", Enterprises, Enterprise, 45, &[
        "Phòng Tổ chức – Hành chính", "Phòng Kế hoạch – Kinh doanh", "Phòng Kế toán – Tài vụ",
        "Phòng Trả thưởng",
    ]),
    committee("THUYLOI", "Công ty TNHH Một thành viên Khai thác công trình thủy lợi Hậu Giang", Enterprises, Enterprise, 40, &[
        "Phòng Tổ chức – Hành chính", "Phòng Kỹ thuật", "Trạm Thủy lợi Vị Thanh – Long Mỹ",
        "Trạm Thủy lợi Phụng Hiệp",
    ]),
    committee("BIDVHG", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam – Chi nhánh Hậu Giang", Enterprises, Bank, 55, &[
        "Phòng Khách hàng doanh nghiệp", "Phòng Khách hàng cá nhân", "Phòng Quản trị tín dụng",
        "Phòng Giao dịch Ngã Bảy",
    ]),
    committee("VCBHG", "Ngân hàng TMCP Ngoại thương Việt Nam – Chi nhánh Hậu Giang", Enterprises, Bank, 38, &[
        "Phòng Khách hàng", "Phòng Kế toán – Dịch vụ khách hàng", "Phòng Hành chính – Nhân sự",
    ]),
    committee("VTBHG", "Ngân hàng TMCP Công thương Việt Nam – Chi nhánh Hậu Giang", Enterprises, Bank, 38, &[
        "Phòng Tổng hợp", "Phòng Bán lẻ", "Phòng Khách hàng doanh nghiệp",
    ]),
    committee("XDHG", "Công ty Cổ phần Đầu tư Xây dựng Hậu Giang", Enterprises, Enterprise, 35, &[
        "Phòng Tổ chức – Hành chính", "Phòng Kỹ thuật – Kế hoạch", "Đội Thi công số 1",
    ]),
    committee("LTHG", "Công ty Cổ phần Lương thực Hậu Giang", Enterprises, Enterprise, 40, &[
        "Phòng Kế toán – Tổ chức", "Phòng Kinh doanh", "Phân xưởng Xay xát – Lau bóng gạo",
    ]),
];

/// The 52 grassroots cells, with their exact number of members.
#[rustfmt::skip]
pub const GRASSROOTS_CELLS: [Org; 52] = [
    cell(OFFICE_CODE, "Cơ quan Đảng ủy Khối", Agencies, PartyOffice, 22),
    cell("STP", "Sở Tư pháp", Agencies, Admin, 16),
    cell("TTRA", "Thanh tra tỉnh", Agencies, Admin, 15),
    cell("SNGV", "Sở Ngoại vụ", Agencies, Admin, 9),
    cell("BDT", "Ban Dân tộc tỉnh", Agencies, Admin, 11),
    cell("NHNN", "Ngân hàng Nhà nước – Chi nhánh tỉnh Hậu Giang", Agencies, Bank, 17),
    cell("NHCSXH", "Ngân hàng Chính sách xã hội – Chi nhánh tỉnh Hậu Giang", Agencies, Bank, 24),
    cell("CTK", "Cục Thống kê tỉnh Hậu Giang", Agencies, Admin, 14),
    cell("LMHTX", "Liên minh Hợp tác xã tỉnh", Agencies, Mass, 8),
    cell("HCTD", "Hội Chữ thập đỏ tỉnh", Agencies, Mass, 7),
    cell("LHHKHKT", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", Agencies, Mass, 6),
    cell("HVHNT", "Hội Văn học Nghệ thuật tỉnh", Agencies, Media, 7),
    cell("HNB", "Hội Nhà báo tỉnh", Agencies, Media, 5),
    cell("TTHCC", "Trung tâm Phục vụ hành chính công tỉnh", Agencies, Admin, 12),
    cell("TCT", "Trường Chính trị tỉnh Hậu Giang", Agencies, Education, 23),
    cell("BVYHCT", "Bệnh viện Y học cổ truyền tỉnh", Agencies, Health, 25),
    cell("BVTTDL", "Bệnh viện Tâm thần – Da liễu tỉnh", Agencies, Health, 21),
    cell("CQLTT", "Cục Quản lý thị trường tỉnh Hậu Giang", Agencies, Admin, 19),
    cell("TTXT", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh", Agencies, Admin, 9),
    cell("KNNCNC", "Ban Quản lý Khu nông nghiệp ứng dụng công nghệ cao Hậu Giang", Agencies, Admin, 10),
    cell("VPDPNTM", "Văn phòng Điều phối Chương trình xây dựng nông thôn mới tỉnh", Agencies, Admin, 6),
    cell("QDTPT", "Quỹ Đầu tư phát triển tỉnh Hậu Giang", Agencies, Finance, 8),
    cell("BQLGT", "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh", Agencies, Admin, 14),
    cell("HLG", "Hội Luật gia tỉnh", Agencies, Mass, 5),
    cell("HDY", "Hội Đông y tỉnh", Agencies, Mass, 5),
    cell("LHHN", "Liên hiệp các tổ chức hữu nghị tỉnh", Agencies, Mass, 5),
    cell("PTDTNT", "Trường Phổ thông Dân tộc nội trú tỉnh", Agencies, Education, 19),
    cell("TTGDTX", "Trung tâm Giáo dục thường xuyên tỉnh", Agencies, Education, 14),
    cell("CC115", "Trung tâm Cấp cứu 115 tỉnh", Agencies, Health, 12),
    cell("BVSKCB", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh", Agencies, Health, 9),
    cell("KTTV", "Đài Khí tượng Thủy văn tỉnh Hậu Giang", Agencies, Admin, 8),
    cell("NTN", "Nhà Thiếu nhi tỉnh", Agencies, Education, 7),
    cell("DGTS", "Trung tâm Dịch vụ đấu giá tài sản tỉnh", Agencies, Admin, 6),
    cell("TGPL", "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", Agencies, Judicial, 9),
    cell("HCTNXP", "Hội Cựu thanh niên xung phong tỉnh", Agencies, Mass, 5),
    cell("HNNDC", "Hội Nạn nhân chất độc da cam/dioxin tỉnh", Agencies, Mass, 5),
    cell("HLTDTT", "Trung tâm Huấn luyện và Thi đấu thể dục thể thao tỉnh", Agencies, Admin, 11),
    cell("HNCT", "Hội Người cao tuổi tỉnh", Agencies, Mass, 5),
    cell("BVHG", "Công ty Bảo Việt Hậu Giang", Enterprises, Bank, 12),
    cell("BVNT", "Công ty Bảo Việt Nhân thọ Hậu Giang", Enterprises, Bank, 9),
    cell("DLHG", "Công ty Cổ phần Du lịch Hậu Giang", Enterprises, Enterprise, 8),
    cell("STBTH", "Công ty Cổ phần Sách – Thiết bị trường học Hậu Giang", Enterprises, Enterprise, 7),
    cell("TVXD", "Công ty Cổ phần Tư vấn Xây dựng Hậu Giang", Enterprises, Enterprise, 13),
    cell("PTNHG", "Công ty Cổ phần Phát triển nhà Hậu Giang", Enterprises, Enterprise, 9),
    cell("KLBHG", "Ngân hàng TMCP Kiên Long – Chi nhánh Hậu Giang", Enterprises, Bank, 10),
    cell("LPBHG", "Ngân hàng TMCP Bưu điện Liên Việt – Chi nhánh Hậu Giang", Enterprises, Bank, 11),
    cell("STBHG", "Ngân hàng TMCP Sài Gòn Thương Tín – Chi nhánh Hậu Giang", Enterprises, Bank, 8),
    cell("XANGDAU", "Công ty TNHH Một thành viên Xăng dầu Hậu Giang", Enterprises, Enterprise, 15),
    cell("INHG", "Công ty Cổ phần In Hậu Giang", Enterprises, Enterprise, 7),
    cell("CTGT", "Công ty Cổ phần Công trình giao thông Hậu Giang", Enterprises, Enterprise, 14),
    cell("VTNN", "Công ty Cổ phần Vật tư nông nghiệp Hậu Giang", Enterprises, Enterprise, 6),
    cell("HTKCN", "Công ty Cổ phần Phát triển hạ tầng khu công nghiệp Hậu Giang", Enterprises, Enterprise, 11),
];

/// Title of the head of an organisation, from the way its name starts.
pub fn org_head_title(name: &str) -> &'static str {
    const RULES: [(&str, &str); 21] = [
        ("Sở ", "Giám đốc Sở"),
        ("Bệnh viện", "Giám đốc Bệnh viện"),
        ("Trung tâm", "Giám đốc Trung tâm"),
        ("Trường", "Hiệu trưởng"),
        ("Tòa án", "Chánh án"),
        ("Viện kiểm sát", "Viện trưởng"),
        ("Văn phòng", "Chánh Văn phòng"),
        ("Ban ", "Trưởng Ban"),
        ("Thanh tra", "Chánh Thanh tra"),
        ("Cục ", "Cục trưởng"),
        ("Báo ", "Tổng Biên tập"),
        ("Đài ", "Giám đốc Đài"),
        ("Hội ", "Chủ tịch Hội"),
        ("Liên hiệp", "Chủ tịch"),
        ("Liên minh", "Chủ tịch"),
        (
            "Cơ quan Ủy ban Mặt trận",
            "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        ),
        ("Quỹ", "Giám đốc Quỹ"),
        ("Ngân hàng", "Giám đốc Chi nhánh"),
        ("Nhà Thiếu nhi", "Giám đốc"),
        ("Công ty Cổ phần", "Tổng Giám đốc"),
        ("Cơ quan Đảng ủy Khối", "Bí thư Đảng ủy Khối"),
    ];
    RULES
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map_or("Giám đốc", |(_, title)| title)
}

/// Title of the head of a department, ward, branch… (a cell's natural secretary).
pub fn cell_head_title(cell_name: &str) -> &'static str {
    const RULES: [(&str, &str); 26] = [
        ("Văn phòng Đăng ký", "Giám đốc Văn phòng"),
        ("Văn phòng", "Chánh Văn phòng"),
        ("Phòng Giao dịch", "Giám đốc Phòng Giao dịch"),
        ("Phòng", "Trưởng phòng"),
        ("Khoa", "Trưởng khoa"),
        ("Chi cục", "Chi cục trưởng"),
        ("Chi nhánh", "Giám đốc Chi nhánh"),
        ("Trung tâm", "Giám đốc Trung tâm"),
        ("Thanh tra", "Chánh Thanh tra"),
        ("Ban Quản lý", "Giám đốc Ban Quản lý"),
        ("Ban ", "Trưởng Ban"),
        ("Tòa ", "Chánh tòa"),
        ("Điện lực", "Giám đốc Điện lực"),
        ("Xí nghiệp", "Giám đốc Xí nghiệp"),
        ("Phân xưởng", "Quản đốc"),
        ("Đội", "Đội trưởng"),
        ("Trạm", "Trạm trưởng"),
        ("Tổ ", "Tổ trưởng chuyên môn"),
        ("Bưu điện", "Giám đốc Bưu điện"),
        ("Bảo tàng", "Giám đốc Bảo tàng"),
        ("Thư viện", "Giám đốc Thư viện"),
        ("Cơ sở", "Giám đốc Cơ sở"),
        ("Ủy ban Mặt trận", "Chánh Văn phòng"),
        ("Hội ", "Chủ tịch Hội"),
        ("Liên đoàn", "Chủ tịch Liên đoàn"),
        ("Tỉnh Đoàn", "Bí thư Tỉnh Đoàn"),
    ];
    RULES
        .iter()
        .find(|(prefix, _)| cell_name.starts_with(prefix))
        .map_or("Trưởng bộ phận", |(_, title)| title)
}

/// Titles of the bloc office's staff, most senior first; the rest are "Chuyên viên…".
pub const OFFICE_TITLES: [&str; 11] = [
    "Bí thư Đảng ủy Khối",
    "Phó Bí thư Thường trực Đảng ủy Khối",
    "Phó Bí thư Đảng ủy Khối",
    "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối",
    "Trưởng Ban Tổ chức Đảng ủy Khối",
    "Trưởng Ban Tuyên giáo Đảng ủy Khối",
    "Chánh Văn phòng Đảng ủy Khối",
    "Phó Trưởng Ban Tuyên giáo Đảng ủy Khối",
    "Phó Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối",
    "Phó Trưởng Ban Tổ chức Đảng ủy Khối",
    "Phó Chánh Văn phòng Đảng ủy Khối",
];

/// Index in `OFFICE_TITLES` of the author of the seed article.
pub const OFFICE_AUTHOR_INDEX: usize = 7;

/// Job titles of the staff who hold no leading post, with weights.
pub fn staff_titles(profile: Profile, org_name: &str) -> &'static [(&'static str, u32)] {
    if org_name.starts_with("Tòa án") {
        return &[
            ("Thẩm phán", 30),
            ("Thư ký Tòa án", 35),
            ("Thẩm tra viên", 15),
            ("Chuyên viên", 20),
        ];
    }
    if org_name.starts_with("Viện kiểm sát") {
        return &[
            ("Kiểm sát viên", 45),
            ("Kiểm tra viên", 35),
            ("Chuyên viên", 20),
        ];
    }
    if org_name.contains("Thi hành án") {
        return &[
            ("Chấp hành viên", 40),
            ("Thư ký thi hành án", 30),
            ("Thẩm tra viên", 15),
            ("Chuyên viên", 15),
        ];
    }
    if org_name.starts_with("Trường Cao đẳng")
        || org_name.starts_with("Trường Trung cấp")
        || org_name.starts_with("Trường Chính trị")
    {
        return &[
            ("Giảng viên", 60),
            ("Giảng viên chính", 20),
            ("Chuyên viên", 20),
        ];
    }
    if org_name.starts_with("Trường") || org_name.starts_with("Trung tâm Giáo dục") {
        return &[("Giáo viên", 80), ("Nhân viên", 10), ("Kế toán", 10)];
    }
    // A department of the provincial government is an office, whatever its field.
    let profile = if org_name.starts_with("Sở ") {
        Admin
    } else {
        profile
    };
    match profile {
        Admin => &[
            ("Chuyên viên", 50),
            ("Chuyên viên chính", 20),
            ("Kế toán", 6),
            ("Văn thư", 4),
            ("Cán sự", 8),
            ("Kỹ sư", 8),
            ("Nhân viên", 4),
        ],
        Health => &[
            ("Bác sĩ", 28),
            ("Điều dưỡng", 32),
            ("Dược sĩ", 8),
            ("Kỹ thuật viên", 9),
            ("Hộ sinh", 5),
            ("Y sĩ", 4),
            ("Chuyên viên", 10),
            ("Kế toán", 4),
        ],
        Education => &[
            ("Chuyên viên", 70),
            ("Chuyên viên chính", 20),
            ("Kế toán", 10),
        ],
        Media => &[
            ("Phóng viên", 30),
            ("Biên tập viên", 25),
            ("Kỹ thuật viên", 15),
            ("Quay phim", 8),
            ("Phát thanh viên", 6),
            ("Chuyên viên", 12),
            ("Kế toán", 4),
        ],
        Finance => &[
            ("Chuyên viên", 40),
            ("Chuyên viên chính", 15),
            ("Kiểm soát viên", 12),
            ("Kế toán viên", 18),
            ("Kiểm tra viên", 15),
        ],
        Bank => &[
            ("Giao dịch viên", 25),
            ("Cán bộ tín dụng", 30),
            ("Kiểm soát viên", 10),
            ("Chuyên viên", 15),
            ("Kế toán", 12),
            ("Thủ quỹ", 8),
        ],
        Judicial => &[("Trợ giúp viên pháp lý", 50), ("Chuyên viên", 50)],
        Mass => &[("Chuyên viên", 60), ("Cán sự", 25), ("Kế toán", 15)],
        Enterprise => &[
            ("Kỹ sư", 20),
            ("Công nhân", 28),
            ("Nhân viên", 20),
            ("Kế toán", 8),
            ("Kỹ thuật viên", 14),
            ("Lái xe", 5),
            ("Thủ kho", 5),
        ],
        PartyOffice => &[
            ("Chuyên viên Ban Tổ chức", 25),
            ("Chuyên viên Ban Tuyên giáo", 25),
            ("Chuyên viên Ủy ban Kiểm tra", 25),
            ("Chuyên viên Văn phòng", 15),
            ("Kế toán", 5),
            ("Văn thư", 5),
        ],
    }
}
