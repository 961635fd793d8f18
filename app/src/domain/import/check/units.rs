//! The unit rows: new codes, each row's chain of parents to an existing
//! unit, the kind its parent may hold, the actor's scope.

use super::*;

impl<'a> Checker<'a> {
    /// Checks the unit rows; the valid ones by depth (parents first), each
    /// with its depth below the existing unit it hangs from.
    pub(super) fn check_units(&mut self) -> Vec<(usize, &'a UnitRow)> {
        let file = self.file;
        let existing = self.existing;
        // Duplicates first (the first occurrence wins).
        let mut unit_ok: HashMap<u32, bool> = HashMap::new();
        for u in &file.units {
            let ok = if existing.units.contains_key(&u.code) {
                self.unit_err(u, Field::UnitCode, ErrorCode::ExistsInDatabase, &u.code);
                false
            } else if self.by_code.contains_key(u.code.as_str()) {
                self.unit_err(u, Field::UnitCode, ErrorCode::DuplicateInFile, &u.code);
                false
            } else {
                self.by_code.insert(&u.code, u);
                true
            };
            unit_ok.insert(u.row, ok);
        }
        self.failed = file
            .bad_unit_codes
            .iter()
            .filter(|c| !self.by_code.contains_key(c.as_str()))
            .cloned()
            .collect();
        // Each unit's chain of parents up to an existing unit, in order of
        // depth so that a parent is decided before its children.
        let mut depth_of: HashMap<&'a str, usize> = HashMap::new();
        for u in &file.units {
            if !unit_ok[&u.row] {
                continue;
            }
            let mut visiting = HashSet::new();
            let _ = self.place(&u.code, &mut visiting);
            let d = self
                .placed
                .get(&u.code)
                .and_then(|p| p.as_ref().map(|p| p.depth))
                .unwrap_or(usize::MAX);
            depth_of.insert(&u.code, d);
        }
        let mut sorted: Vec<&'a UnitRow> = file.units.iter().filter(|u| unit_ok[&u.row]).collect();
        sorted.sort_by_key(|u| (depth_of.get(u.code.as_str()).copied(), u.row));
        let mut order = Vec::new();
        for u in sorted {
            let ok = match self.parent_of(u) {
                None => false,
                Some((pk, _)) if !pk.allows_child(u.kind) => {
                    let kind = labels::kind_label(u.kind, &labels::VI);
                    self.unit_err(u, Field::UnitKind, ErrorCode::ParentNotAllowed, kind);
                    false
                }
                Some((pk, path)) if !(self.may_change)(pk, &path) => {
                    self.unit_err(u, Field::ParentCode, ErrorCode::OutOfScope, &u.parent_code);
                    false
                }
                Some(_) => true,
            };
            if ok {
                order.push((depth_of[u.code.as_str()], u));
            } else {
                self.failed.insert(u.code.clone());
            }
        }
        order
    }

    fn unit_err(&mut self, u: &UnitRow, column: Field, code: ErrorCode, value: &str) {
        self.err(Sheet::Units, u.row, column, code, value);
    }

    /// Where the chain of parents from `code` ends in an existing unit.
    fn place(&mut self, code: &str, visiting: &mut HashSet<String>) -> Option<Placed> {
        if let Some(p) = self.placed.get(code) {
            return p.clone();
        }
        let u = *self.by_code.get(code)?;
        if !visiting.insert(code.to_string()) {
            return None;
        }
        let existing = self.existing;
        let parent = match existing.units.get(&u.parent_code) {
            Some(e) if e.current => Some(Placed {
                anchor_path: e.path.clone(),
                depth: 0,
            }),
            Some(_) => None,
            None => self.place(&u.parent_code, visiting),
        };
        let me = parent.map(|p| Placed {
            anchor_path: p.anchor_path,
            depth: p.depth + 1,
        });
        visiting.remove(code);
        self.placed.insert(code.to_string(), me.clone());
        me
    }

    /// The kind of the row's parent and the path of the existing unit it
    /// hangs from; `None`, with the error said, when it has none.
    fn parent_of(&mut self, u: &UnitRow) -> Option<(UnitKind, String)> {
        let existing = self.existing;
        let parent = &u.parent_code;
        match existing.units.get(parent) {
            Some(e) if e.current => Some((e.kind, e.path.clone())),
            Some(_) => {
                self.unit_err(u, Field::ParentCode, ErrorCode::UnknownParent, parent);
                None
            }
            None => match self.by_code.get(parent.as_str()).copied() {
                Some(_) if chain_loops(&u.code, &self.by_code) => {
                    self.unit_err(u, Field::ParentCode, ErrorCode::ParentCycle, parent);
                    None
                }
                _ if self.failed.contains(parent) => {
                    self.unit_err(u, Field::ParentCode, ErrorCode::ParentRowInvalid, parent);
                    None
                }
                Some(p) => match self.placed.get(&u.code).cloned().flatten() {
                    Some(me) => Some((p.kind, me.anchor_path)),
                    None => {
                        // In the file, yet never reaching an existing unit.
                        self.unit_err(u, Field::ParentCode, ErrorCode::ParentRowInvalid, parent);
                        None
                    }
                },
                None => {
                    self.unit_err(u, Field::ParentCode, ErrorCode::UnknownParent, parent);
                    None
                }
            },
        }
    }
}

/// Whether following parents from `code` within the file comes back to it.
pub(super) fn chain_loops(code: &str, by_code: &HashMap<&str, &UnitRow>) -> bool {
    let mut seen = HashSet::new();
    let mut at = code;
    while let Some(u) = by_code.get(at) {
        if !seen.insert(at) {
            return true;
        }
        at = u.parent_code.as_str();
    }
    false
}
