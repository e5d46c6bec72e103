//! `/jobs/{id}`: the whole job, with schema.org `JobPosting` JSON-LD.

use super::cards::{date, euros};
use super::{html, parse_id};
use crate::i18n::{Lang, Tr};
use crate::jsonld;
use crate::params::encode;
use crate::params::Segment;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::{kind_label, occupation_label, today, working_time_label};
use crate::state::AppState;
use crate::views::{Fact, JobBody, JobPage};
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::policy::Action;
use bleibe_domain::{Job, SalaryUnit, Source};

/// Salary as text: "3.200 – 3.900 € pro Monat".
pub(crate) fn salary_text(tr: &Tr, job: &Job) -> Option<String> {
    let s = job.data.salary?;
    let amount = match s.max {
        Some(max) if max > s.min => format!("{} – {}", euros(tr.lang, s.min), euros(tr.lang, max)),
        _ => euros(tr.lang, s.min),
    };
    let unit = match s.unit {
        SalaryUnit::Hour => "salary-per-hour",
        SalaryUnit::Month => "salary-per-month",
        SalaryUnit::Year => "salary-per-year",
    };
    Some(tr.t1(unit, "amount", amount))
}

/// The facts of a job page.
fn facts(tr: &Tr, job: &Job) -> Vec<Fact> {
    let d = &job.data;
    let mut f = vec![
        Fact {
            label: tr.t("fact-kind"),
            value: kind_label(tr, d.kind),
        },
        Fact {
            label: tr.t("fact-occupation"),
            value: format!("{} ({})", occupation_label(tr, &d.occupation), d.occupation),
        },
        Fact {
            label: tr.t("fact-working-time"),
            value: d
                .working_time
                .iter()
                .map(|w| working_time_label(tr, *w))
                .collect::<Vec<_>>()
                .join(", "),
        },
        Fact {
            label: tr.t("fact-contract"),
            value: tr.t(&format!("contract-{}", d.contract.as_str())),
        },
    ];
    if let Some(s) = salary_text(tr, job) {
        f.push(Fact {
            label: tr.t("fact-salary"),
            value: s,
        });
    }
    if let Some(c) = d.school_certificate {
        f.push(Fact {
            label: tr.t("fact-school-certificate"),
            value: tr.t(&format!("certificate-{}", c.as_str())),
        });
    }
    let mut address: Vec<String> = Vec::new();
    if let Some(s) = &d.street {
        address.push(s.clone());
    }
    address.push(match &d.postcode {
        Some(pc) => format!("{pc} {}", job.place.name),
        None => job.place.name.clone(),
    });
    f.push(Fact {
        label: tr.t("fact-location"),
        value: address.join(", "),
    });
    if let Some(s) = d.start_date {
        f.push(Fact {
            label: tr.t("fact-start"),
            value: date(tr.lang, s),
        });
    }
    // A draft or withdrawn job (seen by its writers) has not been posted as it stands.
    if d.status == bleibe_domain::JobStatus::Published {
        f.push(Fact {
            label: tr.t("fact-posted"),
            value: date(tr.lang, d.posted_at.date_naive()),
        });
    }
    if let Some(v) = d.valid_through {
        f.push(Fact {
            label: tr.t("fact-valid-through"),
            value: date(tr.lang, v),
        });
    }
    let source = match (d.source, &d.external_id) {
        (Source::Imported, Some(id)) => tr.t1("source-imported", "id", id),
        _ => tr.t("source-own"),
    };
    f.push(Fact {
        label: tr.t("fact-source"),
        value: source,
    });
    f
}

pub(super) async fn job(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewJob)?;
    let id = parse_id(&raw_id)?;
    let job = crate::manage::visible_job(&state, &caller, id).await?;
    let tr = lang.tr();
    let d = &job.data;
    let employer_site = state
        .store
        .employer(job.employer.id)
        .await?
        .and_then(|e| e.website);
    let url = format!("/jobs/{}", job.id);
    let ld = jsonld::job_posting(&job, employer_site.as_deref(), &url);
    html(JobPage {
        chrome: super::chrome(&state, lang, &req, "jobs", &d.title),
        job: job_body(&tr, &job),
        jsonld: jsonld::to_script_json(&ld),
    })
}

/// A job as its page shows it.
pub(crate) fn job_body(tr: &Tr, job: &Job) -> JobBody {
    let d = &job.data;
    JobBody {
        title: d.title.clone(),
        employer: job.employer.name.clone(),
        place: job.place.name.clone(),
        place_href: format!("/places/{}", job.place.id),
        facts: facts(tr, job),
        allowance: d
            .training_allowance
            .iter()
            .enumerate()
            .map(|(i, a)| {
                (
                    tr.t1("job-allowance-nth-year", "year", i + 1),
                    euros(tr.lang, f64::from(*a)),
                )
            })
            .collect(),
        description_html: d.description.clone(),
        apply_url: d.apply.url.clone(),
        apply_email: d.apply.email.clone(),
        demo: d.demo,
        expired: !job.is_open_on(today()),
        nearby_href: format!(
            "/jobs?{}",
            encode(&[
                ("near", job.place.id.to_string()),
                ("radius_km", "25".into()),
                ("occupation", d.occupation.chars().take(2).collect()),
            ])
        ),
    }
}
