//! `/leben-und-arbeiten`: a short form of a household's wishes (a GET form, so a search
//! is a link that can be shared and needs no JavaScript), then result cards that say in
//! plain words why each home fits, and two or three homes compared side by side. When
//! nothing fits, what to relax. Signed-in users can save their wishes.

use crate::i18n::{Lang, Tr};
use crate::living::{self, mode_label, settlement_label, source_label, Found};
use crate::pages::form::{Errors, Field, SummaryItem};
use crate::pages::{chrome, form_pairs, html_status, read_body, see_other};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::occupation_label;
use crate::state::AppState;
use crate::views::{Chrome, SelectOption};
use askama::Template;
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::living::wishes::{
    Housing, MaxCommute, PersonWish, Preferences, StayClose, MAX_PERSONS,
};
use bleibe_domain::living::{Settlement, Wishes};
use bleibe_domain::policy::Action;
use bleibe_matching::{FactorKind, Item};

/// The path of the page.
pub(crate) const PATH: &str = "/leben-und-arbeiten";
/// Homes compared side by side at most.
const COMPARE_MAX: usize = 3;
/// Results per page of the page.
const PER_PAGE: u32 = 10;

/// The form's fields as submitted (all text, so that a wrong value can be shown again).
#[derive(Debug, Clone, Default)]
struct WishForm {
    pairs: Vec<(String, String)>,
}

/// The names of the form's fields, in order (for hidden fields and links).
const FIELDS: &[&str] = &[
    "p1_query",
    "p1_occupation",
    "p1_car",
    "p1_transit",
    "p1_bike",
    "p2_query",
    "p2_occupation",
    "p2_car",
    "p2_transit",
    "p2_bike",
    "children",
    "rent",
    "rooms",
    "plot",
    "settlement",
    "nature",
    "culture",
    "sports",
    "health_care",
    "rail_link",
    "stay_place",
    "stay_minutes",
];

const PREFERENCES: [&str; 5] = ["nature", "culture", "sports", "health_care", "rail_link"];

impl WishForm {
    fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.trim())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether anything was asked (the first visit shows the form only).
    fn asked(&self) -> bool {
        FIELDS.iter().any(|f| !self.get(f).is_empty())
    }

    /// The wishes' fields as (name, value) pairs, without empty ones.
    fn kept(&self) -> Vec<(String, String)> {
        FIELDS
            .iter()
            .filter(|f| !self.get(f).is_empty())
            .map(|f| (f.to_string(), self.get(f).to_string()))
            .collect()
    }

    fn link(&self, extra: &[(&str, String)]) -> String {
        let mut pairs = self.kept();
        pairs.extend(extra.iter().map(|(k, v)| (k.to_string(), v.clone())));
        let qs = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        format!("{PATH}?{qs}")
    }

    /// The wishes, or what is wrong with the form.
    fn wishes(&self, tr: &Tr, errors: &mut Errors, page: u32) -> Option<Wishes> {
        let minutes = |errors: &mut Errors, name: &str| -> Option<u32> {
            let v = self.get(name);
            if v.is_empty() {
                return None;
            }
            match v.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.add(name, tr.t("living-form-whole-number"));
                    None
                }
            }
        };
        let mut persons = Vec::new();
        for i in 1..=MAX_PERSONS {
            let p = |f: &str| format!("p{i}_{f}");
            let query = self.get(&p("query"));
            let occupation = self.get(&p("occupation"));
            let commute = MaxCommute {
                car: minutes(errors, &p("car")),
                transit: minutes(errors, &p("transit")),
                bike: minutes(errors, &p("bike")),
            };
            let any_commute = commute != MaxCommute::default();
            if i > 1 && query.is_empty() && occupation.is_empty() && !any_commute {
                continue;
            }
            persons.push(PersonWish {
                query: Some(query.to_string()).filter(|q| !q.is_empty()),
                occupation: Some(occupation.to_string()).filter(|o| !o.is_empty()),
                max_commute: commute,
            });
        }
        let mut children_ages = Vec::new();
        for part in self
            .get("children")
            .split([',', ';', ' '])
            .filter(|s| !s.is_empty())
        {
            match part.parse::<u8>() {
                Ok(a) => children_ages.push(a),
                Err(_) => errors.add("children", tr.t("living-form-children-invalid")),
            }
        }
        let rent = minutes(errors, "rent");
        let rooms = minutes(errors, "rooms");
        let plot = minutes(errors, "plot");
        let housing = (rent.is_some() || rooms.is_some() || plot.is_some()).then_some(Housing {
            max_warm_rent_eur: rent,
            rooms,
            max_plot_eur: plot,
        });
        let weight = |name: &str| self.get(name).parse::<u8>().unwrap_or(0);
        let stay_place = self.get("stay_place");
        let stay_close_to = (!stay_place.is_empty()).then(|| StayClose {
            place: stay_place.to_string(),
            max_minutes: minutes(errors, "stay_minutes").unwrap_or(30),
            mode: None,
        });
        if !errors.is_empty() {
            return None;
        }
        Some(Wishes {
            persons,
            children_ages,
            housing,
            settlement: Settlement::parse(self.get("settlement")),
            preferences: Preferences {
                nature: weight("nature"),
                culture: weight("culture"),
                sports: weight("sports"),
                health_care: weight("health_care"),
                rail_link: weight("rail_link"),
            },
            stay_close_to,
            page,
            per_page: PER_PAGE,
        })
    }

    /// The form for saved wishes (the reverse of [`WishForm::wishes`]).
    fn of(w: &Wishes) -> WishForm {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut put = |k: String, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                pairs.push((k, v));
            }
        };
        for (i, p) in w.persons.iter().enumerate() {
            let n = i + 1;
            put(format!("p{n}_query"), p.query.clone());
            put(format!("p{n}_occupation"), p.occupation.clone());
            for (mode, limit) in p.max_commute.limits() {
                put(format!("p{n}_{}", mode.as_str()), Some(limit.to_string()));
            }
        }
        let ages: Vec<String> = w.children_ages.iter().map(u8::to_string).collect();
        put("children".into(), Some(ages.join(", ")));
        if let Some(h) = &w.housing {
            put("rent".into(), h.max_warm_rent_eur.map(|v| v.to_string()));
            put("rooms".into(), h.rooms.map(|v| v.to_string()));
            put("plot".into(), h.max_plot_eur.map(|v| v.to_string()));
        }
        put(
            "settlement".into(),
            w.settlement.map(|s| s.as_str().to_string()),
        );
        let p = w.preferences;
        for (name, v) in
            PREFERENCES
                .iter()
                .zip([p.nature, p.culture, p.sports, p.health_care, p.rail_link])
        {
            if v > 0 {
                put(name.to_string(), Some(v.to_string()));
            }
        }
        if let Some(s) = &w.stay_close_to {
            put("stay_place".into(), Some(s.place.clone()));
            put("stay_minutes".into(), Some(s.max_minutes.to_string()));
        }
        WishForm { pairs }
    }
}

/// The form field a field of the wishes (as the domain names it) is shown at.
fn form_field(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("persons[") {
        let (i, tail) = rest
            .split_once("].")
            .unwrap_or((rest.trim_end_matches(']'), ""));
        let n = i.parse::<usize>().map_or(1, |i| i + 1);
        let f = match tail {
            "query" | "occupation" => tail,
            t if t.starts_with("max_commute.") => &t["max_commute.".len()..],
            _ => "car",
        };
        return format!("p{n}_{f}");
    }
    match field {
        "persons" => "p1_query",
        "children_ages" => "children",
        "housing" | "housing.max_warm_rent_eur" => "rent",
        "housing.rooms" => "rooms",
        "housing.max_plot_eur" => "plot",
        "stay_close_to.place" => "stay_place",
        "stay_close_to.max_minutes" => "stay_minutes",
        f => f.strip_prefix("preferences.").unwrap_or(f),
    }
    .to_string()
}

/// A fieldset of the form.
struct Group {
    legend: String,
    hint: Option<String>,
    fields: Vec<Field>,
}

fn fields(tr: &Tr, form: &WishForm, errors: &Errors) -> Vec<Group> {
    let text = |name: &str, label: String| {
        let mut f = Field::new(name, label, form.get(name));
        f.error = errors.get(name).map(str::to_string);
        f
    };
    let number =
        |name: &str, label: String| text(name, label).control("number").inputmode("numeric");
    let occupation = |name: &str| {
        let chosen = form.get(name);
        let mut options = vec![SelectOption {
            value: String::new(),
            label: tr.t("living-form-occupation-any"),
            selected: chosen.is_empty(),
        }];
        options.extend((0..10).map(|d| {
            let code = d.to_string();
            SelectOption {
                label: occupation_label(tr, &code),
                selected: chosen == code,
                value: code,
            }
        }));
        let mut f = Field::select(name, tr.t("living-form-occupation"), options);
        f.error = errors.get(name).map(str::to_string);
        f
    };
    let mut groups = Vec::new();
    for n in 1..=MAX_PERSONS {
        let p = |f: &str| format!("p{n}_{f}");
        groups.push(Group {
            legend: tr.t1("living-person", "n", n),
            hint: Some(tr.t(if n == 1 {
                "living-form-person-hint"
            } else {
                "living-form-person2-hint"
            })),
            fields: vec![
                text(&p("query"), tr.t("living-form-query"))
                    .hint(tr.t("living-form-query-hint"))
                    .maxlength(200),
                occupation(&p("occupation")),
                number(&p("car"), tr.t("living-form-car")),
                number(&p("transit"), tr.t("living-form-transit")),
                number(&p("bike"), tr.t("living-form-bike")),
            ],
        });
    }
    let settlement = {
        let chosen = form.get("settlement");
        let options = Settlement::ALL
            .iter()
            .rev()
            .map(|s| SelectOption {
                value: s.as_str().to_string(),
                label: settlement_label(tr, *s),
                selected: chosen == s.as_str() || (chosen.is_empty() && *s == Settlement::Any),
            })
            .collect();
        let mut f = Field::select("settlement", tr.t("living-form-settlement"), options)
            .hint(tr.t("living-form-settlement-hint"));
        f.error = errors.get("settlement").map(str::to_string);
        f
    };
    groups.push(Group {
        legend: tr.t("living-form-household"),
        hint: None,
        fields: vec![
            text("children", tr.t("living-form-children")).hint(tr.t("living-form-children-hint")),
            settlement,
            number("rent", tr.t("living-form-rent")).hint(tr.t("living-form-rent-hint")),
            number("rooms", tr.t("living-form-rooms")),
            number("plot", tr.t("living-form-plot")).hint(tr.t("living-form-plot-hint")),
            text("stay_place", tr.t("living-form-stay-place"))
                .hint(tr.t("living-form-stay-place-hint")),
            number("stay_minutes", tr.t("living-form-stay-minutes")),
        ],
    });
    groups.push(Group {
        legend: tr.t("living-form-preferences"),
        hint: Some(tr.t("living-form-preferences-hint")),
        fields: PREFERENCES
            .iter()
            .map(|name| {
                let chosen = form.get(name);
                let options = (0..=3)
                    .map(|w: u8| SelectOption {
                        value: w.to_string(),
                        label: tr.t(&format!("living-weight-{w}")),
                        selected: chosen == w.to_string() || (chosen.is_empty() && w == 0),
                    })
                    .collect();
                Field::select(*name, tr.t(&format!("living-pref-{name}")), options)
            })
            .collect(),
    });
    groups
}

/// A line of a result card.
struct Why {
    text: String,
    /// Share of the score in percent.
    share: i64,
}

/// A job in a card.
struct JobLine {
    href: String,
    title: String,
    employer: String,
    place: String,
    demo: bool,
}

/// A person's part of a card.
struct PersonPart {
    label: String,
    jobs: Vec<JobLine>,
    commutes: Vec<String>,
}

/// A result card.
struct Card {
    id: i64,
    name: String,
    href: String,
    facts: String,
    score: i64,
    demo: bool,
    persons: Vec<PersonPart>,
    needs: Vec<String>,
    why: Vec<Why>,
    compared: bool,
}

/// A row of the comparison table: a label and one cell per compared home.
struct CompareRow {
    label: String,
    cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "living/page.html")]
struct LivingPage {
    chrome: Chrome,
    groups: Vec<Group>,
    summary: Vec<SummaryItem>,
    asked: bool,
    total: u64,
    cards: Vec<Card>,
    relaxations: Vec<(String, String)>,
    compare_heads: Vec<String>,
    compare_rows: Vec<CompareRow>,
    hidden: Vec<(String, String)>,
    page: u32,
    prev: Option<String>,
    next: Option<String>,
    signed_in: bool,
    saved: Vec<(i64, String, String)>,
}

fn card(tr: &Tr, found: &Found, item: &Item, compare: &[i64]) -> Card {
    let atlas = &found.loaded.atlas;
    let place = atlas.place(item.home);
    let persons = (0..found.wishes.persons.len())
        .map(|p| PersonPart {
            label: found.person_label(tr, p),
            jobs: item
                .jobs
                .iter()
                .filter(|j| j.person == p)
                .filter_map(|j| found.jobs.get(&j.job.id))
                .map(|job| JobLine {
                    href: format!("/jobs/{}", job.id),
                    title: job.data.title.clone(),
                    employer: job.employer.name.clone(),
                    place: job.place.name.clone(),
                    demo: job.data.demo,
                })
                .collect(),
            commutes: item
                .commute
                .iter()
                .filter(|c| c.person == p)
                .map(|c| {
                    tr.ta(
                        "living-card-commute",
                        &[
                            ("minutes", format!("{}", c.time.minutes.round() as i64)),
                            ("mode", mode_label(tr, c.mode)),
                            ("place", atlas.place(c.to).name.clone()),
                            ("source", source_label(tr, c.time.source)),
                        ],
                    )
                })
                .collect(),
        })
        .collect();
    let mut why: Vec<Why> = item
        .breakdown
        .iter()
        .filter(|f| !matches!(f.kind, FactorKind::Commute))
        .map(|f| Why {
            text: found.explain(tr, item, f),
            share: (f.contribution * 100.0).round() as i64,
        })
        .collect();
    why.sort_by_key(|w| std::cmp::Reverse(w.share));
    let kind = match Settlement::of(place.population) {
        Some(s) => settlement_label(tr, s),
        None => tr.t("living-settlement-unknown"),
    };
    let facts = match place.population {
        Some(n) if n > 0 => tr.ta(
            "living-card-facts",
            &[("kind", kind), ("population", n.to_string())],
        ),
        _ => kind,
    };
    Card {
        id: place.id,
        name: place.name.clone(),
        href: format!("/places/{}", place.id),
        facts,
        score: (item.score * 100.0).round() as i64,
        demo: atlas.facts(item.home).demo,
        persons,
        needs: found.needs_text(tr, item),
        why,
        compared: compare.contains(&place.id),
    }
}

fn comparison(tr: &Tr, found: &Found, compare: &[i64]) -> (Vec<String>, Vec<CompareRow>) {
    let atlas = &found.loaded.atlas;
    let items: Vec<&Item> = found
        .outcome
        .items
        .iter()
        .filter(|i| compare.contains(&atlas.place(i.home).id))
        .take(COMPARE_MAX)
        .collect();
    if items.len() < 2 {
        return (Vec::new(), Vec::new());
    }
    let heads = items
        .iter()
        .map(|i| atlas.place(i.home).name.clone())
        .collect();
    let mut rows = vec![CompareRow {
        label: tr.t("living-compare-score"),
        cells: items
            .iter()
            .map(|i| format!("{} %", (i.score * 100.0).round() as i64))
            .collect(),
    }];
    for p in 0..found.wishes.persons.len() {
        rows.push(CompareRow {
            label: tr.t1(
                "living-compare-commute",
                "person",
                found.person_label(tr, p),
            ),
            cells: items
                .iter()
                .map(|i| {
                    i.commute
                        .iter()
                        .filter(|c| c.person == p)
                        .min_by(|a, b| a.time.minutes.total_cmp(&b.time.minutes))
                        .map(|c| {
                            format!(
                                "{} min {} ({})",
                                c.time.minutes.round() as i64,
                                mode_label(tr, c.mode),
                                source_label(tr, c.time.source)
                            )
                        })
                        .unwrap_or_default()
                })
                .collect(),
        });
    }
    if found.wishes.housing.is_some() {
        rows.push(CompareRow {
            label: tr.t("living-compare-housing"),
            cells: items
                .iter()
                .map(|i| {
                    i.housing_cost
                        .map(|c| format!("{} €", c.round() as i64))
                        .unwrap_or_default()
                })
                .collect(),
        });
    }
    if !found.wishes.children_ages.is_empty() {
        rows.push(CompareRow {
            label: tr.t("living-compare-children"),
            cells: items
                .iter()
                .map(|i| found.needs_text(tr, i).join("; "))
                .collect(),
        });
    }
    for kind in [
        FactorKind::Nature,
        FactorKind::Culture,
        FactorKind::Sports,
        FactorKind::HealthCare,
        FactorKind::RailLink,
    ] {
        let label = tr.t(&format!("living-pref-{}", kind.as_str()));
        rows.push(CompareRow {
            label,
            cells: items
                .iter()
                .map(|i| {
                    let facts = atlas.facts(i.home);
                    let n = match kind {
                        FactorKind::Nature => facts.count(bleibe_matching::Facility::Recreation),
                        FactorKind::Culture => facts.count(bleibe_matching::Facility::Culture),
                        FactorKind::Sports => facts.count(bleibe_matching::Facility::Sport),
                        FactorKind::HealthCare => facts.count(bleibe_matching::Facility::Gp),
                        _ => facts.count(bleibe_matching::Facility::RailStation),
                    };
                    n.map(|n| format!("{}", n.round() as i64))
                        .unwrap_or_else(|| tr.t("living-compare-no-data"))
                })
                .collect(),
        });
    }
    (heads, rows)
}

/// `GET /leben-und-arbeiten`.
pub(crate) async fn page(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::SearchJobs)?;
    let tr = lang.tr();
    let form = WishForm {
        pairs: form_pairs(req.uri().query().unwrap_or_default().as_bytes()),
    };
    let page: u32 = form.get("page").parse().unwrap_or(1).clamp(1, 1000);
    let compare: Vec<i64> = form
        .all("compare")
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect();
    let mut errors = Errors::default();
    let mut view = LivingPage {
        chrome: chrome(&state, lang, &req, "living", &tr.t("living-title")),
        groups: Vec::new(),
        summary: Vec::new(),
        asked: form.asked(),
        total: 0,
        cards: Vec::new(),
        relaxations: Vec::new(),
        compare_heads: Vec::new(),
        compare_rows: Vec::new(),
        hidden: form.kept(),
        page,
        prev: None,
        next: None,
        signed_in: caller.ctx().user_id().is_some(),
        saved: Vec::new(),
    };
    if let Some(user) = caller.ctx().user_id() {
        view.saved = state
            .store
            .saved_wishes(user)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name, WishForm::of(&s.wishes).link(&[])))
            .collect();
    }
    if view.asked {
        if let Some(wishes) = form.wishes(&tr, &mut errors, page) {
            match living::find(&state, wishes).await {
                Ok(found) => {
                    view.total = found.outcome.total as u64;
                    view.cards = found
                        .outcome
                        .items
                        .iter()
                        .map(|i| card(&tr, &found, i, &compare))
                        .collect();
                    view.relaxations = found
                        .outcome
                        .relaxations
                        .iter()
                        .map(|r| found.relaxation_text(&tr, r))
                        .collect();
                    (view.compare_heads, view.compare_rows) = comparison(&tr, &found, &compare);
                    let pages = found.outcome.total.div_ceil(PER_PAGE as usize) as u32;
                    view.prev = (page > 1).then(|| form.link(&[("page", (page - 1).to_string())]));
                    view.next =
                        (page < pages).then(|| form.link(&[("page", (page + 1).to_string())]));
                }
                Err(e) => match (e.status.as_u16(), &e.param) {
                    (400, Some(field)) => errors.add(&form_field(field), e.detail(&tr)),
                    _ => return Err(e),
                },
            }
        }
    }
    view.groups = fields(&tr, &form, &errors);
    let all: Vec<&Field> = view.groups.iter().flat_map(|g| g.fields.iter()).collect();
    view.summary = errors.summary(&all);
    html_status(errors.status(), view)
}

/// `POST /leben-und-arbeiten/saved`: saves the wishes of the form under a name (signed
/// in only), then shows them again.
pub(crate) async fn save(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ManageOwnAccount)?;
    let user = caller.ctx().user_id().ok_or_else(AppError::unauthorized)?;
    let (_, body) = read_body(req).await?;
    let form = WishForm {
        pairs: form_pairs(&body),
    };
    let tr = lang.tr();
    let mut errors = Errors::default();
    let wishes = form
        .wishes(&tr, &mut errors, 1)
        .ok_or_else(|| AppError::bad_param("wishes", "living-error-save-invalid", &[]))?
        .validate()
        .map_err(|e| AppError::invalid(&e))?;
    let name = form.get("name");
    let name = if name.is_empty() {
        tr.t("living-saved-default-name")
    } else {
        name.chars().take(100).collect()
    };
    state.store.save_wishes(user, &name, &wishes).await?;
    Ok(see_other(&form.link(&[])))
}

/// `POST /leben-und-arbeiten/saved/{id}/delete`.
pub(crate) async fn delete_saved(
    State(state): State<AppState>,
    caller: Caller,
    crate::params::Segment(raw): crate::params::Segment,
) -> Result<Response, AppError> {
    caller.authorize(Action::ManageOwnAccount)?;
    let user = caller.ctx().user_id().ok_or_else(AppError::unauthorized)?;
    let id = crate::pages::parse_id(&raw)?;
    state.store.delete_saved_wishes(user, id).await?;
    Ok(see_other(PATH))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bleibe_domain::living::Mode;

    #[test]
    fn domain_fields_map_to_form_fields() {
        assert_eq!(form_field("persons[1].max_commute.transit"), "p2_transit");
        assert_eq!(form_field("persons[0].max_commute"), "p1_car");
        assert_eq!(form_field("persons[0].query"), "p1_query");
        assert_eq!(form_field("housing.rooms"), "rooms");
        assert_eq!(form_field("preferences.nature"), "nature");
        assert_eq!(form_field("stay_close_to.place"), "stay_place");
    }

    #[test]
    fn saved_wishes_come_back_as_the_same_form() {
        let tr = Lang::De.tr();
        let form = WishForm {
            pairs: vec![
                ("p1_query".into(), "Mechatroniker".into()),
                ("p1_car".into(), "35".into()),
                ("p1_transit".into(), "60".into()),
                ("p2_occupation".into(), "8".into()),
                ("p2_car".into(), "25".into()),
                ("children".into(), "3, 8".into()),
                ("rent".into(), "950".into()),
                ("rooms".into(), "3".into()),
                ("settlement".into(), "village".into()),
                ("nature".into(), "3".into()),
                ("stay_place".into(), "Weißwasser".into()),
                ("stay_minutes".into(), "45".into()),
            ],
        };
        let mut errors = Errors::default();
        let w = form.wishes(&tr, &mut errors, 1).expect("valid");
        assert!(errors.is_empty());
        assert_eq!(w.persons.len(), 2);
        assert_eq!(w.persons[1].max_commute.limits(), vec![(Mode::Car, 25)]);
        let again = WishForm::of(&w).wishes(&tr, &mut errors, 1).expect("valid");
        assert_eq!(again, w);
    }

    #[test]
    fn a_word_where_minutes_belong_is_an_error_at_that_field() {
        let tr = Lang::En.tr();
        let form = WishForm {
            pairs: vec![
                ("p1_query".into(), "Pflege".into()),
                ("p1_car".into(), "half an hour".into()),
            ],
        };
        let mut errors = Errors::default();
        assert!(form.wishes(&tr, &mut errors, 1).is_none());
        assert!(errors.get("p1_car").is_some());
    }
}
