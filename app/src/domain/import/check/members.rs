//! The member rows: new card numbers, a cell that holds members (existing
//! or a valid row of the file), the actor's scope.

use super::*;

impl<'a> Checker<'a> {
    /// The valid member rows, and the paths of the existing units they land
    /// under.
    pub(super) fn check_members(
        &mut self,
        order: &[(usize, &'a UnitRow)],
        anchors: &HashMap<&str, String>,
    ) -> (Vec<MemberRow>, Vec<String>) {
        let file = self.file;
        let existing = self.existing;
        let good_units: HashMap<&str, &UnitRow> =
            order.iter().map(|(_, u)| (u.code.as_str(), *u)).collect();
        let mut seen_cards: HashSet<&str> = HashSet::new();
        let mut members = Vec::new();
        let mut member_anchors: Vec<String> = Vec::new();
        for m in &file.members {
            let mut ok = true;
            if existing.card_numbers.contains(&m.card_number) {
                self.member_err(
                    m,
                    Field::CardNumber,
                    ErrorCode::ExistsInDatabase,
                    &m.card_number,
                );
                ok = false;
            } else if !seen_cards.insert(&m.card_number) {
                self.member_err(
                    m,
                    Field::CardNumber,
                    ErrorCode::DuplicateInFile,
                    &m.card_number,
                );
                ok = false;
            }
            let cell: Option<(UnitKind, String)> = match existing.units.get(&m.cell_code) {
                Some(e) if e.current => Some((e.kind, e.path.clone())),
                Some(_) => None,
                None => match good_units.get(m.cell_code.as_str()) {
                    Some(u) => anchors.get(u.code.as_str()).map(|a| (u.kind, a.clone())),
                    None if self.failed.contains(&m.cell_code) => {
                        self.member_err(
                            m,
                            Field::CellCode,
                            ErrorCode::CellRowInvalid,
                            &m.cell_code,
                        );
                        ok = false;
                        None
                    }
                    None => None,
                },
            };
            match cell {
                None if ok => {
                    self.member_err(m, Field::CellCode, ErrorCode::UnknownCell, &m.cell_code);
                    ok = false;
                }
                None => {}
                Some((kind, _)) if !kind.holds_members() => {
                    self.member_err(m, Field::CellCode, ErrorCode::NotACell, &m.cell_code);
                    ok = false;
                }
                Some((kind, path)) if !(self.may_change)(kind, &path) => {
                    self.member_err(m, Field::CellCode, ErrorCode::OutOfScope, &m.cell_code);
                    ok = false;
                }
                Some((_, path)) if ok => member_anchors.push(path),
                Some(_) => {}
            }
            if ok {
                members.push(m.clone());
            }
        }
        (members, member_anchors)
    }

    fn member_err(&mut self, m: &MemberRow, column: Field, code: ErrorCode, value: &str) {
        self.err(Sheet::Members, m.row, column, code, value);
    }
}
