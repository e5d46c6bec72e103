//! Stores the demo of the network workspace ([`bleibe_demo::networks`]): the four networks
//! of the press texts with their member organisations, and the fictitious demo
//! organisations' measures, working groups, tasks, ideas (walked to their stage by
//! decisions), events and contact persons. Loaded once, on a fresh demo installation.

use anyhow::Context;
use bleibe_demo::networks::{network_demo, Ids};
use bleibe_domain::cooperation::Decision;
use bleibe_domain::{NewUser, Role};
use bleibe_store::accounts::NewNetwork;
use bleibe_store::Store;
use chrono::{NaiveDate, NaiveTime};
use std::collections::BTreeMap;

/// Stores the network demo for the reference date `reference` ("today"). Expects the
/// places to be loaded and no networks with the demo's slugs.
pub async fn load(store: &dyn Store, reference: NaiveDate) -> anyhow::Result<()> {
    let demo = network_demo(reference);
    let mut ids = Ids::default();

    // Organisations: real members and demo organisations, in one go.
    let new: Vec<_> = demo
        .orgs
        .iter()
        .map(|o| o.new_employer().validate())
        .collect::<Result<_, _>>()
        .context("demo network organisations")?;
    let stored = store
        .insert_employers(&new)
        .await
        .context("storing the demo network organisations")?;
    for (o, e) in demo.orgs.iter().zip(&stored) {
        ids.orgs.insert(o.key, e.id);
    }

    // Networks, each with its fictitious office account as admin.
    let mut office_user: BTreeMap<&str, (i64, String)> = BTreeMap::new();
    for n in &demo.networks {
        let org_ids = n
            .members
            .iter()
            .map(|k| ids.org(k))
            .collect::<Result<Vec<_>, _>>()?;
        let network = store
            .create_network(&NewNetwork {
                slug: n.slug.to_string(),
                name: n.name.clone(),
                description: n.description.clone(),
                place_ids: n.place_ids.clone(),
                org_ids,
                demo: n.demo,
            })
            .await
            .with_context(|| format!("storing the network {}", n.slug))?;
        ids.networks.insert(n.key, network.id);
        let user = store
            .create_user(&NewUser {
                email: n.office_user.email.clone(),
                display_name: n.office_user.display_name.clone(),
                password_hash: None,
                language: "de".into(),
                platform_admin: false,
                email_verified: true,
            })
            .await
            .with_context(|| format!("storing {}", n.office_user.email))?;
        store.add_network_admin(network.id, user.id).await?;
        store
            .set_role(ids.org(n.office_org)?, user.id, Role::Admin)
            .await?;
        office_user.insert(n.key, (user.id, user.display_name));
    }
    let user_of = |network: &str| -> anyhow::Result<i64> {
        office_user
            .get(network)
            .map(|(id, _)| *id)
            .with_context(|| format!("no office account for network {network}"))
    };

    for m in &demo.measures {
        let measure = m
            .resolve(&ids)?
            .validate()
            .with_context(|| m.data.title.clone())?;
        let stored = store
            .create_measure(&measure)
            .await
            .with_context(|| format!("storing the measure {}", m.data.title))?;
        ids.measures.insert(m.key, stored.id);
    }

    for g in &demo.groups {
        let lead = user_of(g.network)?;
        let group = g.resolve(&ids, Some(lead))?.validate()?;
        let stored = store
            .create_group(&group)
            .await
            .with_context(|| format!("storing the working group {}", g.name))?;
        store.add_group_member(stored.id, lead).await?;
        ids.groups.insert(g.key, stored.id);
    }
    let group_network: BTreeMap<&str, &str> =
        demo.groups.iter().map(|g| (g.key, g.network)).collect();
    for t in &demo.tasks {
        let network = group_network
            .get(t.group)
            .with_context(|| format!("no group {}", t.group))?;
        let task = t.resolve(&ids, Some(user_of(network)?))?.validate()?;
        store
            .create_task(&task)
            .await
            .with_context(|| format!("storing the task {}", t.title))?;
    }

    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN);
    for i in &demo.ideas {
        let idea = i.resolve(&ids)?.validate()?;
        let stored = store
            .create_idea(&idea)
            .await
            .with_context(|| format!("storing the idea {}", i.title))?;
        let (user_id, user_name) = office_user
            .get(i.network)
            .cloned()
            .with_context(|| format!("no office account for network {}", i.network))?;
        for step in i.steps() {
            let d = step.decision;
            Decision::check(step.from, d.to, step.parked_from, &d.note)
                .with_context(|| format!("decision on the idea {}", i.title))?;
            let measure_id = match (d.to, i.measure) {
                (bleibe_domain::cooperation::IdeaStage::Running, Some(m)) => Some(ids.measure(m)?),
                _ => None,
            };
            store
                .decide_idea(
                    &Decision {
                        id: 0,
                        idea_id: stored.id,
                        from: step.from,
                        to: d.to,
                        decided_on: d.on,
                        note: d.note.clone(),
                        decided_by: user_id,
                        decided_by_name: user_name.clone(),
                        at: d.on.and_time(noon).and_utc(),
                    },
                    measure_id,
                )
                .await
                .with_context(|| format!("deciding on the idea {}", i.title))?;
        }
    }

    for e in &demo.events {
        let event = e
            .resolve(&ids)?
            .validate()
            .with_context(|| e.data.title.clone())?;
        store
            .create_event(&event)
            .await
            .with_context(|| format!("storing the event {}", e.data.title))?;
    }

    for c in &demo.contacts {
        let contact = c.resolve(&ids)?.validate()?;
        store
            .add_contact(&contact)
            .await
            .with_context(|| format!("storing the contact {}", c.name))?;
    }

    tracing::info!(
        networks = demo.networks.len(),
        organisations = demo.orgs.len(),
        measures = demo.measures.len(),
        ideas = demo.ideas.len(),
        events = demo.events.len(),
        "loaded the network demo"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bleibe_demo::networks::{DREIECK, KOMPETENZREGION, WACHSTUMSREGION, WESTLAUSITZ};
    use bleibe_domain::cooperation::IdeaStage;
    use bleibe_store::cooperation::{Audience, EventFilter, MeasureFilter};
    use bleibe_store::{Accounts, Cooperation, LoadOutcome};
    use bleibe_store_sqlite::SqliteStore;

    fn reference() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).expect("date")
    }

    #[test]
    fn every_place_of_the_demo_is_in_the_gazetteer() {
        let places = bleibe_geo::embedded_places().expect("places");
        let known: BTreeMap<i64, &str> = places.iter().map(|p| (p.id, p.name.as_str())).collect();
        let demo = network_demo(reference());
        for o in &demo.orgs {
            assert!(
                known.contains_key(&o.place_id),
                "{}: {}",
                o.name,
                o.place_id
            );
        }
        for n in &demo.networks {
            for p in &n.place_ids {
                assert!(known.contains_key(p), "{}: {p}", n.slug);
            }
        }
        for m in &demo.measures {
            for p in &m.data.place_ids {
                assert!(known.contains_key(p), "{}: {p}", m.data.title);
            }
        }
        // The names the constants were chosen by.
        for (id, name) in [
            (2916630, "Großenhain"),
            (2851719, "Pulsnitz"),
            (2851074, "Radeburg"),
            (2851079, "Radeberg"),
            (2915124, "Großröhrsdorf"),
            (2834740, "Schwarzheide"),
            (2852458, "Potsdam"),
            (2875625, "Lubin"),
            (2905504, "Herzberg"),
            (2809033, "Wildau"),
        ] {
            assert_eq!(known.get(&id), Some(&name), "{id}");
        }
    }

    #[tokio::test]
    async fn a_fresh_demo_installation_has_the_four_networks_with_content() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open_file(&dir.path().join("bleibe.db"))
            .await
            .expect("open");
        // The first start with demo data loads the networks too ...
        let outcome = crate::db::load_initial(&store, 20).await.expect("load");
        assert!(matches!(outcome, LoadOutcome::Loaded { demo_jobs: 20, .. }));
        // ... and only the first.
        let again = crate::db::load_initial(&store, 20).await.expect("again");
        assert_eq!(again, LoadOutcome::AlreadyLoaded);

        let demo = network_demo(chrono::Utc::now().date_naive());
        let networks = store.networks().await.expect("networks");
        assert_eq!(networks.len(), 4);
        let employers = store.employers().await.expect("employers");
        let name_of = |id: i64| {
            employers
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.name.clone())
                .expect("member is stored")
        };

        for key in [DREIECK, WESTLAUSITZ, KOMPETENZREGION, WACHSTUMSREGION] {
            let n = store
                .network_by_slug(key)
                .await
                .expect("network")
                .unwrap_or_else(|| panic!("no network {key}"));
            let expected = demo.networks.iter().find(|x| x.key == key).expect("demo");
            assert_eq!(n.name, expected.name);
            assert!(!n.demo);

            let mut members: Vec<String> = store
                .network_orgs(n.id)
                .await
                .expect("orgs")
                .into_iter()
                .map(name_of)
                .collect();
            members.sort();
            let mut want: Vec<String> = expected
                .members
                .iter()
                .map(|k| {
                    demo.orgs
                        .iter()
                        .find(|o| o.key == *k)
                        .expect("org")
                        .name
                        .clone()
                })
                .collect();
            want.sort();
            assert_eq!(members, want, "{key}");
            let mut places = store.network_places(n.id).await.expect("places");
            places.sort();
            let mut want_places = expected.place_ids.clone();
            want_places.sort();
            assert_eq!(places, want_places, "{key}");

            let (measures, total) = store
                .measures(&MeasureFilter {
                    network: Some(n.id),
                    members_of: Audience::All,
                    limit: 100,
                    ..Default::default()
                })
                .await
                .expect("measures");
            assert!((4..=10).contains(&total), "{key}: {total} measures");
            assert!(measures.iter().all(|m| m.data.demo));
            let (public, _) = store
                .measures(&MeasureFilter {
                    network: Some(n.id),
                    members_of: Audience::Public,
                    limit: 100,
                    ..Default::default()
                })
                .await
                .expect("public measures");
            assert!(!public.is_empty() && public.len() < measures.len(), "{key}");

            let ideas = store.ideas(n.id, None).await.expect("ideas");
            let want_ideas = demo.ideas.iter().filter(|i| i.network == key).count();
            assert_eq!(ideas.len(), want_ideas, "{key}");
            for idea in &ideas {
                let d = demo
                    .ideas
                    .iter()
                    .find(|i| i.title == idea.data.title)
                    .expect("demo idea");
                assert_eq!(idea.stage, d.stage(), "{}", d.title);
                assert!(idea.data.demo);
                let decisions = store.decisions(idea.id).await.expect("decisions");
                assert_eq!(decisions.len(), d.decisions.len(), "{}", d.title);
                if idea.stage == IdeaStage::Parked {
                    assert!(idea.parked_from.is_some(), "{}", d.title);
                }
                if d.measure.is_some() {
                    assert!(idea.measure_id.is_some(), "{}", d.title);
                }
            }

            let groups = store.groups(n.id).await.expect("groups");
            assert_eq!(
                groups.len(),
                if key == KOMPETENZREGION { 3 } else { 1 },
                "{key}"
            );
            for g in &groups {
                assert!(g.lead_name.as_deref().unwrap_or("").starts_with("Demo-"));
                assert!(
                    !store.tasks(g.id).await.expect("tasks").is_empty(),
                    "{}",
                    g.data.name
                );
            }

            let (events, _) = store
                .events(&EventFilter {
                    network: Some(n.id),
                    members_of: Audience::All,
                    limit: 100,
                    ..Default::default()
                })
                .await
                .expect("events");
            assert!((4..=8).contains(&events.len()), "{key}: {}", events.len());
            assert!(events.iter().all(|e| e.data.demo));

            let contacts = store.contacts(n.id).await.expect("contacts");
            assert!((2..=3).contains(&contacts.len()), "{key}");
            assert!(contacts
                .iter()
                .all(|c| c.data.demo && c.data.email.ends_with("@example.org")));

            let admins = store.admin_networks(
                store
                    .user_by_email(&expected.office_user.email)
                    .await
                    .expect("user")
                    .expect("office account")
                    .id,
            );
            assert_eq!(admins.await.expect("admins"), vec![n.id]);
        }

        // Real members are not demo records; demo organisations are.
        let spremberg = employers
            .iter()
            .find(|e| e.name == "Stadt Spremberg")
            .expect("Spremberg");
        assert!(!spremberg.demo);
        assert!(employers
            .iter()
            .filter(|e| e.name.ends_with("(fiktiv)"))
            .all(|e| e.demo && e.description.starts_with("<p>Fiktive Demo-Organisation")));
        // Hoyerswerda is one organisation in two networks.
        let hoyerswerda = employers
            .iter()
            .find(|e| e.name == "Stadt Hoyerswerda")
            .expect("Hoyerswerda");
        assert_eq!(
            store
                .org_networks(hoyerswerda.id)
                .await
                .expect("networks")
                .len(),
            2
        );
    }

    #[tokio::test]
    async fn without_demo_jobs_no_networks_are_loaded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open_file(&dir.path().join("bleibe.db"))
            .await
            .expect("open");
        crate::db::load_initial(&store, 0).await.expect("load");
        assert!(store.networks().await.expect("networks").is_empty());
    }
}
