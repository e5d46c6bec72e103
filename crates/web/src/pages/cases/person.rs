//! Persons for the staff of the welcome center that records them: recording and
//! editing (optimistic locking), the person's page with their cases, a form to open a
//! case from a template, their consents (record and revoke), the access log, the
//! export (Art. 15/20 GDPR: readable and as JSON) and erasure (Art. 17, admins only).

use super::{
    categories, category, category_checks, day, id_options, json_download, log_rows, note,
    note_app_error, org_names, page_chrome, parse_date, parse_opt_id, recognition, span, staff,
    value, values, when, LogRow,
};
use crate::cases;
use crate::i18n::{Lang, Tr};
use crate::pages::form::{options, Errors, Field, SummaryItem};
use crate::pages::{form_pairs, html, html_status, parse_id, path_and_query, read_body, see_other};
use crate::params::{IdPair, RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::{Chrome, SelectOption};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use bleibe_domain::casework::consent::TEXT_VERSION;
use bleibe_domain::casework::{
    Case, CaseStatus, Category, Consent, HouseholdMember, NewCase, NewConsent, NewPerson, Person,
    Qualification, RecognitionStatus, SharingOverride, Step,
};
use bleibe_domain::policy::Action;
use bleibe_store::cases::{CaseFilter, CaseScope};
use chrono::{DateTime, Utc};

/// Empty rows the form offers for qualifications and household members.
const SPARE_ROWS: usize = 2;
/// Most rows read from a form.
const MAX_ROWS: usize = 20;

/// One qualification row as typed.
#[derive(Default, Clone)]
struct QualInput {
    title: String,
    kldb: String,
    recognition: String,
}

/// One household row as typed.
#[derive(Default, Clone)]
struct MemberInput {
    name: String,
    relation: String,
    birth_year: String,
}

/// The person form's values, as typed.
#[derive(Default)]
struct PersonInput {
    name: String,
    email: String,
    phone: String,
    languages: String,
    preferred_language: String,
    country: String,
    arrival_year: String,
    quals: Vec<QualInput>,
    members: Vec<MemberInput>,
    version: String,
}

impl PersonInput {
    fn blank() -> Self {
        Self {
            quals: vec![QualInput::default(); SPARE_ROWS],
            members: vec![MemberInput::default(); SPARE_ROWS],
            ..Self::default()
        }
    }

    fn of(p: &Person) -> Self {
        let d = &p.data;
        let mut quals: Vec<QualInput> = d
            .qualifications
            .iter()
            .map(|q| QualInput {
                title: q.title.clone(),
                kldb: q.kldb.clone().unwrap_or_default(),
                recognition: q.recognition.as_str().to_string(),
            })
            .collect();
        quals.extend(vec![QualInput::default(); SPARE_ROWS]);
        let mut members: Vec<MemberInput> = d
            .household
            .iter()
            .map(|m| MemberInput {
                name: m.name.clone(),
                relation: m.relation.clone(),
                birth_year: m.birth_year.map(|y| y.to_string()).unwrap_or_default(),
            })
            .collect();
        members.extend(vec![MemberInput::default(); SPARE_ROWS]);
        Self {
            name: d.name.clone(),
            email: d.email.clone().unwrap_or_default(),
            phone: d.phone.clone().unwrap_or_default(),
            languages: d.languages.join(", "),
            preferred_language: d.preferred_language.clone().unwrap_or_default(),
            country: d.country.clone().unwrap_or_default(),
            arrival_year: d.arrival_year.map(|y| y.to_string()).unwrap_or_default(),
            quals,
            members,
            version: p.version.to_string(),
        }
    }

    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let has = |name: String| pairs.iter().any(|(k, _)| *k == name);
        let quals = (1..=MAX_ROWS)
            .take_while(|i| has(format!("qual_title_{i}")))
            .map(|i| QualInput {
                title: value(pairs, &format!("qual_title_{i}")),
                kldb: value(pairs, &format!("qual_kldb_{i}")),
                recognition: value(pairs, &format!("qual_recognition_{i}")),
            })
            .collect();
        let members = (1..=MAX_ROWS)
            .take_while(|i| has(format!("member_name_{i}")))
            .map(|i| MemberInput {
                name: value(pairs, &format!("member_name_{i}")),
                relation: value(pairs, &format!("member_relation_{i}")),
                birth_year: value(pairs, &format!("member_birth_year_{i}")),
            })
            .collect();
        Self {
            name: value(pairs, "name"),
            email: value(pairs, "email"),
            phone: value(pairs, "phone"),
            languages: value(pairs, "languages"),
            preferred_language: value(pairs, "preferred_language"),
            country: value(pairs, "country"),
            arrival_year: value(pairs, "arrival_year"),
            quals,
            members,
            version: value(pairs, "version"),
        }
    }

    /// The person, with the form row of each qualification and household member; or
    /// the problems, field by field.
    fn to_new(&self, tr: &Tr) -> Result<(NewPerson, Vec<usize>, Vec<usize>), Errors> {
        let mut errors = Errors::default();
        let year = |errors: &mut Errors, field: &str, raw: &str| match raw.trim() {
            "" => None,
            s => s.parse::<i32>().ok().or_else(|| {
                note(errors, tr, field);
                None
            }),
        };
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let arrival_year = year(&mut errors, "arrival_year", &self.arrival_year);
        let mut qualifications = Vec::new();
        let mut qual_rows = Vec::new();
        for (i, q) in self.quals.iter().enumerate() {
            let n = i + 1;
            if q.title.trim().is_empty() && q.kldb.trim().is_empty() {
                continue;
            }
            let recognition = match q.recognition.trim() {
                "" => RecognitionStatus::NotStarted,
                r => RecognitionStatus::parse(r).unwrap_or_else(|| {
                    note(&mut errors, tr, &format!("qual_recognition_{n}"));
                    RecognitionStatus::NotStarted
                }),
            };
            qualifications.push(Qualification {
                title: q.title.clone(),
                kldb: opt(&q.kldb),
                recognition,
            });
            qual_rows.push(n);
        }
        let mut household = Vec::new();
        let mut member_rows = Vec::new();
        for (i, m) in self.members.iter().enumerate() {
            let n = i + 1;
            if [&m.name, &m.relation, &m.birth_year]
                .iter()
                .all(|v| v.trim().is_empty())
            {
                continue;
            }
            household.push(HouseholdMember {
                name: m.name.clone(),
                relation: m.relation.clone(),
                birth_year: year(
                    &mut errors,
                    &format!("member_birth_year_{n}"),
                    &m.birth_year,
                ),
            });
            member_rows.push(n);
        }
        let person = NewPerson {
            name: self.name.clone(),
            email: opt(&self.email),
            phone: opt(&self.phone),
            languages: self
                .languages
                .split([',', ';', ' '])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            preferred_language: opt(&self.preferred_language),
            country: opt(&self.country),
            arrival_year,
            qualifications,
            household,
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        // The domain's checks, with its problem on the form's field.
        if let Err(e) = person.clone().normalised() {
            match person_field(&e.field, &qual_rows, &member_rows) {
                Some(f) => note(&mut errors, tr, &f),
                None => errors.add("", tr.t("cp-error-household")),
            }
            return Err(errors);
        }
        Ok((person, qual_rows, member_rows))
    }
}

/// The form field of a person's field as the domain names it (`qualifications[1].kldb`
/// is the KldB field of the form row of the second qualification).
fn person_field(param: &str, qual_rows: &[usize], member_rows: &[usize]) -> Option<String> {
    let indexed = |prefix: &str, rows: &[usize]| -> Option<(usize, String)> {
        let rest = param.strip_prefix(prefix)?;
        let (i, part) = rest.split_once(']')?;
        let i: usize = i.parse().ok()?;
        Some((*rows.get(i)?, part.trim_start_matches('.').to_string()))
    };
    if let Some((row, part)) = indexed("qualifications[", qual_rows) {
        return Some(format!("qual_{part}_{row}"));
    }
    if let Some((row, part)) = indexed("household[", member_rows) {
        return Some(format!("member_{part}_{row}"));
    }
    if param.starts_with("languages") {
        return Some("languages".into());
    }
    match param {
        "name" | "email" | "phone" | "preferred_language" | "country" | "arrival_year" => {
            Some(param.to_string())
        }
        _ => None,
    }
}

struct QualFields {
    legend: String,
    title: Field,
    kldb: Field,
    recognition: Field,
}

struct MemberFields {
    legend: String,
    name: Field,
    relation: Field,
    birth_year: Field,
}

struct PersonFields {
    name: Field,
    email: Field,
    phone: Field,
    languages: Field,
    preferred_language: Field,
    country: Field,
    arrival_year: Field,
    quals: Vec<QualFields>,
    members: Vec<MemberFields>,
}

impl PersonFields {
    fn new(tr: &Tr, f: &PersonInput, errors: &Errors) -> Self {
        let quals = f
            .quals
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let n = i + 1;
                let mut opts = vec![SelectOption {
                    value: String::new(),
                    label: tr.t("cp-choose"),
                    selected: q.recognition.is_empty(),
                }];
                opts.extend(options(
                    RecognitionStatus::ALL,
                    RecognitionStatus::as_str,
                    |r| recognition(tr, r),
                    &q.recognition,
                ));
                QualFields {
                    legend: tr.t1("cp-qualification-row", "n", n),
                    title: Field::new(
                        format!("qual_title_{n}"),
                        tr.t1("cp-qualification-title", "n", n),
                        q.title.clone(),
                    )
                    .maxlength(200)
                    .errors(errors),
                    kldb: Field::new(
                        format!("qual_kldb_{n}"),
                        tr.t1("cp-qualification-kldb", "n", n),
                        q.kldb.clone(),
                    )
                    .inputmode("numeric")
                    .maxlength(5)
                    .errors(errors),
                    recognition: Field::select(
                        format!("qual_recognition_{n}"),
                        tr.t1("cp-qualification-recognition", "n", n),
                        opts,
                    )
                    .errors(errors),
                }
            })
            .collect();
        let members = f
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let n = i + 1;
                MemberFields {
                    legend: tr.t1("cp-member-row", "n", n),
                    name: Field::new(
                        format!("member_name_{n}"),
                        tr.t1("cp-member-name", "n", n),
                        m.name.clone(),
                    )
                    .maxlength(200)
                    .errors(errors),
                    relation: Field::new(
                        format!("member_relation_{n}"),
                        tr.t1("cp-member-relation", "n", n),
                        m.relation.clone(),
                    )
                    .maxlength(100)
                    .errors(errors),
                    birth_year: Field::new(
                        format!("member_birth_year_{n}"),
                        tr.t1("cp-member-birth-year", "n", n),
                        m.birth_year.clone(),
                    )
                    .inputmode("numeric")
                    .maxlength(4)
                    .errors(errors),
                }
            })
            .collect();
        let mut langs = vec![SelectOption {
            value: String::new(),
            label: tr.t("cp-lang-unknown"),
            selected: f.preferred_language.is_empty(),
        }];
        for code in ["de", "en"] {
            langs.push(SelectOption {
                value: code.into(),
                label: tr.t(&format!("cp-lang-{code}")),
                selected: f.preferred_language == code,
            });
        }
        Self {
            name: Field::new(
                "name",
                tr.t1("ws-required", "label", tr.t("cp-person-name")),
                f.name.clone(),
            )
            .required()
            .maxlength(200)
            .autocomplete("off")
            .errors(errors),
            email: Field::new("email", tr.t("cp-person-email"), f.email.clone())
                .control("email")
                .autocomplete("off")
                .errors(errors),
            phone: Field::new("phone", tr.t("cp-person-phone"), f.phone.clone())
                .control("tel")
                .autocomplete("off")
                .maxlength(40)
                .errors(errors),
            languages: Field::new(
                "languages",
                tr.t("cp-person-languages"),
                f.languages.clone(),
            )
            .hint(tr.t("cp-person-languages-hint"))
            .errors(errors),
            preferred_language: Field::select(
                "preferred_language",
                tr.t("cp-person-preferred-language"),
                langs,
            )
            .errors(errors),
            country: Field::new("country", tr.t("cp-person-country"), f.country.clone())
                .hint(tr.t("cp-person-country-hint"))
                .maxlength(2)
                .errors(errors),
            arrival_year: Field::new(
                "arrival_year",
                tr.t("cp-person-arrival-year"),
                f.arrival_year.clone(),
            )
            .inputmode("numeric")
            .maxlength(4)
            .errors(errors),
            quals,
            members,
        }
    }

    fn all(&self) -> Vec<&Field> {
        let mut v = vec![
            &self.name,
            &self.email,
            &self.phone,
            &self.languages,
            &self.preferred_language,
            &self.country,
            &self.arrival_year,
        ];
        for q in &self.quals {
            v.extend([&q.title, &q.kldb, &q.recognition]);
        }
        for m in &self.members {
            v.extend([&m.name, &m.relation, &m.birth_year]);
        }
        v
    }
}

#[derive(Template)]
#[template(path = "cases/person_form.html")]
struct PersonFormPage {
    chrome: Chrome,
    heading: String,
    action: String,
    cancel_href: String,
    org: Option<i64>,
    version: String,
    f: PersonFields,
    summary: Vec<SummaryItem>,
}

/// Renders the person form.
#[allow(clippy::too_many_arguments)]
fn form_page(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    existing: Option<&Person>,
    org: i64,
    input: &PersonInput,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let f = PersonFields::new(&tr, input, errors);
    let summary = errors.summary(&f.all());
    let (heading, action, cancel_href) = match existing {
        Some(p) => (
            tr.t1("cp-person-edit-title", "name", &p.data.name),
            format!("/persons/{}/edit", p.id),
            format!("/persons/{}", p.id),
        ),
        None => (
            tr.t("cp-person-new-title"),
            "/persons".to_string(),
            "/cases".to_string(),
        ),
    };
    html_status(
        status,
        PersonFormPage {
            chrome: page_chrome(state, lang, caller, path, "cases", &heading),
            heading,
            action,
            cancel_href,
            org: existing.is_none().then_some(org),
            version: input.version.clone(),
            f,
            summary,
        },
    )
}

/// `GET /persons/new?org=…`.
pub(super) async fn new_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    let raw = RawQuery::parse(req.uri().query())?;
    caller.require_identity()?;
    let org = cases::working_org(&caller, raw.id("org")?)?;
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        None,
        org,
        &PersonInput::blank(),
        &Errors::default(),
        StatusCode::OK,
    )
}

/// `POST /persons`: records the person for the welcome center of the hidden `org`
/// field and goes to their page.
pub(super) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let wanted = parse_opt_id(&value(&pairs, "org")).unwrap_or(None);
    let org = cases::working_org(&caller, wanted)?;
    let input = PersonInput::from_pairs(&pairs);
    let tr = lang.tr();
    let mut errors = Errors::default();
    match input.to_new(&tr) {
        Ok((person, quals, members)) => {
            match cases::create_person(&state, &caller, org, person).await {
                Ok(p) => return Ok(see_other(&format!("/persons/{}", p.id))),
                Err(e) => {
                    note_app_error(&mut errors, &tr, e, |p| person_field(p, &quals, &members))?;
                }
            }
        }
        Err(e) => errors = e,
    }
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        None,
        org,
        &input,
        &errors,
        StatusCode::BAD_REQUEST,
    )
}

/// The person of the path for the staff of their welcome center (401 before 404).
async fn person_of(
    state: &AppState,
    caller: &Caller,
    raw: &str,
    action: &str,
) -> Result<Person, AppError> {
    caller.require_identity()?;
    let id = parse_id(raw)?;
    cases::staff_person(state, caller, id, action).await
}

/// `GET /persons/{id}/edit`.
pub(super) async fn edit_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let person = person_of(&state, &caller, &raw, "view_person").await?;
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        Some(&person),
        person.org_id,
        &PersonInput::of(&person),
        &Errors::default(),
        StatusCode::OK,
    )
}

/// `POST /persons/{id}/edit`: saves the person if nobody changed them meanwhile (else
/// the page that explains the conflict, 409).
pub(super) async fn update(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let (req, body) = read_body(req).await?;
    let input = PersonInput::from_pairs(&form_pairs(&body));
    let tr = lang.tr();
    let mut errors = Errors::default();
    let version = input.version.trim().parse::<i64>();
    match (input.to_new(&tr), version) {
        (Ok((person, quals, members)), Ok(version)) => {
            match cases::update_person(&state, &caller, id, version, person).await {
                Ok(p) => return Ok(see_other(&format!("/persons/{}", p.id))),
                Err(e) => {
                    note_app_error(&mut errors, &tr, e, |p| person_field(p, &quals, &members))?;
                }
            }
        }
        (Ok(_), Err(_)) => errors.add("", tr.t("cp-error-version")),
        (Err(e), _) => errors = e,
    }
    let person = cases::staff_person(&state, &caller, id, "view_person").await?;
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        Some(&person),
        person.org_id,
        &input,
        &errors,
        StatusCode::BAD_REQUEST,
    )
}

/// A case of the person in their list.
struct CaseLink {
    href: String,
    title: String,
    status: String,
    started: String,
}

/// A consent as the person's page lists it.
struct ConsentRow {
    id: i64,
    recipient: String,
    purpose: String,
    categories: String,
    given: String,
    revoked: Option<String>,
    version: String,
}

/// What was typed into the case and consent forms of the person's page.
#[derive(Default)]
struct PersonForms {
    template_key: String,
    started_on: String,
    assignee_user: String,
    recipient_org: String,
    purpose: String,
    categories: Vec<String>,
    confirmed: bool,
}

struct CaseFields {
    template_key: Field,
    started_on: Field,
    assignee_user: Field,
}

struct ConsentFields {
    recipient_org: Field,
    purpose: Field,
    categories: Field,
    confirmed: Field,
}

#[derive(Template)]
#[template(path = "cases/person.html")]
struct PersonPage {
    chrome: Chrome,
    id: i64,
    name: String,
    facts: Vec<(String, String)>,
    qualifications: Vec<String>,
    household: Vec<String>,
    cases: Vec<CaseLink>,
    case_form: CaseFields,
    case_summary: Vec<SummaryItem>,
    consents: Vec<ConsentRow>,
    consent_form: ConsentFields,
    consent_summary: Vec<SummaryItem>,
    text_version: &'static str,
    log: Vec<LogRow>,
    log_caption: String,
    may_erase: bool,
}

/// The person's data as (label, value) pairs for a definition list.
fn facts(tr: &Tr, p: &NewPerson) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut add = |key: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            out.push((tr.t(key), v));
        }
    };
    add("cp-person-email", p.email.clone());
    add("cp-person-phone", p.phone.clone());
    add("cp-person-languages", Some(p.languages.join(", ")));
    add(
        "cp-person-preferred-language",
        p.preferred_language
            .as_deref()
            .map(|l| tr.t(&format!("cp-lang-{l}"))),
    );
    add("cp-person-country", p.country.clone());
    add(
        "cp-person-arrival-year",
        p.arrival_year.map(|y| y.to_string()),
    );
    out
}

fn qualification_lines(tr: &Tr, p: &NewPerson) -> Vec<String> {
    p.qualifications
        .iter()
        .map(|q| match &q.kldb {
            Some(k) => format!("{} (KldB {k}): {}", q.title, recognition(tr, q.recognition)),
            None => format!("{}: {}", q.title, recognition(tr, q.recognition)),
        })
        .collect()
}

fn household_lines(tr: &Tr, p: &NewPerson) -> Vec<String> {
    p.household
        .iter()
        .map(|m| {
            let mut s = m.name.clone();
            if !m.relation.is_empty() {
                s.push_str(&format!(", {}", m.relation));
            }
            if let Some(y) = m.birth_year {
                s.push_str(&format!(" ({})", tr.t1("cp-born", "year", y)));
            }
            s
        })
        .collect()
}

/// Renders the person's page.
#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    person: Person,
    forms: &PersonForms,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let code = lang.code();
    let org = person.org_id;
    let rows = state
        .store
        .cases(&CaseFilter {
            person_id: Some(person.id),
            ..CaseFilter::all(CaseScope::Holder(org))
        })
        .await?;
    let cases_list = rows
        .iter()
        .map(|r| CaseLink {
            href: format!("/cases/{}", r.case.id),
            title: r.case.title.get(code).to_string(),
            status: super::case_status(&tr, r.case.status),
            started: day(lang, r.case.started_on),
        })
        .collect();
    let templates: Vec<SelectOption> = state
        .store
        .case_templates(org)
        .await?
        .into_iter()
        .map(|t| SelectOption {
            selected: t.key == forms.template_key,
            value: t.key,
            label: t.name.get(code).to_string(),
        })
        .collect();
    let staff_list = staff(state, org).await?;
    let me = cases::user_id(caller)
        .map(|u| u.to_string())
        .unwrap_or_default();
    let assignee = if forms.template_key.is_empty() && forms.assignee_user.is_empty() {
        me
    } else {
        forms.assignee_user.clone()
    };
    let req = |key: &str| tr.t1("ws-required", "label", tr.t(key));
    let case_form = CaseFields {
        template_key: Field::select("template_key", req("cp-case-template"), templates)
            .errors(errors),
        started_on: Field::new(
            "started_on",
            tr.t("cp-case-start"),
            forms.started_on.clone(),
        )
        .control("date")
        .hint(tr.t("cp-case-start-hint"))
        .errors(errors),
        assignee_user: Field::select(
            "assignee_user",
            tr.t("cp-case-assignee"),
            id_options(&staff_list, Some(tr.t("cp-assignee-none")), &assignee),
        )
        .errors(errors),
    };
    let orgs = org_names(state).await?;
    let mut recipients: Vec<(i64, String)> = orgs
        .iter()
        .filter(|(id, _)| **id != org)
        .map(|(id, n)| (*id, n.clone()))
        .collect();
    recipients.sort_by(|a, b| a.1.cmp(&b.1));
    let consent_form = ConsentFields {
        recipient_org: Field::select(
            "recipient_org",
            req("cp-consent-recipient"),
            id_options(&recipients, Some(tr.t("cp-choose")), &forms.recipient_org),
        )
        .errors(errors),
        purpose: Field::new("purpose", req("cp-consent-purpose"), forms.purpose.clone())
            .hint(tr.t("cp-consent-purpose-hint"))
            .maxlength(500)
            .errors(errors),
        categories: Field::checks(
            "categories",
            req("cp-consent-categories"),
            category_checks(&tr, &forms.categories),
        )
        .errors(errors),
        confirmed: Field::checks(
            "confirmed",
            req("cp-consent-confirmed-legend"),
            vec![SelectOption {
                value: "yes".into(),
                label: tr.t("cp-consent-confirmed"),
                selected: forms.confirmed,
            }],
        )
        .errors(errors),
    };
    let case_summary = errors.summary(&[
        &case_form.template_key,
        &case_form.started_on,
        &case_form.assignee_user,
    ]);
    let consent_summary = errors.summary(&[
        &consent_form.recipient_org,
        &consent_form.purpose,
        &consent_form.categories,
        &consent_form.confirmed,
    ]);
    // A problem belongs to the form that has its field; the summary of the other form
    // would repeat it without a link.
    let (case_summary, consent_summary) = if case_summary.iter().any(|i| i.href.is_some()) {
        (case_summary, Vec::new())
    } else if consent_summary.iter().any(|i| i.href.is_some()) {
        (Vec::new(), consent_summary)
    } else {
        (case_summary, Vec::new())
    };
    let consents = state
        .store
        .consents_of_person(person.id)
        .await?
        .into_iter()
        .map(|c| ConsentRow {
            id: c.id,
            recipient: orgs
                .get(&c.consent.recipient_org)
                .cloned()
                .unwrap_or_default(),
            purpose: c.consent.purpose.clone(),
            categories: categories(&tr, &c.consent.categories),
            given: day(lang, c.given_at.date_naive()),
            revoked: c.revoked_at.map(|t| day(lang, t.date_naive())),
            version: c.consent.text_version.clone(),
        })
        .collect();
    let log = log_rows(&tr, state.store.access_log(person.id).await?);
    let page = PersonPage {
        chrome: page_chrome(state, lang, caller, path, "cases", &person.data.name),
        id: person.id,
        name: person.data.name.clone(),
        facts: facts(&tr, &person.data),
        qualifications: qualification_lines(&tr, &person.data),
        household: household_lines(&tr, &person.data),
        cases: cases_list,
        case_form,
        case_summary,
        consents,
        consent_form,
        consent_summary,
        text_version: TEXT_VERSION,
        log,
        log_caption: tr.t1("cp-log-caption-staff", "name", &person.data.name),
        may_erase: caller.may(Action::AdminCases(org)),
    };
    html_status(status, page)
}

/// `GET /persons/{id}`.
pub(super) async fn page(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let person = person_of(&state, &caller, &raw, "view_person").await?;
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        person,
        &PersonForms::default(),
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /persons/{id}/cases`: opens a case from a template and goes to it.
pub(super) async fn open_case(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let forms = PersonForms {
        template_key: value(&pairs, "template_key"),
        started_on: value(&pairs, "started_on"),
        assignee_user: value(&pairs, "assignee_user"),
        ..PersonForms::default()
    };
    let tr = lang.tr();
    let mut errors = Errors::default();
    if forms.template_key.trim().is_empty() {
        note(&mut errors, &tr, "template_key");
    }
    let started_on = parse_date(&forms.started_on).unwrap_or_else(|()| {
        note(&mut errors, &tr, "started_on");
        None
    });
    let assignee = parse_opt_id(&forms.assignee_user).unwrap_or_else(|()| {
        note(&mut errors, &tr, "assignee_user");
        None
    });
    // The access check comes first: nobody learns from the form's answer whether the
    // person exists.
    let person = cases::staff_person(&state, &caller, id, "view_person").await?;
    if let Some(u) = assignee {
        if !staff(&state, person.org_id)
            .await?
            .iter()
            .any(|(s, _)| *s == u)
        {
            note(&mut errors, &tr, "assignee_user");
        }
    }
    if errors.is_empty() {
        let new = NewCase {
            person_id: id,
            template_key: forms.template_key.trim().to_string(),
            started_on,
            assignee_user: assignee,
        };
        match cases::create_case(&state, &caller, &new, CaseStatus::Open, "").await {
            Ok(c) => return Ok(see_other(&format!("/cases/{}", c.id))),
            Err(e) => {
                note_app_error(&mut errors, &tr, e, |p| {
                    matches!(p, "template_key").then(|| p.to_string())
                })?;
            }
        }
    }
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        person,
        &forms,
        &errors,
        StatusCode::BAD_REQUEST,
    )
    .await
}

/// `POST /persons/{id}/consents`: records a consent the person gave, for the text
/// version they were shown.
pub(super) async fn consent(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let forms = PersonForms {
        recipient_org: value(&pairs, "recipient_org"),
        purpose: value(&pairs, "purpose"),
        categories: values(&pairs, "categories"),
        confirmed: value(&pairs, "confirmed") == "yes",
        ..PersonForms::default()
    };
    let tr = lang.tr();
    let mut errors = Errors::default();
    let recipient = match parse_opt_id(&forms.recipient_org) {
        Ok(Some(r)) => r,
        _ => {
            note(&mut errors, &tr, "recipient_org");
            0
        }
    };
    if forms.purpose.trim().is_empty() {
        note(&mut errors, &tr, "purpose");
    }
    let mut cats = Vec::new();
    for c in &forms.categories {
        match Category::parse(c) {
            Some(c) => cats.push(c),
            None => note(&mut errors, &tr, "categories"),
        }
    }
    if cats.is_empty() {
        note(&mut errors, &tr, "categories");
    }
    if !forms.confirmed {
        note(&mut errors, &tr, "confirmed");
    }
    let text_version = match value(&pairs, "text_version").trim() {
        "" => TEXT_VERSION.to_string(),
        v => v.to_string(),
    };
    if errors.is_empty() {
        let c = NewConsent {
            person_id: id,
            recipient_org: recipient,
            purpose: forms.purpose.trim().to_string(),
            categories: cats,
            text_version,
        };
        match cases::record_consent(&state, &caller, &c).await {
            Ok(_) => return Ok(see_other(&format!("/persons/{id}#consents-title"))),
            Err(e) => {
                note_app_error(&mut errors, &tr, e, |p| match p {
                    "recipient_org" | "purpose" | "categories" => Some(p.to_string()),
                    _ => None,
                })?;
            }
        }
    }
    let person = cases::staff_person(&state, &caller, id, "view_person").await?;
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        person,
        &forms,
        &errors,
        StatusCode::BAD_REQUEST,
    )
    .await
}

/// `POST /persons/{id}/consents/{consent}/revoke`: in force no more, at once.
pub(super) async fn revoke_consent(
    State(state): State<AppState>,
    caller: Caller,
    IdPair(id, consent): IdPair,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    cases::revoke_consent(&state, &caller, id, consent).await?;
    Ok(see_other(&format!("/persons/{id}#consents-title")))
}

/// A case in the readable export.
struct ExportCase {
    title: String,
    center: String,
    status: String,
    started: String,
    closed: Option<String>,
    message: String,
    steps: Vec<ExportStep>,
    documents: Vec<(String, String, String, String)>,
    appointments: Vec<(String, String, String, bool)>,
    overrides: Vec<(String, String, String, String)>,
}

/// A step in the readable export.
struct ExportStep {
    title: String,
    category: String,
    status: String,
    due: String,
    done: Option<String>,
    note: String,
}

#[derive(Template)]
#[template(path = "cases/export.html")]
struct ExportPage {
    chrome: Chrome,
    id: i64,
    name: String,
    exported_at: String,
    facts: Vec<(String, String)>,
    qualifications: Vec<String>,
    household: Vec<String>,
    cases: Vec<ExportCase>,
    consents: Vec<ConsentRow>,
    log: Vec<LogRow>,
    log_caption: String,
    json_href: String,
}

/// A part of the export read back (it was written by [`cases::export`] from these
/// types, so reading fails only on a change there).
fn part<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Result<T, AppError> {
    serde_json::from_value(v.clone()).map_err(AppError::internal)
}

fn text(v: &serde_json::Value, key: &str) -> String {
    v.get(key)
        .and_then(|x| x.as_str())
        .unwrap_or_default()
        .to_string()
}

fn instant(v: &serde_json::Value, key: &str) -> Option<DateTime<Utc>> {
    v.get(key)
        .and_then(|x| x.as_str())
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// The export read back into the sections the page shows.
struct ExportView {
    person: Person,
    cases: Vec<ExportCase>,
    consents: Vec<ConsentRow>,
    log: Vec<LogRow>,
}

/// The export of `cases::export` as sections a person can read.
fn export_view(
    tr: &Tr,
    doc: &serde_json::Value,
    orgs: &std::collections::HashMap<i64, String>,
) -> Result<ExportView, AppError> {
    let lang = tr.lang;
    let code = lang.code();
    let person: Person = part(&doc["person"])?;
    let org = |id: i64| orgs.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
    let mut out = Vec::new();
    for c in doc["cases"].as_array().cloned().unwrap_or_default() {
        let case: Case = part(&c["case"])?;
        let steps: Vec<Step> = part(&c["steps"])?;
        let overrides: Vec<SharingOverride> = part(&c["sharing_overrides"])?;
        let documents = c["documents"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|d| {
                (
                    text(d, "filename"),
                    text(d, "content_type"),
                    super::file_size(lang, d["size"].as_i64().unwrap_or(0)),
                    instant(d, "uploaded_at")
                        .map(|t| when(tr, t))
                        .unwrap_or_default(),
                )
            })
            .collect();
        let appointments = c["appointments"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|a| {
                let (s, e) = (instant(a, "starts_at")?, instant(a, "ends_at")?);
                Some((
                    text(a, "title"),
                    span(tr, s, e),
                    text(a, "location"),
                    !a["cancelled_at"].is_null(),
                ))
            })
            .collect();
        out.push(ExportCase {
            title: case.title.get(code).to_string(),
            center: text(&c, "welcome_center"),
            status: super::case_status(tr, case.status),
            started: day(lang, case.started_on),
            closed: case.closed_on.map(|d| day(lang, d)),
            message: case.request_message.clone(),
            steps: steps
                .iter()
                .map(|s| ExportStep {
                    title: s.title.get(code).to_string(),
                    category: category(tr, s.category),
                    status: super::step_status(tr, s.status),
                    due: day(lang, s.due_on),
                    done: s.done_on.map(|d| day(lang, d)),
                    note: s.note.clone(),
                })
                .collect(),
            documents,
            appointments,
            overrides: overrides
                .iter()
                .map(|o| {
                    (
                        org(o.sharing.recipient_org),
                        categories(tr, &o.sharing.categories),
                        format!(
                            "{} – {}",
                            super::legal_basis(tr, o.sharing.legal_basis),
                            o.sharing.law
                        ),
                        o.sharing.reason.clone(),
                    )
                })
                .collect(),
        });
    }
    let consents: Vec<Consent> = part(&doc["consents"])?;
    let consents = consents
        .into_iter()
        .map(|c| ConsentRow {
            id: c.id,
            recipient: org(c.consent.recipient_org),
            purpose: c.consent.purpose.clone(),
            categories: categories(tr, &c.consent.categories),
            given: day(lang, c.given_at.date_naive()),
            revoked: c.revoked_at.map(|t| day(lang, t.date_naive())),
            version: c.consent.text_version.clone(),
        })
        .collect();
    // Every entry: the readable export leaves nothing out.
    let log = doc["access_log"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|e| {
            let at = instant(e, "at");
            LogRow {
                at: at.map(|t| when(tr, t)).unwrap_or_default(),
                at_iso: at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                who: e["user"]
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| tr.t("cp-log-nobody")),
                org: text(e, "organisation"),
                action: super::access_action(tr, &text(e, "action")),
                case: e["case_id"].as_i64(),
            }
        })
        .collect();
    Ok(ExportView {
        person,
        cases: out,
        consents,
        log,
    })
}

/// `GET /persons/{id}/export`: everything bleibe holds about the person, readable.
pub(super) async fn export_page(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let person = person_of(&state, &caller, &raw, "export").await?;
    let doc = cases::export(&state, &person).await?;
    let tr = lang.tr();
    let orgs = org_names(&state).await?;
    let ExportView {
        person: p,
        cases: cases_view,
        consents,
        log,
    } = export_view(&tr, &doc, &orgs)?;
    let title = tr.t1("cp-export-title", "name", &p.data.name);
    html(ExportPage {
        chrome: page_chrome(
            &state,
            lang,
            &caller,
            &path_and_query(&req),
            "cases",
            &title,
        ),
        id: p.id,
        name: p.data.name.clone(),
        exported_at: instant(&doc, "exported_at")
            .map(|t| when(&tr, t))
            .unwrap_or_default(),
        facts: facts(&tr, &p.data),
        qualifications: qualification_lines(&tr, &p.data),
        household: household_lines(&tr, &p.data),
        cases: cases_view,
        consents,
        log,
        log_caption: tr.t1("cp-log-caption-staff", "name", &p.data.name),
        json_href: format!("/persons/{}/export.json", p.id),
    })
}

/// `GET /persons/{id}/export.json`: the same as a file (Art. 20 GDPR).
pub(super) async fn export_json(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Response, AppError> {
    let person = person_of(&state, &caller, &raw, "export").await?;
    let doc = cases::export(&state, &person).await?;
    json_download(&format!("bleibe-person-{}.json", person.id), &doc)
}

#[derive(Template)]
#[template(path = "cases/erase.html")]
struct ErasePage {
    chrome: Chrome,
    id: i64,
    name: String,
    cases: u64,
    confirm: Field,
    summary: Vec<SummaryItem>,
}

#[derive(Template)]
#[template(path = "cases/erased.html")]
struct ErasedPage {
    chrome: Chrome,
    cases: u64,
    documents: u64,
    account: bool,
}

/// The person for their welcome center's admins (erasure).
async fn erasable(state: &AppState, caller: &Caller, raw: &str) -> Result<Person, AppError> {
    let person = person_of(state, caller, raw, "view_person").await?;
    caller.authorize(Action::AdminCases(person.org_id))?;
    Ok(person)
}

#[allow(clippy::too_many_arguments)]
async fn erase_page(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    person: &Person,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let cases = state
        .store
        .cases(&CaseFilter {
            person_id: Some(person.id),
            ..CaseFilter::all(CaseScope::Holder(person.org_id))
        })
        .await?
        .len() as u64;
    let confirm = Field::checks(
        "confirm",
        tr.t1("ws-required", "label", tr.t("cp-erase-confirm-legend")),
        vec![SelectOption {
            value: "yes".into(),
            label: tr.t1("cp-erase-confirm", "name", &person.data.name),
            selected: false,
        }],
    )
    .errors(errors);
    let summary = errors.summary(&[&confirm]);
    html_status(
        status,
        ErasePage {
            chrome: page_chrome(
                state,
                lang,
                caller,
                path,
                "cases",
                &tr.t1("cp-erase-title", "name", &person.data.name),
            ),
            id: person.id,
            name: person.data.name.clone(),
            cases,
            confirm,
            summary,
        },
    )
}

/// `GET /persons/{id}/erase`: what erasure does, and the confirmation.
pub(super) async fn erase_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let person = erasable(&state, &caller, &raw).await?;
    erase_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        &person,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /persons/{id}/erase` (`confirm=yes`): erases the person; their cases remain
/// only as anonymised statistics.
pub(super) async fn erase(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let person = erasable(&state, &caller, &raw).await?;
    let (req, body) = read_body(req).await?;
    let tr = lang.tr();
    if value(&form_pairs(&body), "confirm") != "yes" {
        let mut errors = Errors::default();
        note(&mut errors, &tr, "confirm");
        return erase_page(
            &state,
            &caller,
            lang,
            &path_and_query(&req),
            &person,
            &errors,
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let erased = cases::erase(&state, person.id, "erasure").await?;
    html(ErasedPage {
        chrome: page_chrome(
            &state,
            lang,
            &caller,
            &path_and_query(&req),
            "cases",
            &tr.t("cp-erased-title"),
        ),
        cases: erased.cases as u64,
        documents: erased.documents as u64,
        account: erased.account_anonymised,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_domain_names_its_fields_and_the_form_finds_them() {
        assert_eq!(
            person_field("qualifications[1].kldb", &[1, 3], &[]).as_deref(),
            Some("qual_kldb_3")
        );
        assert_eq!(
            person_field("household[0].birth_year", &[], &[2]).as_deref(),
            Some("member_birth_year_2")
        );
        assert_eq!(
            person_field("languages[4]", &[], &[]).as_deref(),
            Some("languages")
        );
        assert_eq!(person_field("household", &[], &[]), None);
    }

    #[test]
    fn a_typed_person_keeps_its_rows() {
        let tr = Lang::De.tr();
        let mut input = PersonInput::blank();
        input.name = "Ana Souza".into();
        input.languages = "pt, en".into();
        input.quals[1].title = "Pflegefachkraft".into();
        input.quals[1].kldb = "8130".into();
        let (p, quals, members) = input.to_new(&tr).expect("valid");
        assert_eq!(p.languages, ["pt", "en"]);
        assert_eq!(quals, [2]);
        assert!(members.is_empty());
        input.quals[1].kldb = "81x".into();
        let errors = input.to_new(&tr).expect_err("invalid");
        assert!(errors.get("qual_kldb_2").is_some());
    }
}
