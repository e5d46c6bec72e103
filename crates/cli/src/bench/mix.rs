//! The fixed query mix of `bleibe bench search` (documented in docs/PERFORMANCE.md; keep
//! the two in step).
//!
//! Nine classes, each with a few fixed variants (other terms, other places), all with the
//! default facets (kind, working time, occupation area) and the API's default page of 20.
//! The terms are chosen from what the demo corpus (crates/demo) contains, and so that
//! bleibe and PostgreSQL full-text search agree on the hits: no term that bleibe's compound
//! splitting or feminine-form reduction would find more often than PostgreSQL's `german`
//! configuration, no hyphenated or function words. Only the typo class differs by design
//! (PostgreSQL has no typo tolerance).

use bleibe_domain::{Contract, JobKind, WorkingTime};
use bleibe_search::{JobQuery, Sort};

/// A query class of the mix.
#[derive(Debug, Clone)]
pub struct Class {
    /// Short name, the first column of the report.
    pub name: &'static str,
    /// What it stands for.
    pub about: &'static str,
    /// Whether bleibe and PostgreSQL full-text search mean the same by these queries (so
    /// that their hits, facets and, where the order is deterministic, top 20 must agree).
    pub same_semantics: bool,
    /// The variants, run round-robin.
    pub variants: Vec<Variant>,
}

/// One query of a class.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Human-readable form, e.g. `q=Mechatroniker near=Cottbus radius_km=25`.
    pub label: String,
    /// The same query as `/api/v1/jobs` parameters (URL-encoded, without `?`).
    pub params: String,
    /// The query.
    pub query: JobQuery,
}

/// A centre for radius queries: a demo town (GeoNames coordinates, as in
/// `bleibe_demo::TOWNS`).
fn town(name: &str) -> (f64, f64) {
    bleibe_demo::TOWNS
        .iter()
        .find(|t| t.name == name)
        .map(|t| (t.lat, t.lon))
        .unwrap_or_else(|| panic!("{name} is no demo town"))
}

/// Builds a variant from its parts; the label and the URL parameters are derived from
/// them, so the in-process queries and the HTTP mix cannot drift apart.
#[derive(Default)]
struct V {
    text: Option<&'static str>,
    kinds: Vec<JobKind>,
    working_times: Vec<WorkingTime>,
    occupations: Vec<&'static str>,
    contracts: Vec<Contract>,
    states: Vec<&'static str>,
    near: Option<&'static str>,
    radius_km: Option<f64>,
    sort: Option<Sort>,
}

impl V {
    fn text(t: &'static str) -> V {
        V {
            text: Some(t),
            ..V::default()
        }
    }

    fn build(self) -> Variant {
        let mut label: Vec<String> = Vec::new();
        let mut params: Vec<(&str, String)> = Vec::new();
        if let Some(t) = self.text {
            label.push(format!("q=\"{t}\""));
            params.push(("q", t.to_string()));
        }
        for k in &self.kinds {
            label.push(format!("kind={k}"));
            params.push(("kind", k.to_string()));
        }
        for w in &self.working_times {
            label.push(format!("working_time={w}"));
            params.push(("working_time", w.to_string()));
        }
        for o in &self.occupations {
            label.push(format!("occupation={o}"));
            params.push(("occupation", o.to_string()));
        }
        for c in &self.contracts {
            label.push(format!("contract={c}"));
            params.push(("contract", c.to_string()));
        }
        for s in &self.states {
            label.push(format!("state={s}"));
            params.push(("state", s.to_string()));
        }
        let centre = self.near.map(town);
        if let (Some(name), Some((lat, lon))) = (self.near, centre) {
            label.push(format!("near={name}"));
            params.push(("lat", lat.to_string()));
            params.push(("lon", lon.to_string()));
        }
        if let Some(r) = self.radius_km {
            label.push(format!("radius_km={r}"));
            params.push(("radius_km", r.to_string()));
        }
        let sort = self.sort.unwrap_or_default();
        match sort {
            Sort::Relevance => {}
            Sort::Date => {
                label.push("sort=date".into());
                params.push(("sort", "date".into()));
            }
            Sort::Distance => {
                label.push("sort=distance".into());
                params.push(("sort", "distance".into()));
            }
        }
        let query = JobQuery {
            text: self.text.map(str::to_string),
            kinds: self.kinds,
            occupations: self.occupations.iter().map(|o| o.to_string()).collect(),
            working_times: self.working_times,
            contracts: self.contracts,
            states: self.states.iter().map(|s| s.to_string()).collect(),
            centre,
            radius_km: self.radius_km,
            sort,
            ..JobQuery::default()
        };
        let params = params
            .iter()
            .map(|(k, v)| format!("{k}={}", url_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        Variant {
            label: label.join(" "),
            params,
            query,
        }
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The mix, in the order the classes are run (and reported).
pub fn classes() -> Vec<Class> {
    use JobKind::*;
    use WorkingTime::*;
    vec![
        Class {
            name: "common",
            about: "a common term (in 20 % or more of the jobs)",
            same_semantics: true,
            variants: ["Region", "Team", "Gehalt", "Zukunft"]
                .map(|t| V::text(t).build())
                .to_vec(),
        },
        Class {
            name: "rare",
            about: "a rare term (in less than 0.5 % of the jobs)",
            same_semantics: true,
            variants: [
                "Schornsteinfeger",
                "Florist",
                "Fahrlehrer",
                "Bilanzbuchhalter",
            ]
            .map(|t| V::text(t).build())
            .to_vec(),
        },
        Class {
            name: "two_terms",
            about: "two terms, both required",
            same_semantics: true,
            variants: [
                "Elektroniker Schichtdienst",
                "Gehalt Cottbus",
                "Busfahrer Linienverkehr",
                "Koch Spremberg",
            ]
            .map(|t| V::text(t).build())
            .to_vec(),
        },
        Class {
            name: "phrase",
            about: "a phrase (no phrase operator in either engine: every word is required)",
            same_semantics: true,
            variants: [
                "abgeschlossene Berufsausbildung",
                "betriebliche Altersvorsorge",
                "unbefristeter Arbeitsvertrag",
                "mittlerer Schulabschluss",
            ]
            .map(|t| V::text(t).build())
            .to_vec(),
        },
        Class {
            name: "term_25km",
            about: "a term within 25 km of a place (by relevance)",
            same_semantics: true,
            variants: [
                ("Elektroniker", "Cottbus"),
                ("Busfahrer", "Weißwasser"),
                ("Koch", "Görlitz"),
                ("Gehalt", "Senftenberg"),
            ]
            .map(|(t, near)| {
                V {
                    near: Some(near),
                    radius_km: Some(25.0),
                    ..V::text(t)
                }
                .build()
            })
            .to_vec(),
        },
        Class {
            name: "radius_50km",
            about: "radius only: every job within 50 km of a place, nearest first",
            same_semantics: true,
            variants: ["Cottbus", "Dresden", "Görlitz", "Finsterwalde"]
                .map(|near| {
                    V {
                        near: Some(near),
                        radius_km: Some(50.0),
                        sort: Some(Sort::Distance),
                        ..V::default()
                    }
                    .build()
                })
                .to_vec(),
        },
        Class {
            name: "filter",
            about: "a filter only (newest first)",
            same_semantics: true,
            variants: vec![
                V {
                    kinds: vec![Apprenticeship],
                    ..V::default()
                }
                .build(),
                V {
                    working_times: vec![PartTime],
                    ..V::default()
                }
                .build(),
                V {
                    occupations: vec!["8"],
                    ..V::default()
                }
                .build(),
                V {
                    kinds: vec![Internship, DualStudy],
                    ..V::default()
                }
                .build(),
            ],
        },
        Class {
            name: "term_3_filters",
            about: "a term with three filters, newest first",
            same_semantics: true,
            variants: vec![
                V {
                    kinds: vec![Job],
                    working_times: vec![FullTime],
                    states: vec!["11"],
                    sort: Some(Sort::Date),
                    ..V::text("Team")
                }
                .build(),
                V {
                    kinds: vec![Job],
                    occupations: vec!["2"],
                    contracts: vec![Contract::Permanent],
                    sort: Some(Sort::Date),
                    ..V::text("Gehalt")
                }
                .build(),
                V {
                    kinds: vec![Apprenticeship],
                    working_times: vec![FullTime],
                    states: vec!["13"],
                    sort: Some(Sort::Date),
                    ..V::text("Zukunft")
                }
                .build(),
            ],
        },
        Class {
            name: "typo",
            about: "a typo (bleibe allows one edit when the exact terms find nothing; \
                    PostgreSQL full-text search has no typo tolerance)",
            same_semantics: false,
            variants: ["Elecktroniker", "Mechatronikr", "Schornsteinfeeger"]
                .map(|t| V::text(t).build())
                .to_vec(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_a_few_distinct_variants() {
        let classes = classes();
        assert_eq!(classes.len(), 9);
        for c in &classes {
            assert!((3..=5).contains(&c.variants.len()), "{}", c.name);
            for (i, v) in c.variants.iter().enumerate() {
                assert!(c.variants[i + 1..].iter().all(|w| w.query != v.query));
            }
        }
    }

    #[test]
    fn parameters_are_url_encoded() {
        let v = V {
            near: Some("Görlitz"),
            radius_km: Some(25.0),
            ..V::text("Verkäufer")
        }
        .build();
        assert_eq!(v.label, "q=\"Verkäufer\" near=Görlitz radius_km=25");
        assert_eq!(
            v.params,
            "q=Verk%C3%A4ufer&lat=51.15518&lon=14.98853&radius_km=25"
        );
    }
}
