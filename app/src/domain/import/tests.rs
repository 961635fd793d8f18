use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2021, 2, 15);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn text_row(row: u32, cells: &[&str]) -> (u32, Vec<RawCell>) {
    (
        row,
        cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    RawCell::Empty
                } else {
                    RawCell::Text(c.to_string())
                }
            })
            .collect(),
    )
}

fn sheet(s: Sheet, rows: &[&[&str]]) -> RawSheet {
    RawSheet {
        name: s.title_vi().into(),
        headers: s
            .fields()
            .iter()
            .map(|f| f.header_vi().to_string())
            .collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| text_row(i as u32 + 2, r))
            .collect(),
    }
}

fn member<'a>(card: &'a str, cell: &'a str) -> Vec<&'a str> {
    vec![
        card,
        "LL-1",
        "Trần Thanh Điền",
        "Nam",
        "01/01/1980",
        "15/06/2005",
        "15/06/2006",
        "Chính thức",
        cell,
        "Chuyên viên",
        "Sở Y tế",
        "0912 345 678",
        "dien@example.vn",
    ]
}

/// The bloc /1/, a committee C1 /1/2/ with cell C1.1 /1/2/3/, a
/// dissolved cell OLD, and the card 10000001 taken.
fn existing() -> Existing {
    let u = |code: &str, kind, path: &str, current| {
        (
            code.to_string(),
            ExistingUnit {
                code: code.into(),
                kind,
                path: path.into(),
                valid_from: d(2020, 2, 24),
                current,
            },
        )
    };
    Existing {
        units: [
            u("B", UnitKind::Bloc, "/1/", true),
            u("C1", UnitKind::GrassrootsCommittee, "/1/2/", true),
            u("C1.1", UnitKind::Cell, "/1/2/3/", true),
            u("OLD", UnitKind::Cell, "/1/2/9/", false),
        ]
        .into_iter()
        .collect(),
        card_numbers: ["10000001".to_string()].into_iter().collect(),
    }
}

fn anywhere(_: UnitKind, _: &str) -> bool {
    true
}

fn codes(report: &Report) -> Vec<(u32, Option<Field>, ErrorCode)> {
    report
        .errors
        .iter()
        .map(|e| (e.row, e.column, e.code))
        .collect()
}

#[test]
fn headers_ignore_case_diacritics_marks_and_english() {
    for f in Field::UNITS {
        assert_eq!(Field::from_header(Sheet::Units, f.header_vi()), Some(f));
        assert_eq!(Field::from_header(Sheet::Units, f.header_en()), Some(f));
        let upper = f.header_vi().to_uppercase();
        assert_eq!(Field::from_header(Sheet::Units, &upper), Some(f));
    }
    for f in Field::MEMBERS {
        assert_eq!(Field::from_header(Sheet::Members, f.header_vi()), Some(f));
        assert_eq!(Field::from_header(Sheet::Members, f.header_en()), Some(f));
    }
    assert_eq!(
        Field::from_header(Sheet::Members, " ngay sinh (dd/mm/yyyy) *"),
        Some(Field::BirthDate)
    );
    assert_eq!(
        Field::from_header(Sheet::Members, "SO_THE_DANG_VIEN"),
        Some(Field::CardNumber)
    );
    assert_eq!(Field::from_header(Sheet::Members, "STT"), None);
    // "Mã đơn vị" and "Mã đơn vị cấp trên" are different columns.
    assert_eq!(
        Field::from_header(Sheet::Units, "Mã đơn vị cấp trên"),
        Some(Field::ParentCode)
    );
}

#[test]
fn sheets_are_told_apart_by_their_headers() {
    let h = |s: Sheet| -> Vec<String> {
        s.fields()
            .iter()
            .map(|f| f.header_vi().to_string())
            .collect()
    };
    assert_eq!(sheet_kind(&h(Sheet::Units)), Some(Sheet::Units));
    assert_eq!(sheet_kind(&h(Sheet::Members)), Some(Sheet::Members));
    assert_eq!(sheet_kind(&["Ghi chú".to_string()]), None);
}

#[test]
fn dates_in_every_accepted_form() {
    let t = |s: &str| parse_date(&RawCell::Text(s.into()));
    assert_eq!(t("03/02/2015"), Some(d(2015, 2, 3)));
    assert_eq!(t("3/2/2015"), Some(d(2015, 2, 3)));
    assert_eq!(t("03-02-2015"), Some(d(2015, 2, 3)));
    assert_eq!(t("03.02.2015"), Some(d(2015, 2, 3)));
    assert_eq!(t("2015-02-03"), Some(d(2015, 2, 3)));
    assert_eq!(t("2015-02-03T00:00:00"), Some(d(2015, 2, 3)));
    assert_eq!(t("31/02/2015"), None);
    assert_eq!(t("2015"), None);
    assert_eq!(t("02/03/15"), None);
    assert_eq!(t("ngày 3"), None);
    // Excel serials: 1 is 1900-01-01, 61 is 1900-03-01, 44197 is 2021-01-01.
    assert_eq!(excel_serial_date(1.0), Some(d(1900, 1, 1)));
    assert_eq!(excel_serial_date(59.0), Some(d(1900, 2, 28)));
    assert_eq!(excel_serial_date(60.0), None);
    assert_eq!(excel_serial_date(61.0), Some(d(1900, 3, 1)));
    assert_eq!(excel_serial_date(44197.0), Some(d(2021, 1, 1)));
    assert_eq!(excel_serial_date(44197.75), Some(d(2021, 1, 1)));
    assert_eq!(excel_serial_date(-3.0), None);
    assert_eq!(parse_date(&RawCell::Number(44197.0)), Some(d(2021, 1, 1)));
}

#[test]
fn vietnamese_words_for_kinds_statuses_and_genders() {
    assert_eq!(
        parse_kind("Đảng bộ cơ sở"),
        Some(UnitKind::GrassrootsCommittee)
    );
    assert_eq!(parse_kind("CHI BỘ CƠ SỞ"), Some(UnitKind::GrassrootsCell));
    assert_eq!(parse_kind("Chi bộ"), Some(UnitKind::Cell));
    assert_eq!(parse_kind("Chi bộ trực thuộc"), Some(UnitKind::Cell));
    assert_eq!(parse_kind("Đảng bộ bộ phận"), Some(UnitKind::SubCommittee));
    assert_eq!(parse_kind("Tổ đảng"), Some(UnitKind::Group));
    assert_eq!(
        parse_kind("grassroots_cell"),
        Some(UnitKind::GrassrootsCell)
    );
    assert_eq!(parse_kind("Đảng bộ Khối"), None);
    // Every name the app shows, in either language, reads back.
    for k in UnitKind::ALL.into_iter().filter(|k| *k != UnitKind::Bloc) {
        for name in labels::names(k, labels::kind_label) {
            assert_eq!(parse_kind(name), Some(k), "{name}");
        }
    }
    for s in MemberStatus::ALL {
        for name in labels::names(s, labels::status_label) {
            assert_eq!(parse_status(name), Some(s), "{name}");
        }
        assert_eq!(parse_status(s.as_str()), Some(s));
    }
    assert_eq!(parse_status("Đã ra khỏi Đảng"), Some(MemberStatus::Removed));
    assert_eq!(parse_status("Xóa tên"), Some(MemberStatus::Removed));
    assert_eq!(parse_status("Từ trần"), Some(MemberStatus::Deceased));
    assert_eq!(parse_status("dự bị"), Some(MemberStatus::Probationary));
    assert_eq!(parse_gender("Nữ"), Some(Gender::Female));
    assert_eq!(parse_gender("NAM"), Some(Gender::Male));
    assert_eq!(parse_gender("female"), Some(Gender::Female));
    assert_eq!(parse_gender("khác"), None);
}

#[test]
fn a_clean_file_becomes_a_batch_with_parents_first() {
    let units = sheet(
        Sheet::Units,
        &[
            // The cell comes before its committee in the file.
            &["N1.1", "Chi bộ Kế toán", "Chi bộ trực thuộc", "N1", ""],
            &[
                "n1",
                "Đảng bộ Công ty Điện lực",
                "Đảng bộ cơ sở",
                "b",
                "01/07/2020",
            ],
        ],
    );
    let members = sheet(
        Sheet::Members,
        &[&member("20000001", "N1.1"), &member("20000002", "C1.1")],
    );
    let (report, batch) = check(&[units, members], &existing(), today(), &anywhere);
    assert!(report.is_clean(), "{:?}", report.errors);
    assert_eq!((report.units_total, report.units_valid), (2, 2));
    assert_eq!((report.members_total, report.members_valid), (2, 2));
    let order: Vec<_> = batch.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(order, ["N1", "N1.1"]);
    assert_eq!(batch.units[0].founded, Some(d(2020, 7, 1)));
    assert_eq!(batch.units[1].founded, None);
    assert_eq!(batch.members[0].full_name, "Trần Thanh Điền");
    assert_eq!(batch.members[0].phone, "0912 345 678");
    assert_eq!(batch.scope_path.as_deref(), Some("/1/"));
}

#[test]
fn each_bad_value_names_its_row_and_column() {
    let mut bad_date = member("20000001", "C1.1");
    bad_date[4] = "31/02/1980";
    let mut bad_card = member("1234567", "C1.1");
    bad_card[3] = "Khác";
    let mut missing_name = member("20000003", "C1.1");
    missing_name[2] = "  ";
    let mut bad_mail = member("20000004", "C1.1");
    bad_mail[12] = "a@b";
    bad_mail[11] = "12ab";
    let mut bad_status = member("20000005", "C1.1");
    bad_status[7] = "Đang công tác";
    let members = sheet(
        Sheet::Members,
        &[&bad_date, &bad_card, &missing_name, &bad_mail, &bad_status],
    );
    let (report, batch) = check(&[members], &existing(), today(), &anywhere);
    assert_eq!(
        codes(&report),
        vec![
            (2, Some(Field::BirthDate), ErrorCode::BadDate),
            (3, Some(Field::CardNumber), ErrorCode::BadCardNumber),
            (3, Some(Field::Gender), ErrorCode::BadGender),
            (4, Some(Field::FullName), ErrorCode::Required),
            (5, Some(Field::Phone), ErrorCode::BadPhone),
            (5, Some(Field::Email), ErrorCode::BadEmail),
            (6, Some(Field::Status), ErrorCode::BadStatus),
        ]
    );
    assert_eq!(report.errors[0].value, "31/02/1980");
    assert_eq!(report.errors[0].sheet, Sheet::Members);
    assert!(batch.is_empty());
    assert_eq!(report.invalid_rows(), 5);
}

#[test]
fn membership_dates_follow_the_rules() {
    let mut young = member("20000001", "C1.1");
    young[4] = "01/01/1990";
    young[5] = "01/06/2007";
    young[6] = "01/06/2008";
    let mut early = member("20000002", "C1.1");
    early[6] = "01/01/2006";
    let mut probation_with_date = member("20000003", "C1.1");
    probation_with_date[7] = "Dự bị";
    let mut long_probation = member("20000004", "C1.1");
    long_probation[7] = "Dự bị";
    long_probation[6] = "";
    long_probation[5] = "01/01/2020";
    let mut full_without = member("20000005", "C1.1");
    full_without[6] = "";
    let mut future = member("20000006", "C1.1");
    future[5] = "01/01/2030";
    let mut fine_probation = member("20000007", "C1.1");
    fine_probation[7] = "Dự bị";
    fine_probation[6] = "";
    fine_probation[5] = "01/03/2020";
    let members = sheet(
        Sheet::Members,
        &[
            &young,
            &early,
            &probation_with_date,
            &long_probation,
            &full_without,
            &future,
            &fine_probation,
        ],
    );
    let (report, batch) = check(&[members], &existing(), today(), &anywhere);
    assert_eq!(
        codes(&report),
        vec![
            (2, Some(Field::AdmissionDate), ErrorCode::TooYoung),
            (3, Some(Field::FullMembershipDate), ErrorCode::FullTooEarly),
            (
                4,
                Some(Field::FullMembershipDate),
                ErrorCode::ProbationaryWithFullDate
            ),
            (5, Some(Field::AdmissionDate), ErrorCode::ProbationExpired),
            (
                6,
                Some(Field::FullMembershipDate),
                ErrorCode::FullDateMissing
            ),
            (7, Some(Field::AdmissionDate), ErrorCode::FutureDate),
        ]
    );
    assert_eq!(batch.members.len(), 1);
    assert_eq!(batch.members[0].card_number, "20000007");
}

#[test]
fn duplicates_in_the_file_and_in_the_database() {
    let units = sheet(
        Sheet::Units,
        &[
            &["N1", "Chi bộ A", "Chi bộ cơ sở", "B", ""],
            &["N1", "Chi bộ B", "Chi bộ cơ sở", "B", ""],
            &["C1", "Đảng bộ trùng", "Đảng bộ cơ sở", "B", ""],
        ],
    );
    let members = sheet(
        Sheet::Members,
        &[
            &member("20000001", "N1"),
            &member("20000001", "N1"),
            &member("10000001", "C1.1"),
        ],
    );
    let (report, batch) = check(&[units, members], &existing(), today(), &anywhere);
    assert_eq!(
        codes(&report),
        vec![
            (3, Some(Field::UnitCode), ErrorCode::DuplicateInFile),
            (4, Some(Field::UnitCode), ErrorCode::ExistsInDatabase),
            (3, Some(Field::CardNumber), ErrorCode::DuplicateInFile),
            (4, Some(Field::CardNumber), ErrorCode::ExistsInDatabase),
        ]
    );
    assert_eq!(batch.units.len(), 1);
    assert_eq!(batch.members.len(), 1);
}

#[test]
fn parents_must_exist_allow_the_kind_and_be_valid() {
    let units = sheet(
        Sheet::Units,
        &[
            // A cell straight under the bloc: not allowed.
            &["X1", "Chi bộ lạc", "Chi bộ trực thuộc", "B", ""],
            // Unknown parent.
            &["X2", "Chi bộ mồ côi", "Chi bộ trực thuộc", "KHONG", ""],
            // Under a dissolved unit.
            &["X3", "Tổ cũ", "Tổ đảng", "OLD", ""],
            // Under an invalid row of the file (bad date).
            &["X4", "Đảng bộ hỏng", "Đảng bộ cơ sở", "B", "99/99/2020"],
            &["X5", "Chi bộ con", "Chi bộ trực thuộc", "X4", ""],
            // A loop.
            &["L1", "Chi bộ vòng 1", "Chi bộ trực thuộc", "L2", ""],
            &["L2", "Đảng bộ vòng 2", "Đảng bộ bộ phận", "L1", ""],
        ],
    );
    let members = sheet(
        Sheet::Members,
        &[
            &member("20000001", "X5"),
            &member("20000002", "C1"),
            &member("20000003", "NOWHERE"),
        ],
    );
    let (report, batch) = check(&[units, members], &existing(), today(), &anywhere);
    assert_eq!(
        codes(&report),
        vec![
            (2, Some(Field::UnitKind), ErrorCode::ParentNotAllowed),
            (3, Some(Field::ParentCode), ErrorCode::UnknownParent),
            (4, Some(Field::ParentCode), ErrorCode::UnknownParent),
            (5, Some(Field::Founded), ErrorCode::BadDate),
            (6, Some(Field::ParentCode), ErrorCode::ParentRowInvalid),
            (7, Some(Field::ParentCode), ErrorCode::ParentCycle),
            (8, Some(Field::ParentCode), ErrorCode::ParentCycle),
            (2, Some(Field::CellCode), ErrorCode::CellRowInvalid),
            (3, Some(Field::CellCode), ErrorCode::NotACell),
            (4, Some(Field::CellCode), ErrorCode::UnknownCell),
        ]
    );
    assert!(batch.is_empty());
}

#[test]
fn rows_outside_the_actors_scope_are_refused() {
    let units = sheet(
        Sheet::Units,
        &[
            &["N1", "Chi bộ mới", "Chi bộ trực thuộc", "C1", ""],
            &["N2", "Chi bộ cơ sở mới", "Chi bộ cơ sở", "B", ""],
        ],
    );
    let members = sheet(
        Sheet::Members,
        &[&member("20000001", "N1"), &member("20000002", "N2")],
    );
    // Only the committee /1/2/ is the actor's.
    let committee_only = |_: UnitKind, path: &str| path.starts_with("/1/2/");
    let (report, batch) = check(&[units, members], &existing(), today(), &committee_only);
    assert_eq!(
        codes(&report),
        vec![
            (3, Some(Field::ParentCode), ErrorCode::OutOfScope),
            (3, Some(Field::CellCode), ErrorCode::CellRowInvalid),
        ]
    );
    assert_eq!(batch.units.len(), 1);
    assert_eq!(batch.members.len(), 1);
    assert_eq!(batch.scope_path.as_deref(), Some("/1/2/"));
}

#[test]
fn missing_columns_fail_the_sheet_once() {
    let mut members = sheet(
        Sheet::Members,
        &[&member("20000001", "C1.1"), &member("20000002", "C1.1")],
    );
    members.headers[4] = "Quê quán".into();
    members.headers.insert(0, "STT".into());
    for (_, cells) in &mut members.rows {
        cells.insert(0, RawCell::Number(1.0));
    }
    let file = read(&[members], today());
    assert_eq!(
        file.errors
            .iter()
            .map(|e| (e.row, e.column, e.code))
            .collect::<Vec<_>>(),
        vec![(1, Some(Field::BirthDate), ErrorCode::MissingColumn)]
    );
    assert_eq!(file.bad_member_rows.len(), 2);
    assert_eq!(
        file.ignored_columns,
        vec![(Sheet::Members, "Quê quán".to_string())]
    );
    let nothing = read(&[RawSheet::default()], today());
    assert_eq!(nothing.errors[0].code, ErrorCode::NoData);
}

#[test]
fn spreadsheet_cells_numbers_and_dates() {
    let mut s = sheet(Sheet::Members, &[&member("", "C1.1")]);
    let cells = &mut s.rows[0].1;
    cells[0] = RawCell::Number(20000001.0);
    cells[4] = RawCell::Number(excel_serial(d(1980, 1, 1)));
    cells[5] = RawCell::Date(d(2005, 6, 15));
    let (report, batch) = check(&[s], &existing(), today(), &anywhere);
    assert!(report.is_clean(), "{:?}", report.errors);
    assert_eq!(batch.members[0].card_number, "20000001");
    assert_eq!(batch.members[0].birth_date, d(1980, 1, 1));
}

#[test]
fn a_recheck_finds_what_changed_meanwhile() {
    let members = sheet(Sheet::Members, &[&member("20000001", "C1.1")]);
    let (_, batch) = check(&[members], &existing(), today(), &anywhere);
    let (report, _) = recheck(&batch, &existing(), &anywhere);
    assert!(report.is_clean());
    let mut now = existing();
    now.card_numbers.insert("20000001".into());
    let (report, again) = recheck(&batch, &now, &anywhere);
    assert_eq!(report.errors[0].code, ErrorCode::ExistsInDatabase);
    assert!(again.is_empty());
}

#[test]
fn common_paths() {
    let p = |v: &[&str]| {
        let owned: Vec<String> = v.iter().map(|s| s.to_string()).collect();
        common_path(owned.iter())
    };
    assert_eq!(p(&["/1/2/3/", "/1/2/4/"]), Some("/1/2/".into()));
    assert_eq!(p(&["/1/2/3/", "/1/5/"]), Some("/1/".into()));
    assert_eq!(p(&["/1/2/"]), Some("/1/2/".into()));
    assert_eq!(p(&["/1/2/", "/7/"]), None);
    assert_eq!(p(&[]), None);
}

#[test]
fn the_template_rows_read_back() {
    for s in [Sheet::Units, Sheet::Members] {
        let (headers, example) = template_rows(s);
        assert_eq!(headers.len(), example.len());
        let raw = RawSheet {
            name: s.title_vi().into(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: vec![text_row(2, &example)],
        };
        let file = read(&[raw], today());
        assert!(file.errors.is_empty(), "{:?}", file.errors);
    }
}

fn date_strategy() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

proptest! {
    #[test]
    fn every_date_form_reads_back(date in date_strategy()) {
        prop_assert_eq!(parse_date(&RawCell::Text(format_date(date))), Some(date));
        prop_assert_eq!(parse_date(&RawCell::Text(date.to_string())), Some(date));
        prop_assert_eq!(parse_date(&RawCell::Number(excel_serial(date))), Some(date));
    }

    #[test]
    fn headers_match_in_any_case_and_normal_form(i in 0usize..13, upper in proptest::bool::ANY, nfd in proptest::bool::ANY) {
        use unicode_normalization::UnicodeNormalization;
        let f = Field::MEMBERS[i];
        let mut h = if upper { f.header_vi().to_uppercase() } else { f.header_vi().to_lowercase() };
        if nfd {
            h = h.nfd().collect();
        }
        prop_assert_eq!(Field::from_header(Sheet::Members, &format!("  {h} * ")), Some(f));
    }

    #[test]
    fn card_numbers_are_eight_digits(card in "[0-9 a-z]{0,11}") {
        let members = sheet(Sheet::Members, &[&member(&card, "C1.1")]);
        let (report, batch) = check(&[members], &existing(), today(), &anywhere);
        let compact: String = card.chars().filter(|c| !c.is_whitespace()).collect();
        let valid = compact.len() == 8 && compact.bytes().all(|b| b.is_ascii_digit()) && compact != "10000001";
        prop_assert_eq!(batch.members.len() == 1, valid);
        prop_assert_eq!(report.is_clean(), valid);
    }

    /// Whatever the cells, the check never panics, valid and invalid rows
    /// add up, and a row is in the batch exactly when no error names it.
    #[test]
    fn rows_are_either_in_the_batch_or_reported(
        rows in proptest::collection::vec(
            (
                prop_oneof!["N[0-3]", "C1", "C1\\.1", "B", "OLD", "", "x y"],
                prop_oneof!["N[0-3]", "C1", "C1\\.1", "B", "OLD", "ZZ"],
                prop_oneof![Just("Chi bộ cơ sở"), Just("Chi bộ trực thuộc"), Just("Đảng bộ cơ sở"), Just("Tổ đảng"), Just("?")],
            ),
            0..8,
        ),
        cards in proptest::collection::vec(
            (prop_oneof!["2000000[0-5]", "10000001", "123"], prop_oneof!["N[0-3]", "C1\\.1", "C1", "ZZ"], 0usize..3),
            0..8,
        ),
    ) {
        let unit_rows: Vec<Vec<String>> = rows
            .iter()
            .enumerate()
            .map(|(i, (code, parent, kind))| {
                vec![code.clone(), format!("Đơn vị {i}"), kind.to_string(), parent.clone(), String::new()]
            })
            .collect();
        let member_rows: Vec<Vec<String>> = cards
            .iter()
            .map(|(card, cell, status)| {
                let mut m: Vec<String> = member(card, cell).into_iter().map(String::from).collect();
                if *status == 1 {
                    m[7] = "Dự bị".into();
                } else if *status == 2 {
                    m[4] = "bad".into();
                }
                m
            })
            .collect();
        fn as_refs(rows: &[Vec<String>]) -> Vec<Vec<&str>> {
            rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect()
        }
        let u = as_refs(&unit_rows);
        let m = as_refs(&member_rows);
        let units = sheet(Sheet::Units, &u.iter().map(Vec::as_slice).collect::<Vec<_>>());
        let members = sheet(Sheet::Members, &m.iter().map(Vec::as_slice).collect::<Vec<_>>());
        let (report, batch) = check(&[units, members], &existing(), today(), &anywhere);
        prop_assert_eq!(report.units_total, rows.len());
        prop_assert_eq!(report.members_total, cards.len());
        prop_assert_eq!(report.units_valid, batch.units.len());
        prop_assert_eq!(report.members_valid, batch.members.len());
        for u in &batch.units {
            prop_assert!(!report.errors.iter().any(|e| e.sheet == Sheet::Units && e.row == u.row));
        }
        for m in &batch.members {
            prop_assert!(!report.errors.iter().any(|e| e.sheet == Sheet::Members && e.row == m.row));
        }
        let reported_units: HashSet<u32> = report.errors.iter().filter(|e| e.sheet == Sheet::Units).map(|e| e.row).collect();
        prop_assert_eq!(reported_units.len() + batch.units.len(), rows.len());
        let reported_members: HashSet<u32> = report.errors.iter().filter(|e| e.sheet == Sheet::Members).map(|e| e.row).collect();
        prop_assert_eq!(reported_members.len() + batch.members.len(), cards.len());
        // The batch is consistent: every parent and cell exists or comes earlier.
        let mut known: HashSet<String> = existing().units.into_iter().filter(|(_, u)| u.current).map(|(c, _)| c).collect();
        for u in &batch.units {
            prop_assert!(known.contains(&u.parent_code));
            known.insert(u.code.clone());
        }
        for m in &batch.members {
            prop_assert!(known.contains(&m.cell_code));
        }
        // A clean report re-checks clean.
        if report.is_clean() {
            let (again, same) = recheck(&batch, &existing(), &anywhere);
            prop_assert!(again.is_clean());
            prop_assert_eq!(same.rows(), batch.rows());
        }
    }
}
