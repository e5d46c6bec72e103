//! A place's profile on its page (`/places/{id}`: grouped, each value with source and
//! date, demo values labelled) and the form that edits it (`/places/{id}/profile/edit`,
//! for the place's municipality and platform admins). Writes go through
//! [`crate::place_profiles`], as the API's do.

use super::cards::{date, thousands};
use super::form::{Errors, Field, SummaryItem};
use super::{chrome, form_pairs, html_status, parse_id, read_body, see_other};
use crate::i18n::{Lang, Tr};
use crate::params::Segment;
use crate::place_profiles::{self, Change};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::today;
use crate::state::AppState;
use crate::views::Chrome;
use askama::Template;
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::living::{
    PlaceProfile, ProfileGroup, ProfileKey, ProfileValue, Value, ValueKind,
};
use bleibe_domain::policy::Action;
use bleibe_domain::Place;
use chrono::NaiveDate;

/// One value as the place's page shows it.
pub(crate) struct ProfileItem {
    /// What it is ("Kitas").
    pub label: String,
    /// The value with its unit, in the page language.
    pub value: String,
    /// "Quelle: osm, Stand: 01.10.2026".
    pub provenance: String,
    /// Invented for the demo.
    pub demo: bool,
}

/// A group of values with its heading.
pub(crate) struct ProfileGroupView {
    /// Heading id.
    pub id: String,
    /// Heading.
    pub heading: String,
    /// Its known values.
    pub items: Vec<ProfileItem>,
}

/// The profile section of a place's page.
pub(crate) struct ProfileSection {
    /// Groups with at least one known value, in display order.
    pub groups: Vec<ProfileGroupView>,
    /// Whether any value is a demo value.
    pub has_demo: bool,
    /// The edit form, for those who may edit.
    pub edit_href: Option<String>,
}

/// A number in the page language: whole numbers with thousands separators, others with
/// up to two decimals (German decimal comma).
fn number(lang: Lang, n: f64) -> String {
    if n.fract() == 0.0 && (0.0..1e15).contains(&n) {
        return thousands(lang, n as u64);
    }
    let s = format!("{n:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// An amount of money: whole euros as they are, others with two decimals.
fn money(lang: Lang, n: f64) -> String {
    if n.fract() == 0.0 {
        return number(lang, n);
    }
    let s = format!("{n:.2}");
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A number for a form field: every digit it has, no thousands separators, the German
/// decimal comma (so that an untouched field reads back as the same number).
fn form_number(lang: Lang, n: f64) -> String {
    let s = n.to_string();
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A value with its unit.
fn shown(tr: &Tr, key: ProfileKey, value: &Value) -> String {
    match (key.kind(), value) {
        (_, Value::Text(t)) => t.clone(),
        (ValueKind::Money, Value::Number(n)) => {
            tr.t1("pp-value-money", "value", money(tr.lang, *n))
        }
        (ValueKind::Speed, Value::Number(n)) => {
            tr.t1("pp-value-speed", "value", number(tr.lang, *n))
        }
        (_, Value::Number(n)) => number(tr.lang, *n),
    }
}

/// The label of a key.
pub(crate) fn key_label(tr: &Tr, key: ProfileKey) -> String {
    tr.t(&format!("pp-key-{}", key.as_str()))
}

/// The heading of a group.
fn group_label(tr: &Tr, group: ProfileGroup) -> String {
    tr.t(&format!("pp-group-{}", group.as_str()))
}

/// The profile section of `place`'s page for `caller`.
pub(crate) fn section(
    tr: &Tr,
    caller: &Caller,
    place: &Place,
    profile: &PlaceProfile,
) -> ProfileSection {
    let groups = ProfileGroup::ALL
        .iter()
        .map(|g| ProfileGroupView {
            id: format!("profile-{}", g.as_str()),
            heading: group_label(tr, *g),
            items: ProfileKey::of_group(*g)
                .filter_map(|k| profile.get(k).map(|v| (k, v)))
                .map(|(k, v)| ProfileItem {
                    label: key_label(tr, k),
                    value: shown(tr, k, &v.value),
                    provenance: tr.ta(
                        "pp-provenance",
                        &[
                            ("source", v.source.clone()),
                            ("date", date(tr.lang, v.as_of)),
                        ],
                    ),
                    demo: v.demo,
                })
                .collect(),
        })
        .filter(|g: &ProfileGroupView| !g.items.is_empty())
        .collect();
    ProfileSection {
        groups,
        has_demo: profile.has_demo(),
        edit_href: caller
            .may(Action::EditPlaceProfile { place_id: place.id })
            .then(|| format!("/places/{}/profile/edit", place.id)),
    }
}

/// The form's field names of a key: value, source, date.
fn names(key: ProfileKey) -> [String; 3] {
    let k = key.as_str();
    [k.to_string(), format!("{k}_source"), format!("{k}_as_of")]
}

/// The form's values of one key, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Typed {
    value: String,
    source: String,
    as_of: String,
}

/// The form's values, in [`ProfileKey::ALL`] order.
struct ProfileForm(Vec<Typed>);

impl ProfileForm {
    fn from_profile(lang: Lang, profile: &PlaceProfile) -> Self {
        Self(
            ProfileKey::ALL
                .iter()
                .map(|k| match profile.get(*k) {
                    Some(v) => Typed {
                        value: match &v.value {
                            Value::Number(n) => form_number(lang, *n),
                            Value::Text(t) => t.clone(),
                        },
                        source: v.source.clone(),
                        as_of: v.as_of.to_string(),
                    },
                    None => Typed::default(),
                })
                .collect(),
        )
    }

    fn from_pairs(pairs: &[(String, String)]) -> Self {
        Self(
            ProfileKey::ALL
                .iter()
                .map(|k| {
                    let [value, source, as_of] = names(*k);
                    let get = |name: &str| {
                        pairs
                            .iter()
                            .find(|(n, _)| *n == name)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default()
                    };
                    Typed {
                        value: get(&value),
                        source: get(&source),
                        as_of: get(&as_of),
                    }
                })
                .collect(),
        )
    }

    /// The changes against `stored`: values typed differently from what is stored are
    /// set, emptied values removed, untouched ones left alone (they keep their source,
    /// date and demo mark). Problems are noted per field.
    fn changes(&self, tr: &Tr, stored: &PlaceProfile, errors: &mut Errors) -> Vec<Change> {
        let today = today();
        let mut changes = Vec::new();
        for (key, typed) in ProfileKey::ALL.iter().copied().zip(&self.0) {
            let [value_field, source_field, as_of_field] = names(key);
            let current = stored.get(key);
            let raw = typed.value.trim();
            if raw.is_empty() {
                if current.is_some() {
                    changes.push(Change::Remove(key));
                }
                continue;
            }
            let value = if key.is_number() {
                match parse_number(raw) {
                    Some(n) => Value::Number(n),
                    None => {
                        errors.add(&value_field, value_message(tr, key));
                        continue;
                    }
                }
            } else {
                Value::Text(raw.to_string())
            };
            let as_of = match typed.as_of.trim() {
                "" => today,
                d => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                    Ok(d) => d,
                    Err(_) => {
                        errors.add(&as_of_field, tr.t("pp-error-as-of"));
                        continue;
                    }
                },
            };
            let candidate = ProfileValue::new(value, typed.source.trim(), as_of);
            if let Some(c) = current {
                if c.value == candidate.value && c.source == candidate.source && c.as_of == as_of {
                    continue;
                }
            }
            match candidate.clone().validate(key, today) {
                Ok(_) => changes.push(Change::Set(key, candidate)),
                Err(e) => {
                    let (field, message) = match e.field.rsplit('.').next() {
                        Some("source") => (source_field, tr.t("pp-error-source")),
                        Some("as_of") => (as_of_field, tr.t("pp-error-as-of")),
                        _ => (value_field, value_message(tr, key)),
                    };
                    errors.add(&field, message);
                }
            }
        }
        changes
    }
}

/// A number as people type it: "6,85", "6.85", "1.000" (German thousands), "1 000".
fn parse_number(raw: &str) -> Option<f64> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let s = match (s.contains(','), s.matches('.').count()) {
        // "1.234,5": dots group thousands, the comma is the decimal sign.
        (true, _) => s.replace('.', "").replace(',', "."),
        // "1.000.000": only thousands.
        (false, n) if n > 1 => s.replace('.', ""),
        _ => s,
    };
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// What a bad value of `key` should look like.
fn value_message(tr: &Tr, key: ProfileKey) -> String {
    match key.kind() {
        ValueKind::Count => tr.t("pp-error-count"),
        ValueKind::Money | ValueKind::Speed => {
            tr.t1("pp-error-amount", "max", number(tr.lang, key.max()))
        }
        ValueKind::Text => tr.t1("pp-error-text", "max", key.max_chars()),
    }
}

/// The three fields of one key.
pub(crate) struct KeyFields {
    /// The key's label (the fieldset's legend).
    pub legend: String,
    /// Value.
    pub value: Field,
    /// Source.
    pub source: Field,
    /// Date.
    pub as_of: Field,
}

/// A group of keys in the form.
pub(crate) struct GroupFields {
    /// Legend.
    pub legend: String,
    /// Its keys.
    pub keys: Vec<KeyFields>,
}

fn fields(tr: &Tr, form: &ProfileForm, stored: &PlaceProfile, errors: &Errors) -> Vec<GroupFields> {
    ProfileGroup::ALL
        .iter()
        .map(|g| GroupFields {
            legend: group_label(tr, *g),
            keys: ProfileKey::of_group(*g)
                .map(|key| {
                    let typed = &form.0[key.ordinal() as usize];
                    let label = key_label(tr, key);
                    let [value_name, source_name, as_of_name] = names(key);
                    let unit = match key.kind() {
                        ValueKind::Count => tr.t("pp-hint-count"),
                        ValueKind::Money => tr.t("pp-hint-money"),
                        ValueKind::Speed => tr.t("pp-hint-speed"),
                        ValueKind::Text => tr.t1("pp-hint-text", "max", key.max_chars()),
                    };
                    let hint = match stored.get(key) {
                        Some(v) if v.demo => format!("{unit} {}", tr.t("pp-hint-demo")),
                        _ => unit,
                    };
                    let mut value = Field::new(value_name, label.clone(), typed.value.clone())
                        .hint(hint)
                        .errors(errors);
                    value = if key.is_number() {
                        value.inputmode("decimal").maxlength(20)
                    } else {
                        value.maxlength(key.max_chars())
                    };
                    KeyFields {
                        legend: label.clone(),
                        value,
                        source: Field::new(
                            source_name,
                            tr.t1("pp-field-source", "label", &label),
                            typed.source.clone(),
                        )
                        .maxlength(200)
                        .errors(errors),
                        as_of: Field::new(
                            as_of_name,
                            tr.t1("pp-field-as-of", "label", &label),
                            typed.as_of.clone(),
                        )
                        .control("date")
                        .errors(errors),
                    }
                })
                .collect(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "place_profile_form.html")]
struct ProfileFormPage {
    chrome: Chrome,
    heading: String,
    action: String,
    back_href: String,
    groups: Vec<GroupFields>,
    summary: Vec<SummaryItem>,
    has_demo: bool,
}

fn form_page(
    state: &AppState,
    lang: Lang,
    req: &Request,
    place: &Place,
    form: &ProfileForm,
    stored: &PlaceProfile,
    errors: &Errors,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let groups = fields(&tr, form, stored, errors);
    let all: Vec<&Field> = groups
        .iter()
        .flat_map(|g| g.keys.iter())
        .flat_map(|k| [&k.value, &k.source, &k.as_of])
        .collect();
    let summary = errors.summary(&all);
    let heading = tr.t1("pp-edit-title", "place", &place.name);
    let page = ProfileFormPage {
        chrome: chrome(state, lang, req, "", &heading),
        heading,
        action: format!("/places/{}/profile/edit", place.id),
        back_href: format!("/places/{}#profile", place.id),
        groups,
        summary,
        has_demo: stored.has_demo(),
    };
    html_status(errors.status(), page)
}

/// `GET /places/{id}/profile/edit`.
pub(super) async fn edit_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    let place = place_profiles::editable_place(&state, &caller, id).await?;
    let stored = state.store.place_profile(id).await?;
    let form = ProfileForm::from_profile(lang, &stored);
    form_page(
        &state,
        lang,
        &req,
        &place,
        &form,
        &stored,
        &Errors::default(),
    )
}

/// `POST /places/{id}/profile/edit`: stores what changed, back to the place's page.
pub(super) async fn edit_save(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    let place = place_profiles::editable_place(&state, &caller, id).await?;
    let (req, body) = read_body(req).await?;
    let form = ProfileForm::from_pairs(&form_pairs(&body));
    let stored = state.store.place_profile(id).await?;
    let tr = lang.tr();
    let mut errors = Errors::default();
    let changes = form.changes(&tr, &stored, &mut errors);
    if !errors.is_empty() {
        return form_page(&state, lang, &req, &place, &form, &stored, &errors);
    }
    place_profiles::apply(&state, &caller, &place, changes).await?;
    Ok(see_other(&format!("/places/{id}#profile")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_and_group_has_a_label_in_every_language() {
        for lang in Lang::ALL {
            let tr = lang.tr();
            for key in ProfileKey::ALL {
                let k = format!("pp-key-{}", key.as_str());
                assert!(tr.has(&k), "{k} in {}", lang.code());
            }
            for group in ProfileGroup::ALL {
                let k = format!("pp-group-{}", group.as_str());
                assert!(tr.has(&k), "{k} in {}", lang.code());
            }
        }
    }

    #[test]
    fn numbers_are_read_and_shown_as_people_write_them() {
        assert_eq!(parse_number("6,85"), Some(6.85));
        assert_eq!(parse_number("6.85"), Some(6.85));
        assert_eq!(parse_number("1.000"), Some(1.0), "one dot: a decimal point");
        assert_eq!(parse_number("1.000.000"), Some(1_000_000.0));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1 000"), Some(1000.0));
        assert_eq!(parse_number("drei"), None);
        assert_eq!(number(Lang::De, 6.85), "6,85");
        assert_eq!(number(Lang::En, 6.85), "6.85");
        assert_eq!(number(Lang::De, 1000.0), "1.000");
        assert_eq!(number(Lang::En, 6.5), "6.5");
        assert_eq!(money(Lang::De, 6.1), "6,10");
        assert_eq!(money(Lang::De, 85.0), "85");
    }

    #[test]
    fn a_stored_value_reads_back_unchanged_from_its_form() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let mut profile = PlaceProfile::default();
        for (k, v) in [
            (ProfileKey::Kita, Value::Number(1200.0)),
            (ProfileKey::MedianRentEurM2, Value::Number(6.857)),
            (ProfileKey::BroadbandMbit, Value::Number(1000.0)),
            (ProfileKey::Contact, Value::Text("Frau Beispiel".into())),
        ] {
            profile.values.insert(k, ProfileValue::new(v, "Stadt", day));
        }
        for lang in Lang::ALL {
            let tr = lang.tr();
            let form = ProfileForm::from_profile(lang, &profile);
            let mut errors = Errors::default();
            let changes = form.changes(&tr, &profile, &mut errors);
            assert!(errors.is_empty(), "{errors:?}");
            assert!(changes.is_empty(), "{} {changes:?}", lang.code());
        }
    }
}
