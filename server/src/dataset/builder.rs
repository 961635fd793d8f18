//! The one place a dataset grows: units with their dated links and events,
//! members with their membership, elected positions. The profiles decide
//! what to add and in which order; the builder keeps the ids and the
//! bookkeeping that every profile needs the same way.

use app::domain::{PositionRole, UnitEventKind, UnitKind};
use app::store::model::{
    Dataset, NewMember, NewMembership, NewPosition, NewUnit, NewUnitEvent, NewUnitParent,
};
use chrono::NaiveDate;
use std::ops::Range;

/// A unit that holds members (a cell, or a grassroots cell) while its
/// members are drawn, with what the profile knows about it.
pub struct Holder<T> {
    pub unit_id: i64,
    pub valid_from: NaiveDate,
    /// How many members it gets.
    pub size: usize,
    /// Their indices in `Dataset::members`, in the order they were added.
    pub members: Range<usize>,
    pub about: T,
}

impl<T> Holder<T> {
    pub fn new(unit_id: i64, valid_from: NaiveDate, size: usize, about: T) -> Self {
        Holder {
            unit_id,
            valid_from,
            size,
            members: 0..0,
            about,
        }
    }
}

#[derive(Default)]
pub struct Builder {
    ds: Dataset,
}

impl Builder {
    /// Room for `units` units and `members` members, so that a national
    /// dataset is not copied while it grows.
    pub fn with_capacity(units: usize, members: usize) -> Self {
        Builder {
            ds: Dataset {
                units: Vec::with_capacity(units),
                unit_parents: Vec::with_capacity(units),
                unit_events: Vec::with_capacity(units),
                members: Vec::with_capacity(members),
                memberships: Vec::with_capacity(members),
                positions: Vec::with_capacity(units),
                ..Dataset::default()
            },
        }
    }

    /// A unit; its id is its position in the list, from 1, so parents
    /// (added first) always have smaller ids.
    pub fn unit(
        &mut self,
        parent_id: Option<i64>,
        kind: UnitKind,
        code: String,
        name: String,
        valid_from: NaiveDate,
        valid_to: Option<NaiveDate>,
    ) -> i64 {
        let id = self.ds.units.len() as i64 + 1;
        self.ds.units.push(NewUnit {
            id,
            parent_id,
            kind,
            code,
            name,
            valid_from,
            valid_to,
        });
        id
    }

    /// A unit under `parent_id` since its founding: the unit and its link.
    pub fn child(
        &mut self,
        parent_id: i64,
        kind: UnitKind,
        code: String,
        name: String,
        valid_from: NaiveDate,
    ) -> i64 {
        let id = self.unit(Some(parent_id), kind, code, name, valid_from, None);
        self.link(id, parent_id, valid_from, None);
        id
    }

    /// A dated parent link (a unit that moved has several).
    pub fn link(
        &mut self,
        unit_id: i64,
        parent_id: i64,
        valid_from: NaiveDate,
        valid_to: Option<NaiveDate>,
    ) {
        self.ds.unit_parents.push(NewUnitParent {
            unit_id,
            parent_id,
            valid_from,
            valid_to,
        });
    }

    pub fn event(
        &mut self,
        unit_id: i64,
        kind: UnitEventKind,
        date: NaiveDate,
        related_unit_id: Option<i64>,
        note: String,
    ) {
        self.ds.unit_events.push(NewUnitEvent {
            unit_id,
            kind,
            date,
            related_unit_id,
            note,
        });
    }

    pub fn created(&mut self, unit_id: i64, date: NaiveDate, note: String) {
        self.event(unit_id, UnitEventKind::Create, date, None, note);
    }

    /// The id the next member gets: its index + 1.
    pub fn next_member_id(&self) -> i64 {
        self.ds.members.len() as i64 + 1
    }

    /// A member of `holder`, a member of its unit since admission (or since
    /// the unit was founded, when later). Returns the member's index.
    pub fn member<T>(&mut self, holder: &mut Holder<T>, member: NewMember) -> usize {
        let index = self.ds.members.len();
        debug_assert_eq!(member.id, self.next_member_id());
        if holder.members.is_empty() {
            holder.members = index..index;
        }
        debug_assert_eq!(
            holder.members.end, index,
            "a holder's members are added together"
        );
        holder.members.end = index + 1;
        self.ds.memberships.push(NewMembership {
            member_id: member.id,
            unit_id: holder.unit_id,
            valid_from: member.admission_date.max(holder.valid_from),
            valid_to: None,
        });
        self.ds.members.push(member);
        index
    }

    pub fn members(&self) -> &[NewMember] {
        &self.ds.members
    }

    /// `member` (an index) holds `role` in `unit_id` from `valid_from`.
    pub fn elect(
        &mut self,
        member: usize,
        unit_id: i64,
        role: PositionRole,
        term_label: &str,
        valid_from: NaiveDate,
    ) {
        self.ds.positions.push(NewPosition {
            member_id: member as i64 + 1,
            unit_id,
            role,
            term_label: term_label.to_string(),
            valid_from,
            valid_to: None,
        });
    }

    pub fn data(&self) -> &Dataset {
        &self.ds
    }

    pub fn data_mut(&mut self) -> &mut Dataset {
        &mut self.ds
    }

    pub fn finish(self) -> Dataset {
        self.ds
    }
}
