//! schema.org `JobPosting` as JSON-LD for every job page, so that search engines and
//! aggregators understand the offer.

use bleibe_domain::{Contract, Job, JobKind, SalaryUnit, WorkingTime};

/// The `JobPosting` object for a job. `url` is the absolute or site-relative page URL.
pub fn job_posting(job: &Job, employer_url: Option<&str>, url: &str) -> serde_json::Value {
    let d = &job.data;
    let mut types: Vec<&str> = d
        .working_time
        .iter()
        .filter_map(|w| match w {
            WorkingTime::FullTime => Some("FULL_TIME"),
            WorkingTime::PartTime | WorkingTime::Minijob => Some("PART_TIME"),
            WorkingTime::Shift => Some("OTHER"),
            WorkingTime::Remote => None,
        })
        .collect();
    if d.contract == Contract::FixedTerm {
        types.push("TEMPORARY");
    }
    if d.kind == JobKind::Internship {
        types.push("INTERN");
    }
    if types.is_empty() {
        types.push("OTHER");
    }
    types.dedup();
    let mut address = serde_json::json!({
        "@type": "PostalAddress",
        "addressLocality": job.place.name,
        "addressRegion": bleibe_domain::State::from_code(&job.place.state_code).name,
        "addressCountry": "DE",
    });
    if let Some(s) = &d.street {
        address["streetAddress"] = s.clone().into();
    }
    if let Some(p) = &d.postcode {
        address["postalCode"] = p.clone().into();
    }
    let mut org = serde_json::json!({ "@type": "Organization", "name": job.employer.name });
    if let Some(u) = employer_url {
        org["sameAs"] = u.into();
    }
    let mut v = serde_json::json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": d.title,
        "description": d.description,
        "datePosted": d.posted_at.to_rfc3339(),
        "hiringOrganization": org,
        "jobLocation": { "@type": "Place", "address": address, "geo": {
            "@type": "GeoCoordinates", "latitude": job.place.lat, "longitude": job.place.lon } },
        "employmentType": types,
        "identifier": { "@type": "PropertyValue", "name": "bleibe", "value": job.id.to_string() },
        "url": url,
        "occupationalCategory": d.occupation,
    });
    if let Some(vt) = d.valid_through {
        v["validThrough"] = format!("{vt}T23:59:59{}", crate::berlin::offset_at_end_of(vt)).into();
    }
    if job.is_fully_remote() {
        v["jobLocationType"] = "TELECOMMUTE".into();
        v["applicantLocationRequirements"] =
            serde_json::json!({ "@type": "Country", "name": "DE" });
    }
    if let Some(s) = d.salary {
        let unit = match s.unit {
            SalaryUnit::Hour => "HOUR",
            SalaryUnit::Month => "MONTH",
            SalaryUnit::Year => "YEAR",
        };
        let mut value = serde_json::json!({ "@type": "QuantitativeValue", "unitText": unit });
        match s.max {
            Some(max) if max > s.min => {
                value["minValue"] = s.min.into();
                value["maxValue"] = max.into();
            }
            _ => value["value"] = s.min.into(),
        }
        v["baseSalary"] =
            serde_json::json!({ "@type": "MonetaryAmount", "currency": "EUR", "value": value });
    }
    if let Some(start) = d.start_date {
        v["jobStartDate"] = start.to_string().into();
    }
    v
}

/// Serialises JSON-LD for a `<script type="application/ld+json">` data block: `<`, `>`
/// and `&` become `\u003c`, `\u003e`, `\u0026`, so no value can close the element, and
/// the result must not be HTML-escaped.
pub fn to_script_json(v: &serde_json::Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_element() {
        let v = serde_json::json!({ "title": "</script><script>alert(1)</script> & more" });
        let s = to_script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).expect("still JSON");
        assert_eq!(back, v);
    }
}
