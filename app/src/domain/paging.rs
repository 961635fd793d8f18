//! Page numbers from requests (`?trang=`): any number a client sends gives a
//! page within bounds and an offset that cannot overflow.

/// The highest page number served; beyond it the last of those is shown
/// (no list here has millions of pages of rows).
pub const MAX_PAGE: i64 = 100_000;

/// The page to show for `asked` (1 when absent, zero or negative).
pub fn page(asked: Option<i64>) -> i64 {
    asked.unwrap_or(1).clamp(1, MAX_PAGE)
}

/// The first row of `page` with `per_page` rows a page.
pub fn offset(page: i64, per_page: i64) -> i64 {
    page.clamp(1, MAX_PAGE)
        .saturating_sub(1)
        .saturating_mul(per_page.max(0))
}

/// How many pages `total` rows make.
pub fn pages(total: i64, per_page: i64) -> i64 {
    let per = per_page.max(1);
    total.max(0) / per + i64::from(total.max(0) % per != 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn out_of_range_pages_are_clamped() {
        assert_eq!(page(None), 1);
        assert_eq!(page(Some(0)), 1);
        assert_eq!(page(Some(-5)), 1);
        assert_eq!(page(Some(i64::MAX)), MAX_PAGE);
        assert_eq!(offset(3, 50), 100);
        assert_eq!(pages(101, 50), 3);
        assert_eq!(pages(0, 50), 0);
    }

    proptest! {
        #[test]
        fn never_overflows(p in any::<i64>(), per in any::<i64>(), total in any::<i64>()) {
            let o = offset(page(Some(p)), per);
            prop_assert!(o >= 0);
            prop_assert!((0..=total.max(0)).contains(&pages(total, per)));
        }
    }
}
