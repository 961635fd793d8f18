//! The good-model registry on SQLite and PostgreSQL: register, edit with a
//! version, recognise and withdraw, the filters (year, subtree, field,
//! recognised, folded search), counts, and an audit row with every write.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::good_model::{Checked, ModelField};
use app::store::StoreError;
use app::store::good_models::*;
use app::store::model::*;

fn model(title: &str, field: ModelField) -> Checked {
    Checked {
        // NFD on purpose: the store keeps NFC and folds for search.
        title: unicode_nfd(title),
        field,
        description: "Mỗi tháng một buổi sinh hoạt chuyên đề".into(),
        run_by: "Chi ủy".into(),
        since: Some(d(2019, 5, 19)),
        results: "100 % đảng viên tham gia".into(),
    }
}

fn filter() -> GoodModelFilter {
    GoodModelFilter {
        limit: 50,
        ..Default::default()
    }
}

#[tokio::test]
async fn models_are_registered_edited_recognised_and_found() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let a = store
            .create_good_model(
                3,
                2020,
                &model("Dân vận khéo ở Văn phòng", ModelField::MassMobilisation),
                &audit("good_model.create"),
            )
            .await
            .unwrap();
        let b = store
            .create_good_model(
                5,
                2020,
                &model("Một cửa điện tử", ModelField::AdministrativeReform),
                &audit("good_model.create"),
            )
            .await
            .unwrap();
        store
            .create_good_model(
                4,
                2021,
                &model("Sổ tay đảng viên số", ModelField::PartyBuilding),
                &audit("good_model.create"),
            )
            .await
            .unwrap();

        let head = store.good_model(a).await.unwrap().unwrap();
        assert_eq!(head.row.title, "Dân vận khéo ở Văn phòng", "{backend:?}");
        assert_eq!(head.row.unit.code, "C1.1");
        assert_eq!(
            head.unit_path,
            store.unit_by_id(3).await.unwrap().unwrap().path
        );
        assert_eq!(head.parent_id, Some(2));
        assert_eq!(head.row.since, Some(d(2019, 5, 19)));
        assert_eq!(head.row.version, 1);
        assert!(head.row.recognised_by.is_none());

        // Edits carry the version; a stale one changes nothing.
        let mut changed = model("Dân vận khéo – Văn phòng Sở", ModelField::MassMobilisation);
        changed.since = None;
        let v = store
            .update_good_model(a, 1, &changed, &audit("good_model.update"))
            .await
            .unwrap();
        assert_eq!(v, 2);
        let stale = store
            .update_good_model(
                a,
                1,
                &model("Khác", ModelField::Economy),
                &audit("good_model.update"),
            )
            .await;
        assert!(matches!(stale, Err(StoreError::Conflict)), "{stale:?}");
        let missing = store
            .update_good_model(9999, 1, &changed, &audit("good_model.update"))
            .await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

        // Recognised by the committee above, then withdrawn.
        let v = store
            .recognise_good_model(
                a,
                2,
                Some((2, d(2020, 12, 20))),
                &audit("good_model.recognise"),
            )
            .await
            .unwrap();
        let head = store.good_model(a).await.unwrap().unwrap();
        assert_eq!(head.row.recognised_by.as_ref().unwrap().code, "C1");
        assert_eq!(head.row.recognised_on, Some(d(2020, 12, 20)));
        assert_eq!(head.row.since, None);
        let stale = store
            .recognise_good_model(a, 2, None, &audit("good_model.recognise"))
            .await;
        assert!(matches!(stale, Err(StoreError::Conflict)));

        // Filters.
        let titles = |rows: Vec<app::domain::good_model::GoodModelRow>| {
            rows.into_iter().map(|r| r.title).collect::<Vec<_>>()
        };
        let all = store.good_models(&filter()).await.unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].year, 2021, "newest year first");
        let y2020 = GoodModelFilter {
            year: Some(2020),
            ..filter()
        };
        assert_eq!(store.count_good_models(&y2020).await.unwrap(), 2);
        let committee = GoodModelFilter {
            subtree: Some(store.unit_by_id(2).await.unwrap().unwrap().path),
            ..filter()
        };
        assert_eq!(store.count_good_models(&committee).await.unwrap(), 2);
        let recognised = GoodModelFilter {
            recognised: Some(true),
            ..filter()
        };
        assert_eq!(
            titles(store.good_models(&recognised).await.unwrap()),
            ["Dân vận khéo – Văn phòng Sở"]
        );
        let waiting = GoodModelFilter {
            recognised: Some(false),
            ..filter()
        };
        assert_eq!(store.count_good_models(&waiting).await.unwrap(), 2);
        let field = GoodModelFilter {
            field: Some(ModelField::AdministrativeReform),
            ..filter()
        };
        assert_eq!(
            titles(store.good_models(&field).await.unwrap()),
            ["Một cửa điện tử"]
        );
        // Folded words match titles typed without marks, and the unit's name.
        let search = |q: &str| GoodModelFilter {
            search: Some(q.into()),
            ..filter()
        };
        assert_eq!(
            titles(store.good_models(&search("dan van")).await.unwrap()),
            ["Dân vận khéo – Văn phòng Sở"]
        );
        assert_eq!(
            store.count_good_models(&search("dien tu")).await.unwrap(),
            1
        );
        assert_eq!(
            store.count_good_models(&search("tu phap")).await.unwrap(),
            1
        );
        assert_eq!(store.count_good_models(&search("100%")).await.unwrap(), 0);
        let paged = GoodModelFilter {
            limit: 1,
            offset: 1,
            ..filter()
        };
        assert_eq!(store.good_models(&paged).await.unwrap().len(), 1);
        assert_eq!(store.good_model_years().await.unwrap(), [2021, 2020]);
        let _ = (b, v);

        // Every write left its audit row on the model's unit.
        let log = store
            .audit_entries(
                &AuditFilter {
                    action: Some("good_model.".into()),
                    ..Default::default()
                },
                None,
                100,
            )
            .await
            .unwrap();
        assert_eq!(log.len(), 5, "{backend:?}: {log:?}");
        assert!(log.iter().all(|e| e.entity == "good_model"));
    })
    .await;
}
